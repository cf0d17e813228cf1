import { type LiveEvent, liveEvent } from '@manyi/contracts';
import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * One Server-Sent Events stream (GET /api/v1/events) per browser tab, shared by every component that listens.
 * The server fans events out across instances (Postgres LISTEN/NOTIFY), so the tab needs only this one stream.
 * After a gap (reconnect), listeners get a `resync` so they refetch what they show: events sent while
 * disconnected are not replayed.
 */
export type LiveStatus = 'connecting' | 'live' | 'offline';
export type LiveMessage = LiveEvent | { type: 'resync' };

const url = '/api/v1/events';
const maxBackoffMs = 30_000;

const listeners = new Set<(message: LiveMessage) => void>();
const statusListeners = new Set<() => void>();
let source: EventSource | null = null;
let status: LiveStatus = 'connecting';
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let everOpened = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function setStatus(next: LiveStatus) {
  if (status === next) return;
  status = next;
  for (const notify of statusListeners) notify();
}

function emit(message: LiveMessage) {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch {
      // One broken listener must not starve the others.
    }
  }
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(maxBackoffMs, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}

function open() {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  if (typeof EventSource === 'undefined') {
    setStatus('offline');
    return;
  }
  setStatus('connecting');
  const es = new EventSource(url, { withCredentials: true });
  source = es;
  es.onopen = () => {
    if (source !== es) return;
    attempts = 0;
    setStatus('live');
    if (everOpened) emit({ type: 'resync' });
    everOpened = true;
  };
  es.onmessage = (event: MessageEvent<string>) => {
    if (source !== es) return;
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return;
    }
    const parsed = liveEvent.safeParse(payload);
    if (parsed.success) emit(parsed.data);
  };
  es.onerror = () => {
    if (source !== es) return;
    // CONNECTING: the browser retries by itself. CLOSED (an HTTP error such as 401 or 503): retry ourselves.
    if (es.readyState === EventSource.CLOSED) {
      setStatus('offline');
      scheduleRetry();
    } else {
      setStatus('connecting');
    }
  };
}

function scheduleRetry() {
  source?.close();
  source = null;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(open, backoffMs(attempts++));
}

function close() {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  attempts = 0;
  everOpened = false;
  setStatus('connecting');
}

function subscribe(listener: (message: LiveMessage) => void): () => void {
  listeners.add(listener);
  clearTimeout(idleTimer);
  if (!source && retryTimer === undefined) open();
  return () => {
    listeners.delete(listener);
    // Moving from one page to the next unsubscribes and resubscribes: keep the stream through that.
    if (listeners.size === 0) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => listeners.size === 0 && close(), 5000);
    }
  };
}

/** Drops the current stream and connects again now (the "reconnect" button). */
export function reconnectLiveEvents(): void {
  attempts = 0;
  if (listeners.size > 0) open();
}

/** Calls `onMessage` for every live event (and `resync` after a reconnect) while the component is mounted. */
export function useLiveEvents(onMessage: (message: LiveMessage) => void): void {
  const latest = useRef(onMessage);
  latest.current = onMessage;
  useEffect(() => subscribe((message) => latest.current(message)), []);
}

/** The stream's state, for a small "live" indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (notify) => {
      statusListeners.add(notify);
      return () => statusListeners.delete(notify);
    },
    () => status,
    () => 'connecting',
  );
}
