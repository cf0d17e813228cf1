import { z } from 'zod';
import { isoDateTime, text, uuid, version } from './common';
import { customerTiers } from './customers';
import { surveyDimensions } from './survey-scores';
import { ticketTypes } from './tickets';

export * from './survey-scores';

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────
export const satisfactionSettings = z.object({
  followupDelayHours: z
    .int()
    .min(0)
    .max(24 * 30),
  followupSamplePercent: z.int().min(0).max(100),
  followupMaxAttempts: z.int().min(1).max(10),
  surveyOnResolution: z.boolean(),
  resolutionTemplateId: uuid.nullable(),
  followupTemplateId: uuid.nullable(),
  surveyLinkDays: z.int().min(1).max(90),
  csatMax: z.int().min(1).max(5),
  npsMax: z.int().min(0).max(10),
  cesMin: z.int().min(1).max(7),
  gapMax: z.int().min(-6).max(0),
  version: z.int(),
});
export type SatisfactionSettings = z.infer<typeof satisfactionSettings>;
export const satisfactionSettingsBody = satisfactionSettings
  .omit({ version: true })
  .partial()
  .extend({ version });

// ── Templates ───────────────────────────────────────────────────────────────────────────────────────
export const surveyMeasures = ['csat', 'nps', 'ces', 'dimensions'] as const;
export const surveyMeasure = z.enum(surveyMeasures);
export type SurveyMeasure = z.infer<typeof surveyMeasure>;

