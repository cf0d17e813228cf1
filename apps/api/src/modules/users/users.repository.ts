import { type Executor, schema } from '@manyi/db';
import { and, asc, eq, sql } from 'drizzle-orm';

const { tenants, teams, users } = schema;

export async function insertTenant(
  db: Executor,
  row: { slug: string; name: string; timeZone?: string; ticketPrefix?: string },
) {
  const [t] = await db
    .insert(tenants)
    .values(row)
    .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
  return t!;
}

export async function findTenantBySlug(db: Executor, slug: string) {
  const [t] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.slug, slug));
  return t ?? null;
}

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  teamId: users.teamId,
  locale: users.locale,
  active: users.active,
  lockedUntil: users.lockedUntil,
  version: users.version,
  createdAt: users.createdAt,
};

export type UserRow = Awaited<ReturnType<typeof findUsers>>[number];

export async function insertUser(db: Executor, row: typeof users.$inferInsert) {
  const [u] = await db.insert(users).values(row).returning(userColumns);
  return u!;
}

export async function findUsers(db: Executor, tenantId: string) {
  return db
    .select(userColumns)
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.displayName));
}

export async function getUserRow(db: Executor, tenantId: string, id: string) {
  const [u] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u ?? null;
}

/** Updates when the version matches; returns null on a stale version. */
export async function updateUser(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<
    Pick<
      typeof users.$inferInsert,
      | 'displayName'
      | 'role'
      | 'teamId'
      | 'locale'
      | 'active'
      | 'passwordHash'
      | 'failedLogins'
      | 'lockedUntil'
    >
  >,
) {
  const [u] = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.version, expectedVersion)))
    .returning(userColumns);
  return u ?? null;
}

const teamColumns = {
  id: teams.id,
  name: teams.name,
  kind: teams.kind,
  version: teams.version,
  createdAt: teams.createdAt,
};

export async function insertTeam(db: Executor, row: typeof teams.$inferInsert) {
  const [t] = await db.insert(teams).values(row).returning(teamColumns);
  return t!;
}

export async function findTeams(db: Executor, tenantId: string) {
  return db.select(teamColumns).from(teams).where(eq(teams.tenantId, tenantId)).orderBy(asc(teams.name));
}

export async function getTeamRow(db: Executor, tenantId: string, id: string) {
  const [t] = await db
    .select(teamColumns)
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)));
  return t ?? null;
}

export async function renameTeam(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  name: string,
) {
  const [t] = await db
    .update(teams)
    .set({ name, version: sql`${teams.version} + 1` })
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id), eq(teams.version, expectedVersion)))
    .returning(teamColumns);
  return t ?? null;
}
