import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { type LiveMessage, useLiveEvents } from '../../../shared/live-events';
import { ticketKeys } from '../api';
import type { RowFlash } from './queue-table';

const debounceMs = 300;
const flashMs = 5000;

/**
 * Keeps queues and counts current from the live stream: a burst of events becomes one refetch (after 300 ms),
 * and the rows they were about glow briefly so the eye finds them. Returns the rows glowing now.
 */
export function useQueueLiveRefresh(): ReadonlyMap<string, RowFlash> {
  const queryClient = useQueryClient();
  const [flashing, setFlashing] = useState<ReadonlyMap<string, RowFlash>>(new Map());
  const pending = useRef(new Map<string, RowFlash>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const expiries = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      for (const expiry of expiries.current) clearTimeout(expiry);
    },
    [],
  );

  useLiveEvents((message: LiveMessage) => {
    if (message.type !== 'resync') {
      const kind: RowFlash = message.type === 'ticket.created' ? 'created' : 'changed';
      // "created" wins over a later "changed" for the same row within one burst.
      if (pending.current.get(message.ticketId) !== 'created') pending.current.set(message.ticketId, kind);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(message.ticketId) });
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const batch = new Map(pending.current);
      pending.current.clear();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.queues() }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.counts() }),
      ]);
      if (batch.size === 0) return;
      // Glow once the refetched rows are on screen.
      setFlashing((old) => new Map([...old, ...batch]));
      const expiry = setTimeout(() => {
        expiries.current.delete(expiry);
        setFlashing((old) => {
          const next = new Map(old);
          for (const id of batch.keys()) next.delete(id);
          return next;
        });
      }, flashMs);
      expiries.current.add(expiry);
    }, debounceMs);
  });

  return flashing;
}
