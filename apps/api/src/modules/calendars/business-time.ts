/**
 * Working-time arithmetic in a business calendar: working periods per weekday (a lunch break is two
 * periods), an IANA time zone, holidays and adjusted working days (调休), or 24×7.
 *
 * Semantics (all instants are `Date`s; durations are minutes, fractional allowed, rounded to the
 * millisecond because a `Date` holds whole milliseconds):
 * - Working time is the union of half-open UTC intervals [start, end) — one per local period per day.
 * - `addWorkingTime(cal, start, m)`: counting begins at the first working moment at or after `start`;
 *   the result is the instant at which `m` minutes of working time have elapsed. When the time runs out
 *   exactly at the end of a period the result IS that end (12:00, not 13:30 after lunch): a promise due
 *   "by 12:00" is the natural reading. With `m = 0` the result is the next working moment (`start` itself
 *   when it is working time), so a clock started at night begins at opening. Consequently
 *   `add(add(s, a), b) == add(s, a + b)` for every b > 0 (with b = 0 the outer call moves a period end to
 *   the next period's start).
 * - Time zones: a local period is converted to UTC per local date. A local time that does not exist
 *   (skipped by a spring-forward change) maps to the instant of the change, so a period reaching into the
 *   skipped hour is shortened (and one wholly inside it is empty); a local time that occurs twice (fall
 *   back) maps to its FIRST occurrence; "24:00" is the next local midnight. So 09:00–17:00 is 8 h on
 *   every day, 00:00–24:00 is 23 h or 25 h on change days, and a fall-back 00:00–03:00 is 4 h.
 * - A 24×7 calendar is working time at every instant; its week, days and holiday coverage are ignored.
 * - An adjusted working day (`{ kind: 'workday' }` without periods) works its own weekday's periods if
 *   that weekday has any, otherwise the "normal weekday" periods: those of the first of Monday…Friday,
 *   then Saturday, Sunday, that has periods.
 *
 * Compiled form: `compileCalendar` validates the spec once and returns a `CompiledCalendar` that keeps,
 * per local day number (days since 1970-01-01 in the calendar's zone), that day's working intervals as
 * UTC epoch milliseconds (a flat `Float64Array` [s0, e0, s1, e1, …]) and their total, computed lazily on
 * first use (a few `Intl` look-ups) and memoised. Every later operation is arithmetic on those arrays:
 * no time-zone work, O(days spanned) and not O(minutes). To find the days around an instant t no zone
 * look-up is needed either: every interval of local day n lies between that day's local midnights, and
 * zone offsets are under 24 h, so the scan starts at n = floor(t / day) − 1.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar with no working time for this many consecutive days is treated as having none at all. */
const MAX_IDLE_DAYS = 3_700;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** A local working period, ["08:30", "12:00"]: start < end on the same day; "24:00" is allowed as an end. */
export type LocalPeriod = [start: string, end: string];
/** A date that differs from its weekday: a holiday (no working time) or a working day (adjusted or special). */
export type CalendarDay =
  | { kind: 'holiday'; name?: string }
  | { kind: 'workday'; name?: string; periods?: LocalPeriod[] };

export interface CalendarSpec {
  /** IANA zone name, e.g. "Asia/Shanghai". */
  timeZone: string;
  is24x7: boolean;
  /** Working periods per weekday (Sunday = 0), sorted, non-overlapping, none across midnight. */
  week: Record<Weekday, LocalPeriod[]>;
  /** Per local date (YYYY-MM-DD): holidays and working days that override the week. */
  days: Map<string, CalendarDay>;
  /** Years for which holiday data exists (see `yearsWithoutHolidayData`). */
  coveredYears: Set<number>;
}

export type BusinessCalendarErrorCode = 'INVALID_CALENDAR' | 'INVALID_ARGUMENT' | 'NO_WORKING_TIME';

