import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { tenants } from './tenants';
import { tickets } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Satisfaction settings of a tenant (one row, created on first read): when follow-up calls (回访) are made,
 * how survey links live, and what counts as a dissatisfied answer that opens a recovery work order.
 */
export const satisfactionSettings = pgTable('satisfaction_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  /** Hours after resolution before the follow-up call is due. */
  followupDelayHours: integer('followup_delay_hours').notNull().default(24),
  /** Share (0–100 %) of resolved work orders sampled for a follow-up call; complaints and VIPs always. */
  followupSamplePercent: integer('followup_sample_percent').notNull().default(30),
  /** Failed attempts after which the customer is unreachable and gets a survey link instead. */
  followupMaxAttempts: integer('followup_max_attempts').notNull().default(3),
  /** Send a survey invitation when a work order is resolved. */
  surveyOnResolution: boolean('survey_on_resolution').notNull().default(true),
  resolutionTemplateId: uuid('resolution_template_id'),
  /** Template sent when a follow-up call cannot reach the customer. */
  followupTemplateId: uuid('followup_template_id'),
  surveyLinkDays: integer('survey_link_days').notNull().default(14),
  /** Dissatisfied when CSAT ≤ csatMax, NPS ≤ npsMax, CES ≥ cesMin or any dimension gap ≤ gapMax. */
  csatMax: smallint('csat_max').notNull().default(2),
  npsMax: smallint('nps_max').notNull().default(6),
  cesMin: smallint('ces_min').notNull().default(5),
  gapMax: smallint('gap_max').notNull().default(-2),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const surveyMeasureEnum = pgEnum('survey_measure', ['csat', 'nps', 'ces', 'dimensions']);

/** A questionnaire: which measures it asks (CSAT, NPS, CES, the five dimensions), plus free text. */
export const surveyTemplates = pgTable(
  'survey_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    measures: surveyMeasureEnum('measures').array().notNull(),
    askComment: boolean('ask_comment').notNull().default(true),
    /** Greeting shown above the questions, per language. */
    introZh: text('intro_zh'),
    introEn: text('intro_en'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_templates_name_uq').on(t.tenantId, t.name)],
);

export const surveyTriggerEnum = pgEnum('survey_trigger', [
  'resolution',
  'visit',
  'campaign',
  'followup_unreachable',
  'manual',
]);
export const surveyInvitationStatusEnum = pgEnum('survey_invitation_status', ['pending', 'sent', 'answered']);

/** One survey sent to one customer through a single-use signed link (public_links, purpose 'survey'). */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    followupId: uuid('followup_id'),
    campaignId: uuid('campaign_id'),
    trigger: surveyTriggerEnum('trigger').notNull(),
    /** What caused it, unique per tenant: `resolution:<ticket>:<resolvedAt>`, `followup:<id>` — a retry adds none. */
    sourceKey: text('source_key').notNull(),
    status: surveyInvitationStatusEnum('status').notNull().default('pending'),
    /** How it went out (sms, email, wechat, copied): recorded by whoever sent it; the gateway is not ours. */
    sentVia: text('sent_via'),
    sentAt: ts('sent_at'),
    sentById: uuid('sent_by_id'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_invitations_source_uq').on(t.tenantId, t.sourceKey),
    index('survey_invitations_customer_idx').on(t.tenantId, t.customerId, t.createdAt.desc()),
    index('survey_invitations_ticket_idx').on(t.tenantId, t.ticketId),
  ],
);

/**
 * An answer. Numeric columns for reports (insights reads them): csat 1–5, nps 0–10, ces 1–7 and, for each of
 * the five dimensions, expectation (exp_*) and perception (per_*) on 1–7; gap = perception − expectation.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => surveyInvitations.id),
    templateId: uuid('template_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ticketId: uuid('ticket_id'),
    trigger: surveyTriggerEnum('trigger').notNull(),
    /** The work order's team / service point and assignee when answered (for reports by team and technician). */
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    csat: smallint('csat'),
    nps: smallint('nps'),
    ces: smallint('ces'),
    expTangibles: smallint('exp_tangibles'),
    perTangibles: smallint('per_tangibles'),
    expEmpathy: smallint('exp_empathy'),
    perEmpathy: smallint('per_empathy'),
    expProfessionalism: smallint('exp_professionalism'),
    perProfessionalism: smallint('per_professionalism'),
    expSpeed: smallint('exp_speed'),
    perSpeed: smallint('per_speed'),
    expCredibility: smallint('exp_credibility'),
    perCredibility: smallint('per_credibility'),
    comment: text('comment'),
    /** The customer marked the comment as a compliment or a suggestion (counted in reports). */
    commentKind: text('comment_kind'),
    dissatisfied: boolean('dissatisfied').notNull().default(false),
    /** Which thresholds it crossed: ['csat', 'nps', 'gap:speed', …]. */
    dissatisfiedReasons: jsonb('dissatisfied_reasons').$type<string[]>().notNull().default([]),
    recoveryTicketId: uuid('recovery_ticket_id'),
    lang: text('lang').notNull().default('zh'),
    respondedAt: ts('responded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_responses_invitation_uq').on(t.invitationId),
    index('survey_responses_tenant_time_idx').on(t.tenantId, t.respondedAt),
    index('survey_responses_customer_idx').on(t.tenantId, t.customerId, t.respondedAt.desc()),
  ],
);

