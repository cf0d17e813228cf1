/**
 * Mainland China's statutory holidays and adjusted working days (调休), from the `chinese-days` package.
 *
 * Why the package's static JSON and not its functions: the functions (`getDayDetail`, `isWorkday`…) build
 * their date maps at load time in the PROCESS's local time zone, and in any zone west of UTC
 * (America/New_York, …) every date comes out one day early (2025-10-08 stops being a holiday, Saturday
 * 2025-09-27 becomes a working day). `dist/chinese-days.json` is the same data, generated once by the
 * package's build, and is independent of the server's zone. china-holidays.test.ts checks that it agrees
 * with the package's functions day by day (in a zone where those are right).
 */
import { createRequire } from 'node:module';

/** The official Chinese names of the holidays. */
export type ChinaHolidayName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

/**
 * One day that differs from an ordinary week: a statutory holiday (no work, even on a weekday) or an
 * adjusted working day (a weekend day worked in exchange for a longer holiday); `name` is the holiday.
 */
export type ChinaDay = { kind: 'holiday'; name: string } | { kind: 'workday'; name: string };

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The package's English names → the official names (the package writes 清明 / 端午 / 中秋 short). */
const officialNames: Record<string, ChinaHolidayName> = {
  "New Year's Day": '元旦',
  'Spring Festival': '春节',
  'Tomb-sweeping Day': '清明节',
  'Labour Day': '劳动节',
  'Dragon Boat Festival': '端午节',
  'Mid-autumn Festival': '中秋节',
  'National Day': '国庆节',
};

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Entries look like "National Day,国庆节,3" (English, Chinese, days); unknown ones keep the package's Chinese. */
function nameOf(entry: string): string {
  const [english = '', chinese] = entry.split(',');
  return officialNames[english] ?? (chinese?.trim() || english);
}

let byYear: Map<number, Map<string, ChinaDay>> | null = null;

function loadByYear(): Map<number, Map<string, ChinaDay>> {
  if (byYear) return byYear;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Partial<PackageData>;
  if (typeof data?.holidays !== 'object' || typeof data.workdays !== 'object')
    throw new Error(
      'chinese-days: dist/chinese-days.json has no holidays/workdays maps (package layout changed?)',
    );
  const years = new Map<number, Map<string, ChinaDay>>();
  const put = (date: string, day: ChinaDay) => {
    const match = DATE_KEY.exec(date);
    if (!match) throw new Error(`chinese-days: unexpected date key "${date}"`);
    const year = Number(match[1]);
    const days = years.get(year) ?? new Map<string, ChinaDay>();
    years.set(year, days);
    days.set(date, day);
  };
  // An adjusted working day is never also a holiday in the data; if it ever were, the workday wins, as in
  // the package's own getDayDetail.
  for (const [date, entry] of Object.entries(data.holidays))
    put(date, { kind: 'holiday', name: nameOf(entry) });
  for (const [date, entry] of Object.entries(data.workdays))
    put(date, { kind: 'workday', name: nameOf(entry) });
  for (const [year, days] of years) years.set(year, new Map([...days].sort(([a], [b]) => (a < b ? -1 : 1))));
  byYear = years;
  return years;
}

/**
 * The holidays and adjusted working days of one year, keyed by local date (YYYY-MM-DD), in date order.
 * Empty for a year the package has no data for: check `chinaCoveredYears()` (an empty map does NOT mean
 * "no holidays that year").
 */
export function chinaHolidayDays(year: number): Map<string, ChinaDay> {
  if (!Number.isInteger(year)) throw new RangeError(`chinaHolidayDays: year must be an integer, got ${year}`);
  return new Map(loadByYear().get(year) ?? []);
}

/**
 * The years for which the package has holiday data (a year counts only if it has at least one holiday:
 * the package itself silently treats later years as ordinary weeks), ascending.
 */
export function chinaCoveredYears(): number[] {
  return [...loadByYear()]
    .filter(([, days]) => [...days.values()].some((day) => day.kind === 'holiday'))
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

/** Every covered year's days in one map (a few hundred entries), ready for `CalendarSpec.days`. */
export function chinaAllHolidayDays(): Map<string, ChinaDay> {
  const all = new Map<string, ChinaDay>();
  for (const year of chinaCoveredYears())
    for (const [date, day] of chinaHolidayDays(year)) all.set(date, day);
  return all;
}
