import { describe, expect, test } from 'vitest';
import { isWorkingAt, localDateOf, periodsOn, type WorkingCalendar, workingMsBetween } from './business-time';

const daily: WorkingCalendar['week'] = {
  '0': [['08:00', '20:00']],
  '1': [['08:00', '20:00']],
  '2': [['08:00', '20:00']],
  '3': [['08:00', '20:00']],
  '4': [['08:00', '20:00']],
  '5': [['08:00', '20:00']],
  '6': [['08:00', '20:00']],
};
const office: WorkingCalendar['week'] = {
  '0': [],
  '1': [
    ['08:30', '12:00'],
    ['13:30', '18:00'],
  ],
  '2': [['09:00', '18:00']],
  '3': [['09:00', '18:00']],
  '4': [['09:00', '18:00']],
  '5': [['09:00', '18:00']],
  '6': [],
};
const shanghai = (local: string) => new Date(`${local}+08:00`).getTime();
const H = 3_600_000;

describe('client working time', () => {
  const cal: WorkingCalendar = {
    timeZone: 'Asia/Shanghai',
    is24x7: false,
    week: daily,
    days: [
      { day: '2026-10-01', kind: 'holiday', periods: null },
      { day: '2026-10-10', kind: 'workday', periods: null },
    ],
  };

  test('counts only working periods, across nights', () => {
    expect(workingMsBetween(cal, shanghai('2026-11-23T19:00:00'), shanghai('2026-11-24T09:00:00'))).toBe(
      2 * H,
    );
    expect(workingMsBetween(cal, shanghai('2026-11-23T21:00:00'), shanghai('2026-11-24T07:00:00'))).toBe(0);
    expect(workingMsBetween(cal, shanghai('2026-11-23T10:00:00'), shanghai('2026-11-23T09:00:00'))).toBe(0);
  });

  test('a holiday has no working time', () => {
    expect(workingMsBetween(cal, shanghai('2026-09-30T19:00:00'), shanghai('2026-10-02T09:00:00'))).toBe(
      2 * H,
    );
    expect(isWorkingAt(cal, shanghai('2026-10-01T10:00:00'))).toBe(false);
    expect(isWorkingAt(cal, shanghai('2026-10-02T10:00:00'))).toBe(true);
  });

  test('an adjusted working day on a weekend works the normal weekday periods', () => {
    const officeCal: WorkingCalendar = { ...cal, week: office };
    // 2026-10-10 is a Saturday: not worked in the office week, but 调休 makes it work Monday's periods.
    expect(periodsOn(officeCal, '2026-10-10')).toEqual(office['1']);
    expect(periodsOn(officeCal, '2026-10-17')).toEqual([]);
    expect(isWorkingAt(officeCal, shanghai('2026-10-10T12:30:00'))).toBe(false); // lunch break
    expect(isWorkingAt(officeCal, shanghai('2026-10-10T14:00:00'))).toBe(true);
  });

  test('24×7 is wall time', () => {
    const always = { ...cal, is24x7: true };
    expect(workingMsBetween(always, shanghai('2026-10-01T00:00:00'), shanghai('2026-10-02T00:00:00'))).toBe(
      24 * H,
    );
  });

  test('other zones and 24:00', () => {
    const ny: WorkingCalendar = {
      timeZone: 'America/New_York',
      is24x7: false,
      week: { ...daily, '1': [['20:00', '24:00']] },
      days: [],
    };
    // Monday 2026-11-23 20:00–24:00 in New York (UTC−5) is 01:00–05:00 UTC on the 24th.
    expect(workingMsBetween(ny, Date.parse('2026-11-24T00:00:00Z'), Date.parse('2026-11-24T06:00:00Z'))).toBe(
      4 * H,
    );
    expect(localDateOf(Date.parse('2026-11-24T03:00:00Z'), 'America/New_York')).toBe('2026-11-23');
  });
});
