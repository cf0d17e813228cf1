import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { units } from './products';
import { teams, tenants, users } from './tenants';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ticketTypeEnum = pgEnum('ticket_type', [
  'inquiry',
  'repair',
  'installation',
  'maintenance',
  'complaint',
  'compliment',
  'suggestion',
]);
export const ticketChannelEnum = pgEnum('ticket_channel', ['phone', 'walk_in', 'web', 'email', 'api']);
export const ticketPriorityEnum = pgEnum('ticket_priority', ['low', 'normal', 'high', 'urgent']);
export const ticketStatusEnum = pgEnum('ticket_status', [
  'new',
  'open',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
]);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Per-tenant sequence number; shown as `${tenant.ticketPrefix}-${number}`. */
    number: bigint('number', { mode: 'number' }).notNull(),
    type: ticketTypeEnum('type').notNull(),
    channel: ticketChannelEnum('channel').notNull(),
    status: ticketStatusEnum('status').notNull().default('new'),
    priority: ticketPriorityEnum('priority').notNull().default('normal'),
    /** 0 low … 3 urgent: sortable without a CASE. */
    priorityRank: smallint('priority_rank').notNull().default(1),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    unitId: uuid('unit_id').references(() => units.id),
    teamId: uuid('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL => sql`${tickets.subject} || ' ' || ${tickets.description}`,
    ),
    /**
     * The Chinese character pairs of subject + description (cjk_bigrams(), migration 0011), stored: searched
     * with `&&` for 2-character terms, cheap to test per row when a queue is read in its own order.
     */
    searchPairs: text('search_pairs')
      .array()
      .generatedAlwaysAs((): SQL => sql`cjk_bigrams(${tickets.subject} || ' ' || ${tickets.description})`),
    createdById: uuid('created_by_id'),
    /** The service agreement whose commitments the work order runs under (see agreements.ts). */
    agreementId: uuid('agreement_id'),
    /** The earliest customer-promise due time of its running clocks: queues sort by it. */
    nextDueAt: ts('next_due_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.tenantId, t.number),
    index('tickets_updated_idx').on(t.tenantId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('tickets_status_updated_idx').on(t.tenantId, t.status, t.updatedAt.desc(), t.id.desc()),
    index('tickets_assignee_idx').on(t.tenantId, t.assigneeId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_team_idx').on(t.tenantId, t.teamId, t.updatedAt.desc(), t.id.desc()),
    index('tickets_customer_idx').on(t.tenantId, t.customerId, t.createdAt.desc()),
    index('tickets_priority_idx').on(t.tenantId, t.priorityRank.desc(), t.updatedAt.desc(), t.id.desc()),
    index('tickets_due_idx').on(t.tenantId, t.nextDueAt, t.id),
    index('tickets_tags_gin').using('gin', t.tags),
    index('tickets_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The unassigned queue (perf): newest first straight from the index, whatever share is unassigned.
    index('tickets_unassigned_idx')
      .on(t.tenantId, t.updatedAt.desc(), t.id.desc())
      .where(sql`assignee_id IS NULL`),
    // 2-character Chinese terms (漏水, 噪音), which trigrams cannot serve.
    index('tickets_search_pairs_gin').using('gin', t.searchPairs),
  ],
);

/** The append-only timeline of a work order. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind').notNull(),
    visibility: text('visibility').notNull().default('internal'),
    authorId: uuid('author_id'),
    body: text('body'),
    data: jsonb('data').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Key in the attachment store (disk folder or S3-compatible bucket). */
    storageKey: text('storage_key').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId)],
);
