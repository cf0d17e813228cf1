import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';

const {
  complaints,
  complaintSteps,
  complaintRemedies,
  complaintEscalations,
  complaintSettings,
  tickets,
  customers,
  users,
  units,
  productModels,
  visits,
} = schema;

export const complaintColumns = {
  id: complaints.id,
  ticketId: complaints.ticketId,
  customerId: complaints.customerId,
  verbatim: complaints.verbatim,
  severity: complaints.severity,
  cause: complaints.cause,
  aboutTicketId: complaints.aboutTicketId,
  aboutVisitId: complaints.aboutVisitId,
  aboutTechnicianId: complaints.aboutTechnicianId,
  aboutUnitId: complaints.aboutUnitId,
  level: complaints.level,
  acknowledgeDueAt: complaints.acknowledgeDueAt,
  resolveDueAt: complaints.resolveDueAt,
  acknowledgedAt: complaints.acknowledgedAt,
  resolvedAt: complaints.resolvedAt,
  acknowledgeBreachedAt: complaints.acknowledgeBreachedAt,
  resolveBreachedAt: complaints.resolveBreachedAt,
  verdict: complaints.verdict,
  verdictNote: complaints.verdictNote,
  verdictAt: complaints.verdictAt,
  closedAt: complaints.closedAt,
  valueAtCloseFen: complaints.valueAtCloseFen,
  winBack: complaints.winBack,
  winBackReviewedAt: complaints.winBackReviewedAt,
  winBackNote: complaints.winBackNote,
  version: complaints.version,
  createdAt: complaints.createdAt,
  updatedAt: complaints.updatedAt,
};

/** Columns of the list and the header: the complaint with its work order, customer and step count. */
const rowColumns = {
  ...complaintColumns,
  ticketNumber: tickets.number,
  ticketStatus: tickets.status,
  ticketVersion: tickets.version,
  subject: tickets.subject,
  customerName: customers.name,
  stepsDone: sql<number>`(SELECT count(*)::int FROM complaint_steps s WHERE s.complaint_id = ${complaints.id})`,
  pendingRemedies: sql<number>`(SELECT count(*)::int FROM complaint_remedies r WHERE r.complaint_id = ${complaints.id} AND r.status = 'pending')`,
};
export type ComplaintListRow = Awaited<ReturnType<typeof findComplaints>>[number];
export type SettingsRow = NonNullable<Awaited<ReturnType<typeof getSettings>>>;

export async function getSettings(db: Executor, tenantId: string) {
  const [s] = await db
    .select({
      causes: complaintSettings.causes,
      deadlines: complaintSettings.deadlines,
      approvalLimits: complaintSettings.approvalLimits,
      levelAlerts: complaintSettings.levelAlerts,
      winBackDays: complaintSettings.winBackDays,
      version: complaintSettings.version,
    })
    .from(complaintSettings)
    .where(eq(complaintSettings.tenantId, tenantId));
  return s ?? null;
}

/** Writes the settings if `version` is current (a tenant without a row is at version 1). */
export async function saveSettings(
  db: Executor,
  tenantId: string,
  version: number,
  values: Omit<typeof complaintSettings.$inferInsert, 'tenantId' | 'version' | 'updatedAt'>,
  now: Date,
) {
  if (version === 1) {
    const inserted = await db
      .insert(complaintSettings)
      .values({ tenantId, ...values, version: 2, updatedAt: now })
      .onConflictDoNothing()
      .returning({ version: complaintSettings.version });
    if (inserted.length) return true;
  }
  const updated = await db
    .update(complaintSettings)
    .set({ ...values, version: sql`${complaintSettings.version} + 1`, updatedAt: now })
    .where(and(eq(complaintSettings.tenantId, tenantId), eq(complaintSettings.version, version)))
    .returning({ version: complaintSettings.version });
  return updated.length > 0;
}

export async function insertComplaint(db: Executor, row: typeof complaints.$inferInsert) {
  const [c] = await db.insert(complaints).values(row).returning({ id: complaints.id });
  return c!;
}

export async function getComplaintRow(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select(rowColumns)
    .from(complaints)
    .innerJoin(tickets, eq(tickets.id, complaints.ticketId))
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)));
  return c ?? null;
}

export async function getComplaintIdOfTicket(db: Executor, tenantId: string, ticketId: string) {
  const [c] = await db
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.ticketId, ticketId)));
  return c?.id ?? null;
}

