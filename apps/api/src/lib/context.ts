import type { Lang, Role } from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import type { Config } from '../config';

export interface Principal {
  kind: 'session' | 'api_token';
  tenantId: string;
  tenantTimeZone: string;
  ticketPrefix: string;
  userId: string;
  role: Role;
  teamId: string | null;
  /** The session id hash or the token id. */
  credentialId: string;
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
}

/** The same context with another executor (an open transaction). */
export function withExecutor(ctx: ServiceContext, db: Executor): ServiceContext {
  return { ...ctx, db };
}

/** Runs a service call in one transaction: its write, timeline entry, audit record and notice commit together. */
export function inTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(withExecutor(ctx, tx)));
}
