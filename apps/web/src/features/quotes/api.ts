import type {
  Charge,
  PaymentMethod,
  PriceItem,
  PriceItemKind,
  PublicQuote,
  Quote,
  QuoteLineInput,
  TicketMoney,
} from '@manyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client';

export const quoteKeys = {
  all: ['quotes'] as const,
  priceItems: (f: PriceFilter) => [...quoteKeys.all, 'price-items', f] as const,
  money: (ticketId: string) => [...quoteKeys.all, 'money', ticketId] as const,
  publicQuote: (token: string) => [...quoteKeys.all, 'public', token] as const,
};

export interface PriceFilter {
  kind?: PriceItemKind;
  active?: 'true' | 'false';
  q?: string;
}

const newKey = () => crypto.randomUUID();

export function usePriceItems(f: PriceFilter = {}) {
  return useQuery({
    queryKey: quoteKeys.priceItems(f),
    queryFn: ({ signal }) => api.get<{ items: PriceItem[] }>('/price-items', { signal, query: { ...f } }),
    select: (d) => d.items,
  });
}

export type PriceItemInput = Pick<
  PriceItem,
  'kind' | 'code' | 'name' | 'priceFen' | 'partClass' | 'category' | 'active'
>;

export function useSavePriceItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: PriceItemInput }) => {
      if (!v.id) return api.post<PriceItem>('/price-items', v.body, { idempotencyKey: newKey() });
      const { kind: _k, code: _c, ...patch } = v.body;
      return api.patch<PriceItem>(`/price-items/${v.id}`, { ...patch, version: v.version });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...quoteKeys.all, 'price-items'] }),
  });
}

export function useTicketMoney(ticketId: string) {
  return useQuery({
    queryKey: quoteKeys.money(ticketId),
    queryFn: ({ signal }) => api.get<TicketMoney>(`/tickets/${ticketId}/money`, { signal }),
  });
}

function useMoneyMutation<V, R>(ticketId: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: quoteKeys.money(ticketId) }),
  });
}

export interface QuoteDraft {
  lines: QuoteLineInput[];
  validDays?: number;
  note?: string | null;
  fromOffers?: boolean;
}

export function useSaveQuote(ticketId: string) {
  return useMoneyMutation(ticketId, (v: { id?: string; version?: number; draft: QuoteDraft }) =>
    v.id
      ? api.patch<Quote>(`/quotes/${v.id}`, { ...v.draft, version: v.version })
      : api.post<Quote>(`/tickets/${ticketId}/quotes`, v.draft, { idempotencyKey: newKey() }),
  );
}

export function useSendQuote(ticketId: string) {
  return useMoneyMutation(ticketId, (v: { id: string; version: number }) =>
    api.post<{ quote: Quote; link: { path: string; expiresAt: string } }>(`/quotes/${v.id}/send`, {
      version: v.version,
    }),
  );
}

export function useDecideQuote(ticketId: string) {
  return useMoneyMutation(
    ticketId,
    (v: {
      id: string;
      version: number;
      decision: 'accepted' | 'declined';
      customerName: string;
      reason?: string;
    }) =>
      api.post<Quote>(`/quotes/${v.id}/decision`, {
        version: v.version,
        decision: v.decision,
        customerName: v.customerName,
        ...(v.reason ? { reason: v.reason } : {}),
      }),
  );
}

export function useRecordPayment(ticketId: string) {
  return useMoneyMutation(
    ticketId,
    (v: { method: PaymentMethod; amountFen: number; reference: string | null; key: string }) =>
      api.post<TicketMoney>(
        `/tickets/${ticketId}/payments`,
        { method: v.method, amountFen: v.amountFen, reference: v.reference },
        { idempotencyKey: v.key },
      ),
  );
}

export function useRecordPartUsed(ticketId: string) {
  return useMoneyMutation(ticketId, (v: { priceItemId: string; quantity: number }) =>
    api.post<Charge>(`/tickets/${ticketId}/parts-used`, v, { idempotencyKey: newKey() }),
  );
}

export function usePublicQuote(token: string) {
  return useQuery({
    queryKey: quoteKeys.publicQuote(token),
    queryFn: ({ signal }) => api.get<PublicQuote>(`/public/quote/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
}

export function usePublicDecision(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { decision: 'accepted' | 'declined'; customerName: string; reason?: string }) =>
      api.post<PublicQuote>(`/public/quote/${encodeURIComponent(token)}/decision`, v),
    onSuccess: (data) => qc.setQueryData(quoteKeys.publicQuote(token), data),
  });
}
