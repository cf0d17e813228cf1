import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { teams, tenants } from './tenants';
import { tickets } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const custodyKindEnum = pgEnum('custody_kind', ['unit', 'part', 'keys', 'document', 'other']);
export const custodyStatusEnum = pgEnum('custody_status', ['held', 'returned', 'lost']);

/**
 * Customer property in our hands (ISO 9001 7.5.4 / 8.5.3): what, whose, in what condition it came, who holds it
 * and where it is now, and when it went back with the customer's sign-off.
 */
export const custodyItems = pgTable(
  'custody_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The service point answerable for it (the work order's at intake). */
    teamId: uuid('team_id').references(() => teams.id),
    kind: custodyKindEnum('kind').notNull(),
    description: text('description').notNull(),
    serialNumber: text('serial_number'),
    condition: text('condition').notNull(),
    /** Photos of the condition on intake: attachments of the work order. */
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: custodyStatusEnum('status').notNull().default('held'),
    holderUserId: uuid('holder_user_id'),
    holderName: text('holder_name').notNull(),
    location: text('location').notNull(),
    receivedAt: ts('received_at').notNull(),
    /** When it was promised back to the customer; held past it = overdue. */
    dueBackAt: ts('due_back_at'),
    returnedAt: ts('returned_at'),
    returnedToName: text('returned_to_name'),
    /** signature (an image) | confirmed (the customer confirmed in person, recorded by staff). */
    returnSignOff: text('return_sign_off'),
    returnSignature: text('return_signature'),
    createdById: uuid('created_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('custody_items_team_idx').on(t.tenantId, t.teamId, t.status),
    index('custody_items_ticket_idx').on(t.tenantId, t.ticketId),
    index('custody_items_list_idx').on(t.tenantId, t.receivedAt, t.id),
  ],
);

/** Append-only: every receipt, change of holder or location, return and incident of a custody item. */
export const custodyEvents = pgTable(
  'custody_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => custodyItems.id),
    /** received | moved | returned | incident_opened | customer_notified | incident_closed */
    kind: text('kind').notNull(),
    holderUserId: uuid('holder_user_id'),
    holderName: text('holder_name'),
    location: text('location'),
    note: text('note'),
    data: jsonb('data').notNull().default({}),
    actorId: uuid('actor_id'),
    at: ts('at').notNull(),
  },
  (t) => [index('custody_events_item_idx').on(t.itemId, t.id)],
);

export const custodyIncidentKindEnum = pgEnum('custody_incident_kind', ['loss', 'damage']);
export const notifyChannelEnum = pgEnum('customer_notify_channel', ['phone', 'in_person', 'letter', 'sms']);

/** Loss or damage of customer property; cannot be closed until the record shows the customer was told. */
export const custodyIncidents = pgTable(
  'custody_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => custodyItems.id),
    kind: custodyIncidentKindEnum('kind').notNull(),
    description: text('description').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    reportedById: uuid('reported_by_id'),
    status: text('status').notNull().default('open'),
    notifiedVia: notifyChannelEnum('notified_via'),
    notifiedAt: ts('notified_at'),
    notifiedById: uuid('notified_by_id'),
    notifiedWhat: text('notified_what'),
    resolution: text('resolution'),
    closedAt: ts('closed_at'),
    closedById: uuid('closed_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('custody_incidents_item_idx').on(t.tenantId, t.itemId)],
);
