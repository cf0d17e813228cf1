import type {
  CustodyItem,
  CustodyItemDetail,
  CustodyKind,
  CustodyStatus,
  custodyReport,
  NotifyChannel,
} from '@manyi/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';

export type CustodyReport = z.infer<typeof custodyReport>;

export interface CustodyFilter {
  status?: CustodyStatus;
  teamId?: string;
  ticketId?: string;
  overdue?: 'true';
  withIncidents?: 'true';
  q?: string;
}

export const custodyKeys = {
  all: ['custody'] as const,
  list: (f: CustodyFilter) => [...custodyKeys.all, 'list', f] as const,
  detail: (id: string) => [...custodyKeys.all, 'detail', id] as const,
  report: () => [...custodyKeys.all, 'report'] as const,
};

type Page = { items: CustodyItem[]; nextCursor: string | null };

export function useCustodyItems(f: CustodyFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: custodyKeys.list(f),
    queryFn: ({ signal, pageParam }) =>
      api.get<Page>('/custody/items', { signal, query: { ...f, limit: 50, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useCustodyItem(id: string | null) {
  return useQuery({
    queryKey: custodyKeys.detail(id ?? 'none'),
    queryFn: ({ signal }) => api.get<CustodyItemDetail>(`/custody/items/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useCustodyReport() {
  return useQuery({
    queryKey: custodyKeys.report(),
    queryFn: ({ signal }) => api.get<CustodyReport>('/custody/report', { signal }),
  });
}

function useCustodyMutation<V>(fn: (v: V) => Promise<CustodyItemDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => qc.setQueryData(custodyKeys.detail(d.id), d),
    onSettled: () => qc.invalidateQueries({ queryKey: custodyKeys.all }),
  });
}

export interface ReceiveBody {
  ticketId: string;
  kind: CustodyKind;
  description: string;
  serialNumber: string | null;
  condition: string;
  photoIds: string[];
  holderUserId: string | null;
  holderName?: string;
  location: string;
  dueBackAt: string | null;
}

export const useReceiveCustody = () =>
  useCustodyMutation((v: ReceiveBody) =>
    api.post<CustodyItemDetail>('/custody/items', v, { idempotencyKey: crypto.randomUUID() }),
  );

export const useMoveCustody = () =>
  useCustodyMutation(
    (v: {
      id: string;
      version: number;
      holderUserId: string | null;
      holderName?: string;
      location: string;
      note?: string;
    }) => {
      const { id, ...body } = v;
      return api.post<CustodyItemDetail>(`/custody/items/${id}/move`, body);
    },
  );

export const useReturnCustody = () =>
  useCustodyMutation(
    (v: {
      id: string;
      version: number;
      returnedToName: string;
      signature?: string;
      confirmed: boolean;
      note?: string;
    }) => {
      const { id, ...body } = v;
      return api.post<CustodyItemDetail>(`/custody/items/${id}/return`, body);
    },
  );

export const useReportIncident = () =>
  useCustodyMutation((v: { id: string; kind: 'loss' | 'damage'; description: string }) => {
    const { id, ...body } = v;
    return api.post<CustodyItemDetail>(`/custody/items/${id}/incidents`, body, {
      idempotencyKey: crypto.randomUUID(),
    });
  });

export const useNotifyCustomer = () =>
  useCustodyMutation(
    (v: { incidentId: string; version: number; via: NotifyChannel; notifiedAt: string; what: string }) => {
      const { incidentId, ...body } = v;
      return api.post<CustodyItemDetail>(`/custody/incidents/${incidentId}/notification`, body);
    },
  );

export const useCloseIncident = () =>
  useCustodyMutation((v: { incidentId: string; version: number; resolution: string }) => {
    const { incidentId, ...body } = v;
    return api.post<CustodyItemDetail>(`/custody/incidents/${incidentId}/close`, body);
  });
