import { describe, expect, test } from 'vitest';
import { formatCountdown, minutesToHm, parseHm, splitMinutes } from './duration';

describe('working-time durations', () => {
  test('minutes are written as hours:minutes', () => {
    expect(minutesToHm(270)).toBe('4:30');
    expect(minutesToHm(30)).toBe('0:30');
    expect(minutesToHm(3600)).toBe('60:00');
  });

  test('typed durations are read as minutes; blank means no target', () => {
    expect(parseHm('4:30')).toEqual({ ok: true, minutes: 270 });
    expect(parseHm(' 4：05 ')).toEqual({ ok: true, minutes: 245 });
    expect(parseHm('24')).toEqual({ ok: true, minutes: 1440 });
    expect(parseHm('')).toEqual({ ok: true, minutes: null });
    for (const bad of ['4:60', '-1', '1.5', 'abc', '0:00', '0', '9999:00'])
      expect(parseHm(bad), bad).toEqual({ ok: false });
  });

  test('round trip', () => {
    for (const m of [1, 59, 60, 61, 720, 2160])
      expect(parseHm(minutesToHm(m))).toEqual({ ok: true, minutes: m });
  });

  test('countdowns and splits', () => {
    expect(formatCountdown(3 * 3600_000 + 59 * 60_000 + 12_000)).toBe('3:59:12');
    expect(formatCountdown(-65_000)).toBe('0:01:05');
    expect(splitMinutes(125.9)).toEqual({ hours: 2, minutes: 5 });
    expect(splitMinutes(-3)).toEqual({ hours: 0, minutes: 0 });
  });
});
