import type { Lang, Role } from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import type { Config } from '../config';

export interface Principal {
  /**
   * `public_link`: a customer acting through a signed link (no user; `userId` is the nil UUID).
   * `system`: background work (the escalation sweep) through the same services as a person (nil UUID too).
   */
  kind: 'session' | 'api_token' | 'public_link' | 'system';
  tenantId: string;
  tenantTimeZone: string;
  ticketPrefix: string;
  userId: string;
  role: Role;
  teamId: string | null;
  /** The session id hash or the token id. */
  credentialId: string;
}

/** The user id of work nobody signed in for (a background job, a customer by link): the nil UUID. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** The principal of work nobody signed in for; a supervisor's view of the tenant unless a role is given. */
export function systemPrincipal(
  tenant: { id: string; timeZone: string; ticketPrefix: string },
  kind: 'system' | 'public_link' = 'system',
  options: { role?: Role; credentialId?: string } = {},
): Principal {
  return {
    kind,
    tenantId: tenant.id,
    tenantTimeZone: tenant.timeZone,
    ticketPrefix: tenant.ticketPrefix,
    userId: SYSTEM_USER_ID,
    role: options.role ?? 'supervisor',
    teamId: null,
    credentialId: options.credentialId ?? kind,
  };
}

/** What a service needs to know about the call it serves; services never see Fastify. */
export interface ServiceContext {
  db: Executor;
  database: Database;
  config: Config;
  principal: Principal;
  lang: Lang;
  requestId: string;
  now: () => Date;
  /**
   * Inside `inTransaction`: queues work for after the commit (live notices: a NOTIFY inside the transaction
   * serialises every commit behind a global lock). Absent outside a transaction: do the work at once.
   */
  afterCommit?: (task: () => Promise<void>) => void;
}

/** The same context with another executor (an open transaction). */
export function withExecutor(ctx: ServiceContext, db: Executor): ServiceContext {
  return { ...ctx, db };
}

/**
 * Runs a service call in one transaction: its write, timeline entry and audit record commit together; the
 * tasks it queued with `afterCommit` run once it has committed (never after a rollback), before this returns.
 */
export async function inTransaction<T>(
  ctx: ServiceContext,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  // A nested call (a savepoint) hands its tasks to the outermost transaction.
  if (ctx.afterCommit) return ctx.db.transaction((tx) => fn(withExecutor(ctx, tx)));
  const tasks: (() => Promise<void>)[] = [];
  const afterCommit = (task: () => Promise<void>) => void tasks.push(task);
  const result = await ctx.db.transaction((tx) => fn({ ...ctx, db: tx, afterCommit }));
  for (const task of tasks) await task();
  return result;
}