/** Thrown for an invalid calendar spec (`compileCalendar`), a bad argument, or a calendar that never works. */
export class BusinessCalendarError extends Error {
  override readonly name = 'BusinessCalendarError';
  constructor(
    readonly code: BusinessCalendarErrorCode,
    message: string,
    /** Where in the spec, e.g. "week.1[0]" or "days.2025-10-11.periods[1]". */
    readonly path?: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

interface DayIntervals {
  /** [s0, e0, s1, e1, …] in UTC epoch ms, ascending, non-empty intervals only. */
  readonly iv: Float64Array;
  readonly totalMs: number;
}

const NO_INTERVALS: DayIntervals = { iv: new Float64Array(0), totalMs: 0 };
/** Local periods as flat [start, end, …] milliseconds since local midnight. */
type LocalMs = readonly number[];

/** UTC offsets of one IANA zone, through `Intl` (exact to the second, DST and history included). */
class ZoneClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local wall time minus UTC at instant t, in ms. */
  offsetAt(t: number): number {
    const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, bc: false };
    for (const part of this.format.formatToParts(t)) {
      if (part.type === 'era') fields.bc = part.value.startsWith('B');
      else if (part.type in fields)
        (fields as unknown as Record<string, number>)[part.type] = Number(part.value);
    }
    const year = fields.bc ? 1 - fields.year : fields.year;
    const wall = new Date(0);
    wall.setUTCFullYear(year, fields.month - 1, fields.day);
    wall.setUTCHours(fields.hour, fields.minute, fields.second, 0);
    return wall.getTime() - Math.floor(t / 1000) * 1000;
  }

  /**
   * The UTC instant of a local wall time (given as ms "as if UTC"): the first occurrence when it occurs
   * twice, the moment of the change when it was skipped.
   */
  toUtc(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const early = local - Math.max(before, after);
    const late = local - Math.min(before, after);
    const valid = (t: number) => t + this.offsetAt(t) === local;
    if (valid(early)) return early;
    if (early !== late && valid(late)) return late;
    // Skipped: early still reads before the gap, late after it. Find the first instant past the change.
    let lo = early;
    let hi = late;
    if (hi <= lo || this.offsetAt(hi) === this.offsetAt(lo)) return late; // several changes in two days
    const loOffset = this.offsetAt(lo);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid) === loOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** A validated, compiled calendar: build it with `compileCalendar`, then pass it to the functions below. */
export class CompiledCalendar {
  readonly timeZone: string;
  readonly is24x7: boolean;
  readonly coveredYears: ReadonlySet<number>;
  private readonly zone: ZoneClock;
  private readonly week: readonly LocalMs[];
  /** Periods of an adjusted working day on a weekday without periods of its own. */
  private readonly normalWorkday: LocalMs;
  /** Local day number → the day's periods (an empty list for a holiday). */
  private readonly overrides: Map<number, LocalMs>;
  private readonly cache = new Map<number, DayIntervals>();

  /** @internal use `compileCalendar` */
  constructor(spec: CalendarSpec, zone: ZoneClock, week: LocalMs[], overrides: Map<number, LocalMs>) {
    this.timeZone = spec.timeZone;
    this.is24x7 = spec.is24x7;
    this.coveredYears = new Set(spec.coveredYears);
    this.zone = zone;
    this.week = week;
    this.normalWorkday = [1, 2, 3, 4, 5, 6, 0].map((d) => week[d]!).find((p) => p.length > 0) ?? [];
    this.overrides = overrides;
  }

  /** Working intervals of local day n (memoised). */
  day(n: number): DayIntervals {
    const cached = this.cache.get(n);
    if (cached) return cached;
    const periods = this.overrides.get(n) ?? this.week[weekdayOf(n)]!;
    let computed = NO_INTERVALS;
    if (periods.length > 0) {
      const iv: number[] = [];
      let total = 0;
      for (let i = 0; i < periods.length; i += 2) {
        const start = this.zone.toUtc(n * DAY_MS + periods[i]!);
        const end = this.zone.toUtc(n * DAY_MS + periods[i + 1]!);
        if (end <= start) continue;
        total += end - start;
        if (iv.length > 0 && iv[iv.length - 1] === start) iv[iv.length - 1] = end;
        else iv.push(start, end);
      }
      computed = iv.length > 0 ? { iv: Float64Array.from(iv), totalMs: total } : NO_INTERVALS;
    }
    this.cache.set(n, computed);
    return computed;
  }

