import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';

const {
  followups,
  followupAttempts,
  campaigns,
  campaignUnits,
  customers,
  customerPhones,
  tickets,
  ticketEvents,
  units,
  productModels,
  users,
  tenants,
} = schema;

export type FollowupRow = typeof followups.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;

export async function insertFollowup(db: Executor, row: typeof followups.$inferInsert) {
  const [created] = await db
    .insert(followups)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: followups.id });
  return created ?? null;
}

const listColumns = {
  f: followups,
  customerName: customers.name,
  customerTier: customers.tier,
  phone: sql<
    string | null
  >`(SELECT p.display FROM customer_phones p WHERE p.customer_id = ${followups.customerId} ORDER BY p.is_primary DESC, p.created_at LIMIT 1)`,
  ticketNumber: tickets.number,
  ticketSubject: tickets.subject,
  productName: productModels.name,
  campaignName: campaigns.name,
};
export type FollowupListRow = {
  f: FollowupRow;
  customerName: string;
  customerTier: string;
  phone: string | null;
  ticketNumber: number | null;
  ticketSubject: string | null;
  productName: string | null;
  campaignName: string | null;
};

function listQuery(db: Executor) {
  return db
    .select(listColumns)
    .from(followups)
    .innerJoin(customers, eq(customers.id, followups.customerId))
    .leftJoin(tickets, eq(tickets.id, followups.ticketId))
    .leftJoin(units, eq(units.id, followups.unitId))
    .leftJoin(productModels, eq(productModels.id, units.modelId))
    .leftJoin(campaigns, eq(campaigns.id, followups.campaignId));
}

export interface FollowupFilter {
  statuses?: FollowupRow['status'][];
  dueBefore?: Date;
  dueAfter?: Date;
  assigneeId?: string;
  campaignId?: string;
  customerId?: string;
}
export type FollowupCursor = { at: string; id: string };

