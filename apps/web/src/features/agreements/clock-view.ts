import type { CommitmentClock } from '@manyi/contracts';
import { isWorkingAt, type WorkingCalendar, workingMsBetween } from './business-time';

/**
 * How a commitment clock looks on the desk:
 * ok (green, under half used) · half (gold) · risk (orange, from the at-risk share) · overdue (red) ·
 * paused (grey) · met / missed (stopped, evaluated) · stopped (stopped without a verdict, e.g. cancelled).
 */
export type ClockTone = 'ok' | 'half' | 'risk' | 'overdue' | 'paused' | 'met' | 'missed' | 'stopped';

export const toneColor: Record<ClockTone, string> = {
  ok: '#389e0d',
  half: '#d48806',
  risk: '#d46b08',
  overdue: '#cf1322',
  paused: '#8c8c8c',
  met: '#389e0d',
  missed: '#cf1322',
  stopped: '#8c8c8c',
};

/** The at-risk share (0–1) of a metric: the lowest threshold of its active at-risk rules, else 75 %. */
export function riskShareFor(
  metric: CommitmentClock['metric'],
  rules: readonly { metric: string; trigger: string; thresholdPct: number; active: boolean }[],
): number {
  const pcts = rules
    .filter((r) => r.active && r.trigger === 'at_risk' && r.metric === metric)
    .map((r) => r.thresholdPct);
  return pcts.length > 0 ? Math.min(...pcts) / 100 : 0.75;
}

export interface LiveRemaining {
  /** Working minutes left to the promise now (negative when overdue); null when the clock is stopped. */
  promise: number | null;
  internal: number | null;
  /** True when the clock is running but now is outside working time (the countdown stands still). */
  idle: boolean;
}

/**
 * The remaining working minutes now, from the server's figures at `fetchedAt`: a running clock loses only the
 * working time since then (by the calendar when known, else wall time); paused and stopped ones do not move.
 */
export function liveRemaining(
  clock: CommitmentClock,
  fetchedAt: number,
  now: number,
  calendar: WorkingCalendar | undefined,
): LiveRemaining {
  if (clock.state !== 'running' || clock.promiseRemainingMinutes === null)
    return { promise: clock.promiseRemainingMinutes, internal: clock.internalRemainingMinutes, idle: false };
  const spentMs = calendar ? workingMsBetween(calendar, fetchedAt, now) : Math.max(0, now - fetchedAt);
  const spent = spentMs / 60_000;
  return {
    promise: clock.promiseRemainingMinutes - spent,
    internal: clock.internalRemainingMinutes === null ? null : clock.internalRemainingMinutes - spent,
    idle: calendar ? !isWorkingAt(calendar, now) : false,
  };
}

/** The share (0…, may exceed 1) of the promise already used. */
export function usedShare(clock: CommitmentClock, remainingPromise: number | null): number {
  if (remainingPromise === null || clock.promiseMinutes <= 0) return 0;
  return 1 - remainingPromise / clock.promiseMinutes;
}

export function clockTone(
  clock: CommitmentClock,
  remainingPromise: number | null,
  riskShare: number,
): ClockTone {
  if (clock.state === 'stopped') {
    if (clock.metPromise === null) return 'stopped';
    return clock.metPromise ? 'met' : 'missed';
  }
  if (clock.state === 'paused') return 'paused';
  if (remainingPromise !== null && remainingPromise < 0) return 'overdue';
  const used = usedShare(clock, remainingPromise);
  if (used >= riskShare) return 'risk';
  if (used >= 0.5) return 'half';
  return 'ok';
}

/**
 * A stopped clock's verdict in minutes: against the promise (positive = early) and against the internal
 * target (positive = beat the promise by finishing inside the tighter target).
 */
export function stoppedMargins(clock: CommitmentClock): { promise: number; internal: number } | null {
  if (clock.state !== 'stopped' || clock.marginMinutes === null) return null;
  return {
    promise: clock.marginMinutes,
    internal: clock.marginMinutes - (clock.promiseMinutes - clock.internalMinutes),
  };
}

const metricOrder = { first_response: 0, on_site: 1, resolution: 2 } as const;

/** The desk's order: first response, on site, resolution. */
export function sortClocks(clocks: readonly CommitmentClock[]): CommitmentClock[] {
  return [...clocks].sort((a, b) => metricOrder[a.metric] - metricOrder[b.metric]);
}
