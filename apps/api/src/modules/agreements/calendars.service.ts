import type { Calendar } from '@manyi/contracts';
import { type Executor, schema } from '@manyi/db';
import { and, eq, inArray, isNotNull, max } from 'drizzle-orm';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import {
  type CalendarDay,
  type CompiledCalendar,
  compileCalendar,
  type LocalPeriod,
  type Weekday,
  yearsWithoutHolidayData,
} from '../calendars/business-time';
import { chinaCoveredYears, chinaHolidayDays } from '../calendars/china-holidays';
import * as repo from './agreements.repository';

export type WeekPeriods = Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', [string, string][]>;

/** An after-sales service day: 08:00–20:00 every day of the week (holidays are still holidays). */
export const serviceWeek: WeekPeriods = {
  '0': [['08:00', '20:00']],
  '1': [['08:00', '20:00']],
  '2': [['08:00', '20:00']],
  '3': [['08:00', '20:00']],
  '4': [['08:00', '20:00']],
  '5': [['08:00', '20:00']],
  '6': [['08:00', '20:00']],
};

/** Imports China's holidays and adjusted working days of a year from the bundled data. */
async function importChinaYear(db: Executor, tenantId: string, calendarId: string, year: number) {
  const days = chinaHolidayDays(year);
  if (days.size === 0)
    throw new AppError('CALENDAR_YEAR_UNAVAILABLE', { year, covered: chinaCoveredYears() });
  await repo.deleteCalendarYearDays(db, calendarId, year);
  await repo.upsertCalendarDays(
    db,
    tenantId,
    calendarId,
    [...days].map(([day, d]) => ({ day, kind: d.kind, name: d.name, periods: null })),
  );
  await repo.upsertCalendarYear(db, tenantId, calendarId, year, 'chinese-days');
}

/** A new tenant's calendar, with every year of China's holidays the bundled data has from last year on. */
export async function createDefaultCalendar(db: Executor, tenantId: string, now = new Date()) {
  const cal = await repo.insertCalendar(db, {
    tenantId,
    name: '标准服务时间',
    timeZone: 'Asia/Shanghai',
    week: serviceWeek,
  });
  for (const year of chinaCoveredYears().filter((y) => y >= now.getUTCFullYear() - 1))
    await importChinaYear(db, tenantId, cal.id, year);
  return cal;
}

// Compiled calendars, by id, while their version is unchanged. A version check costs one indexed read.
const compiled = new Map<string, { version: number; checkedAt: number; cal: CompiledCalendar }>();
const RECHECK_MS = 5_000;

/** The compiled business calendar (cached per version; edits on any instance are seen within 5 s). */
export async function loadCompiledCalendar(
  db: Executor,
  calendarId: string,
  now = Date.now(),
): Promise<CompiledCalendar> {
  const hit = compiled.get(calendarId);
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.cal;
  const version = await repo.getCalendarVersion(db, calendarId);
  if (version === null) throw new AppError('NOT_FOUND', { entity: 'calendar', id: calendarId });
  if (hit && hit.version === version) {
    hit.checkedAt = now;
    return hit.cal;
  }
  const [row] = await db
    .select({
      timeZone: schema.businessCalendars.timeZone,
      is24x7: schema.businessCalendars.is24x7,
      week: schema.businessCalendars.week,
    })
    .from(schema.businessCalendars)
    .where(eq(schema.businessCalendars.id, calendarId));
  const days = await repo.findCalendarDays(db, calendarId);
  const years = await repo.findCalendarYears(db, calendarId);
  const cal = compileCalendar({
    timeZone: row!.timeZone,
    is24x7: row!.is24x7,
    week: Object.fromEntries(
      Object.entries(row!.week).map(([k, v]) => [Number(k), v as LocalPeriod[]]),
    ) as Record<Weekday, LocalPeriod[]>,
    days: new Map(
      days.map((d) => [
        d.day,
        d.kind === 'holiday'
          ? ({ kind: 'holiday', name: d.name ?? undefined } as CalendarDay)
          : ({
              kind: 'workday',
              name: d.name ?? undefined,
              periods: (d.periods as LocalPeriod[] | null) ?? undefined,
            } as CalendarDay),
      ]),
    ),
    coveredYears: new Set(years.map((y) => y.year)),
  });
  compiled.set(calendarId, { version, checkedAt: now, cal });
  return cal;
}

