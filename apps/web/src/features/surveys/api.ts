import type {
  Campaign,
  CampaignFilter,
  CampaignPreview,
  CustomerSatisfaction,
  campaignCreateBody,
  PublicSurvey,
  SatisfactionSettings,
  SurveyAnswerBody,
  SurveyInvitation,
  SurveyLink,
  SurveyResponse,
  SurveyTemplate,
  surveyTemplateChangeBody,
  surveyTemplateCreateBody,
} from '@manyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';

export type CampaignCreateBody = z.input<typeof campaignCreateBody>;
export type TemplateCreateBody = z.input<typeof surveyTemplateCreateBody>;
export type TemplateChangeBody = z.input<typeof surveyTemplateChangeBody>;

/** React Query keys of the surveys feature (settings, templates, answers, campaigns, public page). */
export const surveyKeys = {
  all: ['surveys'] as const,
  settings: () => [...surveyKeys.all, 'settings'] as const,
  templates: () => [...surveyKeys.all, 'templates'] as const,
  responses: (dissatisfied: boolean | undefined) => [...surveyKeys.all, 'responses', dissatisfied] as const,
  customer: (id: string) => [...surveyKeys.all, 'customer', id] as const,
  campaigns: () => [...surveyKeys.all, 'campaigns'] as const,
  campaign: (id: string) => [...surveyKeys.campaigns(), id] as const,
  preview: (filter: CampaignFilter) => [...surveyKeys.all, 'preview', filter] as const,
  publicPage: (token: string) => [...surveyKeys.all, 'public', token] as const,
};

export function useSatisfactionSettings() {
  return useQuery({
    queryKey: surveyKeys.settings(),
    queryFn: ({ signal }) => api.get<SatisfactionSettings>('/satisfaction-settings', { signal }),
  });
}

export function useChangeSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<SatisfactionSettings> & { version: number }) =>
      api.put<SatisfactionSettings>('/satisfaction-settings', body),
    onSuccess: (data) => qc.setQueryData(surveyKeys.settings(), data),
  });
}

export function useSurveyTemplates() {
  return useQuery({
    queryKey: surveyKeys.templates(),
    queryFn: ({ signal }) => api.get<{ items: SurveyTemplate[] }>('/survey-templates', { signal }),
    select: (d) => d.items,
  });
}

export function useCreateTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TemplateCreateBody; key: string }) =>
      api.post<SurveyTemplate>('/survey-templates', body, { idempotencyKey: key }),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.templates() }),
  });
}

export function useChangeTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TemplateChangeBody }) =>
      api.patch<SurveyTemplate>(`/survey-templates/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.templates() }),
  });
}

export function useSurveyResponses(dissatisfied: boolean | undefined) {
  return useQuery({
    queryKey: surveyKeys.responses(dissatisfied),
    queryFn: ({ signal }) =>
      api.get<{ items: SurveyResponse[] }>('/survey-responses', {
        signal,
        query: { dissatisfied: dissatisfied === undefined ? undefined : String(dissatisfied), limit: 100 },
      }),
    select: (d) => d.items,
  });
}

export function useCustomerSatisfaction(customerId: string | null | undefined) {
  return useQuery({
    queryKey: surveyKeys.customer(customerId ?? 'none'),
    queryFn: ({ signal }) =>
      api.get<CustomerSatisfaction>(`/customers/${customerId}/satisfaction`, { signal }),
    enabled: Boolean(customerId),
  });
}

export function useInviteCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      key,
    }: {
      body: { customerId: string; ticketId?: string; templateId?: string };
      key: string;
    }) => api.post<SurveyLink>('/survey-invitations', body, { idempotencyKey: key }),
    onSuccess: (_d, v) => qc.invalidateQueries({ queryKey: surveyKeys.customer(v.body.customerId) }),
  });
}

export function useIssueLink() {
  return useMutation({
    mutationFn: (invitationId: string) => api.post<SurveyLink>(`/survey-invitations/${invitationId}/link`),
  });
}

export function useMarkSent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      invitationId,
      via,
    }: {
      invitationId: string;
      via: 'sms' | 'email' | 'wechat' | 'copied';
    }) => api.post<SurveyInvitation>(`/survey-invitations/${invitationId}/sent`, { via }),
    onSuccess: (inv) => qc.invalidateQueries({ queryKey: surveyKeys.customer(inv.customerId) }),
  });
}

// ── Campaigns ──

export function useCampaigns() {
  return useQuery({
    queryKey: surveyKeys.campaigns(),
    queryFn: ({ signal }) => api.get<{ items: Campaign[] }>('/campaigns', { signal }),
    select: (d) => d.items,
    // Running campaigns report progress: poll while one runs.
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === 'running') ? 1500 : false),
  });
}

export function useCampaignPreview(filter: CampaignFilter, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.preview(filter),
    queryFn: ({ signal }) => api.post<CampaignPreview>('/campaigns/preview', { filter }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CampaignCreateBody; key: string }) =>
      api.post<Campaign>('/campaigns', body, { idempotencyKey: key }),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns() }),
  });
}

export function useStartCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: { id: string; version: number }) =>
      api.post<Campaign>(`/campaigns/${c.id}/start`, { version: c.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: surveyKeys.campaigns() }),
  });
}

// ── The customer's page ──

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: surveyKeys.publicPage(token),
    queryFn: ({ signal }) => api.get<PublicSurvey>(`/public/survey/${token}`, { signal }),
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (body: SurveyAnswerBody) =>
      api.post<{ ok: true; thanks: 'satisfied' | 'sorry' }>(`/public/survey/${token}`, body),
  });
}
