import type {
  ComplaintDetail,
  ComplaintRow,
  ComplaintSettings,
  ComplaintStep,
  ComplaintVerdict,
  CustomerSummary,
  complaintCreateBody,
  complaintListQuery,
  QueueRow,
  RemedyKind,
} from '@manyi/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';

export type ComplaintCreateInput = z.input<typeof complaintCreateBody>;
export type ComplaintListFilter = Omit<z.input<typeof complaintListQuery>, 'cursor' | 'limit'>;

/** React Query keys of the complaints feature. */
export const complaintKeys = {
  all: ['complaints'] as const,
  list: (f: ComplaintListFilter) => [...complaintKeys.all, 'list', f] as const,
  detail: (id: string) => [...complaintKeys.all, 'detail', id] as const,
  ofTicket: (ticketId: string) => [...complaintKeys.all, 'of-ticket', ticketId] as const,
  settings: () => [...complaintKeys.all, 'settings'] as const,
  customerSearch: (q: string) => [...complaintKeys.all, 'customer-search', q] as const,
  customer: (id: string) => [...complaintKeys.all, 'customer', id] as const,
  ticketByNumber: (q: string) => [...complaintKeys.all, 'ticket-by-number', q] as const,
};

export function useComplaints(filter: ComplaintListFilter) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: ComplaintRow[]; nextCursor: string | null }>('/complaints', {
        query: {
          ...(filter as Record<string, string | number | boolean | undefined>),
          limit: 50,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string) {
  return useQuery({
    queryKey: complaintKeys.detail(id),
    queryFn: ({ signal }) => api.get<ComplaintDetail>(`/complaints/${id}`, { signal }),
  });
}

/** The complaint record of a complaint work order (404 when it has none). */
export function useTicketComplaint(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: complaintKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api.get<ComplaintDetail>(`/tickets/${ticketId}/complaint`, { signal }),
    enabled,
    retry: false,
  });
}

export function useComplaintSettings() {
  return useQuery({
    queryKey: complaintKeys.settings(),
    queryFn: ({ signal }) => api.get<ComplaintSettings>('/complaint-settings', { signal }),
    staleTime: 60_000,
  });
}

export function useSaveComplaintSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintSettings) => api.put<ComplaintSettings>('/complaint-settings', body),
    onSuccess: (saved) => queryClient.setQueryData(complaintKeys.settings(), saved),
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: complaintKeys.customerSearch(q),
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerSummary[] }>('/customers', { query: { q, limit: 20 }, signal }),
    select: (data) => data.items,
    enabled: q.trim().length >= 1,
    placeholderData: keepPreviousData,
  });
}

export function useCustomerName(id: string | undefined) {
  return useQuery({
    queryKey: complaintKeys.customer(id ?? 'none'),
    queryFn: ({ signal }) => api.get<{ id: string; name: string }>(`/customers/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Looks a work order up by its number (for "what the complaint is about"). */
export function useTicketByNumber(q: string) {
  return useQuery({
    queryKey: complaintKeys.ticketByNumber(q),
    queryFn: ({ signal }) => api.get<{ items: QueueRow[] }>('/tickets', { query: { q, limit: 1 }, signal }),
    select: (d) => d.items.find((t) => t.number.toLowerCase() === q.trim().toLowerCase()) ?? null,
    enabled: /\d{3,}$/.test(q.trim()),
  });
}

export function useOpenComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ComplaintCreateInput; idempotencyKey: string }) =>
      api.post<ComplaintDetail>('/complaints', body, { idempotencyKey }),
    onSuccess: (c) => {
      queryClient.setQueryData(complaintKeys.detail(c.id), c);
      void queryClient.invalidateQueries({ queryKey: [...complaintKeys.all, 'list'] });
    },
  });
}

/** Every change to a complaint answers with the whole complaint: put it in the cache. */
function useComplaintMutation<V>(fn: (v: V) => Promise<ComplaintDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (c) => {
      queryClient.setQueryData(complaintKeys.detail(c.id), c);
      queryClient.setQueryData(complaintKeys.ofTicket(c.ticketId), c);
      void queryClient.invalidateQueries({ queryKey: [...complaintKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export const useRecordStep = () =>
  useComplaintMutation((v: { id: string; step: ComplaintStep; version: number; note?: string }) =>
    api.post<ComplaintDetail>(`/complaints/${v.id}/steps/${v.step}`, { version: v.version, note: v.note }),
  );

export const useStepNote = () =>
  useComplaintMutation((v: { id: string; step: ComplaintStep; version: number; note: string }) =>
    api.put<ComplaintDetail>(`/complaints/${v.id}/steps/${v.step}/note`, {
      version: v.version,
      note: v.note,
    }),
  );

export const useRecordVerdict = () =>
  useComplaintMutation((v: { id: string; version: number; verdict: ComplaintVerdict; note?: string }) =>
    api.post<ComplaintDetail>(`/complaints/${v.id}/verdict`, {
      version: v.version,
      verdict: v.verdict,
      note: v.note,
    }),
  );

export const useConclude = () =>
  useComplaintMutation((v: { id: string; note: string }) =>
    api.post<ComplaintDetail>(`/complaints/${v.id}/conclude`, { note: v.note }),
  );

export const useProposeRemedy = () =>
  useComplaintMutation(
    (v: { id: string; kind: RemedyKind; amountFen: number; description: string; idempotencyKey: string }) =>
      api.post<ComplaintDetail>(
        `/complaints/${v.id}/remedies`,
        { kind: v.kind, amountFen: v.amountFen, description: v.description },
        { idempotencyKey: v.idempotencyKey },
      ),
  );

export const useDecideRemedy = () =>
  useComplaintMutation(
    (v: { id: string; remedyId: string; decision: 'approve' | 'reject'; version: number; note?: string }) =>
      api.post<ComplaintDetail>(`/complaints/${v.id}/remedies/${v.remedyId}/${v.decision}`, {
        version: v.version,
        note: v.note,
      }),
  );

export const useEscalate = () =>
  useComplaintMutation((v: { id: string; version: number; note: string }) =>
    api.post<ComplaintDetail>(`/complaints/${v.id}/escalate`, { version: v.version, note: v.note }),
  );

export const useWinBackReview = () =>
  useComplaintMutation(
    (v: { id: string; version: number; status: 'active' | 'bought_again' | 'churned'; note?: string }) =>
      api.post<ComplaintDetail>(`/complaints/${v.id}/win-back`, {
        version: v.version,
        status: v.status,
        note: v.note,
      }),
  );
