import { z } from 'zod';
import { isoDate, isoDateTime, pageOf, uuid } from './common';

/** The dimensions dashboards filter and break down by (team covers call-centre teams and service points). */
export const insightDims = ['team', 'technician', 'category', 'province'] as const;
export const insightDim = z.enum(insightDims);
export type InsightDim = z.infer<typeof insightDim>;

/** The five dimensions of perceived service (seed: tangibles, empathy, professionalism, speed, credibility). */
export const serviceDimensions = ['tangibles', 'empathy', 'professionalism', 'speed', 'credibility'] as const;
export type ServiceDimension = (typeof serviceDimensions)[number];

/**
 * A period (local dates in the tenant's time zone, both inclusive) and at most one dimension filter
 * (`dim` with its `key`; one without the other is refused).
 */
export const insightQuery = z.object({
  from: isoDate,
  to: isoDate,
  grain: z.enum(['day', 'week', 'month']).optional(),
  dim: insightDim.optional(),
  /** The dimension's key: a team or user id, a category name, a province code; '-' for "none". */
  key: z.string().trim().min(1).max(100).optional(),
});
export type InsightQuery = z.infer<typeof insightQuery>;

/** The headline figures of a period; rates are 0–1, null when nothing was measured. */
export const insightKpis = z.object({
  tickets: z.int(),
  responses: z.int(),
  csat: z.number().nullable(),
  /** Share of CSAT answers 4 or 5. */
  csatSatisfiedRate: z.number().nullable(),
  /** −100 … 100: promoters % − detractors %. */
  nps: z.number().nullable(),
  npsN: z.int(),
  promoters: z.int(),
  detractors: z.int(),
  ces: z.number().nullable(),
  complaints: z.int(),
  complaintsClosed: z.int(),
  complaintsVerdict: z.int(),
  avgHandlingHours: z.number().nullable(),
  winBackRate: z.number().nullable(),
  winBackKnown: z.int(),
  followupsDone: z.int(),
  followupReachRate: z.number().nullable(),
  compliments: z.int(),
  suggestions: z.int(),
});
export type InsightKpis = z.infer<typeof insightKpis>;

export const insightSeriesPoint = insightKpis.extend({ bucket: isoDate });
export const insightGap = z.object({
  dimension: z.enum(serviceDimensions),
  n: z.int(),
  expectation: z.number().nullable(),
  perception: z.number().nullable(),
  /** perception − expectation: negative when the service fell short of what the customer expected. */
  gap: z.number().nullable(),
});
export const insightCause = z.object({
  cause: z.string(),
  label: z.string(),
  count: z.int(),
  /** Running share of all complaints up to and including this cause (the Pareto line), 0–1. */
  cumulativeShare: z.number(),
});

export const insightOverview = z.object({
  from: isoDate,
  to: isoDate,
  grain: z.enum(['day', 'week', 'month']),
  dim: insightDim.nullable(),
  key: z.string().nullable(),
  kpis: insightKpis,
  series: z.array(insightSeriesPoint),
  gaps: z.array(insightGap),
  causes: z.array(insightCause),
  /** When the figures were last brought up to date (null: never). */
  refreshedAt: isoDateTime.nullable(),
});
export type InsightOverview = z.infer<typeof insightOverview>;

export const insightBreakdownQuery = z.object({ from: isoDate, to: isoDate, by: insightDim });
export const insightBreakdownRow = insightKpis.extend({ key: z.string(), label: z.string() });
export const insightBreakdown = z.object({
  by: insightDim,
  rows: z.array(insightBreakdownRow),
});
export type InsightBreakdown = z.infer<typeof insightBreakdown>;

/** What a figure was made of: the drill-down from a chart to its work orders. */
export const insightMetrics = [
  'tickets',
  'complaints',
  'complaints_closed',
  'won_back',
  'lost',
  'responses',
  'promoters',
  'detractors',
  'csat_dissatisfied',
  'ces_hard',
  'compliments',
  'suggestions',
  'followups_reached',
  'followups_unreached',
] as const;
export const insightMetric = z.enum(insightMetrics);
export type InsightMetric = z.infer<typeof insightMetric>;

export const insightDrillQuery = z.object({
  from: isoDate,
  to: isoDate,
  metric: insightMetric,
  /** For complaints: only this cause. For gap dimensions: responses whose perception fell below expectation. */
  cause: z.string().trim().min(1).max(60).optional(),
  gapDimension: z.enum(serviceDimensions).optional(),
  dim: insightDim.optional(),
  key: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type InsightDrillQuery = z.infer<typeof insightDrillQuery>;

export const insightDrillRow = z.object({
  ticketId: uuid,
  number: z.string(),
  type: z.string(),
  status: z.string(),
  subject: z.string(),
  customerName: z.string(),
  teamName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** When the figure counted it (created, closed, answered, completed). */
  at: isoDateTime,
  /** What it contributed: a score, a cause, a verdict… */
  detail: z.string().nullable(),
});
export const insightDrillPage = pageOf(insightDrillRow);
export type InsightDrillRow = z.infer<typeof insightDrillRow>;

export const insightExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const insightRefreshResult = z.object({ days: z.int(), refreshedAt: isoDateTime });

export const monthParams = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });

/** The monthly customer-satisfaction monitoring report (ISO 9001 8.2.1 / 9.1.2). */
export const monthlyReport = z.object({
  month: z.string(),
  tenantName: z.string(),
  timeZone: z.string(),
  from: isoDate,
  to: isoDate,
  generatedAt: isoDateTime,
  kpis: insightKpis,
  previous: insightKpis,
  gaps: z.array(insightGap),
  causes: z.array(insightCause),
  verdicts: z.object({ satisfied: z.int(), partly: z.int(), notSatisfied: z.int() }),
  lostCustomers: z.array(
    z.object({ customerId: uuid, name: z.string(), churnedAt: isoDateTime, reason: z.string().nullable() }),
  ),
  lostCount: z.int(),
  warranty: z.object({
    repairs: z.int(),
    inWarranty: z.int(),
    byCategory: z.array(z.object({ category: z.string(), repairs: z.int(), inWarranty: z.int() })),
  }),
  byTeam: z.array(insightBreakdownRow),
});
export type MonthlyReport = z.infer<typeof monthlyReport>;