/** Changes a complaint if `version` is current; null when it is not (or the complaint is gone). */
export async function updateComplaint(
  db: Executor,
  tenantId: string,
  id: string,
  version: number | null,
  patch: Partial<typeof complaints.$inferInsert>,
  now: Date,
) {
  const [c] = await db
    .update(complaints)
    .set({ ...patch, version: sql`${complaints.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        eq(complaints.id, id),
        version === null ? undefined : eq(complaints.version, version),
      ),
    )
    .returning({ id: complaints.id, version: complaints.version });
  return c ?? null;
}

export async function findSteps(db: Executor, tenantId: string, complaintId: string) {
  return db
    .select({
      step: complaintSteps.step,
      doneAt: complaintSteps.doneAt,
      byId: complaintSteps.byId,
      byName: users.displayName,
      note: complaintSteps.note,
    })
    .from(complaintSteps)
    .leftJoin(users, eq(users.id, complaintSteps.byId))
    .where(and(eq(complaintSteps.tenantId, tenantId), eq(complaintSteps.complaintId, complaintId)))
    .orderBy(asc(complaintSteps.doneAt));
}

export async function insertStep(db: Executor, row: typeof complaintSteps.$inferInsert) {
  await db.insert(complaintSteps).values(row);
}

export async function setStepNote(
  db: Executor,
  tenantId: string,
  complaintId: string,
  step: (typeof complaintSteps.$inferSelect)['step'],
  note: string,
) {
  const r = await db
    .update(complaintSteps)
    .set({ note })
    .where(
      and(
        eq(complaintSteps.tenantId, tenantId),
        eq(complaintSteps.complaintId, complaintId),
        eq(complaintSteps.step, step),
      ),
    )
    .returning({ step: complaintSteps.step });
  return r.length > 0;
}

const remedyColumns = {
  id: complaintRemedies.id,
  kind: complaintRemedies.kind,
  amountFen: complaintRemedies.amountFen,
  description: complaintRemedies.description,
  status: complaintRemedies.status,
  requestedById: complaintRemedies.requestedById,
  requestedAt: complaintRemedies.requestedAt,
  decidedById: complaintRemedies.decidedById,
  decidedAt: complaintRemedies.decidedAt,
  decisionNote: complaintRemedies.decisionNote,
  redoTicketId: complaintRemedies.redoTicketId,
  version: complaintRemedies.version,
};
export type RemedyRow = Awaited<ReturnType<typeof findRemedies>>[number];

export async function findRemedies(db: Executor, tenantId: string, complaintId: string) {
  return db
    .select(remedyColumns)
    .from(complaintRemedies)
    .where(and(eq(complaintRemedies.tenantId, tenantId), eq(complaintRemedies.complaintId, complaintId)))
    .orderBy(asc(complaintRemedies.requestedAt), asc(complaintRemedies.id));
}

export async function insertRemedy(db: Executor, row: typeof complaintRemedies.$inferInsert) {
  const [r] = await db.insert(complaintRemedies).values(row).returning(remedyColumns);
  return r!;
}

export async function updateRemedy(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof complaintRemedies.$inferInsert>,
) {
  const [r] = await db
    .update(complaintRemedies)
    .set({ ...patch, version: sql`${complaintRemedies.version} + 1` })
    .where(
      and(
        eq(complaintRemedies.tenantId, tenantId),
        eq(complaintRemedies.id, id),
        eq(complaintRemedies.version, version),
      ),
    )
    .returning(remedyColumns);
  return r ?? null;
}

export async function insertEscalation(db: Executor, row: typeof complaintEscalations.$inferInsert) {
  await db.insert(complaintEscalations).values(row);
}

export async function findEscalations(db: Executor, tenantId: string, complaintId: string) {
  return db
    .select({
      id: complaintEscalations.id,
      fromLevel: complaintEscalations.fromLevel,
      toLevel: complaintEscalations.toLevel,
      reason: complaintEscalations.reason,
      note: complaintEscalations.note,
      byName: users.displayName,
      notified: complaintEscalations.notified,
      createdAt: complaintEscalations.createdAt,
    })
    .from(complaintEscalations)
    .leftJoin(users, eq(users.id, complaintEscalations.byId))
    .where(
      and(eq(complaintEscalations.tenantId, tenantId), eq(complaintEscalations.complaintId, complaintId)),
    )
    .orderBy(asc(complaintEscalations.createdAt));
}

export async function userNames(db: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function activeUsersWithRoles(db: Executor, tenantId: string, roles: string[]) {
  if (!roles.length) return [];
  return db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        inArray(users.role, roles as (typeof users.$inferSelect)['role'][]),
      ),
    );
}

export async function getUser(db: Executor, tenantId: string, id: string) {
  const [u] = await db
    .select({ id: users.id, role: users.role, name: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u ?? null;
}

export async function getTicketRef(db: Executor, tenantId: string, id: string) {
  const [t] = await db
    .select({ id: tickets.id, number: tickets.number, customerId: tickets.customerId })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
  return t ?? null;
}

export async function ticketNumbers(db: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.id, ids)));
  return new Map(rows.map((r) => [r.id, r.number]));
}

export async function getVisitRef(db: Executor, tenantId: string, id: string) {
  const [v] = await db
    .select({ id: visits.id, ticketId: visits.ticketId })
    .from(visits)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id)));
  return v ?? null;
}

export async function getUnitRef(db: Executor, tenantId: string, id: string) {
  const [u] = await db
    .select({
      id: units.id,
      customerId: units.customerId,
      serialNumber: units.serialNumber,
      modelName: productModels.name,
    })
    .from(units)
    .innerJoin(productModels, eq(productModels.id, units.modelId))
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  return u ?? null;
}

export async function getCustomerFacts(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select({
      id: customers.id,
      status: customers.status,
      churnedAt: customers.churnedAt,
      valueFen: customers.valueFen,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return c ?? null;
}

/** What the customer did in (from, to]: units registered or bought, work orders opened other than complaints. */
export async function winBackActivity(
  db: Executor,
  tenantId: string,
  customerId: string,
  from: Date,
  to: Date,
) {
  const f = from.toISOString();
  const t = to.toISOString();
  const r = await db.execute(sql`
    SELECT
      (SELECT count(*)::int FROM units u WHERE u.tenant_id = ${tenantId} AND u.customer_id = ${customerId}
        AND (u.created_at > ${f}::timestamptz AND u.created_at <= ${t}::timestamptz
          OR u.purchase_date > (${f}::timestamptz)::date AND u.purchase_date <= (${t}::timestamptz)::date)) AS "newUnits",
      (SELECT count(*)::int FROM tickets k WHERE k.tenant_id = ${tenantId} AND k.customer_id = ${customerId}
        AND k.type <> 'complaint' AND k.created_at > ${f}::timestamptz AND k.created_at <= ${t}::timestamptz) AS "newTickets"`);
  const row = (r as unknown as { rows: { newUnits: number; newTickets: number }[] }).rows[0];
  return { newUnits: Number(row?.newUnits ?? 0), newTickets: Number(row?.newTickets ?? 0) };
}

export interface ListFilter {
  nextStepIndex?: number;
  severity?: string;
  cause?: string;
  level?: number;
  overdue?: boolean;
  state: 'open' | 'closed' | 'all';
  winBackDueBefore?: Date;
  pendingApproval?: boolean;
  text?: string;
  number?: number;
  now: Date;
  cursor: { at: string; id: string } | null;
}

function overdueSql(now: Date): SQL {
  const n = now.toISOString();
  return sql`COALESCE(${complaints.acknowledgeBreachedAt} IS NOT NULL OR ${complaints.resolveBreachedAt} IS NOT NULL
    OR (${complaints.acknowledgedAt} IS NULL AND ${complaints.acknowledgeDueAt} < ${n}::timestamptz)
    OR ${complaints.acknowledgedAt} > ${complaints.acknowledgeDueAt}
    OR (${complaints.resolvedAt} IS NULL AND ${complaints.resolveDueAt} < ${n}::timestamptz)
    OR ${complaints.resolvedAt} > ${complaints.resolveDueAt}, false)`;
}

/** The complaint desk: newest first, keyset pages on (created_at, id). */
export async function findComplaints(db: Executor, tenantId: string, f: ListFilter, limit: number) {
  const conds: (SQL | undefined)[] = [eq(complaints.tenantId, tenantId)];
  if (f.state === 'open') conds.push(isNull(complaints.closedAt));
  if (f.state === 'closed') conds.push(isNotNull(complaints.closedAt));
  if (f.severity) conds.push(eq(complaints.severity, f.severity as 'minor'));
  if (f.cause) conds.push(eq(complaints.cause, f.cause));
  if (f.level) conds.push(eq(complaints.level, f.level));
  if (f.nextStepIndex !== undefined)
    conds.push(
      sql`(SELECT count(*) FROM complaint_steps s WHERE s.complaint_id = ${complaints.id}) = ${f.nextStepIndex}`,
    );
  if (f.overdue === true) conds.push(overdueSql(f.now));
  if (f.overdue === false) conds.push(sql`NOT ${overdueSql(f.now)}`);
  if (f.winBackDueBefore)
    conds.push(
      and(
        isNull(complaints.winBackReviewedAt),
        sql`${complaints.closedAt} <= ${f.winBackDueBefore.toISOString()}::timestamptz`,
      ),
    );
  if (f.pendingApproval)
    conds.push(
      sql`EXISTS (SELECT 1 FROM complaint_remedies r WHERE r.complaint_id = ${complaints.id} AND r.status = 'pending')`,
    );
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        sql`${complaints.verbatim} ILIKE ${like}`,
        sql`${tickets.subject} ILIKE ${like}`,
        sql`${customers.name} ILIKE ${like}`,
        f.number !== undefined ? eq(tickets.number, f.number) : undefined,
      ),
    );
  }
  if (f.cursor)
    conds.push(
      or(
        sql`${complaints.createdAt} < ${f.cursor.at}::timestamptz`,
        and(
          sql`${complaints.createdAt} = ${f.cursor.at}::timestamptz`,
          sql`${complaints.id} < ${f.cursor.id}`,
        ),
      ),
    );
  return db
    .select(rowColumns)
    .from(complaints)
    .innerJoin(tickets, eq(tickets.id, complaints.ticketId))
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(...conds))
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(limit);
}

/**
 * Claims the complaints whose acknowledge or resolve deadline has just passed unmet, across tenants, raising
 * their level by one (at most 3). The conditional UPDATE marks each exactly once, however many instances sweep.
 */
export async function claimBreached(db: Executor, kind: 'acknowledge' | 'resolve', now: Date, limit = 200) {
  const flag = kind === 'acknowledge' ? 'acknowledge_breached_at' : 'resolve_breached_at';
  const met = kind === 'acknowledge' ? 'acknowledged_at' : 'resolved_at';
  const due = kind === 'acknowledge' ? 'acknowledge_due_at' : 'resolve_due_at';
  const n = now.toISOString();
  const r = await db.execute(sql`
    UPDATE complaints c SET ${sql.raw(flag)} = ${n}::timestamptz, level = LEAST(c.level + 1, 3),
      version = c.version + 1, updated_at = ${n}::timestamptz
    FROM (
      SELECT x.id, x.level AS from_level FROM complaints x
      WHERE x.${sql.raw(met)} IS NULL AND x.${sql.raw(flag)} IS NULL AND x.${sql.raw(due)} <= ${n}::timestamptz
      ORDER BY x.${sql.raw(due)} LIMIT ${limit} FOR UPDATE SKIP LOCKED) AS claimed
    WHERE c.id = claimed.id
    RETURNING c.id, c.tenant_id AS "tenantId", c.ticket_id AS "ticketId", claimed.from_level AS "fromLevel",
      c.level AS "toLevel"`);
  return (
    r as unknown as {
      rows: { id: string; tenantId: string; ticketId: string; fromLevel: number; toLevel: number }[];
    }
  ).rows.map((x) => ({ ...x, fromLevel: Number(x.fromLevel), toLevel: Number(x.toLevel) }));
}

export async function ticketPrefix(db: Executor, tenantId: string) {
  const [t] = await db
    .select({ prefix: schema.tenants.ticketPrefix })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  return t?.prefix ?? 'GD';
}

/** What the closing rule needs to know about a work order's complaint (null: it has no complaint record). */
export async function getClosingFacts(db: Executor, tenantId: string, ticketId: string) {
  const [c] = await db
    .select({
      id: complaints.id,
      verdict: complaints.verdict,
      closedAt: complaints.closedAt,
      resolvedAt: complaints.resolvedAt,
      followUpAt: sql<Date | null>`(SELECT s.done_at FROM complaint_steps s WHERE s.complaint_id = ${complaints.id} AND s.step = 'follow_up')`,
      customerValueFen: customers.valueFen,
    })
    .from(complaints)
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.ticketId, ticketId)));
  return c ?? null;
}

/**
 * Closed complaints whose win-back period has just ended and that have no classification yet, across tenants,
 * locked for this sweep (another instance skips them).
 */
export async function claimWinBackDue(db: Executor, now: Date, limit = 200) {
  const r = await db.execute(sql`
    SELECT c.id, c.tenant_id AS "tenantId", c.customer_id AS "customerId", c.closed_at AS "closedAt",
      c.value_at_close_fen AS "valueAtCloseFen", COALESCE(s.win_back_days, 90) AS "winBackDays"
    FROM complaints c LEFT JOIN complaint_settings s ON s.tenant_id = c.tenant_id
    WHERE c.win_back IS NULL AND c.win_back_reviewed_at IS NULL AND c.closed_at IS NOT NULL
      AND c.closed_at + make_interval(days => COALESCE(s.win_back_days, 90)) <= ${now.toISOString()}::timestamptz
    ORDER BY c.closed_at LIMIT ${limit} FOR UPDATE OF c SKIP LOCKED`);
  return (
    r as unknown as {
      rows: {
        id: string;
        tenantId: string;
        customerId: string;
        closedAt: Date | string;
        valueAtCloseFen: number | string | null;
        winBackDays: number | string;
      }[];
    }
  ).rows.map((x) => ({
    ...x,
    closedAt: new Date(x.closedAt),
    valueAtCloseFen: x.valueAtCloseFen === null ? null : Number(x.valueAtCloseFen),
    winBackDays: Number(x.winBackDays),
  }));
}
