import {
  type attachment,
  type QueueCounts,
  type QueueRow,
  type SavedView,
  type Team,
  type Ticket,
  type TicketDetail,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
  type TimelineEntry,
  ticketTransitions,
  type Unit,
  type User,
} from '@manyi/contracts';
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, isApiError } from '../../shared/api-client';
import { type QueueParams, queueApiQuery } from './queue-params';

export type Attachment = z.infer<typeof attachment>;
export interface QueuePage {
  items: QueueRow[];
  nextCursor: string | null;
}

/** React Query keys of the tickets feature; everything under `tickets` so a live event can refresh it all. */
export const ticketKeys = {
  all: ['tickets'] as const,
  queues: () => [...ticketKeys.all, 'queue'] as const,
  queue: (params: QueueParams) => [...ticketKeys.queues(), params] as const,
  counts: () => [...ticketKeys.all, 'counts'] as const,
  savedViews: () => [...ticketKeys.all, 'saved-views'] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: string) => [...ticketKeys.details(), id] as const,
  timeline: (id: string) => [...ticketKeys.detail(id), 'timeline'] as const,
  attachments: (id: string) => [...ticketKeys.detail(id), 'attachments'] as const,
  unit: (id: string) => [...ticketKeys.all, 'unit', id] as const,
  users: () => [...ticketKeys.all, 'directory', 'users'] as const,
  teams: () => [...ticketKeys.all, 'directory', 'teams'] as const,
};

const pageSize = 50;

// ── Queue ──

