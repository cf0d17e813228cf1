import { type Executor, schema } from '@manyi/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';

const { dispatches, teams, users, tickets } = schema;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface TicketBasisRow {
  type: string;
  tier: string;
  category: string | null;
  lat: number | null;
  lng: number | null;
  cityCode: string | null;
  districtCode: string | null;
  dueAt: Date | string | null;
}

/**
 * What ranking needs about a work order: type, the unit's category, the customer's tier, where the job is (the
 * unit's install address, else the customer's default address) and when the technician must be there (the
 * on-site commitment's promise, else the work order's next due time).
 */
export async function getTicketBasis(db: Executor, tenantId: string, ticketId: string) {
  const r = await db.execute(sql`
    SELECT t.type::text AS "type", c.tier::text AS "tier", pm.category AS "category",
           a.lat AS "lat", a.lng AS "lng", a.city_code AS "cityCode", a.district_code AS "districtCode",
           coalesce((SELECT tc.promise_due_at FROM ticket_commitments tc
                      WHERE tc.ticket_id = t.id AND tc.metric = 'on_site' AND tc.state <> 'stopped'),
                    t.next_due_at) AS "dueAt"
      FROM tickets t
      JOIN customers c ON c.id = t.customer_id
      LEFT JOIN units un ON un.id = t.unit_id
      LEFT JOIN product_models pm ON pm.id = un.model_id
      LEFT JOIN LATERAL (
        SELECT ca.lat, ca.lng, ca.city_code, ca.district_code FROM customer_addresses ca
         WHERE ca.customer_id = t.customer_id
         ORDER BY (ca.id = un.address_id) IS TRUE DESC, ca.is_default DESC, ca.created_at
         LIMIT 1) a ON true
     WHERE t.tenant_id = ${tenantId} AND t.id = ${ticketId}`);
  return rowsOf<TicketBasisRow>(r)[0] ?? null;
}

/** One technician as the ranking sees them. */
export interface CandidateRow {
  technicianId: string;
  technicianName: string;
  servicePointId: string;
  servicePointName: string;
  ownership: 'own' | 'partner' | null;
  spActive: boolean | null;
  spLat: number | null;
  spLng: number | null;
  coverageRadiusKm: number | null;
  coverageRegionCodes: string[] | null;
  baseLat: number;
  baseLng: number;
  dailyCapacity: number;
  hasCategory: boolean;
  hasJobType: boolean;
  /** Best exam score among valid certificates for the category (null: none valid). */
  validCertScore: number | null;
  validCertName: string | null;
  validCertExpiresOn: string | null;
  /** Latest expiry among expired certificates for the category (null: none). */
  expiredCertOn: string | null;
  leaveUntil: string | null;
  /** The technician's working calendar (business calendar id); null: no calendar, always available. */
  calendarId: string | null;
  /** The day's visits (not missed/cancelled) plus open assigned work orders with no visit planned. */
  load: number;
  /** Filled by the service when the calendar has no working time on the day (ISO of the next, or null). */
  offToday?: { nextWorkingAt: string | null };
}

export interface CandidateFilter {
  tenantId: string;
  category: string | null;
  jobType: string;
  day: string;
  /** The day's bounds in the tenant's time zone (today's load counts visits starting in [dayFrom, dayTo)). */
  dayFrom: Date;
  dayTo: Date;
  /** Bounding box around the customer; without it, region codes decide. */
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  regionCodes?: string[];
  servicePointId?: string;
  technicianId?: string;
  /** true: only technicians with the skill (the index-friendly prefilter); false: only those without. */
  skilled: boolean;
  limit: number;
}

/**
 * Technicians near the job. The prefilter is index-friendly: the base-location bounding box (btree on
 * tenant, lat, lng) and, for the skilled list, the skills arrays (GIN); certificates and leave are looked up
 * per remaining row through their own indexes, today's load in one grouped pass over the short list.
 */
