import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { tenants } from './tenants';
import { ticketPriorityEnum, ticketTypeEnum } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Local working periods per weekday (0 = Sunday): [["08:30","12:00"],["13:30","18:00"]]. */
export type WeekPeriods = Record<string, [string, string][]>;

export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    is24x7: boolean('is_24x7').notNull().default(false),
    week: jsonb('week').$type<WeekPeriods>().notNull(),
    /** Whether mainland China's statutory holidays and adjusted working days apply (seeded per year). */
    chinaHolidays: boolean('china_holidays').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('business_calendars_name_uq').on(t.tenantId, t.name)],
);

export const calendarDayKindEnum = pgEnum('calendar_day_kind', ['holiday', 'workday']);

/** A day that differs from the week: a holiday (no working time) or an adjusted working day (调休). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    kind: calendarDayKindEnum('kind').notNull(),
    name: text('name'),
    /** Working periods of an adjusted working day; the calendar's weekday periods when null. */
    periods: jsonb('periods').$type<[string, string][] | null>(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.day] })],
);

/** Years whose holidays a calendar has (imported or entered); clocks reaching any other year raise a warning. */
export const calendarYears = pgTable(
  'calendar_years',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    /** chinese-days | import | manual */
    source: text('source').notNull(),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.year] })],
);

export interface AgreementService {
  code: string;
  name: string;
  /** For paid services: the price in fen. */
  priceFen?: number;
}

export const serviceAgreements = pgTable(
  'service_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    included: jsonb('included').$type<AgreementService[]>().notNull().default([]),
    excluded: jsonb('excluded').$type<AgreementService[]>().notNull().default([]),
    paid: jsonb('paid').$type<AgreementService[]>().notNull().default([]),
    /** Coverage: empty arrays mean "any". A named contract covers one customer. */
    tiers: text('tiers').array().notNull().default(sql`'{}'::text[]`),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    customerId: uuid('customer_id').references(() => customers.id),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    /** Higher wins when several agreements cover a work order (a named contract should rank highest). */
    rank: integer('rank').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /**
     * Work-order statuses that stop this agreement's clocks (the ball is in the customer's or a supplier's
     * court). A term of the contract, so it lives on the agreement: a VIP contract may count parts delays.
     */
    pauseStatuses: text('pause_statuses')
      .array()
      .notNull()
      .default(sql`'{waiting_customer,waiting_parts}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('service_agreements_code_uq').on(t.tenantId, t.code)],
);

export const commitmentMetricEnum = pgEnum('commitment_metric', ['first_response', 'on_site', 'resolution']);

/** For an agreement, work-order type and priority: the customer promise and the tighter internal target. */
export const commitmentTargets = pgTable(
  'commitment_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => serviceAgreements.id, { onDelete: 'cascade' }),
    ticketType: ticketTypeEnum('ticket_type').notNull(),
    priority: ticketPriorityEnum('priority').notNull(),
    metric: commitmentMetricEnum('metric').notNull(),
    promiseMinutes: integer('promise_minutes').notNull(),
    internalMinutes: integer('internal_minutes').notNull(),
  },
  (t) => [uniqueIndex('commitment_targets_uq').on(t.agreementId, t.ticketType, t.priority, t.metric)],
);

export const clockStateEnum = pgEnum('clock_state', ['running', 'paused', 'stopped']);

/** One commitment clock of a work order: its due times are precomputed (and recomputed) and indexed. */
export const ticketCommitments = pgTable(
  'ticket_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id').notNull(),
    metric: commitmentMetricEnum('metric').notNull(),
    agreementId: uuid('agreement_id').references(() => serviceAgreements.id),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id),
    promiseMinutes: integer('promise_minutes').notNull(),
    internalMinutes: integer('internal_minutes').notNull(),
    state: clockStateEnum('state').notNull().default('running'),
    startedAt: ts('started_at').notNull(),
    /** Working minutes consumed before the current running segment (pauses stop the clock). */
    consumedMinutes: bigint('consumed_minutes', { mode: 'number' }).notNull().default(0),
    segmentStartedAt: ts('segment_started_at'),
    promiseDueAt: ts('promise_due_at'),
    internalDueAt: ts('internal_due_at'),
    /** When the at-risk share of the promise will have been used (the escalation sweep's trigger). */
    atRiskDueAt: ts('at_risk_due_at'),
    stoppedAt: ts('stopped_at'),
    /** Set when stopped: whether the promise / internal target was kept, and by how many working minutes. */
    metPromise: boolean('met_promise'),
    metInternal: boolean('met_internal'),
    marginMinutes: integer('margin_minutes'),
    atRiskAt: ts('at_risk_at'),
    breachedAt: ts('breached_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('ticket_commitments_uq').on(t.ticketId, t.metric),
    index('ticket_commitments_due_idx').on(t.tenantId, t.state, t.promiseDueAt),
    // The escalation sweep looks across tenants for running clocks past a threshold not yet flagged.
    index('ticket_commitments_sweep_breach_idx')
      .on(t.promiseDueAt)
      .where(sql`state = 'running' AND breached_at IS NULL`),
    index('ticket_commitments_sweep_risk_idx')
      .on(t.atRiskDueAt)
      .where(sql`state = 'running' AND at_risk_at IS NULL`),
    index('ticket_commitments_calendar_idx').on(t.calendarId, t.state, t.id),
    // Recomputing after a calendar edit pages by work order, so that a page holds all of a work order's clocks.
    index('ticket_commitments_calendar_ticket_idx').on(t.calendarId, t.state, t.ticketId),
  ],
);

export const escalationTriggerEnum = pgEnum('escalation_trigger', ['at_risk', 'breached']);

export interface EscalationAction {
  type: 'notify_assignee' | 'alert_supervisors' | 'raise_priority' | 'reassign';
  /** For reassign: the team and/or person to hand the work to. */
  teamId?: string | null;
  assigneeId?: string | null;
}

export const escalationRules = pgTable('escalation_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
  metric: commitmentMetricEnum('metric').notNull(),
  trigger: escalationTriggerEnum('trigger').notNull(),
  /** Against the promise or the internal target. */
  against: text('against').notNull().default('promise'),
  /** For at_risk: the share of the target's working time used, in percent (e.g. 75). */
  thresholdPct: smallint('threshold_pct').notNull().default(75),
  actions: jsonb('actions').$type<EscalationAction[]>().notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** In-app notifications (the bell): escalations, alerts. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    ticketId: uuid('ticket_id'),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull().default({}),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt)],
);
