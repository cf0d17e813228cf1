import {
  type AnyPgColumn,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { teams, tenants, users } from './tenants';
import { attachments, tickets } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const visitStatusEnum = pgEnum('visit_status', [
  'proposed',
  'confirmed',
  'checked_in',
  'completed',
  'missed',
  'cancelled',
]);

/**
 * A technician's appointment at the customer's for a work order (上门): the window offered and confirmed,
 * check-in with time and position, the work report, the customer's sign-off and check-out. A revisit is a new
 * row pointing at the visit it follows (parts needed, customer not home).
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => users.id),
    /** The technician's service point when the visit was planned (a partner manager sees its own point's). */
    teamId: uuid('team_id').references(() => teams.id),
    status: visitStatusEnum('status').notNull().default('proposed'),
    windowStart: ts('window_start').notNull(),
    windowEnd: ts('window_end').notNull(),
    /** Other windows the customer may pick through the appointment link: [{ start, end }] as ISO strings. */
    offeredWindows: jsonb('offered_windows').notNull().default([]),
    revisitOfId: uuid('revisit_of_id').references((): AnyPgColumn => visits.id),
    /** Why this visit was planned (a revisit's reason: parts needed, customer not home …). */
    reason: text('reason'),
    /** The customer's answer through the link: confirmed | reschedule_requested, with their words. */
    customerAnswer: text('customer_answer'),
    customerPreferredTime: text('customer_preferred_time'),
    customerNote: text('customer_note'),
    customerAnsweredAt: ts('customer_answered_at'),
    confirmedAt: ts('confirmed_at'),
    checkedInAt: ts('checked_in_at'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInAccuracyM: doublePrecision('check_in_accuracy_m'),
    /** Why no position was recorded (permission refused, no signal). */
    checkInNote: text('check_in_note'),
    workDone: text('work_done'),
    cause: text('cause'),
    /** resolved | needs_revisit | not_resolved */
    result: text('result'),
    reportedAt: ts('reported_at'),
    signatureAttachmentId: uuid('signature_attachment_id').references(() => attachments.id),
    signedByName: text('signed_by_name'),
    signedAt: ts('signed_at'),
    checkedOutAt: ts('checked_out_at'),
    missedReason: text('missed_reason'),
    cancelReason: text('cancel_reason'),
    createdById: uuid('created_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('visits_ticket_idx').on(t.tenantId, t.ticketId, t.windowStart),
    index('visits_technician_day_idx').on(t.tenantId, t.technicianId, t.windowStart),
    index('visits_team_day_idx').on(t.tenantId, t.teamId, t.windowStart),
    index('visits_day_idx').on(t.tenantId, t.windowStart),
  ],
);