export async function findCandidateRows(db: Executor, f: CandidateFilter) {
  const skill = f.category
    ? sql`tp.categories @> ARRAY[${f.category}]::text[] AND tp.job_types @> ARRAY[${f.jobType}]::text[]`
    : sql`tp.job_types @> ARRAY[${f.jobType}]::text[]`;
  const certCategory = f.category ? sql`(c.category = ${f.category} OR c.category IS NULL)` : sql`true`;
  const where = [sql`tp.tenant_id = ${f.tenantId}`];
  if (f.box)
    where.push(
      sql`tp.base_lat BETWEEN ${f.box.minLat} AND ${f.box.maxLat} AND tp.base_lng BETWEEN ${f.box.minLng} AND ${f.box.maxLng}`,
    );
  if (f.regionCodes?.length) {
    const codes = sql`ARRAY[${sql.join(
      f.regionCodes.map((c) => sql`${c}`),
      sql`, `,
    )}]::text[]`;
    where.push(
      sql`EXISTS (SELECT 1 FROM users ru JOIN service_point_profiles rp ON rp.team_id = ru.team_id WHERE ru.id = tp.user_id
                   AND (rp.coverage_region_codes && ${codes} OR rp.city_code = ANY(${codes})))`,
    );
  }
  if (f.servicePointId)
    where.push(sql`tp.user_id IN (SELECT su.id FROM users su WHERE su.team_id = ${f.servicePointId})`);
  if (f.technicianId) where.push(sql`tp.user_id = ${f.technicianId}`);
  else where.push(f.skilled ? skill : sql`NOT (${skill})`);
  // Nearest first (a flat-earth distance is enough to order within the box), so that the per-technician
  // look-ups below run for at most `limit` rows.
  const nearness = f.box
    ? (() => {
        const lat = (f.box.minLat + f.box.maxLat) / 2;
        const lng = (f.box.minLng + f.box.maxLng) / 2;
        const k = Math.cos((lat * Math.PI) / 180);
        return sql`(tp.base_lat - ${lat}) ^ 2 + ((tp.base_lng - ${lng}) * ${k}) ^ 2`;
      })()
    : sql`tp.user_id`;
  const r = await db.execute(sql`
    WITH near AS (
      SELECT tp.user_id, tp.tenant_id, tp.base_lat, tp.base_lng, tp.daily_capacity, tp.categories, tp.job_types,
             tp.calendar_id
        FROM technician_profiles tp
       WHERE ${sql.join(where, sql` AND `)}
       ORDER BY ${nearness}
       LIMIT ${f.limit}),
    -- Today's load, grouped for the short list at once: the day's visits that are not missed or cancelled,
    -- plus open assigned work orders with no live visit and no visit that day (unplanned work takes a slot).
    day_load AS (
      SELECT w.tech, count(*)::int AS n FROM (
        SELECT v.technician_id AS tech FROM visits v
         WHERE v.tenant_id = ${f.tenantId} AND v.technician_id IN (SELECT user_id FROM near)
           AND v.window_start >= ${f.dayFrom} AND v.window_start < ${f.dayTo}
           AND v.status NOT IN ('missed', 'cancelled')
        UNION ALL
        SELECT k.assignee_id AS tech FROM tickets k
         WHERE k.tenant_id = ${f.tenantId} AND k.assignee_id IN (SELECT user_id FROM near)
           AND k.status IN ('open', 'scheduled', 'in_progress', 'reopened')
           AND NOT EXISTS (
             SELECT 1 FROM visits x
              WHERE x.tenant_id = k.tenant_id AND x.ticket_id = k.id
                AND (x.status IN ('proposed', 'confirmed', 'checked_in')
                     OR (x.window_start >= ${f.dayFrom} AND x.window_start < ${f.dayTo}
                         AND x.status NOT IN ('missed', 'cancelled'))))
      ) w GROUP BY w.tech)
    SELECT n.user_id AS "technicianId", u.display_name AS "technicianName",
           tm.id AS "servicePointId", tm.name AS "servicePointName",
           sp.ownership::text AS "ownership", sp.active AS "spActive", sp.lat AS "spLat", sp.lng AS "spLng",
           sp.coverage_radius_km AS "coverageRadiusKm", sp.coverage_region_codes AS "coverageRegionCodes",
           n.base_lat AS "baseLat", n.base_lng AS "baseLng", n.daily_capacity AS "dailyCapacity",
           n.calendar_id AS "calendarId", coalesce(dl.n, 0) AS "load",
           (${f.category ? sql`n.categories @> ARRAY[${f.category}]::text[]` : sql`true`}) AS "hasCategory",
           (n.job_types @> ARRAY[${f.jobType}]::text[]) AS "hasJobType",
           cv.score AS "validCertScore", cv.name AS "validCertName", cv.expires_on::text AS "validCertExpiresOn",
           (SELECT max(c.expires_on)::text FROM technician_certifications c
             WHERE c.user_id = n.user_id AND ${certCategory} AND c.expires_on < ${f.day}::date) AS "expiredCertOn",
           (SELECT max(l.ends_on)::text FROM technician_leave l
             WHERE l.user_id = n.user_id AND l.starts_on <= ${f.day}::date AND l.ends_on >= ${f.day}::date) AS "leaveUntil"
      FROM near n
      JOIN users u ON u.id = n.user_id AND u.active AND u.role = 'technician'
      JOIN teams tm ON tm.id = u.team_id AND tm.kind = 'service_point'
      LEFT JOIN service_point_profiles sp ON sp.team_id = tm.id
      LEFT JOIN day_load dl ON dl.tech = n.user_id
      LEFT JOIN LATERAL (
        SELECT c.exam_score AS score, c.name, c.expires_on FROM technician_certifications c
         WHERE c.user_id = n.user_id AND ${certCategory} AND c.expires_on >= ${f.day}::date
         ORDER BY c.exam_score DESC LIMIT 1) cv ON true`);
  return rowsOf<CandidateRow>(r);
}

