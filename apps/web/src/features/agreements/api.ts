import type {
  Agreement,
  agreementBody,
  agreementChangeBody,
  agreementCoverage,
  agreementLink,
  Calendar,
  CommitmentClock,
  CustomerSummary,
  calendarBody,
  calendarChangeBody,
  calendarDaysBody,
  calendarDetail,
  calendarImportBody,
  commitmentStats,
  escalationRule,
  escalationRuleBody,
  escalationRuleChangeBody,
  notification,
  PublicAgreement,
  Team,
  TicketPriority,
  TicketType,
  User,
} from '@manyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, isApiError } from '../../shared/api-client';

export type CalendarDetail = z.infer<typeof calendarDetail>;
export type EscalationRule = z.infer<typeof escalationRule>;
export type Notification = z.infer<typeof notification>;
export type CommitmentStats = z.infer<typeof commitmentStats>;
export type AgreementCoverage = z.infer<typeof agreementCoverage>;
export type AgreementBody = z.input<typeof agreementBody>;
export type AgreementChangeBody = z.input<typeof agreementChangeBody>;
export type CalendarBody = z.input<typeof calendarBody>;
export type CalendarChangeBody = z.input<typeof calendarChangeBody>;
export type CalendarDaysBody = z.input<typeof calendarDaysBody>;
export type CalendarImportBody = z.input<typeof calendarImportBody>;
export type EscalationRuleBody = z.input<typeof escalationRuleBody>;
export type EscalationRuleChangeBody = z.input<typeof escalationRuleChangeBody>;
export type StatsBy = CommitmentStats['by'];
export type AgreementLink = z.infer<typeof agreementLink>;

/** React Query keys of the agreements feature (agreements, calendars, escalation, clocks, notifications, stats). */
export const agreementKeys = {
  all: ['agreements'] as const,
  list: () => [...agreementKeys.all, 'list'] as const,
  detail: (id: string) => [...agreementKeys.all, 'detail', id] as const,
  coverage: (q: CoverageQuery) => [...agreementKeys.all, 'coverage', q] as const,
  calendars: () => [...agreementKeys.all, 'calendars'] as const,
  calendar: (id: string) => [...agreementKeys.calendars(), id] as const,
  rules: () => [...agreementKeys.all, 'escalation-rules'] as const,
  clocks: (ticketId: string) => [...agreementKeys.all, 'clocks', ticketId] as const,
  notifications: () => [...agreementKeys.all, 'notifications'] as const,
  stats: (days: number, by: StatsBy) => [...agreementKeys.all, 'stats', days, by] as const,
  customer: (id: string) => [...agreementKeys.all, 'customer', id] as const,
  customerSearch: (q: string) => [...agreementKeys.all, 'customer-search', q] as const,
  teams: () => [...agreementKeys.all, 'teams'] as const,
  users: () => [...agreementKeys.all, 'users'] as const,
  publicPage: (token: string) => [...agreementKeys.all, 'public', token] as const,
};

// ── Agreements ──

export const fetchAgreement = (id: string) => api.get<Agreement>(`/agreements/${id}`);

export function useAgreements() {
  return useQuery({
    queryKey: agreementKeys.list(),
    queryFn: ({ signal }) => api.get<{ items: Agreement[] }>('/agreements', { signal }),
    select: (data) => data.items,
  });
}

export function useAgreement(id: string | null | undefined) {
  return useQuery({
    queryKey: agreementKeys.detail(id ?? 'none'),
    queryFn: () => fetchAgreement(id ?? ''),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useCreateAgreement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: AgreementBody; idempotencyKey: string }) =>
      api.post<Agreement>('/agreements', body, { idempotencyKey }),
    onSuccess: (created) => {
      queryClient.setQueryData(agreementKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: agreementKeys.list() });
    },
  });
}

