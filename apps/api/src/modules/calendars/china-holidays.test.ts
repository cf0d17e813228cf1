import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { type ChinaDay, chinaAllHolidayDays, chinaCoveredYears, chinaHolidayDays } from './china-holidays';

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** Every date from `from` to `to` inclusive, YYYY-MM-DD. */
function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('chinaCoveredYears', () => {
  it('is 2004–2026, every year in between, and not 2027 (the package treats 2027 as ordinary weeks)', () => {
    const years = chinaCoveredYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(years).not.toContain(2027);
    expect(chinaHolidayDays(2027).size).toBe(0);
    expect(chinaHolidayDays(2003).size).toBe(0);
  });
});

describe('chinaHolidayDays', () => {
  const y2025 = chinaHolidayDays(2025);
  const y2026 = chinaHolidayDays(2026);

  it('2025 National Day + Mid-Autumn: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked', () => {
    for (const date of datesFrom('2025-10-01', '2025-10-08'))
      expect(y2025.get(date)?.kind, date).toBe('holiday');
    // The package names 10-06 (the Mid-Autumn day itself) 中秋节 and the rest 国庆节.
    expect(y2025.get('2025-10-06')).toEqual({ kind: 'holiday', name: '中秋节' });
    expect(y2025.get('2025-10-01')).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(y2025.get('2025-10-08')).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(y2025.get('2025-09-28')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(weekdayOf('2025-09-28')).toBe(0);
    expect(y2025.get('2025-10-11')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(weekdayOf('2025-10-11')).toBe(6);
    expect(y2025.has('2025-10-09')).toBe(false);
    expect(y2025.has('2025-09-30')).toBe(false);
  });

  it('2025 Spring Festival: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    const festival = datesFrom('2025-01-28', '2025-02-04');
    expect(festival).toHaveLength(8);
    for (const date of festival) expect(y2025.get(date), date).toEqual({ kind: 'holiday', name: '春节' });
    expect(y2025.get('2025-01-26')).toEqual({ kind: 'workday', name: '春节' });
    expect(weekdayOf('2025-01-26')).toBe(0);
    expect(y2025.get('2025-02-08')).toEqual({ kind: 'workday', name: '春节' });
    expect(weekdayOf('2025-02-08')).toBe(6);
    expect(y2025.has('2025-01-27')).toBe(false);
    expect(y2025.has('2025-02-05')).toBe(false);
  });

  it('2025 has the other holidays under their official names', () => {
    expect(y2025.get('2025-01-01')).toEqual({ kind: 'holiday', name: '元旦' });
    expect(y2025.get('2025-04-04')).toEqual({ kind: 'holiday', name: '清明节' });
    expect(y2025.get('2025-05-01')).toEqual({ kind: 'holiday', name: '劳动节' });
    expect(y2025.get('2025-05-05')).toEqual({ kind: 'holiday', name: '劳动节' });
    expect(y2025.get('2025-04-27')).toEqual({ kind: 'workday', name: '劳动节' });
    expect(y2025.get('2025-05-31')).toEqual({ kind: 'holiday', name: '端午节' });
    expect(y2025.get('2025-06-02')).toEqual({ kind: 'holiday', name: '端午节' });
    const holidays = [...y2025.values()].filter((d) => d.kind === 'holiday');
    const workdays = [...y2025.values()].filter((d) => d.kind === 'workday');
    // 2025: 28 holiday days (1 + 8 + 3 + 5 + 3 + 8, weekends included) and 5 adjusted working days.
    expect(holidays).toHaveLength(28);
    expect(workdays).toHaveLength(5);
  });

  it('2026 National Day: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked; Mid-Autumn 09-25..27', () => {
    for (const date of datesFrom('2026-10-01', '2026-10-07'))
      expect(y2026.get(date), date).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(y2026.has('2026-10-08')).toBe(false);
    expect(y2026.get('2026-09-20')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(weekdayOf('2026-09-20')).toBe(0);
    expect(y2026.get('2026-10-10')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(weekdayOf('2026-10-10')).toBe(6);
    for (const date of datesFrom('2026-09-25', '2026-09-27'))
      expect(y2026.get(date), date).toEqual({ kind: 'holiday', name: '中秋节' });
  });

  it('returns the days of the asked year only, in date order, as a fresh map', () => {
    expect([...y2025.keys()].every((date) => date.startsWith('2025-'))).toBe(true);
    expect([...y2025.keys()]).toEqual([...y2025.keys()].sort());
    y2025.delete('2025-10-01');
    expect(chinaHolidayDays(2025).get('2025-10-01')?.kind).toBe('holiday');
    expect(() => chinaHolidayDays(2025.5)).toThrow(RangeError);
  });

  it('over all covered years: official names only (plus 2015’s one-off), adjusted working days on weekends', () => {
    const official = new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    const all = chinaAllHolidayDays();
    const oneOffs = [...all].filter(([, day]) => !official.has(day.name));
    // 2015-09-03..05 off for the 70th anniversary (09-05 a Saturday anyway), Sunday 09-06 worked.
    expect(oneOffs.map(([date, day]) => `${date} ${day.kind}`)).toEqual([
      '2015-09-03 holiday',
      '2015-09-04 holiday',
      '2015-09-06 workday',
    ]);
    expect(oneOffs[0]![1].name).toContain('抗日战争');
    const workdaysOnWeekdays = [...all].filter(
      ([date, day]) => day.kind === 'workday' && weekdayOf(date) !== 0 && weekdayOf(date) !== 6,
    );
    expect(workdaysOnWeekdays).toEqual([]);
    for (const year of chinaCoveredYears()) expect(chinaHolidayDays(year).size).toBeGreaterThan(10);
  });

  // The package's functions build their maps in the process's zone and are a day off west of UTC, which is
  // why china-holidays.ts reads the static JSON; where the functions are right, both must agree everywhere.
  it.skipIf(new Date(2025, 0, 1).getTimezoneOffset() > 0 || new Date(2025, 6, 1).getTimezoneOffset() > 0)(
    'agrees with the package’s own getDayDetail on every day of 2004–2027',
    () => {
      expect(typeof chineseDays.getDayDetail).toBe('function');
      const all = chinaAllHolidayDays();
      const disagreements: string[] = [];
      for (const date of datesFrom('2004-01-01', '2027-12-31')) {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const detail = chineseDays.getDayDetail(new Date(y, m - 1, d, 12));
        const ours: ChinaDay | undefined = all.get(date);
        const weekday = weekdayOf(date);
        const oursWork = ours ? ours.kind === 'workday' : weekday !== 0 && weekday !== 6;
        if (detail.date !== date || detail.work !== oursWork)
          disagreements.push(`${date}: ${JSON.stringify(detail)}`);
      }
      expect(disagreements).toEqual([]);
    },
  );
});
