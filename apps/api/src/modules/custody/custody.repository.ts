import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';

const {
  custodyItems,
  custodyEvents,
  custodyIncidents,
  tickets,
  customers,
  teams,
  users,
  attachments,
  tenants,
} = schema;

/** Who may see which custody items: everything, one service point's, or a technician's own work. */
export type CustodyVisibility =
  | { kind: 'all' }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'technician'; userId: string };

function visibleWhere(v: CustodyVisibility): SQL | undefined {
  if (v.kind === 'all') return undefined;
  if (v.kind === 'team') return v.teamId ? eq(custodyItems.teamId, v.teamId) : sql`false`;
  return or(eq(tickets.assigneeId, v.userId), eq(custodyItems.holderUserId, v.userId));
}

const openIncidents = sql<number>`(
  SELECT count(*)::int FROM custody_incidents ci
  WHERE ci.item_id = "custody_items"."id" AND ci.status = 'open'
)`;

const itemColumns = {
  id: custodyItems.id,
  ticketId: custodyItems.ticketId,
  ticketNumber: tickets.number,
  ticketPrefix: tenants.ticketPrefix,
  customerId: custodyItems.customerId,
  customerName: customers.name,
  teamId: custodyItems.teamId,
  teamName: teams.name,
  kind: custodyItems.kind,
  description: custodyItems.description,
  serialNumber: custodyItems.serialNumber,
  condition: custodyItems.condition,
  photoIds: custodyItems.photoIds,
  status: custodyItems.status,
  holderUserId: custodyItems.holderUserId,
  holderName: custodyItems.holderName,
  location: custodyItems.location,
  receivedAt: custodyItems.receivedAt,
  dueBackAt: custodyItems.dueBackAt,
  returnedAt: custodyItems.returnedAt,
  returnedToName: custodyItems.returnedToName,
  returnSignOff: custodyItems.returnSignOff,
  returnSignature: custodyItems.returnSignature,
  openIncidents,
  version: custodyItems.version,
  createdAt: custodyItems.createdAt,
};
export type CustodyItemRow = Awaited<ReturnType<typeof findItems>>[number];

function selectItems(db: Executor) {
  return db
    .select(itemColumns)
    .from(custodyItems)
    .innerJoin(tickets, eq(tickets.id, custodyItems.ticketId))
    .innerJoin(tenants, eq(tenants.id, custodyItems.tenantId))
    .innerJoin(customers, eq(customers.id, custodyItems.customerId))
    .leftJoin(teams, eq(teams.id, custodyItems.teamId));
}

export async function findItems(
  db: Executor,
  tenantId: string,
  v: CustodyVisibility,
  f: {
    status?: string;
    teamId?: string;
    ticketId?: string;
    overdueAt?: Date;
    withIncidents?: boolean;
    q?: string;
    before?: { receivedAt: Date; id: string };
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [eq(custodyItems.tenantId, tenantId), visibleWhere(v)];
  if (f.status) where.push(eq(custodyItems.status, f.status as 'held'));
  if (f.teamId) where.push(eq(custodyItems.teamId, f.teamId));
  if (f.ticketId) where.push(eq(custodyItems.ticketId, f.ticketId));
  if (f.overdueAt) where.push(eq(custodyItems.status, 'held'), lt(custodyItems.dueBackAt, f.overdueAt));
  if (f.withIncidents)
    where.push(sql`EXISTS (SELECT 1 FROM custody_incidents ci WHERE ci.item_id = ${custodyItems.id})`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(custodyItems.description, like),
        ilike(custodyItems.serialNumber, like),
        ilike(customers.name, like),
        ilike(custodyItems.location, like),
      ),
    );
  }
  if (f.before)
    where.push(
      sql`(${custodyItems.receivedAt}, ${custodyItems.id}) < (${f.before.receivedAt.toISOString()}::timestamptz, ${f.before.id}::uuid)`,
    );
  return selectItems(db)
    .where(and(...where))
    .orderBy(desc(custodyItems.receivedAt), desc(custodyItems.id))
    .limit(f.limit);
}

export async function getItemRow(db: Executor, tenantId: string, id: string, v: CustodyVisibility) {
  const [r] = await selectItems(db).where(
    and(eq(custodyItems.tenantId, tenantId), eq(custodyItems.id, id), visibleWhere(v)),
  );
  return r ?? null;
}

export async function insertItem(db: Executor, row: typeof custodyItems.$inferInsert) {
  const [r] = await db.insert(custodyItems).values(row).returning({ id: custodyItems.id });
  return r!;
}

export async function updateItem(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof custodyItems.$inferInsert>,
) {
  const [r] = await db
    .update(custodyItems)
    .set({ ...patch, version: sql`${custodyItems.version} + 1` })
    .where(
      and(
        eq(custodyItems.tenantId, tenantId),
        eq(custodyItems.id, id),
        eq(custodyItems.version, expectedVersion),
      ),
    )
    .returning({ id: custodyItems.id, version: custodyItems.version });
  return r ?? null;
}

export async function insertEvent(db: Executor, row: typeof custodyEvents.$inferInsert) {
  await db.insert(custodyEvents).values(row);
}

