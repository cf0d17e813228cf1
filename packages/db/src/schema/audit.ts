import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Append-only: who changed what, when. Never updated or deleted by the application. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    actorUserId: uuid('actor_user_id'),
    /** user | api_token | system */
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes').notNull().default({}),
    requestId: text('request_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_entity_idx').on(t.tenantId, t.entityType, t.entityId, t.at),
    index('audit_tenant_at_idx').on(t.tenantId, t.at),
  ],
);

/** One row per (tenant, caller, Idempotency-Key): a retried create returns the stored response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.principal, t.key] }),
    index('idem_created_idx').on(t.createdAt),
  ],
);