// ---- dispatches ----

export const dispatchColumns = {
  id: dispatches.id,
  ticketId: dispatches.ticketId,
  ticketNumber: tickets.number,
  ticketSubject: tickets.subject,
  servicePointId: dispatches.servicePointId,
  servicePointName: teams.name,
  technicianId: dispatches.technicianId,
  technicianName: users.displayName,
  status: dispatches.status,
  mode: dispatches.mode,
  rank: dispatches.rank,
  score: dispatches.score,
  overrideReason: dispatches.overrideReason,
  respondBy: dispatches.respondBy,
  respondedAt: dispatches.respondedAt,
  refusalReason: dispatches.refusalReason,
  createdById: dispatches.createdById,
  createdAt: dispatches.createdAt,
  version: dispatches.version,
};

function selectDispatches(db: Executor) {
  return db
    .select(dispatchColumns)
    .from(dispatches)
    .innerJoin(tickets, eq(tickets.id, dispatches.ticketId))
    .innerJoin(teams, eq(teams.id, dispatches.servicePointId))
    .leftJoin(users, eq(users.id, dispatches.technicianId));
}
export type DispatchRow = Awaited<ReturnType<typeof getDispatchRow>> & {};

export async function getDispatchRow(db: Executor, tenantId: string, id: string) {
  const [d] = await selectDispatches(db).where(and(eq(dispatches.tenantId, tenantId), eq(dispatches.id, id)));
  return d ?? null;
}

export async function findTicketDispatches(db: Executor, tenantId: string, ticketId: string) {
  return selectDispatches(db)
    .where(and(eq(dispatches.tenantId, tenantId), eq(dispatches.ticketId, ticketId)))
    .orderBy(desc(dispatches.createdAt));
}

