import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { units } from './products';
import { tenants, users } from './tenants';
import { tickets } from './tickets';
import { visits } from './visits';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 一般 / 严重 / 重大. */
export const complaintSeverityEnum = pgEnum('complaint_severity', ['minor', 'serious', 'major']);
/** The six steps of handling a difficult customer (seed 002), in order. */
export const complaintStepEnum = pgEnum('complaint_step', [
  'listen',
  'calm',
  'empathise',
  'solve',
  'agree',
  'follow_up',
]);
export const complaintVerdictEnum = pgEnum('complaint_verdict', ['satisfied', 'partly', 'not_satisfied']);
export const remedyKindEnum = pgEnum('complaint_remedy_kind', ['apology', 'compensation', 'gift', 'redo']);
export const remedyStatusEnum = pgEnum('complaint_remedy_status', ['pending', 'approved', 'rejected']);
export const winBackStatusEnum = pgEnum('complaint_win_back', ['active', 'bought_again', 'churned']);

export interface ComplaintCause {
  code: string;
  zh: string;
  en: string;
  active: boolean;
}
export interface ComplaintDeadline {
  /** Acknowledge (the customer heard and listened to) within this many hours. */
  acknowledgeHours: number;
  /** Resolve (verdict recorded, work order resolved) within this many days. */
  resolveDays: number;
}

/** A tenant's complaint rules; a tenant without a row uses the defaults in the complaints module. */
export const complaintSettings = pgTable('complaint_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  causes: jsonb('causes').$type<ComplaintCause[]>().notNull(),
  deadlines: jsonb('deadlines').$type<Record<'minor' | 'serious' | 'major', ComplaintDeadline>>().notNull(),
  /** Per role: the largest remedy value (fen) it may grant alone; null = no limit; absent = may not approve. */
  approvalLimits: jsonb('approval_limits').$type<Record<string, number | null>>().notNull(),
  /** Per escalation level ("1".."3"): the roles alerted when a complaint reaches it. */
  levelAlerts: jsonb('level_alerts').$type<Record<string, string[]>>().notNull(),
  winBackDays: integer('win_back_days').notNull().default(90),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A complaint: one per work order of type complaint. */
export const complaints = pgTable(
  'complaints',
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
    /** What the customer said, word for word. */
    verbatim: text('verbatim').notNull(),
    severity: complaintSeverityEnum('severity').notNull(),
    cause: text('cause').notNull(),
    aboutTicketId: uuid('about_ticket_id').references(() => tickets.id),
    aboutVisitId: uuid('about_visit_id').references(() => visits.id),
    aboutTechnicianId: uuid('about_technician_id').references(() => users.id),
    aboutUnitId: uuid('about_unit_id').references(() => units.id),
    level: smallint('level').notNull().default(1),
    acknowledgeDueAt: ts('acknowledge_due_at').notNull(),
    resolveDueAt: ts('resolve_due_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    resolvedAt: ts('resolved_at'),
    /** Set once by the deadline sweep when a deadline passed unmet (the automatic escalation fired). */
    acknowledgeBreachedAt: ts('acknowledge_breached_at'),
    resolveBreachedAt: ts('resolve_breached_at'),
    verdict: complaintVerdictEnum('verdict'),
    verdictNote: text('verdict_note'),
    verdictAt: ts('verdict_at'),
    closedAt: ts('closed_at'),
    /** The customer's value (fen) when the complaint was closed: win-back compares against it. */
    valueAtCloseFen: bigint('value_at_close_fen', { mode: 'number' }),
    winBack: winBackStatusEnum('win_back'),
    winBackReviewedAt: ts('win_back_reviewed_at'),
    winBackReviewedById: uuid('win_back_reviewed_by_id'),
    winBackNote: text('win_back_note'),
    createdById: uuid('created_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('complaints_ticket_uq').on(t.ticketId),
    index('complaints_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('complaints_customer_idx').on(t.tenantId, t.customerId),
    index('complaints_closed_idx').on(t.tenantId, t.closedAt),
    // The deadline sweep looks across tenants for unmet deadlines not yet escalated.
    index('complaints_sweep_ack_idx')
      .on(t.acknowledgeDueAt)
      .where(sql`acknowledged_at IS NULL AND acknowledge_breached_at IS NULL`),
    index('complaints_sweep_resolve_idx')
      .on(t.resolveDueAt)
      .where(sql`resolved_at IS NULL AND resolve_breached_at IS NULL`),
  ],
);

/** One of the six steps, done: when, by whom, with what note (the note may be written later). */
export const complaintSteps = pgTable(
  'complaint_steps',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    step: complaintStepEnum('step').notNull(),
    doneAt: ts('done_at').notNull(),
    byId: uuid('by_id'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.step] })],
);

/** What we give the customer: apology, compensation, gift or redoing the work; big ones wait for approval. */
export const complaintRemedies = pgTable(
  'complaint_remedies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    kind: remedyKindEnum('kind').notNull(),
    /** Compensation paid or the gift's value, in fen (0 for an apology or a redo). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    description: text('description').notNull(),
    status: remedyStatusEnum('status').notNull(),
    requestedById: uuid('requested_by_id'),
    requestedAt: ts('requested_at').notNull(),
    decidedById: uuid('decided_by_id'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    /** For a redo: the repair work order it opened (once approved). */
    redoTicketId: uuid('redo_ticket_id').references(() => tickets.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('complaint_remedies_complaint_idx').on(t.complaintId),
    index('complaint_remedies_pending_idx').on(t.tenantId, t.status),
  ],
);

/** Every change of escalation level, manual or automatic, and how many people were alerted. */
export const complaintEscalations = pgTable(
  'complaint_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    fromLevel: smallint('from_level').notNull(),
    toLevel: smallint('to_level').notNull(),
    /** manual | acknowledge_breached | resolve_breached */
    reason: text('reason').notNull(),
    note: text('note'),
    byId: uuid('by_id'),
    notified: integer('notified').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('complaint_escalations_complaint_idx').on(t.complaintId, t.createdAt)],
);
