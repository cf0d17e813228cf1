import type { QueueRow } from '@manyi/contracts';

/** How a queue row looks by its nearest promise: within it, past the at-risk share, or broken; none without. */
export type QueueTone = 'none' | 'ok' | 'risk' | 'overdue';

export const queueToneColor: Record<Exclude<QueueTone, 'none'>, string> = {
  ok: '#389e0d',
  risk: '#d46b08',
  overdue: '#cf1322',
};

/**
 * Green while the running clocks are inside their at-risk share, orange once one of them has used it (its
 * at-risk moment is precomputed in working time by the server), red once the nearest promise is broken —
 * the same colours as the work order's countdown.
 */
export function queueTone(row: Pick<QueueRow, 'nextDueAt' | 'nextRiskAt'>, now: number): QueueTone {
  if (!row.nextDueAt) return 'none';
  if (Date.parse(row.nextDueAt) <= now) return 'overdue';
  if (row.nextRiskAt && Date.parse(row.nextRiskAt) <= now) return 'risk';
  return 'ok';
}

/** The row class the queue table adds (styles in agreements.css). */
export function queueToneClass(row: Pick<QueueRow, 'nextDueAt' | 'nextRiskAt'>, now: number): string {
  const tone = queueTone(row, now);
  return tone === 'none' ? '' : `agreements-due-${tone}`;
}
