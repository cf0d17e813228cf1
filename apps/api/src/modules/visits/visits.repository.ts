import { type Executor, schema } from '@manyi/db';
import { and, asc, eq, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';

const { visits, tickets, users, teams, customers, customerAddresses, units, productModels } = schema;

export const visitColumns = {
  id: visits.id,
  ticketId: visits.ticketId,
  technicianId: visits.technicianId,
  technicianName: users.displayName,
  teamId: visits.teamId,
  status: visits.status,
  windowStart: visits.windowStart,
  windowEnd: visits.windowEnd,
  offeredWindows: visits.offeredWindows,
  revisitOfId: visits.revisitOfId,
  reason: visits.reason,
  customerAnswer: visits.customerAnswer,
  customerPreferredTime: visits.customerPreferredTime,
  customerNote: visits.customerNote,
  customerAnsweredAt: visits.customerAnsweredAt,
  confirmedAt: visits.confirmedAt,
  checkedInAt: visits.checkedInAt,
  checkInLat: visits.checkInLat,
  checkInLng: visits.checkInLng,
  checkInAccuracyM: visits.checkInAccuracyM,
  checkInNote: visits.checkInNote,
  workDone: visits.workDone,
  cause: visits.cause,
  result: visits.result,
  reportedAt: visits.reportedAt,
  signatureAttachmentId: visits.signatureAttachmentId,
  signedByName: visits.signedByName,
  signedAt: visits.signedAt,
  checkedOutAt: visits.checkedOutAt,
  missedReason: visits.missedReason,
  cancelReason: visits.cancelReason,
  version: visits.version,
  createdAt: visits.createdAt,
  updatedAt: visits.updatedAt,
};
export type VisitRow = {
  [K in keyof typeof visitColumns]: (typeof visitColumns)[K]['_']['notNull'] extends true
    ? (typeof visitColumns)[K]['_']['data']
    : (typeof visitColumns)[K]['_']['data'] | null;
};

/** Which visits a caller may see: all of the tenant's, a service point's, or a technician's own. */
export type VisitVisibility =
  | { kind: 'all' }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'technician'; userId: string };

function visibilityWhere(v: VisitVisibility): SQL | undefined {
  if (v.kind === 'team') return v.teamId ? eq(visits.teamId, v.teamId) : sql`false`;
  if (v.kind === 'technician') return eq(visits.technicianId, v.userId);
  return undefined;
}

export async function insertVisit(db: Executor, row: typeof visits.$inferInsert) {
  const [v] = await db.insert(visits).values(row).returning({ id: visits.id });
  return v!.id;
}

export async function getVisitRow(db: Executor, tenantId: string, id: string, visibility: VisitVisibility) {
  const [v] = await db
    .select(visitColumns)
    .from(visits)
    .innerJoin(users, eq(users.id, visits.technicianId))
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id), visibilityWhere(visibility)));
  return (v as VisitRow | undefined) ?? null;
}

/** Same row, found without a caller (the customer's appointment link). */
export const getVisitForLink = (db: Executor, tenantId: string, id: string) =>
  getVisitRow(db, tenantId, id, { kind: 'all' });

export async function findTicketVisits(db: Executor, tenantId: string, ticketId: string) {
  const rows = await db
    .select(visitColumns)
    .from(visits)
    .innerJoin(users, eq(users.id, visits.technicianId))
    .where(and(eq(visits.tenantId, tenantId), eq(visits.ticketId, ticketId)))
    .orderBy(asc(visits.windowStart), asc(visits.createdAt));
  return rows as VisitRow[];
}

export async function updateVisit(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof visits.$inferInsert>,
  at: Date,
) {
  const [v] = await db
    .update(visits)
    .set({ ...patch, version: sql`${visits.version} + 1`, updatedAt: at })
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id), eq(visits.version, expectedVersion)))
    .returning({ id: visits.id });
  return v ?? null;
}

/** How many visits of a ticket are still ahead or under way (other than one being changed). */
export async function countLiveVisits(db: Executor, tenantId: string, ticketId: string, exceptId?: string) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(visits)
    .where(
      and(
        eq(visits.tenantId, tenantId),
        eq(visits.ticketId, ticketId),
        inArray(visits.status, ['proposed', 'confirmed', 'checked_in']),
        exceptId ? ne(visits.id, exceptId) : undefined,
      ),
    );
  return r?.n ?? 0;
}

export async function hasVisits(db: Executor, tenantId: string, ticketId: string) {
  const [r] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.ticketId, ticketId), ne(visits.status, 'cancelled')))
    .limit(1);
  return Boolean(r);
}

