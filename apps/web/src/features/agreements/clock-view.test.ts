import type { CommitmentClock } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import type { WorkingCalendar } from './business-time';
import { clockTone, liveRemaining, riskShareFor, sortClocks, stoppedMargins } from './clock-view';

const base: CommitmentClock = {
  metric: 'on_site',
  agreementId: null,
  calendarId: null,
  state: 'running',
  promiseMinutes: 240,
  internalMinutes: 120,
  startedAt: '2026-11-23T02:00:00.000Z',
  promiseDueAt: '2026-11-23T06:00:00.000Z',
  internalDueAt: '2026-11-23T04:00:00.000Z',
  stoppedAt: null,
  metPromise: null,
  metInternal: null,
  marginMinutes: null,
  atRiskAt: null,
  breachedAt: null,
  promiseRemainingMinutes: 200,
  internalRemainingMinutes: 80,
};
const clock = (patch: Partial<CommitmentClock>): CommitmentClock => ({ ...base, ...patch });

describe('commitment clock on the desk', () => {
  test('colour by the share of the promise used', () => {
    expect(clockTone(clock({ promiseRemainingMinutes: 200 }), 200, 0.75)).toBe('ok');
    expect(clockTone(clock({}), 100, 0.75)).toBe('half');
    expect(clockTone(clock({}), 60, 0.75)).toBe('risk');
    expect(clockTone(clock({}), -1, 0.75)).toBe('overdue');
    expect(clockTone(clock({ state: 'paused' }), 10, 0.75)).toBe('paused');
    expect(clockTone(clock({ state: 'stopped', metPromise: true }), null, 0.75)).toBe('met');
    expect(clockTone(clock({ state: 'stopped', metPromise: false }), null, 0.75)).toBe('missed');
    expect(clockTone(clock({ state: 'stopped', metPromise: null }), null, 0.75)).toBe('stopped');
  });

  test('the at-risk share comes from the active at-risk rules of the metric', () => {
    const rules = [
      { metric: 'on_site', trigger: 'at_risk', thresholdPct: 80, active: true },
      { metric: 'on_site', trigger: 'at_risk', thresholdPct: 60, active: false },
      { metric: 'on_site', trigger: 'breached', thresholdPct: 100, active: true },
    ];
    expect(riskShareFor('on_site', rules)).toBe(0.8);
    expect(riskShareFor('resolution', rules)).toBe(0.75);
  });

  test('a running clock loses working time only', () => {
    const cal: WorkingCalendar = {
      timeZone: 'Asia/Shanghai',
      is24x7: false,
      week: { '0': [], '1': [['08:00', '20:00']], '2': [], '3': [], '4': [], '5': [], '6': [] },
      days: [],
    };
    // Monday 2026-11-23 19:59 → 20:01 Shanghai: one working minute.
    const from = Date.parse('2026-11-23T11:59:00Z');
    const live = liveRemaining(base, from, from + 2 * 60_000, cal);
    expect(live.promise).toBeCloseTo(199, 5);
    expect(live.internal).toBeCloseTo(79, 5);
    expect(live.idle).toBe(true);
    // Without the calendar, wall time.
    expect(liveRemaining(base, from, from + 2 * 60_000, undefined).promise).toBeCloseTo(198, 5);
    // Paused clocks stand still.
    expect(liveRemaining(clock({ state: 'paused' }), from, from + 3_600_000, cal).promise).toBe(200);
  });

  test('a stopped clock: margin against the promise and against the internal target', () => {
    expect(stoppedMargins(clock({ state: 'stopped', marginMinutes: 150, metPromise: true }))).toEqual({
      promise: 150,
      internal: 30,
    });
    expect(stoppedMargins(clock({ state: 'stopped', marginMinutes: 60 }))?.internal).toBe(-60);
    expect(stoppedMargins(base)).toBeNull();
  });

  test('order: first response, on site, resolution', () => {
    const sorted = sortClocks([clock({ metric: 'resolution' }), base, clock({ metric: 'first_response' })]);
    expect(sorted.map((c) => c.metric)).toEqual(['first_response', 'on_site', 'resolution']);
  });
});
