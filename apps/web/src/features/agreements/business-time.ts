/**
 * Working time in a business calendar, on the browser's side: only what the desk needs to keep a countdown
 * moving between two answers from the server (which stays the authority on due times). Same rules as the
 * API's engine: working periods per weekday in the calendar's zone, holidays take the day off, an adjusted
 * working day (调休) works its own weekday's periods or else those of the first weekday that has any
 * (Monday…Friday, then Saturday, Sunday), and a 24×7 calendar works at every instant.
 */

export type LocalPeriod = readonly [start: string, end: string];
export type WeekKey = '0' | '1' | '2' | '3' | '4' | '5' | '6';

export interface WorkingCalendar {
  timeZone: string;
  is24x7: boolean;
  week: Readonly<Record<WeekKey, readonly LocalPeriod[]>>;
  days: readonly { day: string; kind: 'holiday' | 'workday'; periods: readonly LocalPeriod[] | null }[];
}

const DAY_MS = 86_400_000;
const normalWeekdayOrder: readonly WeekKey[] = ['1', '2', '3', '4', '5', '6', '0'];

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** Local wall fields of instant t in the zone. */
function wallFields(t: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(t))
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Local wall time minus UTC at instant t, in ms. */
export function offsetAt(t: number, timeZone: string): number {
  const f = wallFields(t, timeZone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The local date ("YYYY-MM-DD") of instant t in the zone. */
export function localDateOf(t: number, timeZone: string): string {
  const f = wallFields(t, timeZone);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** The instant of a local wall time ("24:00" is the next midnight); good enough away from DST changes. */
export function toUtc(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, m - 1, d, hh, mm);
  const guess = local - offsetAt(local, timeZone);
  return local - offsetAt(guess, timeZone);
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(date: string): WeekKey {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return String(new Date(Date.UTC(y, m - 1, d)).getUTCDay()) as WeekKey;
}

/** The working periods of one local date under the calendar's week and its holidays and 调休 days. */
export function periodsOn(
  cal: WorkingCalendar,
  date: string,
  byDay?: ReadonlyMap<string, WorkingCalendar['days'][number]>,
): readonly LocalPeriod[] {
  const override = byDay ? byDay.get(date) : cal.days.find((d) => d.day === date);
  const own = cal.week[weekdayOf(date)];
  if (!override) return own;
  if (override.kind === 'holiday') return [];
  if (override.periods && override.periods.length > 0) return override.periods;
  if (own.length > 0) return own;
  for (const key of normalWeekdayOrder) if (cal.week[key].length > 0) return cal.week[key];
  return [];
}

/** Milliseconds of working time between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(cal: WorkingCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (cal.is24x7) return to - from;
  const byDay = new Map(cal.days.map((d) => [d.day, d]));
  let total = 0;
  // One local day either side: zone offsets are under a day, so every period touching [from, to) is seen.
  const last = localDateOf(to, cal.timeZone);
  for (
    let date = addDays(localDateOf(from, cal.timeZone), -1);
    date <= addDays(last, 1);
    date = addDays(date, 1)
  ) {
    for (const [a, b] of periodsOn(cal, date, byDay)) {
      const start = Math.max(from, toUtc(date, a, cal.timeZone));
      const end = Math.min(to, toUtc(date, b, cal.timeZone));
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Whether instant t is working time. */
export function isWorkingAt(cal: WorkingCalendar, t: number): boolean {
  return workingMsBetween(cal, t, t + 1) > 0;
}
