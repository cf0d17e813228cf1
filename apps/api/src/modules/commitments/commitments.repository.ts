import { type Executor, schema } from '@manyi/db';
import { type AnyColumn, and, asc, eq, inArray, sql } from 'drizzle-orm';

const {
  ticketCommitments: clocks,
  tickets,
  escalationRules,
  notifications,
  users,
  customers,
  units,
  productModels,
} = schema;

export const clockColumns = {
  id: clocks.id,
  ticketId: clocks.ticketId,
  metric: clocks.metric,
  agreementId: clocks.agreementId,
  calendarId: clocks.calendarId,
  promiseMinutes: clocks.promiseMinutes,
  internalMinutes: clocks.internalMinutes,
  state: clocks.state,
  startedAt: clocks.startedAt,
  consumedMinutes: clocks.consumedMinutes,
  segmentStartedAt: clocks.segmentStartedAt,
  promiseDueAt: clocks.promiseDueAt,
  internalDueAt: clocks.internalDueAt,
  atRiskDueAt: clocks.atRiskDueAt,
  stoppedAt: clocks.stoppedAt,
  metPromise: clocks.metPromise,
  metInternal: clocks.metInternal,
  marginMinutes: clocks.marginMinutes,
  atRiskAt: clocks.atRiskAt,
  breachedAt: clocks.breachedAt,
  version: clocks.version,
};
export type ClockRow = Awaited<ReturnType<typeof findClocks>>[number];
export type ClockInsert = typeof clocks.$inferInsert;

export async function findClocks(db: Executor, tenantId: string, ticketId: string) {
  return db
    .select(clockColumns)
    .from(clocks)
    .where(and(eq(clocks.tenantId, tenantId), eq(clocks.ticketId, ticketId)))
    .orderBy(asc(clocks.metric));
}

export async function insertClocks(db: Executor, rows: ClockInsert[]) {
  if (rows.length) await db.insert(clocks).values(rows);
}

export async function updateClock(db: Executor, id: string, patch: Partial<ClockInsert>) {
  await db
    .update(clocks)
    .set({ ...patch, version: sql`${clocks.version} + 1` })
    .where(eq(clocks.id, id));
}

/** The ticket's earliest running promise, for sorting queues by due time. */
export async function refreshTicketDue(
  db: Executor,
  tenantId: string,
  ticketId: string,
  agreementId?: string | null,
) {
  await db
    .update(tickets)
    .set({
      nextDueAt: sql`(SELECT min(${clocks.promiseDueAt}) FROM ${clocks} WHERE ${clocks.ticketId} = ${ticketId} AND ${clocks.state} = 'running')`,
      ...(agreementId !== undefined ? { agreementId } : {}),
    })
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
}

/** Tier of the customer and category of the unit: what decides which agreement covers a work order. */
export async function coverageFacts(
  db: Executor,
  tenantId: string,
  customerId: string,
  unitId: string | null,
) {
  const [c] = await db
    .select({ tier: customers.tier })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  let category: string | null = null;
  if (unitId) {
    const [u] = await db
      .select({ category: productModels.category })
      .from(units)
      .innerJoin(productModels, eq(productModels.id, units.modelId))
      .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)));
    category = u?.category ?? null;
  }
  return { tier: c?.tier ?? 'standard', category };
}

export async function findRules(db: Executor, tenantId: string) {
  return db
    .select({
      id: escalationRules.id,
      name: escalationRules.name,
      metric: escalationRules.metric,
      trigger: escalationRules.trigger,
      against: escalationRules.against,
      thresholdPct: escalationRules.thresholdPct,
      actions: escalationRules.actions,
      active: escalationRules.active,
      version: escalationRules.version,
      createdAt: escalationRules.createdAt,
    })
    .from(escalationRules)
    .where(eq(escalationRules.tenantId, tenantId))
    .orderBy(asc(escalationRules.name));
}
export type RuleRow = Awaited<ReturnType<typeof findRules>>[number];

export async function insertRule(db: Executor, row: typeof escalationRules.$inferInsert) {
  const [r] = await db.insert(escalationRules).values(row).returning({ id: escalationRules.id });
  return r!;
}

export async function updateRule(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof escalationRules.$inferInsert>,
) {
  const [r] = await db
    .update(escalationRules)
    .set({ ...patch, version: sql`${escalationRules.version} + 1` })
    .where(
      and(
        eq(escalationRules.tenantId, tenantId),
        eq(escalationRules.id, id),
        eq(escalationRules.version, expectedVersion),
      ),
    )
    .returning({ id: escalationRules.id });
  return r ?? null;
}

/**
 * Claims the clocks that have just crossed a threshold, across tenants: the conditional UPDATE marks each one
 * exactly once, however many instances sweep at the same time.
 */
export async function claimCrossed(db: Executor, kind: 'at_risk' | 'breached', now: Date, limit = 500) {
  const due = kind === 'breached' ? clocks.promiseDueAt : clocks.atRiskDueAt;
  const flag = kind === 'breached' ? 'breached_at' : 'at_risk_at';
  const r = await db.execute(sql`
    UPDATE ticket_commitments SET ${sql.raw(flag)} = ${now.toISOString()}::timestamptz, version = version + 1
    WHERE id IN (
      SELECT id FROM ticket_commitments
      WHERE state = 'running' AND ${sql.raw(flag)} IS NULL AND ${due} <= ${now.toISOString()}::timestamptz
      ORDER BY ${due} LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, tenant_id AS "tenantId", ticket_id AS "ticketId", metric, promise_due_at AS "promiseDueAt"`);
  return (
    r as unknown as {
      rows: { id: string; tenantId: string; ticketId: string; metric: string; promiseDueAt: Date | string }[];
    }
  ).rows;
}

