import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';

const { businessCalendars, calendarDays, calendarYears, serviceAgreements, commitmentTargets } = schema;

const calendarColumns = {
  id: businessCalendars.id,
  name: businessCalendars.name,
  timeZone: businessCalendars.timeZone,
  is24x7: businessCalendars.is24x7,
  week: businessCalendars.week,
  chinaHolidays: businessCalendars.chinaHolidays,
  version: businessCalendars.version,
  createdAt: businessCalendars.createdAt,
};
export type CalendarRow = Awaited<ReturnType<typeof findCalendars>>[number];

export async function findCalendars(db: Executor, tenantId: string) {
  return db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(eq(businessCalendars.tenantId, tenantId))
    .orderBy(asc(businessCalendars.name));
}

export async function getCalendarRow(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, tenantId), eq(businessCalendars.id, id)));
  return c ?? null;
}

export async function getCalendarVersion(db: Executor, id: string) {
  const [c] = await db
    .select({ version: businessCalendars.version })
    .from(businessCalendars)
    .where(eq(businessCalendars.id, id));
  return c?.version ?? null;
}

export async function insertCalendar(db: Executor, row: typeof businessCalendars.$inferInsert) {
  const [c] = await db.insert(businessCalendars).values(row).returning(calendarColumns);
  return c!;
}

export async function updateCalendar(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof businessCalendars.$inferInsert>,
) {
  const [c] = await db
    .update(businessCalendars)
    .set({ ...patch, version: sql`${businessCalendars.version} + 1` })
    .where(
      and(
        eq(businessCalendars.tenantId, tenantId),
        eq(businessCalendars.id, id),
        eq(businessCalendars.version, expectedVersion),
      ),
    )
    .returning(calendarColumns);
  return c ?? null;
}

export async function findCalendarDays(db: Executor, calendarId: string, from?: string, to?: string) {
  const where = [eq(calendarDays.calendarId, calendarId)];
  if (from) where.push(gte(calendarDays.day, from));
  if (to) where.push(lte(calendarDays.day, to));
  return db
    .select({
      day: calendarDays.day,
      kind: calendarDays.kind,
      name: calendarDays.name,
      periods: calendarDays.periods,
    })
    .from(calendarDays)
    .where(and(...where))
    .orderBy(asc(calendarDays.day));
}

export async function upsertCalendarDays(
  db: Executor,
  tenantId: string,
  calendarId: string,
  days: {
    day: string;
    kind: 'holiday' | 'workday';
    name: string | null;
    periods: [string, string][] | null;
  }[],
) {
  for (let i = 0; i < days.length; i += 500) {
    await db
      .insert(calendarDays)
      .values(days.slice(i, i + 500).map((d) => ({ ...d, tenantId, calendarId })))
      .onConflictDoUpdate({
        target: [calendarDays.calendarId, calendarDays.day],
        set: { kind: sql`excluded.kind`, name: sql`excluded.name`, periods: sql`excluded.periods` },
      });
  }
}

export async function deleteCalendarDays(db: Executor, calendarId: string, days: string[]) {
  if (days.length)
    await db
      .delete(calendarDays)
      .where(and(eq(calendarDays.calendarId, calendarId), inArray(calendarDays.day, days)));
}

export async function deleteCalendarYearDays(db: Executor, calendarId: string, year: number) {
  await db
    .delete(calendarDays)
    .where(
      and(
        eq(calendarDays.calendarId, calendarId),
        gte(calendarDays.day, `${year}-01-01`),
        lte(calendarDays.day, `${year}-12-31`),
      ),
    );
}

export async function findCalendarYears(db: Executor, calendarId: string) {
  return db
    .select({ year: calendarYears.year, source: calendarYears.source })
    .from(calendarYears)
    .where(eq(calendarYears.calendarId, calendarId))
    .orderBy(asc(calendarYears.year));
}

export async function upsertCalendarYear(
  db: Executor,
  tenantId: string,
  calendarId: string,
  year: number,
  source: string,
) {
  await db
    .insert(calendarYears)
    .values({ tenantId, calendarId, year, source })
    .onConflictDoUpdate({
      target: [calendarYears.calendarId, calendarYears.year],
      set: { source, importedAt: new Date() },
    });
}

