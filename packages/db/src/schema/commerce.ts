import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { tickets } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** part | labour | call_out | service (a service an agreement offers for a fee). */
export const priceItemKindEnum = pgEnum('price_item_kind', ['part', 'labour', 'call_out', 'service']);

/** The tenant's price list. Money is integer fen with a currency code. */
export const priceItems = pgTable(
  'price_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: priceItemKindEnum('kind').notNull(),
    /** For kind service: the agreement service code (e.g. cleaning); otherwise the tenant's own code. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    priceFen: integer('price_fen').notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** The warranty part class a part (or the labour of replacing it) falls under, e.g. compressor. */
    partClass: text('part_class'),
    /** Product category the item applies to; null = any. */
    category: text('category'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('price_items_code_uq').on(t.tenantId, t.code),
    index('price_items_kind_idx').on(t.tenantId, t.kind, t.active),
  ],
);

export const quoteStatusEnum = pgEnum('quote_status', ['draft', 'sent', 'accepted', 'declined', 'expired']);

export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    status: quoteStatusEnum('status').notNull().default('draft'),
    currency: text('currency').notNull().default('CNY'),
    /** Sum of the lines before warranty, and what the customer pays. */
    listTotalFen: bigint('list_total_fen', { mode: 'number' }).notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    validUntil: ts('valid_until').notNull(),
    sentAt: ts('sent_at'),
    decidedAt: ts('decided_at'),
    /** on_site (a technician records it) | link (the customer through the signed link). */
    decidedVia: text('decided_via'),
    decidedByName: text('decided_by_name'),
    decidedByUserId: uuid('decided_by_user_id'),
    declineReason: text('decline_reason'),
    createdById: uuid('created_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('quotes_ticket_idx').on(t.tenantId, t.ticketId, t.createdAt)],
);

/** Why a line costs nothing: the warranty status snapshot (part class, months, end date) or the agreement. */
export interface LineCoverage {
  basis: 'warranty' | 'agreement';
  partClass: string | null;
  months: number | null;
  endDate: string | null;
  reason: string;
  agreementCode?: string;
}

export const quoteLines = pgTable(
  'quote_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    priceItemId: uuid('price_item_id').references(() => priceItems.id),
    kind: priceItemKindEnum('kind').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    partClass: text('part_class'),
    quantity: integer('quantity').notNull(),
    /** The price-list (or entered) price per unit, and what is charged per unit after warranty. */
    listPriceFen: integer('list_price_fen').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    coverage: jsonb('coverage').$type<LineCoverage | null>(),
    /** A line not from the price list must say why. */
    adHocReason: text('ad_hoc_reason'),
  },
  (t) => [index('quote_lines_quote_idx').on(t.quoteId, t.position)],
);

export const chargeSourceEnum = pgEnum('charge_source', ['quote_line', 'part_used']);

/** What the customer owes on a work order: only from accepted quote lines, or parts used at no charge. */
export const charges = pgTable(
  'charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    source: chargeSourceEnum('source').notNull(),
    quoteLineId: uuid('quote_line_id').references(() => quoteLines.id),
    priceItemId: uuid('price_item_id').references(() => priceItems.id),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    coverage: jsonb('coverage').$type<LineCoverage | null>(),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('charges_ticket_idx').on(t.tenantId, t.ticketId),
    uniqueIndex('charges_quote_line_uq').on(t.quoteLineId),
  ],
);

export const paymentMethodEnum = pgEnum('payment_method', ['cash', 'wechat', 'alipay', 'card', 'transfer']);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    method: paymentMethodEnum('method').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** Transaction number of the wallet, card slip or bank transfer; receipt number for cash. */
    reference: text('reference'),
    receivedAt: ts('received_at').notNull(),
    recordedById: uuid('recorded_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('payments_ticket_idx').on(t.tenantId, t.ticketId)],
);
