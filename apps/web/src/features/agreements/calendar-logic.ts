import type { LocalPeriod, WeekKey } from './business-time';

/** Monday first, as Chinese calendars are read; the API keys days 0 = Sunday … 6 = Saturday. */
export const weekOrder: readonly WeekKey[] = ['1', '2', '3', '4', '5', '6', '0'];

export type Week = Record<WeekKey, LocalPeriod[]>;

/** Times to choose from for a period's start or end: every `stepMinutes`, from 00:00 to 24:00. */
export function timeChoices(stepMinutes = 15): string[] {
  const out: string[] = [];
  for (let m = 0; m <= 24 * 60; m += stepMinutes)
    out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
}

export type PeriodProblem = 'order' | 'overlap';

/** Per period of a day: ends before it starts ("order") or starts before the previous one ended ("overlap"). */
export function dayProblems(periods: readonly LocalPeriod[]): (PeriodProblem | undefined)[] {
  return periods.map(([start, end], i) => {
    if (!(start < end)) return 'order';
    const previous = periods[i - 1];
    if (previous && previous[1] > start) return 'overlap';
    return undefined;
  });
}

export function weekHasProblems(week: Week): boolean {
  return weekOrder.some((key) => dayProblems(week[key]).some(Boolean));
}

/** The breaks between a day's periods (the lunch break of 08:30–12:00, 13:30–18:00 is 12:00–13:30). */
export function breaksOf(periods: readonly LocalPeriod[]): LocalPeriod[] {
  const out: LocalPeriod[] = [];
  for (let i = 1; i < periods.length; i++) {
    const end = periods[i - 1]![1];
    const start = periods[i]![0];
    if (end < start) out.push([end, start]);
  }
  return out;
}

/** Working minutes of one day's periods. */
export function dayMinutes(periods: readonly LocalPeriod[]): number {
  const toMin = (t: string) => {
    const [h, m] = t.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return periods.reduce((sum, [a, b]) => sum + Math.max(0, toMin(b) - toMin(a)), 0);
}

/** A sensible next period for a day: after the last one (an afternoon after a morning), else 09:00–18:00. */
export function nextPeriod(periods: readonly LocalPeriod[]): LocalPeriod {
  const last = periods[periods.length - 1];
  if (!last) return ['09:00', '18:00'];
  const [h, m] = last[1].split(':').map(Number) as [number, number];
  const start = Math.min(h * 60 + m + 60, 23 * 60);
  const end = Math.min(start + 4 * 60, 24 * 60);
  const hm = (x: number) =>
    `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return [hm(start), hm(end)];
}

export interface ListedDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

const holidayWords = new Set(['休', '假', '放假', 'holiday', 'h', 'off', 'rest']);
const workdayWords = new Set(['班', '上班', '补班', '调休上班', 'workday', 'w', 'work']);

/**
 * A list of days pasted by an administrator (e.g. from the State Council notice), one per line:
 * "2027-10-01 休 国庆节", "2027-10-09,班,国庆节", "2027/2/6 workday Spring Festival". Lines that cannot be
 * read, or that fall outside `year`, come back as errors with their line number.
 */
export function parseDayList(
  text: string,
  year: number,
): { days: ListedDay[]; errors: { line: number; text: string; reason: 'format' | 'year' | 'duplicate' }[] } {
  const days: ListedDay[] = [];
  const errors: { line: number; text: string; reason: 'format' | 'year' | 'duplicate' }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/[\s,，;；\t]+/).filter(Boolean);
    const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(parts[0] ?? '');
    const word = (parts[1] ?? '').toLowerCase();
    const kind = holidayWords.has(word) ? 'holiday' : workdayWords.has(word) ? 'workday' : null;
    if (!date || !kind) {
      errors.push({ line: index + 1, text: line, reason: 'format' });
      return;
    }
    const [, y, m, d] = date as unknown as [string, string, string, string];
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const check = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) {
      errors.push({ line: index + 1, text: line, reason: 'format' });
      return;
    }
    if (Number(y) !== year) {
      errors.push({ line: index + 1, text: line, reason: 'year' });
      return;
    }
    if (seen.has(iso)) {
      errors.push({ line: index + 1, text: line, reason: 'duplicate' });
      return;
    }
    seen.add(iso);
    const name = parts.slice(2).join(' ').trim();
    days.push({ day: iso, kind, name: name === '' ? null : name.slice(0, 40) });
  });
  days.sort((a, b) => a.day.localeCompare(b.day));
  return { days, errors };
}

/** A month as weeks of dates (Monday first), with null for the blanks before the 1st and after the last day. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth; d++)
    cells.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** 0 = Sunday … 6 = Saturday of a "YYYY-MM-DD" date. */
export function weekdayOfDate(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The API's weekday key ("0" = Sunday) of a "YYYY-MM-DD" date. */
export function weekKeyOf(date: string): WeekKey {
  return String(weekdayOfDate(date)) as WeekKey;
}

export interface HolidayGroup {
  name: string | null;
  holidays: string[];
  workdays: string[];
}

/** A year's special days grouped by holiday ("国庆节": the days off and the weekend days worked for them), by date. */
export function groupDays(
  days: readonly { day: string; kind: 'holiday' | 'workday'; name: string | null }[],
): HolidayGroup[] {
  const groups = new Map<string, HolidayGroup & { first: string }>();
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const key = d.name ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { name: d.name, holidays: [], workdays: [], first: d.day };
      groups.set(key, group);
    }
    (d.kind === 'holiday' ? group.holidays : group.workdays).push(d.day);
  }
  // In the order the holidays fall, judged by their first day off (or worked day when none is off).
  return [...groups.values()]
    .sort((a, b) => (a.holidays[0] ?? a.first).localeCompare(b.holidays[0] ?? b.first))
    .map(({ first: _, ...group }) => group);
}

/** "10月1日周四" / "Thu, Oct 1" for a "YYYY-MM-DD" date. */
export function formatShortDay(date: string, lang: 'zh-CN' | 'en'): string {
  return new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** China's official holiday names (as the bundled data writes them) and their locale keys. */
export const officialHolidayKeys = {
  元旦: 'newYear',
  春节: 'springFestival',
  清明节: 'qingming',
  劳动节: 'labourDay',
  端午节: 'dragonBoat',
  中秋节: 'midAutumn',
  国庆节: 'nationalDay',
} as const;
export type OfficialHolidayKey = (typeof officialHolidayKeys)[keyof typeof officialHolidayKeys];

export function officialHolidayKey(name: string | null): OfficialHolidayKey | null {
  return name && name in officialHolidayKeys
    ? officialHolidayKeys[name as keyof typeof officialHolidayKeys]
    : null;
}

/** "10月" / "October". */
export function monthName(month: number, lang: 'zh-CN' | 'en'): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, month - 1, 1)),
  );
}
