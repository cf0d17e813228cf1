import type {
  FieldVisit,
  PublicVisit,
  PublicVisitAnswerBody,
  Visit,
  VisitBoard,
  VisitLink,
  visitCheckInBody,
  visitCreateBody,
  visitMissedBody,
  visitReportBody,
  visitRescheduleBody,
  visitSignOffBody,
} from '@manyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';
import { ticketKeys } from '../tickets/api';

export type VisitCreateInput = z.input<typeof visitCreateBody>;
export type VisitRescheduleInput = z.input<typeof visitRescheduleBody>;
export type VisitCheckInInput = z.input<typeof visitCheckInBody>;
export type VisitReportInput = z.input<typeof visitReportBody>;
export type VisitSignOffInput = z.input<typeof visitSignOffBody>;
export type VisitMissedInput = z.input<typeof visitMissedBody>;

/** React Query keys of the visits feature. */
export const visitKeys = {
  all: ['visits'] as const,
  ofTicket: (ticketId: string) => [...visitKeys.all, 'ticket', ticketId] as const,
  mine: (date: string | undefined) => [...visitKeys.all, 'mine', date ?? 'today'] as const,
  one: (id: string) => [...visitKeys.all, 'one', id] as const,
  board: (date: string, teamId?: string) => [...visitKeys.all, 'board', date, teamId ?? 'all'] as const,
  publicVisit: (token: string) => [...visitKeys.all, 'public', token] as const,
};

export function useTicketVisits(ticketId: string) {
  return useQuery({
    queryKey: visitKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api.get<{ items: Visit[] }>(`/tickets/${ticketId}/visits`, { signal }),
  });
}

export function useMyVisits(date?: string) {
  return useQuery({
    queryKey: visitKeys.mine(date),
    queryFn: ({ signal }) =>
      api.get<{ date: string; items: FieldVisit[] }>('/visits/mine', { query: { date }, signal }),
  });
}

export function useFieldVisit(id: string) {
  return useQuery({
    queryKey: visitKeys.one(id),
    queryFn: ({ signal }) => api.get<FieldVisit>(`/visits/${id}`, { signal }),
  });
}

export function useBoard(date: string, teamId?: string, enabled = true) {
  return useQuery({
    queryKey: visitKeys.board(date, teamId),
    queryFn: ({ signal }) => api.get<VisitBoard>('/visits/board', { query: { date, teamId }, signal }),
    enabled,
  });
}

/** After any visit step: the visit lists, the work order (status, clocks) and its timeline change. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (ticketId?: string) => {
    void queryClient.invalidateQueries({ queryKey: visitKeys.all });
    if (ticketId) {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.attachments(ticketId) });
    }
  };
}

export function usePlanVisit(ticketId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { body: VisitCreateInput; key: string }) =>
      api.post<Visit>(`/tickets/${ticketId}/visits`, input.body, { idempotencyKey: input.key }),
    onSuccess: () => refresh(ticketId),
  });
}

type Step = 'confirm' | 'cancel' | 'reschedule' | 'check-in' | 'report' | 'sign-off' | 'check-out';

/** One step of a visit's life (POST /visits/:id/<step>), refreshing what it changes. */
export function useVisitStep(step: Step) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { id: string; body: Record<string, unknown> }) =>
      api.post<Visit>(`/visits/${input.id}/${step}`, input.body),
    onSuccess: (v) => refresh(v.ticketId),
  });
}

export function useMarkMissed() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { id: string; body: VisitMissedInput }) =>
      api.post<{ visit: Visit; revisit: Visit | null }>(`/visits/${input.id}/missed`, input.body),
    onSuccess: (r) => refresh(r.visit.ticketId),
  });
}

export function useIssueLink() {
  return useMutation({
    mutationFn: (id: string) => api.post<VisitLink>(`/visits/${id}/link`, {}),
  });
}

export function usePublicVisit(token: string) {
  return useQuery({
    queryKey: visitKeys.publicVisit(token),
    queryFn: ({ signal }) => api.get<PublicVisit>(`/public/visit/${token}`, { signal }),
    retry: false,
  });
}

export function useAnswerPublicVisit(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicVisitAnswerBody) => api.post<PublicVisit>(`/public/visit/${token}`, body),
    onSuccess: (v) => queryClient.setQueryData(visitKeys.publicVisit(token), v),
  });
}