export async function insertNotifications(db: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}

export async function findSupervisors(db: Executor, tenantId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'supervisor'), eq(users.active, true)));
}

export async function findNotifications(db: Executor, tenantId: string, userId: string, limit: number) {
  return db
    .select({
      id: notifications.id,
      ticketId: notifications.ticketId,
      kind: notifications.kind,
      data: notifications.data,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId)))
    .orderBy(sql`${notifications.createdAt} DESC`)
    .limit(limit);
}

export async function markNotificationsRead(
  db: Executor,
  tenantId: string,
  userId: string,
  ids: string[],
  at: Date,
) {
  if (!ids.length) return;
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        inArray(notifications.id, ids),
      ),
    );
}

/**
 * Running clocks of a calendar, a page of work orders at a time (keyset on the work order): a page holds all
 * of its work orders' running clocks, so each page can set its work orders' next due time by itself.
 */
export async function findClocksOfCalendar(
  db: Executor,
  calendarId: string,
  afterTicketId: string | null,
  limit: number,
) {
  const rows = await db
    .select({
      id: clocks.id,
      ticketId: clocks.ticketId,
      metric: clocks.metric,
      tenantId: clocks.tenantId,
      state: clocks.state,
      consumedMinutes: clocks.consumedMinutes,
      segmentStartedAt: clocks.segmentStartedAt,
      promiseMinutes: clocks.promiseMinutes,
      internalMinutes: clocks.internalMinutes,
    })
    .from(clocks)
    .where(
      and(
        eq(clocks.calendarId, calendarId),
        eq(clocks.state, 'running'),
        afterTicketId ? sql`${clocks.ticketId} > ${afterTicketId}::uuid` : undefined,
      ),
    )
    .orderBy(asc(clocks.ticketId))
    .limit(limit);
  // A full page may end part-way through a work order's clocks: leave that one to the next page.
  if (rows.length < limit) return { rows, last: rows.at(-1)?.ticketId ?? null, done: true };
  const lastTicket = rows.at(-1)!.ticketId;
  const whole = rows.filter((r) => r.ticketId !== lastTicket);
  if (whole.length === 0) return { rows, last: lastTicket, done: false };
  return { rows: whole, last: whole.at(-1)!.ticketId, done: false };
}

const uuids = (xs: string[]) => `{${xs.join(',')}}`;
const stamps = (xs: (Date | null)[]) => `{${xs.map((d) => (d ? `"${d.toISOString()}"` : 'NULL')).join(',')}}`;

/**
 * Writes recomputed due times of a page of clocks and their work orders' next due time in one statement
 * (arrays, not thousands of parameters). Rows whose values did not change are not touched: an update of a
 * work order rewrites every one of its indexes, which is most of the cost.
 */
export async function writeDueTimes(
  db: Executor,
  rows: { id: string; promise: Date; internal: Date; atRisk: Date | null }[],
  ticketDue: { ticketId: string; due: Date | null }[],
) {
  if (!rows.length) return;
  await db.execute(sql`
    WITH written AS (
      UPDATE ticket_commitments AS c
      SET promise_due_at = v.p, internal_due_at = v.i, at_risk_due_at = v.r, version = c.version + 1
      FROM unnest(${uuids(rows.map((r) => r.id))}::uuid[], ${stamps(rows.map((r) => r.promise))}::timestamptz[],
                  ${stamps(rows.map((r) => r.internal))}::timestamptz[], ${stamps(rows.map((r) => r.atRisk))}::timestamptz[])
           AS v(id, p, i, r)
      WHERE c.id = v.id
        AND (c.promise_due_at IS DISTINCT FROM v.p OR c.internal_due_at IS DISTINCT FROM v.i
             OR c.at_risk_due_at IS DISTINCT FROM v.r)
      RETURNING 1)
    UPDATE tickets AS t SET next_due_at = d.due
    FROM unnest(${uuids(ticketDue.map((x) => x.ticketId))}::uuid[], ${stamps(ticketDue.map((x) => x.due))}::timestamptz[])
         AS d(id, due)
    WHERE t.id = d.id AND t.next_due_at IS DISTINCT FROM d.due`);
}

export async function countUnreadNotifications(db: Executor, tenantId: string, userId: string) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        sql`${notifications.readAt} IS NULL`,
      ),
    );
  return Number(r?.n ?? 0);
}

export async function markAllNotificationsRead(db: Executor, tenantId: string, userId: string, at: Date) {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        sql`${notifications.readAt} IS NULL`,
      ),
    );
}

/**
 * For the queue's select list: when the earliest running clock of a work order reaches its at-risk share.
 * A correlated subquery on the (ticket_id, metric) index, evaluated only for the rows of the page.
 */
export function nextRiskAtOf(ticketId: AnyColumn) {
  return sql<Date | null>`(SELECT min(c.at_risk_due_at) FROM ticket_commitments c WHERE c.ticket_id = ${ticketId} AND c.state = 'running')`.mapWith(
    (v: string | Date | null) => (v === null ? null : new Date(v)),
  );
}