export function useChangeAgreement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AgreementChangeBody }) =>
      api.patch<Agreement>(`/agreements/${id}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(agreementKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: agreementKeys.list() });
    },
  });
}

export interface CoverageQuery {
  customerId: string;
  unitId?: string;
  ticketType?: TicketType;
  priority?: TicketPriority;
  service?: string;
}

/** Which agreement covers a customer (and product) and what a requested service means under it — for intake. */
export function useCoverage(query: CoverageQuery | null) {
  return useQuery({
    queryKey: agreementKeys.coverage(query ?? { customerId: 'none' }),
    queryFn: ({ signal }) =>
      api.get<AgreementCoverage>('/agreements/coverage', { query: { ...query }, signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

// ── Calendars ──

export const fetchCalendar = (id: string) => api.get<CalendarDetail>(`/calendars/${id}`);

export function useCalendars() {
  return useQuery({
    queryKey: agreementKeys.calendars(),
    queryFn: ({ signal }) => api.get<{ items: Calendar[] }>('/calendars', { signal }),
    select: (data) => data.items,
  });
}

export function useCalendar(id: string | null | undefined, options: { staleTime?: number } = {}) {
  return useQuery({
    queryKey: agreementKeys.calendar(id ?? 'none'),
    queryFn: () => fetchCalendar(id ?? ''),
    enabled: Boolean(id),
    staleTime: options.staleTime,
  });
}

/** After any calendar write: the answer is the calendar as stored; the list (years, warnings) is refetched. */
function useCalendarWrite<V extends { id: string }>(send: (vars: V) => Promise<CalendarDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // Someone else changed the calendar: fetch it again so the next attempt goes with the current version.
    onError: (error, vars) => {
      if (isApiError(error, 'VERSION_CONFLICT'))
        void queryClient.invalidateQueries({ queryKey: agreementKeys.calendar(vars.id) });
    },
    onSuccess: (cal) => {
      queryClient.setQueryData(agreementKeys.calendar(cal.id), cal);
      void queryClient.invalidateQueries({ queryKey: agreementKeys.calendars(), exact: true });
      // Due times move with the calendar.
      void queryClient.invalidateQueries({ queryKey: [...agreementKeys.all, 'clocks'] });
    },
  });
}

export function useChangeCalendar() {
  return useCalendarWrite(({ id, body }: { id: string; body: CalendarChangeBody }) =>
    api.patch<CalendarDetail>(`/calendars/${id}`, body),
  );
}

export function useSetCalendarDays() {
  return useCalendarWrite(({ id, body }: { id: string; body: CalendarDaysBody }) =>
    api.put<CalendarDetail>(`/calendars/${id}/days`, body),
  );
}

export function useImportCalendarYear() {
  return useCalendarWrite(({ id, body }: { id: string; body: CalendarImportBody }) =>
    api.post<CalendarDetail>(`/calendars/${id}/years`, body),
  );
}

export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CalendarBody; idempotencyKey: string }) =>
      api.post<Calendar>('/calendars', body, { idempotencyKey }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.calendars() }),
  });
}

// ── Escalation rules ──

export const fetchRules = () =>
  api.get<{ items: EscalationRule[] }>('/escalation-rules').then((r) => r.items);

export function useEscalationRules() {
  return useQuery({
    queryKey: agreementKeys.rules(),
    queryFn: fetchRules,
    staleTime: 5 * 60_000,
  });
}

export function useCreateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: EscalationRuleBody; idempotencyKey: string }) =>
      api.post<EscalationRule>('/escalation-rules', body, { idempotencyKey }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.rules() }),
  });
}

export function useChangeRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EscalationRuleChangeBody }) =>
      api.patch<EscalationRule>(`/escalation-rules/${id}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.rules() }),
  });
}

// ── A work order's clocks ──

/** The commitment clocks of a work order; re-read every minute (and on live events, by the caller). */
export function useCommitmentClocks(ticketId: string) {
  return useQuery({
    queryKey: agreementKeys.clocks(ticketId),
    queryFn: ({ signal }) =>
      api.get<{ items: CommitmentClock[] }>(`/tickets/${ticketId}/commitments`, { signal }),
    refetchInterval: 60_000,
  });
}

// ── Notifications (the bell) ──

/** My newest notifications and how many are unread in all (the list holds only the newest 50). */
export function useNotifications() {
  return useQuery({
    queryKey: agreementKeys.notifications(),
    queryFn: ({ signal }) => api.get<{ items: Notification[]; unread: number }>('/notifications', { signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/notifications/read-all', {}),
    onMutate: () => {
      const at = new Date().toISOString();
      queryClient.setQueryData<{ items: Notification[]; unread: number }>(
        agreementKeys.notifications(),
        (old) =>
          old ? { items: old.items.map((n) => (n.readAt ? n : { ...n, readAt: at })), unread: 0 } : old,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.notifications() }),
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post<{ ok: true }>('/notifications/read', { ids }),
    onMutate: (ids) => {
      const at = new Date().toISOString();
      queryClient.setQueryData<{ items: Notification[]; unread: number }>(
        agreementKeys.notifications(),
        (old) => {
          if (!old) return old;
          const marked = old.items.filter((n) => ids.includes(n.id) && !n.readAt).length;
          return {
            items: old.items.map((n) => (ids.includes(n.id) && !n.readAt ? { ...n, readAt: at } : n)),
            unread: Math.max(0, old.unread - marked),
          };
        },
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.notifications() }),
  });
}

// ── Measures ──

export function useCommitmentStats(days: number, by: StatsBy) {
  return useQuery({
    queryKey: agreementKeys.stats(days, by),
    queryFn: ({ signal }) => api.get<CommitmentStats>('/stats/commitments', { query: { days, by }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });
}

// ── Names for ids (customers, teams, people) ──

export function useCustomerName(id: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: agreementKeys.customer(id ?? 'none'),
    queryFn: ({ signal }) => api.get<CustomerSummary>(`/customers/${id}`, { signal }),
    enabled: Boolean(id) && enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: agreementKeys.customerSearch(q),
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerSummary[] }>('/customers', { query: { q, limit: 20 }, signal }),
    select: (data) => data.items,
    enabled: q.trim().length >= 1,
    placeholderData: keepPreviousData,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: agreementKeys.teams(),
    queryFn: ({ signal }) => api.get<{ items: Team[] }>('/teams', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: agreementKeys.users(),
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/users', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

// ── The customer's agreement page (signed link) ──

/** Issues a 30-day link to the page that shows a customer their agreement (one per click). */
export function useIssueAgreementLink() {
  return useMutation({
    mutationFn: (customerId: string) =>
      api.post<AgreementLink>(
        `/customers/${customerId}/agreement-link`,
        {},
        {
          idempotencyKey: crypto.randomUUID(),
        },
      ),
  });
}

export function usePublicAgreement(token: string) {
  return useQuery({
    queryKey: agreementKeys.publicPage(token),
    queryFn: ({ signal }) => api.get<PublicAgreement>(`/public/agreement/${token}`, { signal }),
    retry: false,
  });
}
