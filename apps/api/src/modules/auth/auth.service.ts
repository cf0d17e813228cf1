import { createHash, randomBytes } from 'node:crypto';
import { type CurrentUser, type Role, rolePermissions } from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import type { Config } from '../../config';
import { AppError } from '../../lib/app-error';
import type { Principal, ServiceContext } from '../../lib/context';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repository';
import { dummyHashPromise, verifyPassword } from './password';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');

interface LoginDeps {
  db: Executor;
  config: Config;
  now: () => Date;
}

/**
 * Checks email and password; after `loginMaxFailures` failures in a row the account locks for
 * `loginLockMinutes`. Returns a new session's cookie value and CSRF token.
 */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string; userAgent?: string; ip?: string },
): Promise<{ sessionToken: string; csrfToken: string; userId: string; tenantId: string }> {
  const now = deps.now();
  const user = await repo.findUserByEmail(deps.db, input.email);
  if (!user) {
    await verifyPassword(input.password, await dummyHashPromise);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now)
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.lockedUntil.toISOString() });
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const lockUntil = new Date(now.getTime() + deps.config.loginLockMinutes * 60_000);
    await repo.recordLoginFailure(deps.db, user.id, deps.config.loginMaxFailures, lockUntil);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.active) throw new AppError('ACCOUNT_DISABLED');
  await repo.recordLoginSuccess(deps.db, user.id, now);
  const sessionToken = secret();
  const csrfToken = secret(24);
  await repo.insertSession(deps.db, {
    id: sha256(sessionToken),
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken,
    expiresAt: new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000),
    userAgent: input.userAgent?.slice(0, 300),
    ip: input.ip,
  });
  return { sessionToken, csrfToken, userId: user.id, tenantId: user.tenantId };
}

export async function logout(db: Executor, sessionToken: string) {
  const id = sha256(sessionToken);
  principalCache.delete(`s:${id}`);
  await repo.deleteSession(db, id);
}

interface Resolved {
  principal: Principal;
  csrfToken: string | null;
}

// A short cache spares one query per request; a revoked session or token stops working on other
// instances within this many milliseconds (on this instance at once).
const CACHE_MS = 5_000;
const principalCache = new Map<string, { at: number; value: Resolved | null }>();

function cached(key: string, now: number) {
  const hit = principalCache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit;
  return undefined;
}
function remember(key: string, now: number, value: Resolved | null) {
  if (principalCache.size > 10_000) principalCache.clear();
  principalCache.set(key, { at: now, value });
}

export function forgetPrincipals() {
  principalCache.clear();
}

/** Resolves a session cookie to its principal; slides the expiry at most once a minute. */
export async function resolveSession(deps: LoginDeps, sessionToken: string): Promise<Resolved | null> {
  const id = sha256(sessionToken);
  const now = deps.now();
  const hit = cached(`s:${id}`, now.getTime());
  if (hit) return hit.value;
  const row = await repo.findSessionPrincipal(deps.db, id, now);
  const value: Resolved | null = row?.active
    ? {
        principal: {
          kind: 'session',
          tenantId: row.tenantId,
          tenantTimeZone: row.tenantTimeZone,
          ticketPrefix: row.ticketPrefix,
          userId: row.userId,
          role: row.role as Role,
          teamId: row.teamId,
          credentialId: id,
        },
        csrfToken: row.csrfToken,
      }
    : null;
  if (row && now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(
      deps.db,
      id,
      now,
      new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000),
    );
  }
  remember(`s:${id}`, now.getTime(), value);
  return value;
}

export async function resolveApiToken(deps: LoginDeps, token: string): Promise<Resolved | null> {
  const hash = sha256(token);
  const now = deps.now();
  const hit = cached(`t:${hash}`, now.getTime());
  if (hit) return hit.value;
  const row = await repo.findTokenPrincipal(deps.db, hash, now);
  const value: Resolved | null = row?.active
    ? {
        principal: {
          kind: 'api_token',
          tenantId: row.tenantId,
          tenantTimeZone: row.tenantTimeZone,
          ticketPrefix: row.ticketPrefix,
          userId: row.userId,
          role: row.role as Role,
          teamId: row.teamId,
          credentialId: row.tokenId,
        },
        csrfToken: null,
      }
    : null;
  if (row && (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000))
    await repo.touchToken(deps.db, row.tokenId, now);
  remember(`t:${hash}`, now.getTime(), value);
  return value;
}

export async function getCurrentUser(ctx: ServiceContext): Promise<CurrentUser> {
  const row = await repo.getCurrentUserRow(ctx.db, ctx.principal.tenantId, ctx.principal.userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return {
    ...row,
    role: row.role as Role,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    permissions: [...rolePermissions[row.role as Role]],
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function createApiToken(ctx: ServiceContext, input: { name: string; expiresInDays?: number }) {
  const token = `mny_${secret(30)}`;
  const expiresAt = input.expiresInDays
    ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000)
    : null;
  const row = await repo.insertApiToken(ctx.db, {
    tenantId: ctx.principal.tenantId,
    userId: ctx.principal.userId,
    name: input.name,
    prefix: token.slice(0, 10),
    tokenHash: sha256(token),
    expiresAt,
  });
  await recordAudit(ctx, {
    action: 'api_token.created',
    entityType: 'api_token',
    entityId: row.id,
    changes: { name: input.name },
  });
  return { ...serialiseToken(row), token };
}

function serialiseToken(row: Awaited<ReturnType<typeof repo.findApiTokens>>[number]) {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
  };
}

export async function findApiTokens(ctx: ServiceContext) {
  return (await repo.findApiTokens(ctx.db, ctx.principal.tenantId)).map(serialiseToken);
}

export async function revokeApiToken(ctx: ServiceContext, id: string) {
  const ok = await repo.revokeApiToken(ctx.db, ctx.principal.tenantId, id, ctx.now());
  if (!ok) throw new AppError('NOT_FOUND', { entity: 'api_token', id });
  principalCache.clear();
  await recordAudit(ctx, { action: 'api_token.revoked', entityType: 'api_token', entityId: id });
}