export function forgetCompiledCalendar(calendarId: string) {
  compiled.delete(calendarId);
}

/** Years the running clocks of this calendar reach (up to their furthest due time) without holiday data. */
async function missingYearsOf(ctx: ServiceContext, calendarId: string): Promise<number[]> {
  const [r] = await ctx.db
    .select({ furthest: max(schema.ticketCommitments.promiseDueAt) })
    .from(schema.ticketCommitments)
    .where(
      and(
        eq(schema.ticketCommitments.tenantId, ctx.principal.tenantId),
        eq(schema.ticketCommitments.calendarId, calendarId),
        inArray(schema.ticketCommitments.state, ['running', 'paused']),
        isNotNull(schema.ticketCommitments.promiseDueAt),
      ),
    );
  const cal = await loadCompiledCalendar(ctx.db, calendarId);
  const now = ctx.now();
  // Clocks started now reach a month ahead at least; look that far even with no clock running.
  const horizon = new Date(Math.max(r?.furthest?.getTime() ?? 0, now.getTime() + 31 * 86_400_000));
  return yearsWithoutHolidayData(cal, now, horizon);
}

async function serialiseCalendar(ctx: ServiceContext, c: repo.CalendarRow): Promise<Calendar> {
  return {
    ...c,
    week: c.week as WeekPeriods,
    createdAt: c.createdAt.toISOString(),
    years: await repo.findCalendarYears(ctx.db, c.id),
    missingYears: c.chinaHolidays ? await missingYearsOf(ctx, c.id) : [],
  };
}

export async function findCalendars(ctx: ServiceContext) {
  const rows = await repo.findCalendars(ctx.db, ctx.principal.tenantId);
  return Promise.all(rows.map((c) => serialiseCalendar(ctx, c)));
}

async function requireCalendar(ctx: ServiceContext, id: string) {
  const c = await repo.getCalendarRow(ctx.db, ctx.principal.tenantId, id);
  if (!c) throw new AppError('NOT_FOUND', { entity: 'calendar', id });
  return c;
}

export async function getCalendar(ctx: ServiceContext, id: string) {
  const c = await requireCalendar(ctx, id);
  const days = await repo.findCalendarDays(ctx.db, id);
  return {
    ...(await serialiseCalendar(ctx, c)),
    days: days.map((d) => ({ ...d, periods: d.periods ?? null })),
  };
}

/** Checks a week the way the engine will use it, so a bad calendar is refused before it is stored. */
function checkWeek(input: { timeZone: string; is24x7: boolean; week: WeekPeriods }) {
  try {
    compileCalendar({
      timeZone: input.timeZone,
      is24x7: input.is24x7,
      week: Object.fromEntries(Object.entries(input.week).map(([k, v]) => [Number(k), v])) as Record<
        Weekday,
        LocalPeriod[]
      >,
      days: new Map(),
      coveredYears: new Set(),
    });
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'week', message: (err as Error).message }]);
  }
  if (!input.is24x7 && Object.values(input.week).every((p) => p.length === 0))
    throw new AppError('VALIDATION_FAILED', [
      { path: 'week', message: 'a calendar needs working time on at least one weekday' },
    ]);
}

export async function createCalendar(
  ctx: ServiceContext,
  input: { name: string; timeZone: string; is24x7: boolean; week: WeekPeriods; chinaHolidays: boolean },
) {
  checkWeek(input);
  const c = await repo.insertCalendar(ctx.db, { tenantId: ctx.principal.tenantId, ...input });
  if (input.chinaHolidays)
    for (const year of chinaCoveredYears().filter((y) => y >= ctx.now().getUTCFullYear() - 1))
      await importChinaYear(ctx.db, ctx.principal.tenantId, c.id, year);
  await recordAudit(ctx, {
    action: 'calendar.created',
    entityType: 'calendar',
    entityId: c.id,
    changes: input,
  });
  return serialiseCalendar(ctx, c);
}