  /** Periods for an explicit working day, per the rule in the module comment. */
  workdayPeriods(n: number): LocalMs {
    const own = this.week[weekdayOf(n)]!;
    return own.length > 0 ? own : this.normalWorkday;
  }

  /** The calendar's local year at instant t. */
  localYear(t: number): number {
    return new Date(t + this.zone.offsetAt(t)).getUTCFullYear();
  }

  /** Number of local days whose intervals are memoised (for tests and diagnostics). */
  get cachedDays(): number {
    return this.cache.size;
  }
}

function weekdayOf(dayNumber: number): Weekday {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseTime(value: unknown, path: string): number {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0))
    throw new BusinessCalendarError(
      'INVALID_CALENDAR',
      `${JSON.stringify(value)} is not a time of day "HH:MM" (00:00–24:00)`,
      path,
    );
  return (hours * 60 + minutes) * MINUTE_MS;
}

function parsePeriods(periods: unknown, path: string): number[] {
  if (!Array.isArray(periods))
    throw new BusinessCalendarError('INVALID_CALENDAR', 'must be a list of ["HH:MM", "HH:MM"] periods', path);
  const flat: number[] = [];
  periods.forEach((period: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!Array.isArray(period) || period.length !== 2)
      throw new BusinessCalendarError('INVALID_CALENDAR', 'a period is ["HH:MM", "HH:MM"]', at);
    const start = parseTime(period[0], at);
    const end = parseTime(period[1], at);
    if (start >= end)
      throw new BusinessCalendarError(
        'INVALID_CALENDAR',
        `period ${period[0]}–${period[1]} must start before it ends; a period cannot cross midnight ` +
          '(split it into …–24:00 and 00:00–… on the next day)',
        at,
      );
    const previousEnd = flat[flat.length - 1];
    if (previousEnd !== undefined && start < previousEnd)
      throw new BusinessCalendarError(
        'INVALID_CALENDAR',
        `period ${period[0]}–${period[1]} overlaps or comes before the previous one; periods must be sorted and must not overlap`,
        at,
      );
    flat.push(start, end);
  });
  return flat;
}

function parseDate(key: unknown): number | null {
  const match = typeof key === 'string' ? DATE.exec(key) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return Math.round(date.getTime() / DAY_MS);
}

const compiledSpecs = new WeakMap<CalendarSpec, CompiledCalendar>();

/**
 * Validates a spec and compiles it (memoised per spec object; the spec is copied, so mutate a spec only
 * before its first compile). Throws `BusinessCalendarError` INVALID_CALENDAR with the path of the fault.
 */