export async function getTechnician(db: Executor, tenantId: string, userId: string) {
  const [u] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      teamId: users.teamId,
      active: users.active,
    })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return u ?? null;
}

/** Everything the technician's phone shows for a set of visits: customer, phone, address, product. */
export async function findFieldVisits(
  db: Executor,
  tenantId: string,
  filter: { technicianId?: string; teamId?: string; from: Date; to: Date; visitId?: string },
) {
  const primaryPhone = sql<string | null>`(
    select p.e164 from customer_phones p
    where p.customer_id = ${tickets.customerId}
    order by p.is_primary desc, p.created_at asc limit 1)`;
  const rows = await db
    .select({
      ...visitColumns,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      ticketType: tickets.type,
      ticketStatus: tickets.status,
      ticketVersion: tickets.version,
      customerName: customers.name,
      customerPhone: primaryPhone,
      addrProvince: customerAddresses.province,
      addrCity: customerAddresses.city,
      addrDistrict: customerAddresses.district,
      addrDetail: customerAddresses.detail,
      lat: customerAddresses.lat,
      lng: customerAddresses.lng,
      product: productModels.name,
      serialNumber: units.serialNumber,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.technicianId))
    .innerJoin(tickets, eq(tickets.id, visits.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(units, eq(units.id, tickets.unitId))
    .leftJoin(productModels, eq(productModels.id, units.modelId))
    .leftJoin(
      customerAddresses,
      eq(
        customerAddresses.id,
        sql`coalesce(${units.addressId}, (
          select a.id from customer_addresses a where a.customer_id = ${tickets.customerId}
          order by a.is_default desc, a.created_at asc limit 1))`,
      ),
    )
    .where(
      and(
        eq(visits.tenantId, tenantId),
        filter.visitId ? eq(visits.id, filter.visitId) : undefined,
        filter.technicianId ? eq(visits.technicianId, filter.technicianId) : undefined,
        filter.teamId ? eq(visits.teamId, filter.teamId) : undefined,
        filter.visitId ? undefined : gte(visits.windowStart, filter.from),
        filter.visitId ? undefined : lt(visits.windowStart, filter.to),
      ),
    )
    .orderBy(asc(visits.windowStart), asc(visits.id));
  return rows;
}
export type FieldVisitRow = Awaited<ReturnType<typeof findFieldVisits>>[number];

/** Technicians shown on the dispatch board (active, role technician), optionally of one service point. */
export async function findBoardTechnicians(db: Executor, tenantId: string, teamId?: string) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.role, 'technician'),
        eq(users.active, true),
        teamId ? eq(users.teamId, teamId) : undefined,
      ),
    )
    .orderBy(asc(teams.name), asc(users.displayName));
}

/** Visits of a day for the board (all statuses but cancelled), with the work order's number and customer. */
export async function findBoardVisits(
  db: Executor,
  tenantId: string,
  from: Date,
  to: Date,
  technicianIds: string[],
) {
  if (technicianIds.length === 0) return [];
  return db
    .select({
      id: visits.id,
      ticketId: visits.ticketId,
      technicianId: visits.technicianId,
      status: visits.status,
      windowStart: visits.windowStart,
      windowEnd: visits.windowEnd,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      customerName: customers.name,
    })
    .from(visits)
    .innerJoin(tickets, eq(tickets.id, visits.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        eq(visits.tenantId, tenantId),
        gte(visits.windowStart, from),
        lt(visits.windowStart, to),
        ne(visits.status, 'cancelled'),
        inArray(visits.technicianId, technicianIds),
      ),
    )
    .orderBy(asc(visits.windowStart));
}

export async function getTenantFacts(db: Executor, tenantId: string) {
  const [t] = await db
    .select({
      name: schema.tenants.name,
      timeZone: schema.tenants.timeZone,
      ticketPrefix: schema.tenants.ticketPrefix,
    })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  return t ?? null;
}

export async function getTicketType(db: Executor, tenantId: string, ticketId: string) {
  const [t] = await db
    .select({ type: tickets.type })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return t?.type ?? null;
}

/** Daily capacity from the dispatch module's technician profiles (technicians without one are absent). */
export async function findCapacities(db: Executor, tenantId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const p = schema.technicianProfiles;
  return db
    .select({ userId: p.userId, dailyCapacity: p.dailyCapacity })
    .from(p)
    .where(and(eq(p.tenantId, tenantId), inArray(p.userId, userIds)));
}