/** Every change to a calendar bumps its version: compiled copies are rebuilt and due times recomputed. */
export async function changeCalendar(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    name?: string;
    timeZone?: string;
    is24x7?: boolean;
    week?: WeekPeriods;
    chinaHolidays?: boolean;
  },
) {
  const before = await requireCalendar(ctx, id);
  const { version, ...patch } = input;
  checkWeek({
    timeZone: patch.timeZone ?? before.timeZone,
    is24x7: patch.is24x7 ?? before.is24x7,
    week: patch.week ?? (before.week as WeekPeriods),
  });
  const c = await requireUpdated(
    await repo.updateCalendar(ctx.db, ctx.principal.tenantId, id, version, patch),
    'calendar',
    id,
    () => repo.getCalendarRow(ctx.db, ctx.principal.tenantId, id),
  );
  forgetCompiledCalendar(id);
  await recordAudit(ctx, {
    action: 'calendar.changed',
    entityType: 'calendar',
    entityId: id,
    changes: diff(before, patch),
  });
  return c;
}

export async function setCalendarDays(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    set: {
      day: string;
      kind: 'holiday' | 'workday';
      name: string | null;
      periods: [string, string][] | null;
    }[];
    remove: string[];
  },
) {
  await requireCalendar(ctx, id);
  const c = await requireUpdated(
    await repo.updateCalendar(ctx.db, ctx.principal.tenantId, id, input.version, {}),
    'calendar',
    id,
    () => repo.getCalendarRow(ctx.db, ctx.principal.tenantId, id),
  );
  await repo.deleteCalendarDays(ctx.db, id, input.remove);
  await repo.upsertCalendarDays(ctx.db, ctx.principal.tenantId, id, input.set);
  // Entering days of a year by hand gives that year holiday data.
  for (const year of new Set(input.set.map((d) => Number(d.day.slice(0, 4)))))
    await repo.upsertCalendarYear(ctx.db, ctx.principal.tenantId, id, year, 'manual');
  forgetCompiledCalendar(id);
  await recordAudit(ctx, {
    action: 'calendar.days_changed',
    entityType: 'calendar',
    entityId: id,
    changes: { set: input.set, remove: input.remove },
  });
  return c;
}

export async function importCalendarYear(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    year: number;
    source: 'chinese-days' | 'days';
    days?: { day: string; kind: 'holiday' | 'workday'; name: string | null }[];
  },
) {
  await requireCalendar(ctx, id);
  if (input.source === 'days') {
    const outside = (input.days ?? []).filter((d) => !d.day.startsWith(`${input.year}-`));
    if (!input.days?.length || outside.length)
      throw new AppError('VALIDATION_FAILED', [
        { path: 'days', message: `days of ${input.year} are required`, outside: outside.map((d) => d.day) },
      ]);
  }
  const c = await requireUpdated(
    await repo.updateCalendar(ctx.db, ctx.principal.tenantId, id, input.version, {}),
    'calendar',
    id,
    () => repo.getCalendarRow(ctx.db, ctx.principal.tenantId, id),
  );
  if (input.source === 'chinese-days') await importChinaYear(ctx.db, ctx.principal.tenantId, id, input.year);
  else {
    await repo.deleteCalendarYearDays(ctx.db, id, input.year);
    await repo.upsertCalendarDays(
      ctx.db,
      ctx.principal.tenantId,
      id,
      (input.days ?? []).map((d) => ({ ...d, periods: null })),
    );
    await repo.upsertCalendarYear(ctx.db, ctx.principal.tenantId, id, input.year, 'import');
  }
  forgetCompiledCalendar(id);
  await recordAudit(ctx, {
    action: 'calendar.year_imported',
    entityType: 'calendar',
    entityId: id,
    changes: { year: input.year, source: input.source },
  });
  return c;
}