export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  const known = compiledSpecs.get(spec);
  if (known) return known;
  if (typeof spec?.timeZone !== 'string' || spec.timeZone === '')
    throw new BusinessCalendarError('INVALID_CALENDAR', 'a time zone is required', 'timeZone');
  let zone: ZoneClock;
  try {
    zone = new ZoneClock(spec.timeZone);
  } catch {
    throw new BusinessCalendarError('INVALID_CALENDAR', `unknown time zone "${spec.timeZone}"`, 'timeZone');
  }
  if (typeof spec.is24x7 !== 'boolean')
    throw new BusinessCalendarError('INVALID_CALENDAR', 'must be true or false', 'is24x7');
  if (!(spec.coveredYears instanceof Set) || [...spec.coveredYears].some((y) => !Number.isInteger(y)))
    throw new BusinessCalendarError('INVALID_CALENDAR', 'must be a set of years', 'coveredYears');
  if (typeof spec.week !== 'object' || spec.week === null)
    throw new BusinessCalendarError(
      'INVALID_CALENDAR',
      'periods for weekdays 0 (Sunday) … 6 are required',
      'week',
    );
  const week = ([0, 1, 2, 3, 4, 5, 6] as const).map((d) => parsePeriods(spec.week[d] ?? [], `week.${d}`));
  if (!(spec.days instanceof Map))
    throw new BusinessCalendarError('INVALID_CALENDAR', 'must be a Map of YYYY-MM-DD → day', 'days');

  const overrides = new Map<number, LocalMs>();
  const calendar = new CompiledCalendar(spec, zone, week, overrides);
  for (const [key, day] of spec.days) {
    const path = `days.${key}`;
    const dayNumber = parseDate(key);
    if (dayNumber === null)
      throw new BusinessCalendarError('INVALID_CALENDAR', 'is not a date YYYY-MM-DD', path);
    if (day?.kind === 'holiday') overrides.set(dayNumber, []);
    else if (day?.kind === 'workday') {
      if (day.periods === undefined) {
        const periods = calendar.workdayPeriods(dayNumber);
        if (periods.length === 0 && !spec.is24x7)
          throw new BusinessCalendarError(
            'INVALID_CALENDAR',
            'a working day without periods works the normal weekday periods, but no weekday has any',
            path,
          );
        overrides.set(dayNumber, periods);
      } else {
        const periods = parsePeriods(day.periods, `${path}.periods`);
        if (periods.length === 0)
          throw new BusinessCalendarError(
            'INVALID_CALENDAR',
            'a working day needs at least one period (omit periods for the normal ones, or make it a holiday)',
            `${path}.periods`,
          );
        overrides.set(dayNumber, periods);
      }
    } else
      throw new BusinessCalendarError(
        'INVALID_CALENDAR',
        'kind must be "holiday" or "workday"',
        `${path}.kind`,
      );
  }
  if (!spec.is24x7 && week.every((p) => p.length === 0) && ![...overrides.values()].some((p) => p.length > 0))
    throw new BusinessCalendarError('INVALID_CALENDAR', 'the calendar has no working periods at all', 'week');
  compiledSpecs.set(spec, calendar);
  return calendar;
}

function instant(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t))
    throw new BusinessCalendarError('INVALID_ARGUMENT', `${name} must be a valid Date`);
  return t;
}

function noWorkingTime(cal: CompiledCalendar, from: number): never {
  throw new BusinessCalendarError(
    'NO_WORKING_TIME',
    `calendar (${cal.timeZone}) has no working time within ${MAX_IDLE_DAYS} days after ${new Date(from).toISOString()}`,
  );
}

/**
 * The instant at which `minutes` of working time have elapsed from `start` (see the module comment:
 * counting starts at the next working moment; 0 minutes gives the next working moment).
 */
export function addWorkingTime(cal: CompiledCalendar, start: Date, minutes: number): Date {
  const t = instant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new BusinessCalendarError(
      'INVALID_ARGUMENT',
      `minutes must be a finite number ≥ 0, got ${minutes}`,
    );
  let remaining = Math.round(minutes * MINUTE_MS);
  if (cal.is24x7) return new Date(t + remaining);
  let idle = 0;
  for (let n = Math.floor(t / DAY_MS) - 1; ; n++) {
    const { iv, totalMs } = cal.day(n);
    if (totalMs === 0) {
      if (++idle > MAX_IDLE_DAYS) noWorkingTime(cal, t);
      continue;
    }
    const lastEnd = iv[iv.length - 1]!;
    if (lastEnd <= t) continue;
    idle = 0;
    if (iv[0]! >= t && remaining > totalMs) {
      remaining -= totalMs;
      continue;
    }
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= t) continue;
      const from = Math.max(iv[i]!, t);
      if (remaining <= end - from) return new Date(from + remaining);
      remaining -= end - from;
    }
  }
}