const agreementColumns = {
  id: serviceAgreements.id,
  code: serviceAgreements.code,
  name: serviceAgreements.name,
  description: serviceAgreements.description,
  included: serviceAgreements.included,
  excluded: serviceAgreements.excluded,
  paid: serviceAgreements.paid,
  tiers: serviceAgreements.tiers,
  categories: serviceAgreements.categories,
  customerId: serviceAgreements.customerId,
  validFrom: serviceAgreements.validFrom,
  validTo: serviceAgreements.validTo,
  calendarId: serviceAgreements.calendarId,
  rank: serviceAgreements.rank,
  active: serviceAgreements.active,
  pauseStatuses: serviceAgreements.pauseStatuses,
  version: serviceAgreements.version,
  createdAt: serviceAgreements.createdAt,
};
export type AgreementRow = Awaited<ReturnType<typeof findAgreements>>[number];

export async function findAgreements(db: Executor, tenantId: string, onlyActive = false) {
  const where = [eq(serviceAgreements.tenantId, tenantId)];
  if (onlyActive) where.push(eq(serviceAgreements.active, true));
  return db
    .select(agreementColumns)
    .from(serviceAgreements)
    .where(and(...where))
    .orderBy(desc(serviceAgreements.rank), asc(serviceAgreements.code));
}

export async function getAgreementRow(db: Executor, tenantId: string, id: string) {
  const [a] = await db
    .select(agreementColumns)
    .from(serviceAgreements)
    .where(and(eq(serviceAgreements.tenantId, tenantId), eq(serviceAgreements.id, id)));
  return a ?? null;
}

export async function insertAgreement(db: Executor, row: typeof serviceAgreements.$inferInsert) {
  const [a] = await db.insert(serviceAgreements).values(row).returning(agreementColumns);
  return a!;
}

export async function updateAgreement(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof serviceAgreements.$inferInsert>,
) {
  const [a] = await db
    .update(serviceAgreements)
    .set({ ...patch, version: sql`${serviceAgreements.version} + 1` })
    .where(
      and(
        eq(serviceAgreements.tenantId, tenantId),
        eq(serviceAgreements.id, id),
        eq(serviceAgreements.version, expectedVersion),
      ),
    )
    .returning(agreementColumns);
  return a ?? null;
}

const targetColumns = {
  agreementId: commitmentTargets.agreementId,
  ticketType: commitmentTargets.ticketType,
  priority: commitmentTargets.priority,
  metric: commitmentTargets.metric,
  promiseMinutes: commitmentTargets.promiseMinutes,
  internalMinutes: commitmentTargets.internalMinutes,
};
export type TargetRow = Awaited<ReturnType<typeof findTargets>>[number];

export async function findTargets(db: Executor, tenantId: string, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .select(targetColumns)
    .from(commitmentTargets)
    .where(
      and(eq(commitmentTargets.tenantId, tenantId), inArray(commitmentTargets.agreementId, agreementIds)),
    );
}

export async function replaceTargets(
  db: Executor,
  tenantId: string,
  agreementId: string,
  targets: Omit<typeof commitmentTargets.$inferInsert, 'tenantId' | 'agreementId'>[],
) {
  await db
    .delete(commitmentTargets)
    .where(and(eq(commitmentTargets.tenantId, tenantId), eq(commitmentTargets.agreementId, agreementId)));
  for (let i = 0; i < targets.length; i += 500)
    await db
      .insert(commitmentTargets)
      .values(targets.slice(i, i + 500).map((t) => ({ ...t, tenantId, agreementId })));
}

export async function customerExists(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.id, id)));
  return Boolean(c);
}

/** The tenant's name and time zone (for pages shown outside a session). */
export async function getTenantBrief(db: Executor, tenantId: string) {
  const [t] = await db
    .select({ name: schema.tenants.name, timeZone: schema.tenants.timeZone })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  return t ?? null;
}

export async function getCustomerBrief(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select({ id: schema.customers.id, name: schema.customers.name, tier: schema.customers.tier })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.id, id)));
  return c ?? null;
}
