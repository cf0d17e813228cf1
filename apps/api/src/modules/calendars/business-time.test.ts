import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  BusinessCalendarError,
  benchmarkBusinessTime,
  type CalendarDay,
  type CalendarSpec,
  type CompiledCalendar,
  compileCalendar,
  isWorkingTime,
  type LocalPeriod,
  nextWorkingMoment,
  type Weekday,
  workingMinutesBetween,
  yearsWithoutHolidayData,
} from './business-time';
import { chinaAllHolidayDays, chinaCoveredYears } from './china-holidays';

const lunchBreak: LocalPeriod[] = [
  ['08:30', '12:00'],
  ['13:30', '18:00'],
];
const nineToFive: LocalPeriod[] = [['09:00', '17:00']];
const wholeDay: LocalPeriod[] = [['00:00', '24:00']];
const eveningShift: LocalPeriod[] = [
  ['00:00', '02:00'],
  ['16:00', '24:00'],
];

function weekOf(
  weekdays: LocalPeriod[],
  weekend: LocalPeriod[] = [],
  overrides: Partial<Record<Weekday, LocalPeriod[]>> = {},
) {
  return {
    0: weekend,
    1: weekdays,
    2: weekdays,
    3: weekdays,
    4: weekdays,
    5: weekdays,
    6: weekend,
    ...overrides,
  };
}

function spec(overrides: Partial<CalendarSpec> = {}): CalendarSpec {
  return {
    timeZone: 'Asia/Shanghai',
    is24x7: false,
    week: weekOf(lunchBreak),
    days: new Map(),
    coveredYears: new Set(),
    ...overrides,
  };
}

/** Mon–Fri 08:30–12:00 / 13:30–18:00 in Shanghai with China's holidays and adjusted working days. */
const chinaSpec = spec({ days: chinaAllHolidayDays(), coveredYears: new Set(chinaCoveredYears()) });
const china = compileCalendar(chinaSpec);
const shanghaiPlain = compileCalendar(spec());
const always = compileCalendar(
  spec({ is24x7: true, week: weekOf([]), days: new Map([['2025-10-01', { kind: 'holiday' }]]) }),
);
const newYork = compileCalendar(spec({ timeZone: 'America/New_York', week: weekOf(nineToFive, nineToFive) }));
const berlin = compileCalendar(
  spec({ timeZone: 'Europe/Berlin', week: weekOf([['08:00', '18:00']], wholeDay) }),
);

const at = (iso: string) => new Date(iso);
const add = (cal: CompiledCalendar, start: string, minutes: number) =>
  addWorkingTime(cal, at(start), minutes).toISOString();
const between = (cal: CompiledCalendar, a: string, b: string) => workingMinutesBetween(cal, at(a), at(b));
/** Shanghai local time → ISO UTC, to keep the expectations readable. */
const sh = (local: string) => at(`${local}+08:00`).toISOString();

