import { describe, expect, test } from 'vitest';
import { queueTone, queueToneClass } from './queue-tone';

const now = Date.parse('2026-11-23T06:00:00Z');

describe('queue row colour by the share of the promise used', () => {
  test('green inside the at-risk share, orange past it, red when broken, none without a clock', () => {
    const row = (nextDueAt: string | null, nextRiskAt: string | null) => ({ nextDueAt, nextRiskAt });
    expect(queueTone(row(null, null), now)).toBe('none');
    expect(queueTone(row('2026-11-23T08:00:00Z', '2026-11-23T07:00:00Z'), now)).toBe('ok');
    expect(queueTone(row('2026-11-23T08:00:00Z', '2026-11-23T06:00:00Z'), now)).toBe('risk');
    expect(queueTone(row('2026-11-23T05:59:00Z', '2026-11-23T05:00:00Z'), now)).toBe('overdue');
    // No at-risk rule for the metric: green until the promise breaks.
    expect(queueTone(row('2026-11-23T08:00:00Z', null), now)).toBe('ok');
    expect(queueToneClass(row('2026-11-23T05:00:00Z', null), now)).toBe('agreements-due-overdue');
    expect(queueToneClass(row(null, null), now)).toBe('');
  });
});