export const followupReasonEnum = pgEnum('followup_reason', [
  'resolution',
  'complaint',
  'vip',
  'campaign',
  'manual',
]);
export const followupStatusEnum = pgEnum('followup_status', ['open', 'done', 'unreachable', 'cancelled']);
export const followupAttemptResultEnum = pgEnum('followup_attempt_result', [
  'no_answer',
  'busy',
  'wrong_number',
  'reached',
]);

/** A follow-up call (回访) to make: after a resolution or from a campaign. Outcome columns feed reports. */
export const followups = pgTable(
  'followups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    unitId: uuid('unit_id').references(() => units.id),
    campaignId: uuid('campaign_id'),
    reason: followupReasonEnum('reason').notNull(),
    /** The resolution this call follows (a reopened and re-resolved work order gets another call). */
    resolvedAt: ts('resolved_at'),
    dueAt: ts('due_at').notNull(),
    status: followupStatusEnum('status').notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    attemptCount: integer('attempt_count').notNull().default(0),
    // Outcome (set once when the call is completed).
    reached: boolean('reached'),
    problemResolved: boolean('problem_resolved'),
    satisfaction: smallint('satisfaction'),
    newIssue: boolean('new_issue'),
    newTicketId: uuid('new_ticket_id'),
    outcomeNote: text('outcome_note'),
    completedAt: ts('completed_at'),
    completedById: uuid('completed_by_id'),
    surveyInvitationId: uuid('survey_invitation_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('followups_resolution_uq')
      .on(t.tenantId, t.ticketId, t.resolvedAt)
      .where(sql`${t.ticketId} IS NOT NULL AND ${t.campaignId} IS NULL`),
    uniqueIndex('followups_campaign_unit_uq')
      .on(t.campaignId, t.unitId)
      .where(sql`${t.campaignId} IS NOT NULL`),
    index('followups_worklist_idx').on(t.tenantId, t.status, t.dueAt, t.id),
    index('followups_customer_idx').on(t.tenantId, t.customerId, t.createdAt.desc()),
  ],
);

export const followupAttempts = pgTable(
  'followup_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    followupId: uuid('followup_id')
      .notNull()
      .references(() => followups.id),
    result: followupAttemptResultEnum('result').notNull(),
    note: text('note'),
    byId: uuid('by_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('followup_attempts_followup_idx').on(t.followupId, t.at)],
);

export const campaignActionEnum = pgEnum('campaign_action', ['followup', 'ticket', 'survey']);
export const campaignStatusEnum = pgEnum('campaign_status', ['draft', 'running', 'done', 'failed']);

export interface CampaignFilter {
  categories?: string[];
  /** Units installed (or bought) more than this many months ago. */
  minAgeMonths?: number;
  provinceCodes?: string[];
  cityCodes?: string[];
  tiers?: string[];
}

/** A proactive action over the installed base (annual care call, cleaning before summer). */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    description: text('description'),
    filter: jsonb('filter').$type<CampaignFilter>().notNull(),
    action: campaignActionEnum('action').notNull(),
    /** For action 'ticket': the work-order type to open (maintenance, installation …). */
    ticketType: text('ticket_type'),
    /** When the created follow-up calls are due. */
    dueAt: ts('due_at'),
    status: campaignStatusEnum('status').notNull().default('draft'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    error: text('error'),
    createdById: uuid('created_by_id'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('campaigns_tenant_idx').on(t.tenantId, t.createdAt.desc())],
);

/** Units a campaign has already acted on: a re-run or a retried job never acts twice on one unit. */
export const campaignUnits = pgTable(
  'campaign_units',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    unitId: uuid('unit_id').notNull(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id'),
    followupId: uuid('followup_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
);