/** Working time in [a, b), in minutes (fractional); 0 when b ≤ a. */
export function workingMinutesBetween(cal: CompiledCalendar, a: Date, b: Date): number {
  const ta = instant(a, 'a');
  const tb = instant(b, 'b');
  if (tb <= ta) return 0;
  if (cal.is24x7) return (tb - ta) / MINUTE_MS;
  let total = 0;
  const lastDay = Math.floor(tb / DAY_MS) + 1;
  for (let n = Math.floor(ta / DAY_MS) - 1; n <= lastDay; n++) {
    const { iv, totalMs } = cal.day(n);
    if (totalMs === 0) continue;
    if (iv[0]! >= ta && iv[iv.length - 1]! <= tb) {
      total += totalMs;
      continue;
    }
    for (let i = 0; i < iv.length; i += 2) {
      const from = Math.max(iv[i]!, ta);
      const to = Math.min(iv[i + 1]!, tb);
      if (to > from) total += to - from;
    }
  }
  return total / MINUTE_MS;
}

/** Whether `at` is inside a working period (periods are half-open: the end instant is not working). */
export function isWorkingTime(cal: CompiledCalendar, at: Date): boolean {
  const t = instant(at, 'at');
  if (cal.is24x7) return true;
  const first = Math.floor(t / DAY_MS) - 1;
  for (let n = first; n <= first + 2; n++) {
    const { iv } = cal.day(n);
    for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= t && t < iv[i + 1]!) return true;
  }
  return false;
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingMoment(cal: CompiledCalendar, at: Date): Date {
  return addWorkingTime(cal, at, 0);
}

/**
 * The calendar-local years touched by [from, to] (either order) that have no holiday data, ascending;
 * always [] for a 24×7 calendar. Callers must warn loudly about these: due times in them ignore holidays.
 */
export function yearsWithoutHolidayData(cal: CompiledCalendar, from: Date, to: Date): number[] {
  const ta = instant(from, 'from');
  const tb = instant(to, 'to');
  if (cal.is24x7) return [];
  const missing: number[] = [];
  const last = cal.localYear(Math.max(ta, tb));
  for (let year = cal.localYear(Math.min(ta, tb)); year <= last; year++)
    if (!cal.coveredYears.has(year)) missing.push(year);
  return missing;
}

/**
 * Due-time throughput (not a test): 100,000 `addWorkingTime` calls by default, with starts spread over
 * 2025–2026 and targets from 1 hour to 30 working days, in an Asia/Shanghai calendar with a lunch break and
 * the given holiday days (none by default; pass `chinaAllHolidayDays()` for realism). The calendar is
 * compiled fresh, so the lazy day computation is included. Returns operations per second.
 */
export function benchmarkBusinessTime(
  options: { operations?: number; days?: Map<string, CalendarDay> } = {},
): number {
  const operations = options.operations ?? 100_000;
  const cal = compileCalendar({
    timeZone: 'Asia/Shanghai',
    is24x7: false,
    week: {
      0: [],
      1: [
        ['08:30', '12:00'],
        ['13:30', '18:00'],
      ],
      2: [
        ['08:30', '12:00'],
        ['13:30', '18:00'],
      ],
      3: [
        ['08:30', '12:00'],
        ['13:30', '18:00'],
      ],
      4: [
        ['08:30', '12:00'],
        ['13:30', '18:00'],
      ],
      5: [
        ['08:30', '12:00'],
        ['13:30', '18:00'],
      ],
      6: [],
    },
    days: options.days ?? new Map(),
    coveredYears: new Set([2025, 2026]),
  });
  const from = Date.UTC(2024, 11, 31, 16);
  const span = 2 * 365 * DAY_MS;
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  const starts = Array.from({ length: operations }, () => new Date(from + Math.floor(random() * span)));
  const minutes = Array.from({ length: operations }, () => 60 + Math.floor(random() * 30 * 8 * 60));
  let checksum = 0;
  const began = performance.now();
  for (let i = 0; i < operations; i++) checksum += addWorkingTime(cal, starts[i]!, minutes[i]!).getTime() % 7;
  const elapsed = performance.now() - began;
  if (checksum < 0) throw new Error('unreachable');
  return operations / (elapsed / 1000);
}
