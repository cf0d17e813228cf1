import { z } from 'zod';
import { isoDate, isoDateTime, text, uuid, version } from './common';
import { customerTiers } from './customers';
import { productCategories } from './products';
import { ticketPriorities, ticketTypes } from './tickets';

/**
 * Statuses an agreement may let pause its clocks: waiting on the customer or on parts, and an appointment the
 * customer chose for a later day. Work in hand (open, in progress) never pauses.
 */
export const pausableStatuses = ['waiting_customer', 'waiting_parts', 'scheduled'] as const;
export const defaultPauseStatuses: (typeof pausableStatuses)[number][] = [
  'waiting_customer',
  'waiting_parts',
];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const period = z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, 'a period must end after it starts');
const periods = z
  .array(period)
  .max(6)
  .refine(
    (ps) => ps.every((p, i) => i === 0 || ps[i - 1]![1] <= p[0]),
    'periods must be sorted and must not overlap',
  );

/** Working periods per weekday, 0 = Sunday … 6 = Saturday; a day without periods is not worked. */
export const weekPeriods = z.object({
  '0': periods,
  '1': periods,
  '2': periods,
  '3': periods,
  '4': periods,
  '5': periods,
  '6': periods,
});

const timeZone = z
  .string()
  .max(60)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');

export const calendarBody = z.object({
  name: text(80),
  timeZone: timeZone.default('Asia/Shanghai'),
  is24x7: z.boolean().default(false),
  week: weekPeriods,
  chinaHolidays: z.boolean().default(true),
});
export const calendarChangeBody = z.object({
  version,
  name: text(80).optional(),
  timeZone: timeZone.optional(),
  is24x7: z.boolean().optional(),
  week: weekPeriods.optional(),
  chinaHolidays: z.boolean().optional(),
});

export const calendarDay = z.object({
  day: isoDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().nullable(),
  periods: z.array(period).nullable(),
});
export const calendarDaysBody = z.object({
  version,
  /** Replaces the listed days; `remove` takes days back to their normal weekday. */
  set: z
    .array(
      calendarDay.extend({
        name: text(40).nullable().default(null),
        periods: periods.nullable().default(null),
      }),
    )
    .max(400)
    .default([]),
  remove: z.array(isoDate).max(400).default([]),
});

export const calendar = z.object({
  id: uuid,
  name: z.string(),
  timeZone: z.string(),
  is24x7: z.boolean(),
  week: weekPeriods,
  chinaHolidays: z.boolean(),
  version: z.int(),
  createdAt: isoDateTime,
  /** Years that have holiday data (imported or entered). */
  years: z.array(z.object({ year: z.int(), source: z.string() })),
  /** Years the open clocks reach without holiday data: shown as a loud warning. */
  missingYears: z.array(z.int()),
});
export type Calendar = z.infer<typeof calendar>;
export const calendarDetail = calendar.extend({ days: z.array(calendarDay) });

export const calendarImportBody = z.object({
  version,
  year: z.int().min(2004).max(2100),
  /** chinese-days: from the bundled data (when it has the year); days: an administrator's list (e.g. from the State Council notice). */
  source: z.enum(['chinese-days', 'days']),
  days: z
    .array(calendarDay.pick({ day: true, kind: true, name: true }))
    .max(400)
    .optional(),
});

export const agreementService = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_]+$/),
  name: text(80),
  priceFen: z.int().min(0).max(100_000_000).optional(),
});

export const commitmentMetrics = ['first_response', 'on_site', 'resolution'] as const;
export type CommitmentMetric = (typeof commitmentMetrics)[number];

export const commitmentTarget = z
  .object({
    ticketType: z.enum(ticketTypes),
    priority: z.enum(ticketPriorities),
    metric: z.enum(commitmentMetrics),
    promiseMinutes: z
      .int()
      .min(1)
      .max(60 * 24 * 365),
    internalMinutes: z
      .int()
      .min(1)
      .max(60 * 24 * 365),
  })
  .refine((t) => t.internalMinutes <= t.promiseMinutes, {
    message: 'the internal target must not be looser than the customer promise',
    path: ['internalMinutes'],
  });

const agreementFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  name: text(100),
  description: text(2000).nullable().optional(),
  included: z.array(agreementService).max(50),
  excluded: z.array(agreementService).max(50),
  paid: z.array(agreementService.required({ priceFen: true })).max(50),
  tiers: z.array(z.enum(customerTiers)).max(4),
  categories: z.array(z.enum(productCategories)).max(20),
  customerId: uuid.nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  calendarId: uuid,
  rank: z.int().min(0).max(1000),
  active: z.boolean(),
  pauseStatuses: z
    .array(z.enum(pausableStatuses))
    .max(3)
    .refine((xs) => new Set(xs).size === xs.length, 'listed twice'),
  targets: z.array(commitmentTarget).max(200),
};

export const agreementBody = z
  .object({
    ...agreementFields,
    description: agreementFields.description.default(null),
    included: agreementFields.included.default([]),
    excluded: agreementFields.excluded.default([]),
    paid: agreementFields.paid.default([]),
    tiers: agreementFields.tiers.default([]),
    categories: agreementFields.categories.default([]),
    customerId: agreementFields.customerId.default(null),
    validFrom: agreementFields.validFrom.default(null),
    validTo: agreementFields.validTo.default(null),
    rank: agreementFields.rank.default(0),
    active: agreementFields.active.default(true),
    pauseStatuses: agreementFields.pauseStatuses.default(defaultPauseStatuses),
    targets: agreementFields.targets.default([]),
  })
  .refine((a) => !a.validFrom || !a.validTo || a.validFrom <= a.validTo, {
    message: 'validTo before validFrom',
    path: ['validTo'],
  });
export const agreementChangeBody = z.object({
  version,
  ...Object.fromEntries(Object.entries(agreementFields).map(([k, v]) => [k, v.optional()])),
} as {
  version: typeof version;
} & { [K in keyof typeof agreementFields]: z.ZodOptional<(typeof agreementFields)[K]> });

export const agreement = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  included: z.array(agreementService),
  excluded: z.array(agreementService),
  paid: z.array(agreementService),
  tiers: z.array(z.enum(customerTiers)),
  categories: z.array(z.enum(productCategories)),
  customerId: uuid.nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  calendarId: uuid,
  rank: z.int(),
  active: z.boolean(),
  pauseStatuses: z.array(z.enum(pausableStatuses)),
  targets: z.array(
    z.object({
      ticketType: z.enum(ticketTypes),
      priority: z.enum(ticketPriorities),
      metric: z.enum(commitmentMetrics),
      promiseMinutes: z.int(),
      internalMinutes: z.int(),
    }),
  ),
  version: z.int(),
  createdAt: isoDateTime,
});
export type Agreement = z.infer<typeof agreement>;

/** A work order's commitment clock as the desk and queues show it. */
export const commitmentClock = z.object({
  metric: z.enum(commitmentMetrics),
  /** The agreement and business calendar the clock counts under (null for clocks of a deleted agreement). */
  agreementId: uuid.nullable(),
  calendarId: uuid.nullable(),
  state: z.enum(['running', 'paused', 'stopped']),
  promiseMinutes: z.int(),
  internalMinutes: z.int(),
  startedAt: isoDateTime,
  promiseDueAt: isoDateTime.nullable(),
  internalDueAt: isoDateTime.nullable(),
  stoppedAt: isoDateTime.nullable(),
  metPromise: z.boolean().nullable(),
  metInternal: z.boolean().nullable(),
  marginMinutes: z.int().nullable(),
  atRiskAt: isoDateTime.nullable(),
  breachedAt: isoDateTime.nullable(),
  /** Working minutes left to the promise / internal target now (negative when overdue); null when stopped. */
  promiseRemainingMinutes: z.number().nullable(),
  internalRemainingMinutes: z.number().nullable(),
});
export type CommitmentClock = z.infer<typeof commitmentClock>;

