import { type Executor, schema } from '@manyi/db';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';

const { users, sessions, tenants, apiTokens } = schema;

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      tenantId: users.tenantId,
      email: users.email,
      passwordHash: users.passwordHash,
      active: users.active,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(eq(users.email, email));
  return row ?? null;
}

export async function recordLoginFailure(db: Executor, userId: string, maxFailures: number, lockUntil: Date) {
  await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId));
}

export async function recordLoginSuccess(db: Executor, userId: string, at: Date) {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at })
    .where(eq(users.id, userId));
}

export async function insertSession(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    userAgent?: string;
    ip?: string;
  },
) {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: Executor, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Executor, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

const principalColumns = {
  userId: users.id,
  tenantId: users.tenantId,
  role: users.role,
  teamId: users.teamId,
  active: users.active,
  tenantTimeZone: tenants.timeZone,
  ticketPrefix: tenants.ticketPrefix,
};

export async function findSessionPrincipal(db: Executor, sessionId: string, now: Date) {
  const [row] = await db
    .select({
      ...principalColumns,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function touchSession(db: Executor, sessionId: string, at: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: at, expiresAt }).where(eq(sessions.id, sessionId));
}

export async function findTokenPrincipal(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ ...principalColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row ?? null;
}

export async function touchToken(db: Executor, tokenId: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

export async function getCurrentUserRow(db: Executor, tenantId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      tenantId: users.tenantId,
      tenantName: tenants.name,
      tenantTimeZone: tenants.timeZone,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      teamId: users.teamId,
      locale: users.locale,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(users.id, userId), eq(users.tenantId, tenantId)));
  return row ?? null;
}

export async function insertApiToken(
  db: Executor,
  row: {
    tenantId: string;
    userId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    expiresAt: Date | null;
  },
) {
  const [created] = await db.insert(apiTokens).values(row).returning({
    id: apiTokens.id,
    name: apiTokens.name,
    prefix: apiTokens.prefix,
    createdAt: apiTokens.createdAt,
    lastUsedAt: apiTokens.lastUsedAt,
    expiresAt: apiTokens.expiresAt,
    revokedAt: apiTokens.revokedAt,
  });
  return created!;
}

export async function findApiTokens(db: Executor, tenantId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tenantId, tenantId))
    .orderBy(apiTokens.createdAt);
}

export async function revokeApiToken(db: Executor, tenantId: string, id: string, at: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.tenantId, tenantId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