export async function findFollowups(
  db: Executor,
  tenantId: string,
  filter: FollowupFilter,
  order: 'asc' | 'desc',
  cursor: FollowupCursor | null,
  limit: number,
): Promise<FollowupListRow[]> {
  const where: SQL[] = [eq(followups.tenantId, tenantId)];
  if (filter.statuses) where.push(inArray(followups.status, filter.statuses));
  if (filter.dueBefore) where.push(lte(followups.dueAt, filter.dueBefore));
  if (filter.dueAfter) where.push(gt(followups.dueAt, filter.dueAfter));
  if (filter.assigneeId) where.push(eq(followups.assigneeId, filter.assigneeId));
  if (filter.campaignId) where.push(eq(followups.campaignId, filter.campaignId));
  if (filter.customerId) where.push(eq(followups.customerId, filter.customerId));
  if (cursor)
    where.push(
      order === 'asc'
        ? sql`(${followups.dueAt}, ${followups.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
        : sql`(${followups.dueAt}, ${followups.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  const dir = order === 'asc' ? asc : desc;
  return (await listQuery(db)
    .where(and(...where))
    .orderBy(dir(followups.dueAt), dir(followups.id))
    .limit(limit)) as FollowupListRow[];
}

export async function getFollowupListRow(db: Executor, tenantId: string, id: string) {
  const [row] = (await listQuery(db).where(
    and(eq(followups.tenantId, tenantId), eq(followups.id, id)),
  )) as FollowupListRow[];
  return row ?? null;
}

export async function countWorklist(db: Executor, tenantId: string, now: Date) {
  const [row] = await db
    .select({
      due: sql<number>`count(*) FILTER (WHERE ${followups.status} = 'open' AND ${followups.dueAt} <= ${now.toISOString()}::timestamptz)`.mapWith(
        Number,
      ),
      upcoming:
        sql<number>`count(*) FILTER (WHERE ${followups.status} = 'open' AND ${followups.dueAt} > ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      unreachable: sql<number>`count(*) FILTER (WHERE ${followups.status} = 'unreachable')`.mapWith(Number),
    })
    .from(followups)
    .where(and(eq(followups.tenantId, tenantId), inArray(followups.status, ['open', 'unreachable'])));
  return row ?? { due: 0, upcoming: 0, unreachable: 0 };
}

export async function getFollowupRow(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(followups)
    .where(and(eq(followups.tenantId, tenantId), eq(followups.id, id)));
  return row ?? null;
}

export async function updateFollowup(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof followups.$inferInsert>,
  now: Date,
) {
  const [row] = await db
    .update(followups)
    .set({ ...patch, version: sql`${followups.version} + 1`, updatedAt: now })
    .where(and(eq(followups.tenantId, tenantId), eq(followups.id, id), eq(followups.version, version)))
    .returning();
  return row ?? null;
}

export async function insertAttempt(db: Executor, row: typeof followupAttempts.$inferInsert) {
  await db.insert(followupAttempts).values(row);
}

export async function findAttempts(db: Executor, tenantId: string, followupId: string) {
  return db
    .select({
      id: followupAttempts.id,
      result: followupAttempts.result,
      note: followupAttempts.note,
      byId: followupAttempts.byId,
      byName: users.displayName,
      at: followupAttempts.at,
    })
    .from(followupAttempts)
    .leftJoin(users, eq(users.id, followupAttempts.byId))
    .where(and(eq(followupAttempts.tenantId, tenantId), eq(followupAttempts.followupId, followupId)))
    .orderBy(asc(followupAttempts.at));
}

/** The note written when the work order was resolved (what was done), for the call script. */
export async function getResolutionNote(db: Executor, tenantId: string, ticketId: string) {
  const [row] = await db
    .select({ body: ticketEvents.body })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.kind, 'status_changed'),
        sql`${ticketEvents.data}->>'to' = 'resolved'`,
      ),
    )
    .orderBy(desc(ticketEvents.id))
    .limit(1);
  return row?.body ?? null;
}

/** Facts the resolution hook decides on: the type, the customer's tier and consent. */
export async function getResolutionFacts(db: Executor, tenantId: string, ticketId: string) {
  const [row] = await db
    .select({
      type: tickets.type,
      customerId: tickets.customerId,
      unitId: tickets.unitId,
      tier: customers.tier,
      consent: customers.consent,
      customerStatus: customers.status,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return row ?? null;
}

export async function primaryPhoneOf(db: Executor, customerId: string) {
  const [row] = await db
    .select({ display: customerPhones.display })
    .from(customerPhones)
    .where(eq(customerPhones.customerId, customerId))
    .orderBy(desc(customerPhones.isPrimary))
    .limit(1);
  return row?.display ?? null;
}

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────────────

export async function insertCampaign(db: Executor, row: typeof campaigns.$inferInsert) {
  const [created] = await db.insert(campaigns).values(row).returning();
  return created!;
}

export async function getCampaign(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)));
  return row ?? null;
}

/** A campaign by id alone (the background job carries only the id). */
export async function getCampaignById(db: Executor, id: string) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row ?? null;
}

export async function findCampaigns(db: Executor, tenantId: string) {
  return db
    .select()
    .from(campaigns)
    .where(eq(campaigns.tenantId, tenantId))
    .orderBy(desc(campaigns.createdAt))
    .limit(100);
}

/** Moves a draft (or failed) campaign to running, once: a second start finds nothing to update. */
export async function claimCampaignStart(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  total: number,
  now: Date,
) {
  const [row] = await db
    .update(campaigns)
    .set({
      status: 'running',
      total,
      processed: 0,
      error: null,
      startedAt: now,
      finishedAt: null,
      version: sql`${campaigns.version} + 1`,
    })
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, id),
        eq(campaigns.version, version),
        inArray(campaigns.status, ['draft', 'failed']),
      ),
    )
    .returning();
  return row ?? null;
}

export async function setCampaignProgress(
  db: Executor,
  id: string,
  patch: Partial<Pick<CampaignRow, 'processed' | 'total' | 'created' | 'status' | 'error' | 'finishedAt'>>,
) {
  await db.update(campaigns).set(patch).where(eq(campaigns.id, id));
}

export interface UnitFilter {
  categories?: string[];
  /** Units installed (or bought) on or before this date (YYYY-MM-DD). */
  sinceOnOrBefore?: string;
  provinceCodes?: string[];
  cityCodes?: string[];
  tiers?: string[];
}

const list = (xs: string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/**
 * The installed base a campaign targets: active customers who accept service calls, their units with the
 * product model, and the unit's address (or the customer's default one) for the region filter.
 */
function unitSource(tenantId: string, f: UnitFilter) {
  const where: SQL[] = [
    sql`u.tenant_id = ${tenantId}`,
    sql`c.status = 'active'`,
    sql`coalesce((c.consent->>'serviceCalls')::boolean, true)`,
  ];
  if (f.categories?.length) where.push(sql`m.category IN (${list(f.categories)})`);
  if (f.sinceOnOrBefore)
    where.push(sql`coalesce(u.install_date, u.delivery_date, u.purchase_date) <= ${f.sinceOnOrBefore}::date`);
  if (f.tiers?.length) where.push(sql`c.tier::text IN (${list(f.tiers)})`);
  if (f.provinceCodes?.length) where.push(sql`a.province_code IN (${list(f.provinceCodes)})`);
  if (f.cityCodes?.length) where.push(sql`a.city_code IN (${list(f.cityCodes)})`);
  const from = sql`units u
    JOIN product_models m ON m.id = u.model_id
    JOIN customers c ON c.id = u.customer_id
    LEFT JOIN LATERAL (
      SELECT a2.province_code, a2.city_code, a2.city FROM customer_addresses a2
      WHERE a2.customer_id = u.customer_id
      ORDER BY (a2.id = u.address_id) DESC NULLS LAST, a2.is_default DESC, a2.created_at
      LIMIT 1
    ) a ON true`;
  return { from, where: sql.join(where, sql` AND `) };
}

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function countUnits(db: Executor, tenantId: string, f: UnitFilter) {
  const { from, where } = unitSource(tenantId, f);
  const [row] = rowsOf<{ units: string | number; customers: string | number }>(
    await db.execute(
      sql`SELECT count(*) AS units, count(DISTINCT u.customer_id) AS customers FROM ${from} WHERE ${where}`,
    ),
  );
  return { units: Number(row?.units ?? 0), customers: Number(row?.customers ?? 0) };
}

export async function sampleUnits(db: Executor, tenantId: string, f: UnitFilter, limit: number) {
  const { from, where } = unitSource(tenantId, f);
  return rowsOf<{
    unit_id: string;
    customer_name: string;
    product_name: string;
    city: string | null;
    since: string | null;
  }>(
    await db.execute(
      sql`SELECT u.id AS unit_id, c.name AS customer_name, m.name AS product_name, a.city,
            coalesce(u.install_date, u.delivery_date, u.purchase_date)::text AS since
          FROM ${from} WHERE ${where} ORDER BY u.id LIMIT ${limit}`,
    ),
  );
}

/** The next batch of matching units after `afterId` (keyset over the unit id). */
export async function nextUnitBatch(
  db: Executor,
  tenantId: string,
  f: UnitFilter,
  afterId: string | null,
  limit: number,
) {
  const { from, where } = unitSource(tenantId, f);
  const after = afterId ? sql` AND u.id > ${afterId}::uuid` : sql``;
  return rowsOf<{ id: string; customer_id: string }>(
    await db.execute(
      sql`SELECT u.id, u.customer_id FROM ${from} WHERE ${where}${after} ORDER BY u.id LIMIT ${limit}`,
    ),
  );
}

/** Follow-up calls for a batch of units; a unit the campaign already has a call for is skipped. */
export async function insertCampaignFollowups(db: Executor, rows: (typeof followups.$inferInsert)[]) {
  if (rows.length === 0) return 0;
  const created = await db
    .insert(followups)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: followups.id });
  return created.length;
}

export async function doneUnitsOf(db: Executor, campaignId: string, unitIds: string[]) {
  if (unitIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ unitId: campaignUnits.unitId })
    .from(campaignUnits)
    .where(and(eq(campaignUnits.campaignId, campaignId), inArray(campaignUnits.unitId, unitIds)));
  return new Set(rows.map((r) => r.unitId));
}

export async function insertCampaignUnit(db: Executor, row: typeof campaignUnits.$inferInsert) {
  const created = await db
    .insert(campaignUnits)
    .values(row)
    .onConflictDoNothing()
    .returning({ unitId: campaignUnits.unitId });
  return created.length > 0;
}

export async function countCampaignResults(db: Executor, campaign: CampaignRow) {
  if (campaign.action === 'followup') return db.$count(followups, eq(followups.campaignId, campaign.id));
  // Survey campaigns (surveys/survey-triggers.ts): the invitations they made.
  if (campaign.action === 'survey')
    return db.$count(schema.surveyInvitations, eq(schema.surveyInvitations.campaignId, campaign.id));
  return db.$count(campaignUnits, eq(campaignUnits.campaignId, campaign.id));
}

export async function setSurveyInvitation(db: Executor, tenantId: string, id: string, invitationId: string) {
  await db
    .update(followups)
    .set({ surveyInvitationId: invitationId })
    .where(and(eq(followups.tenantId, tenantId), eq(followups.id, id)));
}

/** The caller's display name and tenant name, for the call script's greeting. */
export async function getCallerFacts(db: Executor, tenantId: string, userId: string) {
  const [row] = await db
    .select({ displayName: users.displayName, tenantName: tenants.name })
    .from(tenants)
    .leftJoin(users, and(eq(users.id, userId), eq(users.tenantId, tenants.id)))
    .where(eq(tenants.id, tenantId));
  return row ?? null;
}

export async function setCampaignUnitTicket(
  db: Executor,
  campaignId: string,
  unitId: string,
  ticketId: string,
) {
  await db
    .update(campaignUnits)
    .set({ ticketId })
    .where(and(eq(campaignUnits.campaignId, campaignId), eq(campaignUnits.unitId, unitId)));
}

export async function getTenantFacts(db: Executor, tenantId: string) {
  const [row] = await db
    .select({ id: tenants.id, timeZone: tenants.timeZone, ticketPrefix: tenants.ticketPrefix })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? null;
}
