import type { Role } from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import { loadConfig } from '../config';
import type { Principal, ServiceContext } from '../lib/context';

/**
 * The context demo seeding calls the services with: a staff member of the demo tenant (or the system), inside the
 * seed's one transaction. Live notices are dropped: nobody listens while seeding, and sending one on another
 * connection would wait for the seed's own transaction (on PGlite, for ever).
 */
export function demoContext(
  db: Executor,
  database: Database,
  actor: { tenantId: string; userId: string; role: Role } | { principal: Principal },
): ServiceContext {
  const principal: Principal =
    'principal' in actor
      ? actor.principal
      : {
          kind: 'session',
          tenantId: actor.tenantId,
          tenantTimeZone: 'Asia/Shanghai',
          ticketPrefix: 'GD',
          userId: actor.userId,
          role: actor.role,
          teamId: null,
          credentialId: 'demo-seed',
        };
  return {
    db,
    database,
    config: loadConfig({}),
    principal,
    lang: 'zh',
    requestId: 'demo-seed',
    now: () => new Date(),
    afterCommit: () => undefined,
  };
}