export function useQueue(params: QueueParams, options: { pollMs?: number } = {}) {
  return useInfiniteQuery({
    queryKey: ticketKeys.queue(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<QueuePage>('/tickets', {
        query: { ...queueApiQuery(params), limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Without the live stream, fall back to polling so the queue never goes stale for long.
    refetchInterval: options.pollMs,
    placeholderData: (previous: InfiniteData<QueuePage, string | undefined> | undefined) => previous,
  });
}

export function useQueueCounts(options: { pollMs?: number } = {}) {
  return useQuery({
    queryKey: ticketKeys.counts(),
    queryFn: ({ signal }) => api.get<QueueCounts>('/tickets/counts', { signal }),
    refetchInterval: options.pollMs,
  });
}

// ── Saved views ──

export function useSavedViews() {
  return useQuery({
    queryKey: ticketKeys.savedViews(),
    queryFn: ({ signal }) => api.get<{ items: SavedView[] }>('/saved-views', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; shared: boolean; query: Record<string, unknown>; key: string }) =>
      api.post<SavedView>(
        '/saved-views',
        { name: input.name, shared: input.shared, query: input.query },
        { idempotencyKey: input.key },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.savedViews() }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/saved-views/${id}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.savedViews() }),
  });
}

// ── Directory (names for ids) ──

export function useUsers() {
  return useQuery({
    queryKey: ticketKeys.users(),
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/users', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ticketKeys.teams(),
    queryFn: ({ signal }) => api.get<{ items: Team[] }>('/teams', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

// ── One work order ──

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${id}`, { signal }),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: ticketKeys.timeline(id),
    queryFn: ({ signal }) => api.get<{ items: TimelineEntry[] }>(`/tickets/${id}/timeline`, { signal }),
    select: (data) => data.items,
  });
}

export function useAttachments(id: string) {
  return useQuery({
    queryKey: ticketKeys.attachments(id),
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>(`/tickets/${id}/attachments`, { signal }),
    select: (data) => data.items,
  });
}

/** The unit a work order is about; roles without customers.read are refused, so they never ask. */
export function useUnit(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.unit(unitId ?? 'none'),
    queryFn: ({ signal }) => api.get<Unit>(`/units/${unitId}`, { signal }),
    enabled: enabled && unitId !== null,
    retry: false,
  });
}

/** A change to a work order that carries the version it was based on (optimistic concurrency). */
export type TicketChange =
  | { kind: 'fields'; patch: { subject?: string; priority?: TicketPriority; type?: TicketType } }
  | { kind: 'transition'; to: TicketStatus; note?: string }
  | { kind: 'assign'; teamId: string | null; assigneeId: string | null }
  | { kind: 'tags'; tags: string[] };

function sendChange(id: string, version: number, change: TicketChange): Promise<Ticket> {
  switch (change.kind) {
    case 'fields':
      return api.patch<Ticket>(`/tickets/${id}`, { version, ...change.patch });
    case 'transition':
      return api.post<Ticket>(`/tickets/${id}/transition`, { version, to: change.to, note: change.note });
    case 'assign':
      return api.post<Ticket>(`/tickets/${id}/assign`, {
        version,
        teamId: change.teamId,
        assigneeId: change.assigneeId,
      });
    case 'tags':
      return api.put<Ticket>(`/tickets/${id}/tags`, { version, tags: change.tags });
  }
}

/** Everything a change to work order `id` makes stale: its timeline, the queues and their counts. */
function refreshAround(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(id) });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.queues() });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.counts() });
}

export function useChangeTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, change }: { version: number; change: TicketChange }) =>
      sendChange(id, version, change),
    onSuccess: (updated) => {
      // The answer is the plain ticket: keep the customer and recompute the moves the state machine allows.
      queryClient.setQueryData<TicketDetail>(ticketKeys.detail(id), (old) =>
        old
          ? {
              ...old,
              ...updated,
              allowedTransitions:
                old.allowedTransitions.length > 0 ? [...ticketTransitions[updated.status]] : [],
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id), exact: true });
      refreshAround(queryClient, id);
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT'))
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id), exact: true });
    },
  });
}

export type TimelineInput =
  | { kind: 'reply'; body: string }
  | { kind: 'note'; body: string }
  | { kind: 'call'; direction: 'inbound' | 'outbound'; durationSec: number; summary: string };

/** Adds a reply, note or call; `key` makes a retry of the same draft safe. */
export function useAppendToTimeline(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: TimelineInput; key: string }) => {
      const { kind, ...body } = input;
      const path = kind === 'reply' ? 'replies' : kind === 'note' ? 'notes' : 'calls';
      return api.post<TimelineEntry>(`/tickets/${id}/${path}`, body, { idempotencyKey: key });
    },
    onSuccess: (entry) => {
      queryClient.setQueryData<{ items: TimelineEntry[] }>(ticketKeys.timeline(id), (old) =>
        old && !old.items.some((e) => e.id === entry.id) ? { items: [...old.items, entry] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.queues() });
    },
  });
}

/** The CSRF token of the session, for the one request the JSON client cannot send (multipart upload). */
function csrfToken(): string | null {
  try {
    return sessionStorage.getItem('manyi.csrf');
  } catch {
    return null;
  }
}

/** Uploads one file as multipart/form-data (field "file"); errors come back as ApiError with the server's message. */
export async function uploadAttachment(
  ticketId: string,
  file: File,
  options: { key: string; language: string; csrf?: string | null; onProgress?: (percent: number) => void },
): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': options.language,
    'Idempotency-Key': options.key,
  };
  const token = options.csrf ?? csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  // XMLHttpRequest rather than fetch: it reports upload progress.
  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/tickets/${ticketId}/attachments`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', ''));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as Attachment);
        return;
      }
      const error = (
        payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined
      )?.error;
      if (error && typeof error.code === 'string' && typeof error.message === 'string')
        reject(new ApiError(xhr.status, error.code as ApiError['code'], error.message, error.details));
      else reject(new ApiError(xhr.status, 'UNEXPECTED_RESPONSE', ''));
    };
    xhr.send(form);
  });
}

export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${id}/content`;
}

/** After an upload: the list, the timeline (an "attachment added" entry) and the queue order change. */
export function useRefreshAfterUpload(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.attachments(id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.queues() });
  };
}
