import { type Executor, schema } from '@manyi/db';
import { and, asc, eq, or, sql } from 'drizzle-orm';

const { savedViews, tenants } = schema;

const savedViewColumns = {
  id: savedViews.id,
  name: savedViews.name,
  query: savedViews.query,
  shared: savedViews.shared,
  ownerId: savedViews.ownerId,
  version: savedViews.version,
  createdAt: savedViews.createdAt,
};

export async function findSavedViews(db: Executor, tenantId: string, userId: string) {
  return db
    .select(savedViewColumns)
    .from(savedViews)
    .where(
      and(eq(savedViews.tenantId, tenantId), or(eq(savedViews.ownerId, userId), eq(savedViews.shared, true))),
    )
    .orderBy(asc(savedViews.name));
}

export async function getSavedViewRow(db: Executor, tenantId: string, id: string) {
  const [v] = await db
    .select(savedViewColumns)
    .from(savedViews)
    .where(and(eq(savedViews.tenantId, tenantId), eq(savedViews.id, id)));
  return v ?? null;
}

export async function insertSavedView(db: Executor, row: typeof savedViews.$inferInsert) {
  const [v] = await db.insert(savedViews).values(row).returning(savedViewColumns);
  return v!;
}

export async function updateSavedView(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<Pick<typeof savedViews.$inferInsert, 'name' | 'query' | 'shared'>>,
) {
  const [v] = await db
    .update(savedViews)
    .set({ ...patch, version: sql`${savedViews.version} + 1` })
    .where(
      and(eq(savedViews.tenantId, tenantId), eq(savedViews.id, id), eq(savedViews.version, expectedVersion)),
    )
    .returning(savedViewColumns);
  return v ?? null;
}

export async function deleteSavedView(db: Executor, tenantId: string, id: string) {
  await db.delete(savedViews).where(and(eq(savedViews.tenantId, tenantId), eq(savedViews.id, id)));
}

const tenantColumns = {
  id: tenants.id,
  name: tenants.name,
  timeZone: tenants.timeZone,
  ticketPrefix: tenants.ticketPrefix,
  version: tenants.version,
};

export async function getTenantRow(db: Executor, tenantId: string) {
  const [t] = await db.select(tenantColumns).from(tenants).where(eq(tenants.id, tenantId));
  return t ?? null;
}

export async function updateTenant(
  db: Executor,
  tenantId: string,
  expectedVersion: number,
  patch: Partial<Pick<typeof tenants.$inferInsert, 'name' | 'timeZone' | 'ticketPrefix'>>,
) {
  const [t] = await db
    .update(tenants)
    .set({ ...patch, version: sql`${tenants.version} + 1` })
    .where(and(eq(tenants.id, tenantId), eq(tenants.version, expectedVersion)))
    .returning(tenantColumns);
  return t ?? null;
}

type Rows<T> = { rows: T[] };
const rowsOf = <T>(r: unknown) => (r as Rows<T>).rows;

/** Counts for the queue views in one pass over open (and recently resolved) work. */
export async function countQueues(
  db: Executor,
  tenantId: string,
  visibility: SQLFragment,
  me: { userId: string; teamId: string | null },
  openStatuses: readonly string[],
  resolvedSince: Date,
) {
  const open = sql.join(
    openStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const r = await db.execute(sql`
    SELECT status,
      count(*) FILTER (WHERE assignee_id = ${me.userId} AND status IN (${open}))::int AS mine,
      count(*) FILTER (WHERE ${me.teamId}::uuid IS NOT NULL AND team_id = ${me.teamId}::uuid AND status IN (${open}))::int AS team,
      count(*) FILTER (WHERE assignee_id IS NULL AND status IN ('new','open','scheduled','in_progress','reopened'))::int AS unassigned,
      count(*) FILTER (WHERE resolved_at >= ${resolvedSince.toISOString()}::timestamptz)::int AS resolved,
      count(*) FILTER (WHERE status IN (${open}))::int AS open
    FROM tickets
    WHERE tenant_id = ${tenantId} AND ${visibility}
      AND (status IN (${open}) OR (status IN ('resolved','closed') AND resolved_at >= ${resolvedSince.toISOString()}::timestamptz))
    GROUP BY status`);
  return rowsOf<{
    status: string;
    mine: number;
    team: number;
    unassigned: number;
    resolved: number;
    open: number;
  }>(r);
}

/** Open work of customers of the given tiers (the VIP lane). */
export async function countOpenOfTiers(
  db: Executor,
  tenantId: string,
  visibility: SQLFragment,
  openStatuses: readonly string[],
  tiers: readonly string[],
) {
  const open = sql.join(
    openStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const list = sql.join(
    tiers.map((s) => sql`${s}`),
    sql`, `,
  );
  const [r] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM tickets JOIN customers c ON c.id = tickets.customer_id
      WHERE tickets.tenant_id = ${tenantId} AND ${visibility} AND tickets.status IN (${open}) AND c.tier IN (${list})`),
  );
  return r?.n ?? 0;
}

export type SQLFragment = ReturnType<typeof sql>;

export async function overviewQueries(
  db: Executor,
  tenantId: string,
  timeZone: string,
  since: Date,
  openStatuses: readonly string[],
) {
  const open = sql.join(
    openStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const sinceIso = since.toISOString();
  const incoming = rowsOf<{ day: string; type: string; n: number }>(
    await db.execute(sql`
      SELECT to_char(created_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, type, count(*)::int AS n
      FROM tickets WHERE tenant_id = ${tenantId} AND created_at >= ${sinceIso}::timestamptz
      GROUP BY 1, 2`),
  );
  const byChannel = rowsOf<{ channel: string; n: number }>(
    await db.execute(sql`
      SELECT channel, count(*)::int AS n FROM tickets
      WHERE tenant_id = ${tenantId} AND created_at >= ${sinceIso}::timestamptz GROUP BY 1`),
  );
  const openRows = rowsOf<{ status: string; age: string; n: number; unassigned: number }>(
    await db.execute(sql`
      SELECT status,
        CASE WHEN now() - created_at < interval '1 day' THEN 'lt1d'
             WHEN now() - created_at < interval '3 days' THEN '1to3d'
             WHEN now() - created_at < interval '7 days' THEN '3to7d'
             WHEN now() - created_at < interval '30 days' THEN '7to30d'
             ELSE 'gt30d' END AS age,
        count(*)::int AS n,
        count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
      FROM tickets WHERE tenant_id = ${tenantId} AND status IN (${open})
      GROUP BY 1, 2`),
  );
  const load = rowsOf<{ user_id: string; name: string; open: number; urgent: number }>(
    await db.execute(sql`
      SELECT t.assignee_id AS user_id, u.display_name AS name, count(*)::int AS open,
        count(*) FILTER (WHERE t.priority = 'urgent')::int AS urgent
      FROM tickets t JOIN users u ON u.id = t.assignee_id
      WHERE t.tenant_id = ${tenantId} AND t.status IN (${open}) AND t.assignee_id IS NOT NULL
      GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20`),
  );
  const [resolved] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM tickets
      WHERE tenant_id = ${tenantId} AND resolved_at >= ${sinceIso}::timestamptz`),
  );
  return { incoming, byChannel, openRows, load, resolved: resolved?.n ?? 0 };
}
