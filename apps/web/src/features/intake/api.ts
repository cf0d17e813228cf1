import type { phoneLookupResponse, Ticket, TicketCreateBody, TimelineEntry } from '@manyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api-client';
import { customerKeys } from '../customers/api';

export type PhoneLookup = z.infer<typeof phoneLookupResponse>;

export interface CallBody {
  direction: 'inbound' | 'outbound';
  durationSec: number;
  summary: string;
  phone?: string;
}

export const intakeKeys = {
  all: ['intake'] as const,
  lookup: (term: string) => [...intakeKeys.all, 'lookup', term] as const,
};

/** Who is calling: exact number, or every customer whose number starts with the digits typed so far. */
export function usePhoneLookup(term: string | null) {
  return useQuery({
    queryKey: intakeKeys.lookup(term ?? ''),
    queryFn: ({ signal }) => api.get<PhoneLookup>('/customers/lookup', { query: { phone: term }, signal }),
    enabled: term !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TicketCreateBody; idempotencyKey: string }) =>
      api.post<Ticket>('/tickets', body, { idempotencyKey }),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: customerKeys.ticketsOf(ticket.customerId) });
      // The work-order queue (tickets feature) shows the new one on its next look.
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

/** Logs the call on the work order's timeline; the key makes a retry safe. */
export function useLogCall() {
  return useMutation({
    mutationFn: ({
      ticketId,
      body,
      idempotencyKey,
    }: {
      ticketId: string;
      body: CallBody;
      idempotencyKey: string;
    }) => api.post<TimelineEntry>(`/tickets/${ticketId}/calls`, body, { idempotencyKey }),
  });
}

/** Forgets earlier lookups (after a customer was created, the same digits must find them). */
export function useForgetLookups() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...intakeKeys.all, 'lookup'] });
}