export async function findLiveDispatch(db: Executor, tenantId: string, ticketId: string) {
  const [d] = await db
    .select({ id: dispatches.id, status: dispatches.status, servicePointId: dispatches.servicePointId })
    .from(dispatches)
    .where(
      and(
        eq(dispatches.tenantId, tenantId),
        eq(dispatches.ticketId, ticketId),
        inArray(dispatches.status, ['offered', 'assigned']),
      ),
    );
  return d ?? null;
}

export async function findServicePointDispatches(
  db: Executor,
  tenantId: string,
  servicePointId: string | null,
  status: 'offered' | 'all',
) {
  return selectDispatches(db)
    .where(
      and(
        eq(dispatches.tenantId, tenantId),
        servicePointId ? eq(dispatches.servicePointId, servicePointId) : undefined,
        status === 'offered' ? eq(dispatches.status, 'offered') : undefined,
      ),
    )
    .orderBy(desc(dispatches.createdAt))
    .limit(200);
}

export async function insertDispatch(db: Executor, row: typeof dispatches.$inferInsert) {
  const [d] = await db.insert(dispatches).values(row).returning({ id: dispatches.id });
  return d!;
}

export async function updateDispatch(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number | null,
  patch: Partial<typeof dispatches.$inferInsert>,
  now: Date,
) {
  const [d] = await db
    .update(dispatches)
    .set({ ...patch, updatedAt: now, version: sql`${dispatches.version} + 1` })
    .where(
      and(
        eq(dispatches.tenantId, tenantId),
        eq(dispatches.id, id),
        expectedVersion === null ? undefined : eq(dispatches.version, expectedVersion),
      ),
    )
    .returning({ id: dispatches.id });
  return d ?? null;
}

/** Claims offers whose answer is overdue (across tenants, or one); each is expired once however many sweep. */
export async function claimOverdueOffers(db: Executor, now: Date, tenantId?: string, limit = 200) {
  const r = await db.execute(sql`
    UPDATE dispatches d SET status = 'expired', updated_at = ${now}, version = d.version + 1
     WHERE d.id IN (
       SELECT id FROM dispatches
        WHERE status = 'offered' AND respond_by < ${now}
          ${tenantId ? sql`AND tenant_id = ${tenantId}` : sql``}
        ORDER BY respond_by LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id AS "id", d.tenant_id AS "tenantId", d.ticket_id AS "ticketId",
              d.service_point_id AS "servicePointId", d.created_by_id AS "createdById"`);
  return rowsOf<{
    id: string;
    tenantId: string;
    ticketId: string;
    servicePointId: string;
    createdById: string | null;
  }>(r);
}

export async function getTenantFacts(db: Executor, tenantId: string) {
  const [t] = await db
    .select({ timeZone: schema.tenants.timeZone, ticketPrefix: schema.tenants.ticketPrefix })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  return t ?? null;
}

/** Work orders of a tenant waiting for dispatch: open, no team, no live dispatch (for auto-dispatch). */
export async function findUndispatchedTickets(db: Executor, tenantId: string, limit: number) {
  return db
    .select({ id: tickets.id, version: tickets.version })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        inArray(tickets.status, ['new', 'open', 'reopened']),
        inArray(tickets.type, ['repair', 'installation', 'maintenance']),
        sql`${tickets.teamId} IS NULL`,
        // Only work never dispatched: a refused or expired job waits for a person's decision.
        sql`NOT EXISTS (SELECT 1 FROM dispatches x WHERE x.ticket_id = ${tickets.id})`,
      ),
    )
    .orderBy(tickets.createdAt)
    .limit(limit);
}

export async function findAutoDispatchTenants(db: Executor) {
  const rows = await db
    .select({ tenantId: schema.dispatchSettings.tenantId })
    .from(schema.dispatchSettings)
    .where(eq(schema.dispatchSettings.autoDispatch, 'top_candidate'));
  return rows.map((r) => r.tenantId);
}

export async function firstDispatcherOf(db: Executor, tenantId: string) {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'dispatcher'), eq(users.active, true)))
    .limit(1);
  return u?.id ?? null;
}