describe('addWorkingTime by hand', () => {
  it('24×7: runs across midnight and ignores holidays', () => {
    expect(add(always, '2025-05-10T23:00:00+08:00', 120)).toBe(sh('2025-05-11T01:00:00'));
    expect(add(always, '2025-09-30T23:30:00+08:00', 60)).toBe(sh('2025-10-01T00:30:00'));
    expect(between(always, '2025-09-30T22:00:00+08:00', '2025-10-02T22:00:00+08:00')).toBe(48 * 60);
    expect(isWorkingTime(always, at('2025-10-01T03:00:00+08:00'))).toBe(true);
    expect(add(always, '2025-05-10T23:00:00+08:00', 0.5)).toBe(sh('2025-05-10T23:00:30'));
  });

  it('00:00–24:00 days count across midnight, and a holiday in between removes the whole day', () => {
    const allDays = spec({ week: weekOf(wholeDay, wholeDay) });
    expect(add(compileCalendar(allDays), '2025-05-10T22:00:00+08:00', 180)).toBe(sh('2025-05-11T01:00:00'));
    const withHoliday = compileCalendar({ ...allDays, days: new Map([['2025-05-11', { kind: 'holiday' }]]) });
    expect(add(withHoliday, '2025-05-10T22:00:00+08:00', 180)).toBe(sh('2025-05-12T01:00:00'));
    expect(between(withHoliday, '2025-05-10T00:00:00+08:00', '2025-05-13T00:00:00+08:00')).toBe(2 * 24 * 60);
  });

  it('skips the lunch break: 11:30 + 60 min → 14:00', () => {
    expect(add(shanghaiPlain, '2025-03-12T11:30:00+08:00', 60)).toBe(sh('2025-03-12T14:00:00'));
    expect(between(shanghaiPlain, '2025-03-12T11:30:00+08:00', '2025-03-12T14:00:00+08:00')).toBe(60);
  });

  it('a target that runs out at the end of a period is due at that end, not after the break', () => {
    expect(add(shanghaiPlain, '2025-03-12T08:30:00+08:00', 210)).toBe(sh('2025-03-12T12:00:00'));
    expect(add(shanghaiPlain, '2025-03-12T12:00:00+08:00', 0)).toBe(sh('2025-03-12T13:30:00'));
    expect(add(shanghaiPlain, '2025-03-12T12:00:00+08:00', 1)).toBe(sh('2025-03-12T13:31:00'));
    expect(add(shanghaiPlain, '2025-03-12T08:30:00+08:00', 8 * 60)).toBe(sh('2025-03-12T18:00:00'));
  });

  it('counts from opening when started before it; 0 minutes is the next working moment', () => {
    expect(add(shanghaiPlain, '2025-03-12T07:00:00+08:00', 30)).toBe(sh('2025-03-12T09:00:00'));
    expect(add(shanghaiPlain, '2025-03-12T07:00:00+08:00', 0)).toBe(sh('2025-03-12T08:30:00'));
    expect(add(shanghaiPlain, '2025-03-12T10:15:00+08:00', 0)).toBe(sh('2025-03-12T10:15:00'));
    expect(nextWorkingMoment(shanghaiPlain, at('2025-03-12T19:00:00+08:00')).toISOString()).toBe(
      sh('2025-03-13T08:30:00'),
    );
  });

  it('started on a Saturday, counts from Monday morning', () => {
    expect(add(shanghaiPlain, '2025-03-15T10:00:00+08:00', 60)).toBe(sh('2025-03-17T09:30:00'));
  });

  it('Friday evening + 2 h → Monday 10:30', () => {
    expect(add(shanghaiPlain, '2025-03-14T19:00:00+08:00', 120)).toBe(sh('2025-03-17T10:30:00'));
    expect(add(shanghaiPlain, '2025-03-14T17:00:00+08:00', 120)).toBe(sh('2025-03-17T09:30:00'));
    expect(between(shanghaiPlain, '2025-03-14T17:00:00+08:00', '2025-03-17T09:30:00+08:00')).toBe(120);
  });

  it('a 24-working-hour promise and a 6-hour target', () => {
    // Wed 10:00: 6 h → 13:30 + (6 h − 2 h before lunch) = 17:30 the same day; 24 h = 3 days of 8 h.
    expect(add(shanghaiPlain, '2025-03-12T10:00:00+08:00', 6 * 60)).toBe(sh('2025-03-12T17:30:00'));
    expect(add(shanghaiPlain, '2025-03-12T10:00:00+08:00', 24 * 60)).toBe(sh('2025-03-17T10:00:00'));
  });

  it('2025 National Day week: 09-30 17:00 + 2 h → 10-09 09:30 (10-01..08 off)', () => {
    for (let day = 1; day <= 8; day++)
      expect(isWorkingTime(china, at(`2025-10-0${day}T10:00:00+08:00`)), `10-0${day}`).toBe(false);
    expect(isWorkingTime(china, at('2025-10-09T10:00:00+08:00'))).toBe(true);
    expect(add(china, '2025-09-30T17:00:00+08:00', 120)).toBe(sh('2025-10-09T09:30:00'));
    expect(between(china, '2025-09-30T17:00:00+08:00', '2025-10-09T09:30:00+08:00')).toBe(120);
    // Without the holiday data the same clock would fall on Wednesday 10-01.
    expect(add(shanghaiPlain, '2025-09-30T17:00:00+08:00', 120)).toBe(sh('2025-10-01T09:30:00'));
  });

  it('the adjusted working Saturday 2025-10-11 adds working time', () => {
    expect(add(china, '2025-10-10T17:00:00+08:00', 120)).toBe(sh('2025-10-11T09:30:00'));
    expect(add(china, '2025-10-11T17:00:00+08:00', 120)).toBe(sh('2025-10-13T09:30:00'));
    expect(between(china, '2025-10-10T18:00:00+08:00', '2025-10-13T08:30:00+08:00')).toBe(8 * 60);
    expect(between(shanghaiPlain, '2025-10-10T18:00:00+08:00', '2025-10-13T08:30:00+08:00')).toBe(0);
  });

  it('the adjusted working Sunday 2025-09-28 adds working time', () => {
    expect(add(china, '2025-09-27T10:00:00+08:00', 60)).toBe(sh('2025-09-28T09:30:00'));
    expect(between(china, '2025-09-26T18:00:00+08:00', '2025-09-29T08:30:00+08:00')).toBe(8 * 60);
    expect(isWorkingTime(china, at('2025-09-28T12:30:00+08:00'))).toBe(false); // its lunch break too
  });

  it('2025 Spring Festival: 01-28..02-04 off, Sunday 01-26 worked', () => {
    expect(add(china, '2025-01-24T17:00:00+08:00', 120)).toBe(sh('2025-01-26T09:30:00'));
    expect(add(china, '2025-01-27T17:00:00+08:00', 120)).toBe(sh('2025-02-05T09:30:00'));
    // 2025-01-20..02-09: weekdays 01-20..24, 01-27, 02-05..07 + Sun 01-26 + Sat 02-08 = 11 days of 8 h.
    expect(between(china, '2025-01-20T00:00:00+08:00', '2025-02-10T00:00:00+08:00')).toBe(11 * 8 * 60);
  });

  it('a working day with its own periods, and one that borrows the normal weekday periods', () => {
    const days = new Map<string, CalendarDay>([
      ['2025-03-15', { kind: 'workday', periods: [['09:00', '12:00']] }], // Saturday, half a day
      ['2025-03-16', { kind: 'workday' }], // Sunday: no periods of its own → Monday's
    ]);
    const halfFriday = compileCalendar(
      spec({ days, week: weekOf(lunchBreak, [], { 5: [['08:30', '12:00']] }) }),
    );
    expect(between(halfFriday, '2025-03-15T00:00:00+08:00', '2025-03-16T00:00:00+08:00')).toBe(180);
    expect(between(halfFriday, '2025-03-16T00:00:00+08:00', '2025-03-17T00:00:00+08:00')).toBe(480);
    expect(between(halfFriday, '2025-03-14T00:00:00+08:00', '2025-03-15T00:00:00+08:00')).toBe(210);
    expect(add(halfFriday, '2025-03-14T11:00:00+08:00', 120)).toBe(sh('2025-03-15T10:00:00'));
  });

  it('Asia/Shanghai is a fixed +08:00 (08:30 local = 00:30 UTC); periods are half-open', () => {
    expect(isWorkingTime(shanghaiPlain, at('2025-07-01T00:29:59.999Z'))).toBe(false);
    expect(isWorkingTime(shanghaiPlain, at('2025-07-01T00:30:00.000Z'))).toBe(true);
    expect(isWorkingTime(shanghaiPlain, at('2025-07-01T03:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(shanghaiPlain, at('2025-07-01T04:00:00.000Z'))).toBe(false);
    expect(add(shanghaiPlain, '2025-12-31T17:30:00+08:00', 60)).toBe('2026-01-01T01:00:00.000Z');
  });
});

describe('time zones with daylight saving', () => {
  it('America/New_York spring forward (2025-03-09): 09:00–17:00 local is still 8 h', () => {
    expect(between(newYork, '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00')).toBe(480);
    expect(isWorkingTime(newYork, at('2025-03-09T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isWorkingTime(newYork, at('2025-03-09T12:59:59Z'))).toBe(false); // 08:59 EDT
    // Saturday 16:00 EST + 2 h: 1 h on Saturday, then Sunday 09:00 EDT + 1 h.
    expect(add(newYork, '2025-03-08T16:00:00-05:00', 120)).toBe('2025-03-09T14:00:00.000Z');
  });

  it('America/New_York fall back (2025-11-02): 09:00–17:00 is 8 h, a whole day is 25 h, spring day 23 h', () => {
    expect(between(newYork, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(480);
    expect(add(newYork, '2025-11-01T16:00:00-04:00', 120)).toBe('2025-11-02T15:00:00.000Z'); // 10:00 EST
    const fullDays = compileCalendar(
      spec({ timeZone: 'America/New_York', week: weekOf(wholeDay, wholeDay) }),
    );
    expect(between(fullDays, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(25 * 60);
    expect(between(fullDays, '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00')).toBe(23 * 60);
    expect(add(fullDays, '2025-03-09T01:00:00-05:00', 90)).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
  });

  it('a period reaching into the skipped hour is shortened; one inside it is empty', () => {
    const odd = compileCalendar(
      spec({
        timeZone: 'America/New_York',
        week: weekOf([], [], {
          0: [
            ['01:30', '02:30'],
            ['02:40', '02:50'],
            ['09:00', '17:00'],
          ],
        }),
      }),
    );
    // 01:30 EST → 03:00 EDT is 30 real minutes; 02:40–02:50 does not exist that day.
    expect(between(odd, '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00')).toBe(30 + 480);
    expect(add(odd, '2025-03-09T01:45:00-05:00', 30)).toBe('2025-03-09T13:15:00.000Z');
    // A Sunday without a change: 60 + 10 + 480.
    expect(between(odd, '2025-03-16T00:00:00-04:00', '2025-03-17T00:00:00-04:00')).toBe(550);
  });

  it('a period in the repeated hour runs from its first start to its end on the day’s clock', () => {
    const night = compileCalendar(
      spec({ timeZone: 'America/New_York', week: weekOf([], [], { 0: [['00:00', '03:00']] }) }),
    );
    // 00:00 EDT → 03:00 EST is 4 real hours.
    expect(between(night, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(240);
    expect(add(night, '2025-11-02T00:00:00-04:00', 240)).toBe('2025-11-02T08:00:00.000Z');
    // An end inside the repeated hour is its first occurrence: 00:00–01:30 EDT is 90 minutes, not 150.
    const early = compileCalendar(
      spec({ timeZone: 'America/New_York', week: weekOf([], [], { 0: [['00:00', '01:30']] }) }),
    );
    expect(between(early, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(90);
  });

  it('a zone west of UTC whose evening shift crosses UTC midnight (America/Los_Angeles)', () => {
    const evening = compileCalendar(spec({ timeZone: 'America/Los_Angeles', week: weekOf(eveningShift) }));
    // Wednesday 23:00 PDT (Thursday 06:00 UTC) + 2 h: 1 h to midnight, then Thursday 00:00–01:00 PDT.
    expect(add(evening, '2025-03-12T23:00:00-07:00', 120)).toBe('2025-03-13T08:00:00.000Z');
    expect(isWorkingTime(evening, at('2025-03-13T06:30:00Z'))).toBe(true);
    expect(isWorkingTime(evening, at('2025-03-13T09:30:00Z'))).toBe(false); // 02:30 PDT
    expect(between(evening, '2025-03-12T00:00:00-07:00', '2025-03-13T00:00:00-07:00')).toBe(10 * 60);
  });

  it('Europe/Berlin around both changes', () => {
    // Saturday 2025-03-29 is a whole-day weekend day; Sunday 03-30 jumps 02:00 CET → 03:00 CEST.
    expect(between(berlin, '2025-03-30T00:00:00+01:00', '2025-03-31T00:00:00+02:00')).toBe(23 * 60);
    expect(add(berlin, '2025-03-30T01:30:00+01:00', 60)).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    // Sunday 2025-10-26 falls back 03:00 CEST → 02:00 CET.
    expect(between(berlin, '2025-10-26T00:00:00+02:00', '2025-10-27T00:00:00+01:00')).toBe(25 * 60);
    // Friday 2025-03-28 17:00 CET + 120: 1 h Friday, then the whole-day Saturday from 00:00 CET.
    expect(add(berlin, '2025-03-28T17:00:00+01:00', 120)).toBe('2025-03-29T00:00:00.000Z');
    // Monday after the spring change opens at 08:00 CEST = 06:00 UTC.
    expect(add(berlin, '2025-03-31T07:00:00+02:00', 30)).toBe('2025-03-31T06:30:00.000Z');
  });
});

describe('validation', () => {
  const invalid = (s: Partial<CalendarSpec>, path: string) => {
    try {
      compileCalendar(spec(s));
    } catch (error) {
      expect(error).toBeInstanceOf(BusinessCalendarError);
      expect((error as BusinessCalendarError).code).toBe('INVALID_CALENDAR');
      expect((error as BusinessCalendarError).path).toBe(path);
      return (error as Error).message;
    }
    throw new Error('expected an INVALID_CALENDAR error');
  };

  it('rejects a period across midnight with a message that says how to write it', () => {
    const message = invalid({ week: weekOf([['22:00', '06:00']]) }, 'week.1[0]');
    expect(message).toContain('cannot cross midnight');
    expect(message).toContain('24:00');
  });

  it('rejects empty, overlapping and unsorted periods and malformed times', () => {
    invalid({ week: weekOf([['09:00', '09:00']]) }, 'week.1[0]');
    expect(
      invalid(
        {
          week: weekOf([
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ]),
        },
        'week.1[1]',
      ),
    ).toContain('overlap');
    invalid(
      {
        week: weekOf([
          ['13:00', '17:00'],
          ['08:00', '12:00'],
        ]),
      },
      'week.1[1]',
    );
    for (const time of ['8:30', '24:30', '12:60', '25:00', 'noon', ''])
      invalid({ week: weekOf([[time, '24:00']]) }, 'week.1[0]');
    invalid({ week: weekOf([['08:00']] as unknown as LocalPeriod[]) }, 'week.1[0]');
  });

  it('rejects an unknown zone, a bad date, a workday with no periods, and a calendar that never works', () => {
    invalid({ timeZone: 'Asia/Beijing' }, 'timeZone');
    invalid({ days: new Map([['2025-02-30', { kind: 'holiday' }]]) }, 'days.2025-02-30');
    invalid({ days: new Map([['2025-10-11', { kind: 'workday', periods: [] }]]) }, 'days.2025-10-11.periods');
    invalid(
      { days: new Map([['2025-10-11', { kind: 'weekend' } as unknown as CalendarDay]]) },
      'days.2025-10-11.kind',
    );
    invalid({ week: weekOf([]) }, 'week');
    invalid({ week: weekOf([]), days: new Map([['2025-10-11', { kind: 'workday' }]]) }, 'days.2025-10-11');
  });

  it('allows touching periods and a 24:00 end', () => {
    const cal = compileCalendar(
      spec({
        week: weekOf([
          ['08:00', '12:00'],
          ['12:00', '24:00'],
        ]),
      }),
    );
    expect(between(cal, '2025-03-12T00:00:00+08:00', '2025-03-13T00:00:00+08:00')).toBe(16 * 60);
  });

  it('rejects bad arguments', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as BusinessCalendarError).code;
      }
      return 'none';
    };
    expect(code(() => addWorkingTime(china, at('2025-03-12T10:00:00Z'), -1))).toBe('INVALID_ARGUMENT');
    expect(code(() => addWorkingTime(china, at('2025-03-12T10:00:00Z'), Number.NaN))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(() => addWorkingTime(china, new Date('nope'), 10))).toBe('INVALID_ARGUMENT');
    expect(code(() => workingMinutesBetween(china, new Date('nope'), new Date()))).toBe('INVALID_ARGUMENT');
  });

  it('says NO_WORKING_TIME rather than looping when the working days have run out', () => {
    const once = compileCalendar(
      spec({ week: weekOf([]), days: new Map([['2025-10-11', { kind: 'workday', periods: nineToFive }]]) }),
    );
    expect(add(once, '2025-01-01T00:00:00+08:00', 60)).toBe(sh('2025-10-11T10:00:00'));
    expect(() => addWorkingTime(once, at('2025-10-12T00:00:00+08:00'), 60)).toThrow(
      expect.objectContaining({ code: 'NO_WORKING_TIME' }),
    );
  });
});

describe('compiled form', () => {
  it('is memoised per spec and computes days lazily, O(days) for long targets', () => {
    const s = spec({ days: chinaAllHolidayDays() });
    const cal = compileCalendar(s);
    expect(compileCalendar(s)).toBe(cal);
    expect(cal.cachedDays).toBe(0);
    // 30 working days of 8 h from Monday 2025-03-03, with Friday 04-04 (清明节) off: due 04-14 18:00.
    // The work is one memoised entry per calendar day touched (03-02..04-14: 44), not 14,400 minute steps.
    expect(add(cal, '2025-03-03T08:30:00+08:00', 30 * 8 * 60)).toBe(sh('2025-04-14T18:00:00'));
    expect(cal.cachedDays).toBeLessThanOrEqual(46);
    expect(workingMinutesBetween(cal, at('2025-03-03T08:30:00+08:00'), at('2025-04-14T18:00:00+08:00'))).toBe(
      30 * 8 * 60,
    );
  });

  it('the benchmark runs and reports operations per second', () => {
    const opsPerSecond = benchmarkBusinessTime({ operations: 2_000 });
    expect(Number.isFinite(opsPerSecond) && opsPerSecond > 0).toBe(true);
  });
});

describe('yearsWithoutHolidayData', () => {
  it('names the uncovered local years a span touches; none for 24×7', () => {
    expect(
      yearsWithoutHolidayData(china, at('2025-01-01T00:00:00+08:00'), at('2026-12-31T23:59:59+08:00')),
    ).toEqual([]);
    expect(
      yearsWithoutHolidayData(china, at('2026-12-20T00:00:00+08:00'), at('2028-01-10T00:00:00+08:00')),
    ).toEqual([2027, 2028]);
    // 2026-12-31T17:00Z is already 2027-01-01 01:00 in Shanghai; 15:00Z is still 2026.
    expect(yearsWithoutHolidayData(china, at('2026-12-31T10:00:00Z'), at('2026-12-31T17:00:00Z'))).toEqual([
      2027,
    ]);
    expect(yearsWithoutHolidayData(china, at('2026-12-31T10:00:00Z'), at('2026-12-31T15:00:00Z'))).toEqual(
      [],
    );
    expect(yearsWithoutHolidayData(always, at('2030-01-01T00:00:00Z'), at('2031-01-01T00:00:00Z'))).toEqual(
      [],
    );
    expect(
      yearsWithoutHolidayData(shanghaiPlain, at('2025-06-01T00:00:00Z'), at('2025-06-02T00:00:00Z')),
    ).toEqual([2025]);
  });
});

/** Independent check of "is this instant working?": the local wall clock read through Intl, then the spec. */
function oracleIsWorking(s: CalendarSpec, t: number): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: s.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!) as Weekday;
  const day = s.days.get(`${parts.year}-${parts.month}-${parts.day}`);
  const own = s.week[weekday];
  const periods =
    day?.kind === 'holiday'
      ? []
      : day?.kind === 'workday'
        ? (day.periods ?? (own.length ? own : s.week[1]))
        : own;
  const seconds =
    Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second) + (t % 1000) / 1000;
  const toSeconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3)) * 60;
  return periods.some(([from, to]) => toSeconds(from) <= seconds && seconds < toSeconds(to));
}

describe('properties', () => {
  const newYorkLunch = spec({
    timeZone: 'America/New_York',
    week: weekOf(
      [
        ['09:00', '12:00'],
        ['13:00', '17:30'],
      ],
      [['10:00', '14:00']],
    ),
    days: new Map([
      ['2025-07-04', { kind: 'holiday' }],
      ['2025-11-27', { kind: 'holiday' }],
    ]),
  });
  const calendars: [string, CompiledCalendar][] = [
    ['China (Shanghai)', china],
    ['New York with lunch', compileCalendar(newYorkLunch)],
    ['New York 9–5 every day', newYork],
    ['Berlin (whole weekend days)', berlin],
    [
      'Los Angeles evening shift',
      compileCalendar(spec({ timeZone: 'America/Los_Angeles', week: weekOf(eveningShift) })),
    ],
    ['24×7', always],
  ];
  const calendar = fc.constantFrom(...calendars);
  const from = Date.parse('2024-12-01T00:00:00Z');
  const to = Date.parse('2026-12-01T00:00:00Z');
  const instantArb = fc.integer({ min: from, max: to });
  /** Whole milliseconds expressed in minutes (a Date cannot hold finer), up to 30 working days of 8 h. */
  const minutesArb = fc.integer({ min: 0, max: 30 * 8 * 60 * 60_000 }).map((ms) => ms / 60_000);
  const runs = { numRuns: 300 };

  it('(a) round trip: the working time from start to its due time is the minutes asked', () => {
    fc.assert(
      fc.property(calendar, instantArb, minutesArb, ([, cal], start, m) => {
        const due = addWorkingTime(cal, new Date(start), m);
        expect(Math.abs(workingMinutesBetween(cal, new Date(start), due) - m)).toBeLessThan(1e-6);
      }),
      runs,
    );
  });

  it('(a′) fractional minutes finer than a millisecond round to the nearest millisecond', () => {
    fc.assert(
      fc.property(
        calendar,
        instantArb,
        fc.double({ min: 0, max: 5000, noNaN: true }),
        ([, cal], start, m) => {
          const due = addWorkingTime(cal, new Date(start), m);
          expect(Math.abs(workingMinutesBetween(cal, new Date(start), due) - m)).toBeLessThanOrEqual(
            0.5 / 60_000 + 1e-9,
          );
        },
      ),
      runs,
    );
  });

  it('(b) monotonic: more minutes never give an earlier due time', () => {
    fc.assert(
      fc.property(calendar, instantArb, minutesArb, minutesArb, ([, cal], start, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addWorkingTime(cal, new Date(start), lo).getTime()).toBeLessThanOrEqual(
          addWorkingTime(cal, new Date(start), hi).getTime(),
        );
      }),
      runs,
    );
  });

  it('(c) additive: add(add(s, a), b) = add(s, a + b) for b > 0', () => {
    const positive = fc.integer({ min: 1, max: 15 * 8 * 60 * 60_000 }).map((ms) => ms / 60_000);
    fc.assert(
      fc.property(calendar, instantArb, minutesArb, positive, ([, cal], start, a, b) => {
        const stepwise = addWorkingTime(cal, addWorkingTime(cal, new Date(start), a), b);
        expect(stepwise.toISOString()).toBe(addWorkingTime(cal, new Date(start), a + b).toISOString());
      }),
      runs,
    );
  });

  it('(d) between is additive over adjacent spans', () => {
    fc.assert(
      fc.property(calendar, instantArb, instantArb, instantArb, ([, cal], x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q).map((t) => new Date(t)) as [Date, Date, Date];
        const whole = workingMinutesBetween(cal, a, c);
        expect(
          Math.abs(whole - workingMinutesBetween(cal, a, b) - workingMinutesBetween(cal, b, c)),
        ).toBeLessThan(1e-6);
        expect(workingMinutesBetween(cal, c, a)).toBe(0);
      }),
      runs,
    );
  });

  it('(e) a due time (m > 0) is inside working time or exactly at the end of a period', () => {
    const positive = minutesArb.filter((m) => m > 0);
    fc.assert(
      fc.property(calendar, instantArb, positive, ([, cal], start, m) => {
        const due = addWorkingTime(cal, new Date(start), m).getTime();
        expect(isWorkingTime(cal, new Date(due)) || isWorkingTime(cal, new Date(due - 1))).toBe(true);
      }),
      runs,
    );
  });

  it('next working moment: working, not before the instant, nothing worked in between', () => {
    fc.assert(
      fc.property(calendar, instantArb, ([, cal], t) => {
        const next = nextWorkingMoment(cal, new Date(t));
        expect(isWorkingTime(cal, next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(t);
        expect(workingMinutesBetween(cal, new Date(t), next)).toBe(0);
        if (isWorkingTime(cal, new Date(t))) expect(next.getTime()).toBe(t);
      }),
      runs,
    );
  });

  it('isWorkingTime agrees with the local wall clock read independently (random instants and boundaries)', () => {
    const boundaryInShanghai = fc
      .tuple(
        fc.integer({ min: 0, max: 700 }),
        fc.constantFrom('08:30', '12:00', '13:30', '18:00', '00:00'),
        fc.constantFrom(-1, 0, 1),
      )
      .map(([day, hhmm, delta]) => {
        const date = new Date(Date.parse('2025-01-01T00:00:00Z') + day * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return Date.parse(`${date}T${hhmm}:00+08:00`) + delta;
      });
    fc.assert(
      fc.property(fc.oneof(instantArb, boundaryInShanghai), (t) => {
        expect(isWorkingTime(china, new Date(t))).toBe(oracleIsWorking(chinaSpec, t));
      }),
      { numRuns: 1000 },
    );
    const ny = calendars[1]![1];
    fc.assert(
      fc.property(instantArb, (t) => {
        expect(isWorkingTime(ny, new Date(t))).toBe(oracleIsWorking(newYorkLunch, t));
      }),
      { numRuns: 1000 },
    );
  });
});