export async function findEvents(db: Executor, tenantId: string, itemId: string) {
  return db
    .select({
      id: custodyEvents.id,
      kind: custodyEvents.kind,
      holderUserId: custodyEvents.holderUserId,
      holderName: custodyEvents.holderName,
      location: custodyEvents.location,
      note: custodyEvents.note,
      actorId: custodyEvents.actorId,
      actorName: users.displayName,
      at: custodyEvents.at,
    })
    .from(custodyEvents)
    .leftJoin(users, eq(users.id, custodyEvents.actorId))
    .where(and(eq(custodyEvents.tenantId, tenantId), eq(custodyEvents.itemId, itemId)))
    .orderBy(asc(custodyEvents.id));
}

const incidentColumns = {
  id: custodyIncidents.id,
  itemId: custodyIncidents.itemId,
  kind: custodyIncidents.kind,
  description: custodyIncidents.description,
  occurredAt: custodyIncidents.occurredAt,
  status: custodyIncidents.status,
  notifiedVia: custodyIncidents.notifiedVia,
  notifiedAt: custodyIncidents.notifiedAt,
  notifiedById: custodyIncidents.notifiedById,
  notifiedByName: users.displayName,
  notifiedWhat: custodyIncidents.notifiedWhat,
  resolution: custodyIncidents.resolution,
  closedAt: custodyIncidents.closedAt,
  version: custodyIncidents.version,
  createdAt: custodyIncidents.createdAt,
};
export type IncidentRow = Awaited<ReturnType<typeof findIncidents>>[number];

export async function findIncidents(db: Executor, tenantId: string, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select(incidentColumns)
    .from(custodyIncidents)
    .leftJoin(users, eq(users.id, custodyIncidents.notifiedById))
    .where(and(eq(custodyIncidents.tenantId, tenantId), inArray(custodyIncidents.itemId, itemIds)))
    .orderBy(asc(custodyIncidents.createdAt));
}

export async function getIncidentRow(db: Executor, tenantId: string, id: string) {
  const [r] = await db
    .select(incidentColumns)
    .from(custodyIncidents)
    .leftJoin(users, eq(users.id, custodyIncidents.notifiedById))
    .where(and(eq(custodyIncidents.tenantId, tenantId), eq(custodyIncidents.id, id)));
  return r ?? null;
}

export async function insertIncident(db: Executor, row: typeof custodyIncidents.$inferInsert) {
  const [r] = await db.insert(custodyIncidents).values(row).returning({ id: custodyIncidents.id });
  return r!;
}

export async function updateIncident(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof custodyIncidents.$inferInsert>,
) {
  const [r] = await db
    .update(custodyIncidents)
    .set({ ...patch, version: sql`${custodyIncidents.version} + 1` })
    .where(
      and(
        eq(custodyIncidents.tenantId, tenantId),
        eq(custodyIncidents.id, id),
        eq(custodyIncidents.version, expectedVersion),
      ),
    )
    .returning({ id: custodyIncidents.id });
  return r ?? null;
}

export async function ticketAttachmentIds(db: Executor, tenantId: string, ticketId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        eq(attachments.ticketId, ticketId),
        inArray(attachments.id, ids),
      ),
    );
  return rows.map((r) => r.id);
}

export async function getUserName(db: Executor, tenantId: string, id: string) {
  const [u] = await db
    .select({ displayName: users.displayName, active: users.active })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u ?? null;
}

/** Per service point: held now, overdue, returned, lost; incidents open, all, and open ones with no record of telling the customer. */
export async function report(db: Executor, tenantId: string, v: CustodyVisibility, now: Date) {
  return db
    .select({
      teamId: custodyItems.teamId,
      teamName: teams.name,
      held: sql<number>`count(*) FILTER (WHERE ${custodyItems.status} = 'held')::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${custodyItems.status} = 'held' AND ${custodyItems.dueBackAt} < ${now.toISOString()}::timestamptz)::int`,
      returned: sql<number>`count(*) FILTER (WHERE ${custodyItems.status} = 'returned')::int`,
      lost: sql<number>`count(*) FILTER (WHERE ${custodyItems.status} = 'lost')::int`,
      openIncidents: sql<number>`coalesce(sum((SELECT count(*) FROM custody_incidents ci WHERE ci.item_id = ${custodyItems.id} AND ci.status = 'open')), 0)::int`,
      incidents: sql<number>`coalesce(sum((SELECT count(*) FROM custody_incidents ci WHERE ci.item_id = ${custodyItems.id})), 0)::int`,
      untold: sql<number>`coalesce(sum((SELECT count(*) FROM custody_incidents ci WHERE ci.item_id = ${custodyItems.id} AND ci.status = 'open' AND ci.notified_at IS NULL)), 0)::int`,
    })
    .from(custodyItems)
    .innerJoin(tickets, eq(tickets.id, custodyItems.ticketId))
    .leftJoin(teams, eq(teams.id, custodyItems.teamId))
    .where(and(eq(custodyItems.tenantId, tenantId), visibleWhere(v)))
    .groupBy(custodyItems.teamId, teams.name)
    .orderBy(asc(teams.name));
}
