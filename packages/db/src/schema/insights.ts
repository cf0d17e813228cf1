import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
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
const n = (name: string) => integer(name).notNull().default(0);
const big = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/**
 * Satisfaction and service figures per tenant × local day (tenant time zone) × one dimension key.
 * `dim` is 'all' (key '') or one of 'team' (tickets.team_id: call-centre team or service point), 'technician'
 * (tickets.assignee_id), 'category' (product_models.category) and 'province' (province code of the unit's or the
 * customer's address); key '-' means "none". Each (tenant, day) is recomputed whole from the source tables by
 * the insights refresh, so it never double counts (see ARCHITECTURE.md, "Insights").
 * Day attribution: ticket counts by the work order's creation day; complaint outcomes and handling times by
 * the day the complaint work order was closed; follow-ups by the day they were completed; survey scores by
 * the day the response was submitted.
 */
export const insightDaily = pgTable(
  'insight_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    dim: text('dim').notNull(),
    dimKey: text('dim_key').notNull(),
    // work orders created that day
    tickets: n('tickets'),
    complaints: n('complaints'),
    compliments: n('compliments'),
    suggestions: n('suggestions'),
    repairs: n('repairs'),
    /** Complaints created that day by cause code: { product_quality: 3, … }. */
    complaintCauses: jsonb('complaint_causes').$type<Record<string, number>>().notNull().default({}),
    // complaint work orders closed that day
    complaintsClosed: n('complaints_closed'),
    complaintHandlingMinutes: big('complaint_handling_minutes'),
    complaintsVerdict: n('complaints_verdict'),
    complaintsWinbackKnown: n('complaints_winback_known'),
    complaintsWonBack: n('complaints_won_back'),
    // follow-up calls completed that day
    followupsDone: n('followups_done'),
    followupsReached: n('followups_reached'),
    // survey responses submitted that day
    responses: n('responses'),
    csatN: n('csat_n'),
    csatSum: n('csat_sum'),
    csatSatisfied: n('csat_satisfied'),
    npsN: n('nps_n'),
    npsPromoters: n('nps_promoters'),
    npsDetractors: n('nps_detractors'),
    cesN: n('ces_n'),
    cesSum: n('ces_sum'),
    cesEasy: n('ces_easy'),
    /** Per SERVQUAL-style dimension: number of answers, sum of expectation, sum of perception (1–7 each). */
    gapN: jsonb('gap_n').$type<Record<string, number>>().notNull().default({}),
    gapExpSum: jsonb('gap_exp_sum').$type<Record<string, number>>().notNull().default({}),
    gapPercSum: jsonb('gap_perc_sum').$type<Record<string, number>>().notNull().default({}),
    refreshedAt: ts('refreshed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dim, t.dimKey, t.day] })],
);

/**
 * How far the incremental refresh has read each source of a tenant (rows changed after the watermark, less a
 * safety overlap, are looked at again). One row per tenant × source; the refresh advances it in the transaction that rewrote the affected days.
 */
export const insightWatermarks = pgTable(
  'insight_watermarks',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source').notNull(),
    watermark: ts('watermark').notNull().default(sql`'epoch'`),
    lastRunAt: ts('last_run_at'),
    lastDays: integer('last_days').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.source] })],
);