/** What the agent sees at intake: which agreement covers this customer and product, and what it includes. */
export const agreementCoverageQuery = z.object({
  customerId: uuid,
  unitId: uuid.optional(),
  ticketType: z.enum(ticketTypes).optional(),
  priority: z.enum(ticketPriorities).optional(),
  /** A service the customer asks for: included, excluded (a quote can be offered) or not offered at all. */
  service: z.string().max(40).optional(),
});
export const agreementCoverage = z.object({
  agreement: agreement.nullable(),
  service: z
    .object({
      code: z.string(),
      status: z.enum(['included', 'paid', 'excluded', 'not_offered']),
      priceFen: z.int().nullable(),
    })
    .nullable(),
  targets: z.array(
    z.object({ metric: z.enum(commitmentMetrics), promiseMinutes: z.int(), internalMinutes: z.int() }),
  ),
});

export const escalationAction = z.object({
  type: z.enum(['notify_assignee', 'alert_supervisors', 'raise_priority', 'reassign']),
  teamId: uuid.nullable().optional(),
  assigneeId: uuid.nullable().optional(),
});
export const escalationRuleBody = z.object({
  name: text(100),
  metric: z.enum(commitmentMetrics),
  trigger: z.enum(['at_risk', 'breached']),
  thresholdPct: z.int().min(1).max(100).default(75),
  actions: z.array(escalationAction).min(1).max(10),
  active: z.boolean().default(true),
});
export const escalationRuleChangeBody = z.object({
  version,
  name: text(100).optional(),
  metric: z.enum(commitmentMetrics).optional(),
  trigger: z.enum(['at_risk', 'breached']).optional(),
  thresholdPct: z.int().min(1).max(100).optional(),
  actions: z.array(escalationAction).min(1).max(10).optional(),
  active: z.boolean().optional(),
});
export const escalationRule = escalationRuleBody.extend({
  id: uuid,
  against: z.string(),
  version: z.int(),
  createdAt: isoDateTime,
});

export const notification = z.object({
  id: uuid,
  ticketId: uuid.nullable(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  readAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

/** Kept and broken promises, and the beat-the-promise rate (done within the internal target). */
export const commitmentStatsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  by: z.enum(['team', 'type', 'tier']).default('type'),
});
export const commitmentStats = z.object({
  days: z.int(),
  by: z.enum(['team', 'type', 'tier']),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string().nullable(),
      metric: z.enum(commitmentMetrics),
      total: z.int(),
      metPromise: z.int(),
      metInternal: z.int(),
      breached: z.int(),
      metPromiseRate: z.number().nullable(),
      beatPromiseRate: z.number().nullable(),
      avgMarginMinutes: z.number().nullable(),
    }),
  ),
});

/** A signed link that shows a customer the agreement covering them (agents send it by SMS or WeChat). */
export const agreementLink = z.object({
  /** Path of the public page, `/p/agreement/<token>`; the token is shown once. */
  path: z.string(),
  token: z.string(),
  expiresAt: isoDateTime,
});

/**
 * The customer's view of their agreement: what is included, excluded and available for a fee, and what we
 * promise. Only customer promises — the internal targets never leave the building.
 */
export const publicAgreement = z.object({
  tenantName: z.string(),
  /** Masked (张**): the link may be forwarded. */
  customerName: z.string(),
  agreement: z
    .object({
      name: z.string(),
      description: z.string().nullable(),
      included: z.array(z.object({ name: z.string() })),
      excluded: z.array(z.object({ name: z.string() })),
      paid: z.array(z.object({ name: z.string(), priceFen: z.int() })),
      validFrom: isoDate.nullable(),
      validTo: isoDate.nullable(),
      /** Promised times, in working minutes of the service hours below. */
      promises: z.array(
        z.object({
          ticketType: z.enum(ticketTypes),
          priority: z.enum(ticketPriorities),
          metric: z.enum(commitmentMetrics),
          promiseMinutes: z.int(),
        }),
      ),
      serviceHours: z.object({ timeZone: z.string(), is24x7: z.boolean(), week: weekPeriods }),
    })
    .nullable(),
  linkExpiresAt: isoDateTime,
});
export type PublicAgreement = z.infer<typeof publicAgreement>;
