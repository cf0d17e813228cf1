import { describe, expect, test } from 'vitest';
import {
  breaksOf,
  dayMinutes,
  dayProblems,
  monthGrid,
  nextPeriod,
  parseDayList,
  timeChoices,
} from './calendar-logic';

describe('calendar editor logic', () => {
  test('time choices run from 00:00 to 24:00', () => {
    const choices = timeChoices(30);
    expect(choices[0]).toBe('00:00');
    expect(choices.at(-1)).toBe('24:00');
    expect(choices).toHaveLength(49);
  });

  test('periods must end after they start and not overlap', () => {
    expect(
      dayProblems([
        ['08:30', '12:00'],
        ['11:30', '18:00'],
        ['19:00', '19:00'],
      ]),
    ).toEqual([undefined, 'overlap', 'order']);
  });

  test('lunch breaks and minutes of a day', () => {
    const day = [
      ['08:30', '12:00'],
      ['13:30', '18:00'],
    ] as const;
    expect(breaksOf(day)).toEqual([['12:00', '13:30']]);
    expect(dayMinutes(day)).toBe(480);
    expect(nextPeriod([['08:30', '12:00']])).toEqual(['13:00', '17:00']);
    expect(nextPeriod([])).toEqual(['09:00', '18:00']);
  });

  test('a pasted list of holidays and adjusted working days', () => {
    const { days, errors } = parseDayList(
      [
        '# 2027 年国庆节',
        '2027-10-01 休 国庆节',
        '2027/10/9,班,国庆节',
        '2027年10月2日 holiday National Day',
        '2026-10-01 休',
        '2027-02-30 休',
        'tomorrow off',
        '2027-10-01 休 重复',
      ].join('\n'),
      2027,
    );
    expect(days).toEqual([
      { day: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2027-10-02', kind: 'holiday', name: 'National Day' },
      { day: '2027-10-09', kind: 'workday', name: '国庆节' },
    ]);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [5, 'year'],
      [6, 'format'],
      [7, 'format'],
      [8, 'duplicate'],
    ]);
  });

  test('a month grid starts on Monday', () => {
    // October 2026 starts on a Thursday.
    const grid = monthGrid(2026, 10);
    expect(grid[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(grid.flat().filter(Boolean)).toHaveLength(31);
    expect(grid.every((w) => w.length === 7)).toBe(true);
  });
});

describe('holidays grouped', () => {
  test('days off and days worked under their holiday, in calendar order', async () => {
    const { groupDays, formatShortDay } = await import('./calendar-logic');
    const groups = groupDays([
      { day: '2026-10-10', kind: 'workday', name: '国庆节' },
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2026-09-20', kind: 'workday', name: '国庆节' },
      { day: '2026-09-25', kind: 'holiday', name: '中秋节' },
      { day: '2026-12-24', kind: 'holiday', name: null },
    ]);
    expect(groups).toEqual([
      { name: '中秋节', holidays: ['2026-09-25'], workdays: [] },
      { name: '国庆节', holidays: ['2026-10-01'], workdays: ['2026-09-20', '2026-10-10'] },
      { name: null, holidays: ['2026-12-24'], workdays: [] },
    ]);
    expect(formatShortDay('2026-10-01', 'en')).toBe('Thu, Oct 1');
    expect(formatShortDay('2026-10-01', 'zh-CN')).toMatch(/10月1日/);
  });
});
