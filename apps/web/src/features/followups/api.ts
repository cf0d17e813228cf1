import type { Followup, FollowupDetail, followupListQuery, followupPage, SurveyLink } from '@manyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';

export type FollowupView = z.input<typeof followupListQuery>['view'] & string;
export type FollowupPage = z.infer<typeof followupPage>;

/** React Query keys of the follow-up worklist. */
export const followupKeys = {
  all: ['followups'] as const,
  list: (view: FollowupView) => [...followupKeys.all, 'list', view] as const,
  detail: (id: string) => [...followupKeys.all, 'detail', id] as const,
};

export function useFollowups(view: FollowupView) {
  return useQuery({
    queryKey: followupKeys.list(view),
    queryFn: ({ signal }) => api.get<FollowupPage>('/followups', { signal, query: { view, limit: 100 } }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useFollowup(id: string | null) {
  return useQuery({
    queryKey: followupKeys.detail(id ?? 'none'),
    queryFn: ({ signal }) => api.get<FollowupDetail>(`/followups/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useLogAttempt() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id: string;
      version: number;
      result: 'no_answer' | 'busy' | 'wrong_number' | 'reached';
      note?: string;
    }) =>
      api.post<{ followup: Followup; surveyLink: SurveyLink | null }>(`/followups/${v.id}/attempts`, {
        version: v.version,
        result: v.result,
        ...(v.note ? { note: v.note } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: followupKeys.all }),
  });
}

export interface OutcomeInput {
  id: string;
  version: number;
  problemResolved: boolean;
  satisfaction: number;
  newIssue: boolean;
  newIssueDescription?: string;
  note?: string;
}

export function useRecordOutcome() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: OutcomeInput) =>
      api.post<{ followup: Followup; newTicketId: string | null }>(`/followups/${id}/outcome`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: followupKeys.all }),
  });
}

export function useMarkLinkSent() {
  return useMutation({
    mutationFn: (v: { invitationId: string; via: 'sms' | 'copied' }) =>
      api.post(`/survey-invitations/${v.invitationId}/sent`, { via: v.via }),
  });
}