export const surveyTemplate = z.object({
  id: uuid,
  name: z.string(),
  measures: z.array(surveyMeasure),
  askComment: z.boolean(),
  introZh: z.string().nullable(),
  introEn: z.string().nullable(),
  active: z.boolean(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type SurveyTemplate = z.infer<typeof surveyTemplate>;

const measuresInput = z
  .array(surveyMeasure)
  .min(1)
  .max(4)
  .refine((m) => new Set(m).size === m.length, 'each measure once');
export const surveyTemplateCreateBody = z.object({
  name: text(80),
  measures: measuresInput,
  askComment: z.boolean().default(true),
  introZh: text(500).nullable().optional(),
  introEn: text(500).nullable().optional(),
});
export const surveyTemplateChangeBody = z.object({
  version,
  name: text(80).optional(),
  measures: measuresInput.optional(),
  askComment: z.boolean().optional(),
  introZh: text(500).nullable().optional(),
  introEn: text(500).nullable().optional(),
  active: z.boolean().optional(),
});

// ── Invitations and responses ───────────────────────────────────────────────────────────────────────
export const surveyTriggers = ['resolution', 'visit', 'campaign', 'followup_unreachable', 'manual'] as const;
export const surveyTrigger = z.enum(surveyTriggers);

export const surveyInvitation = z.object({
  id: uuid,
  templateId: uuid,
  templateName: z.string(),
  customerId: uuid,
  ticketId: uuid.nullable(),
  followupId: uuid.nullable(),
  trigger: surveyTrigger,
  status: z.enum(['pending', 'sent', 'answered']),
  sentVia: z.string().nullable(),
  sentAt: isoDateTime.nullable(),
  expiresAt: isoDateTime,
  createdAt: isoDateTime,
});
export type SurveyInvitation = z.infer<typeof surveyInvitation>;

/** A freshly issued link: the token is shown once, to copy into an SMS / WeChat message. */
export const surveyLink = z.object({ invitationId: uuid, path: z.string(), expiresAt: isoDateTime });
export type SurveyLink = z.infer<typeof surveyLink>;

export const surveyInviteBody = z.object({
  customerId: uuid,
  ticketId: uuid.optional(),
  templateId: uuid.optional(),
});
export const surveySentBody = z.object({ via: z.enum(['sms', 'email', 'wechat', 'copied']) });

const scale = (min: number, max: number) => z.int().min(min).max(max);
const dimensionAnswer = z.object({ expectation: scale(1, 7), perception: scale(1, 7) });

export const surveyAnswerBody = z.object({
  csat: scale(1, 5).optional(),
  nps: scale(0, 10).optional(),
  ces: scale(1, 7).optional(),
  dimensions: z.partialRecord(z.enum(surveyDimensions), dimensionAnswer).optional(),
  comment: text(2000).optional(),
  commentKind: z.enum(['compliment', 'suggestion', 'complaint']).optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
});
export type SurveyAnswerBody = z.infer<typeof surveyAnswerBody>;

/** What the customer's phone shows: whose survey, which questions. */
export const publicSurvey = z.object({
  tenantName: z.string(),
  customerName: z.string(),
  ticketNumber: z.string().nullable(),
  ticketSubject: z.string().nullable(),
  measures: z.array(surveyMeasure),
  askComment: z.boolean(),
  intro: z.object({ zh: z.string().nullable(), en: z.string().nullable() }),
  expiresAt: isoDateTime,
});
export type PublicSurvey = z.infer<typeof publicSurvey>;
export const publicSurveyAnswered = z.object({ ok: z.literal(true), thanks: z.enum(['satisfied', 'sorry']) });
export const tokenParams = z.object({ token: z.string().max(100) });

export const surveyResponse = z.object({
  id: uuid,
  invitationId: uuid,
  templateName: z.string(),
  customerId: uuid,
  ticketId: uuid.nullable(),
  trigger: surveyTrigger,
  csat: z.int().nullable(),
  nps: z.int().nullable(),
  ces: z.int().nullable(),
  dimensions: z.partialRecord(
    z.enum(surveyDimensions),
    z.object({ expectation: z.int().nullable(), perception: z.int().nullable() }),
  ),
  comment: z.string().nullable(),
  commentKind: z.string().nullable(),
  dissatisfied: z.boolean(),
  dissatisfiedReasons: z.array(z.string()),
  recoveryTicketId: uuid.nullable(),
  respondedAt: isoDateTime,
});
export type SurveyResponse = z.infer<typeof surveyResponse>;

/** A customer's satisfaction history (customer 360, intake): answers, invitations and follow-up calls. */
export const customerSatisfaction = z.object({
  responses: z.array(surveyResponse),
  invitations: z.array(surveyInvitation),
  followups: z.array(z.lazy(() => followup)),
  summary: z.object({
    responses: z.int(),
    csatAvg: z.number().nullable(),
    lastNps: z.int().nullable(),
    dissatisfied: z.int(),
  }),
});
export type CustomerSatisfaction = z.infer<typeof customerSatisfaction>;

// ── Follow-up calls (回访) ───────────────────────────────────────────────────────────────────────────
export const followupReasons = ['resolution', 'complaint', 'vip', 'campaign', 'manual'] as const;
export const followupStatuses = ['open', 'done', 'unreachable', 'cancelled'] as const;
export const attemptResults = ['no_answer', 'busy', 'wrong_number', 'reached'] as const;

export const followupAttempt = z.object({
  id: uuid,
  result: z.enum(attemptResults),
  note: z.string().nullable(),
  byId: uuid.nullable(),
  byName: z.string().nullable(),
  at: isoDateTime,
});

export const followup = z.object({
  id: uuid,
  customerId: uuid,
  customerName: z.string(),
  customerTier: z.string(),
  phone: z.string().nullable(),
  ticketId: uuid.nullable(),
  ticketNumber: z.string().nullable(),
  ticketSubject: z.string().nullable(),
  unitId: uuid.nullable(),
  productName: z.string().nullable(),
  campaignId: uuid.nullable(),
  campaignName: z.string().nullable(),
  reason: z.enum(followupReasons),
  dueAt: isoDateTime,
  status: z.enum(followupStatuses),
  assigneeId: uuid.nullable(),
  attemptCount: z.int(),
  reached: z.boolean().nullable(),
  problemResolved: z.boolean().nullable(),
  satisfaction: z.int().nullable(),
  newIssue: z.boolean().nullable(),
  newTicketId: uuid.nullable(),
  outcomeNote: z.string().nullable(),
  completedAt: isoDateTime.nullable(),
  surveyInvitationId: uuid.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type Followup = z.infer<typeof followup>;

export const followupDetail = followup.extend({
  /** The call script in the caller's language, filled with the customer's name, product and what was done. */
  script: z.array(z.string()),
  attempts: z.array(followupAttempt),
  maxAttempts: z.int(),
  resolution: z.string().nullable(),
});
export type FollowupDetail = z.infer<typeof followupDetail>;

export const followupListQuery = z.object({
  view: z.enum(['due', 'upcoming', 'mine', 'unreachable', 'done', 'all']).default('due'),
  campaignId: uuid.optional(),
  customerId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const followupPage = z.object({
  items: z.array(followup),
  nextCursor: z.string().nullable(),
  counts: z.object({ due: z.int(), upcoming: z.int(), unreachable: z.int() }),
});

export const followupAttemptBody = z.object({
  version,
  result: z.enum(attemptResults),
  note: text(1000).optional(),
});
/** After an attempt: the follow-up, and when it just became unreachable, the survey link sent instead. */
export const followupAttemptResult = z.object({ followup, surveyLink: surveyLink.nullable() });

export const followupOutcomeBody = z.object({
  version,
  problemResolved: z.boolean(),
  satisfaction: scale(1, 5),
  newIssue: z.boolean().default(false),
  /** What the customer reports now; required when newIssue (it opens a new work order). */
  newIssueDescription: text(2000).optional(),
  note: text(1000).optional(),
});
export const followupOutcomeResult = z.object({ followup, newTicketId: uuid.nullable() });

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────────────
export const campaignFilter = z.object({
  categories: z.array(text(40)).max(20).optional(),
  minAgeMonths: z.int().min(0).max(600).optional(),
  provinceCodes: z
    .array(z.string().regex(/^\d{6}$/))
    .max(40)
    .optional(),
  cityCodes: z
    .array(z.string().regex(/^\d{6}$/))
    .max(100)
    .optional(),
  tiers: z.array(z.enum(customerTiers)).max(4).optional(),
});
export type CampaignFilter = z.infer<typeof campaignFilter>;

export const campaignCreateBody = z
  .object({
    name: text(100),
    description: text(1000).optional(),
    filter: campaignFilter,
    action: z.enum(['followup', 'ticket', 'survey']),
    ticketType: z.enum(ticketTypes).optional(),
    dueAt: isoDateTime.optional(),
  })
  .refine((b) => b.action !== 'ticket' || b.ticketType, {
    path: ['ticketType'],
    message: 'ticketType is required when the action opens work orders',
  });

export const campaign = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  filter: campaignFilter,
  action: z.enum(['followup', 'ticket', 'survey']),
  ticketType: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  status: z.enum(['draft', 'running', 'done', 'failed']),
  total: z.int(),
  processed: z.int(),
  created: z.int(),
  error: z.string().nullable(),
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type Campaign = z.infer<typeof campaign>;
export const campaignPreview = z.object({
  units: z.int(),
  customers: z.int(),
  sample: z.array(
    z.object({
      unitId: uuid,
      customerName: z.string(),
      productName: z.string(),
      city: z.string().nullable(),
      since: z.string().nullable(),
    }),
  ),
});
export type CampaignPreview = z.infer<typeof campaignPreview>;
export const campaignStartBody = z.object({ version });
