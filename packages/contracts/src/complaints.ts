import { z } from 'zod';
import { roles } from './auth';
import { isoDateTime, pageOf, pageQuery, text, uuid, version } from './common';
import { ticketChannels, ticketPriorities, ticketStatuses } from './tickets';

/** 一般 / 严重 / 重大. */
export const complaintSeverities = ['minor', 'serious', 'major'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

/**
 * The six steps of handling a complaint (seed 002, 面对挑剔的客户): let the customer vent, keep out of the
 * negative spiral, show understanding, solve, agree a solution together, follow up. Done in this order.
 */
export const complaintSteps = ['listen', 'calm', 'empathise', 'solve', 'agree', 'follow_up'] as const;
export type ComplaintStep = (typeof complaintSteps)[number];

export const complaintVerdicts = ['satisfied', 'partly', 'not_satisfied'] as const;
export type ComplaintVerdict = (typeof complaintVerdicts)[number];
export const remedyKinds = ['apology', 'compensation', 'gift', 'redo'] as const;
export type RemedyKind = (typeof remedyKinds)[number];
export const remedyStatuses = ['pending', 'approved', 'rejected'] as const;
/** pending: the win-back period has not passed yet. */
export const winBackStatuses = ['pending', 'active', 'bought_again', 'churned'] as const;
export type WinBackStatus = (typeof winBackStatuses)[number];
export const escalationLevels = [1, 2, 3] as const;

/** The built-in causes (seed 002: why customers complain); tenants may add their own. */
export const defaultComplaintCauses = [
  { code: 'product_quality', zh: '产品质量', en: 'Product quality' },
  { code: 'service_manner', zh: '服务态度', en: 'Service manner' },
  { code: 'slowness', zh: '服务效率低', en: 'Slow service' },
  { code: 'poor_workmanship', zh: '工作质量差', en: 'Poor workmanship' },
  { code: 'poor_communication', zh: '沟通不当', en: 'Poor communication' },
] as const;

const causeCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _');

export const complaintCause = z.object({
  code: causeCode,
  zh: text(40),
  en: text(60),
  active: z.boolean().default(true),
});
export type ComplaintCause = z.infer<typeof complaintCause>;

export const complaintDeadline = z.object({
  acknowledgeHours: z.int().min(1).max(720),
  resolveDays: z.int().min(1).max(365),
});

/** Remedy value in fen a role may grant alone (null: no limit). A role left out may not grant money. */
const approvalLimits = z.partialRecord(z.enum(roles), z.int().min(0).max(100_000_000).nullable());

export const complaintSettings = z.object({
  causes: z.array(complaintCause).min(1).max(50),
  deadlines: z.object({ minor: complaintDeadline, serious: complaintDeadline, major: complaintDeadline }),
  approvalLimits,
  /** Roles alerted when a complaint reaches each escalation level. */
  levelAlerts: z.object({
    '1': z.array(z.enum(roles)).max(7),
    '2': z.array(z.enum(roles)).max(7),
    '3': z.array(z.enum(roles)).max(7),
  }),
  winBackDays: z.int().min(7).max(730),
  version: z.int(),
});
export type ComplaintSettings = z.infer<typeof complaintSettings>;
export const complaintSettingsBody = complaintSettings.extend({ version });

export const complaintCreateBody = z.object({
  customerId: uuid,
  /** What the customer said, in their own words (kept verbatim). */
  verbatim: text(10_000),
  severity: z.enum(complaintSeverities),
  cause: causeCode,
  subject: text(200).optional(),
  channel: z.enum(ticketChannels).default('phone'),
  priority: z.enum(ticketPriorities).optional(),
  /** What the complaint is about (all optional). */
  aboutTicketId: uuid.optional(),
  aboutVisitId: uuid.optional(),
  aboutTechnicianId: uuid.optional(),
  aboutUnitId: uuid.optional(),
  teamId: uuid.optional(),
  assigneeId: uuid.optional(),
});
export type ComplaintCreateBody = z.infer<typeof complaintCreateBody>;

export const complaintStepRecord = z.object({
  step: z.enum(complaintSteps),
  doneAt: isoDateTime,
  byId: uuid.nullable(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
});

export const complaintRemedy = z.object({
  id: uuid,
  kind: z.enum(remedyKinds),
  amountFen: z.int(),
  description: z.string(),
  status: z.enum(remedyStatuses),
  requestedById: uuid.nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: isoDateTime,
  /** For a pending remedy: the lowest role whose limit covers it. */
  approverRole: z.enum(roles).nullable(),
  decidedById: uuid.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  redoTicketId: uuid.nullable(),
  redoTicketNumber: z.string().nullable(),
  version: z.int(),
});
export type ComplaintRemedy = z.infer<typeof complaintRemedy>;

export const complaintEscalation = z.object({
  id: uuid,
  fromLevel: z.int(),
  toLevel: z.int(),
  reason: z.enum(['opened', 'manual', 'acknowledge_breached', 'resolve_breached']),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  notified: z.int(),
  createdAt: isoDateTime,
});

export const winBack = z.object({
  status: z.enum(winBackStatuses),
  /** When the period after closing ends (null while the complaint is open). */
  dueAt: isoDateTime.nullable(),
  /** Facts behind the status, over the period after closing. */
  newUnits: z.int(),
  newTickets: z.int(),
  valueIncreaseFen: z.int(),
  reviewedAt: isoDateTime.nullable(),
  reviewedStatus: z.enum(winBackStatuses).nullable(),
  note: z.string().nullable(),
});
export type WinBack = z.infer<typeof winBack>;

const complaintBase = z.object({
  id: uuid,
  ticketId: uuid,
  ticketNumber: z.string(),
  ticketStatus: z.enum(ticketStatuses),
  subject: z.string(),
  customerId: uuid,
  customerName: z.string(),
  severity: z.enum(complaintSeverities),
  cause: z.string(),
  level: z.int(),
  /** The next step to do, in order; null when all six are done. */
  nextStep: z.enum(complaintSteps).nullable(),
  acknowledgeDueAt: isoDateTime,
  resolveDueAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  /** A deadline passed unmet (now or when it was met late). */
  overdue: z.boolean(),
  verdict: z.enum(complaintVerdicts).nullable(),
  closedAt: isoDateTime.nullable(),
  pendingRemedies: z.int(),
  createdAt: isoDateTime,
});
export const complaintRow = complaintBase;
export type ComplaintRow = z.infer<typeof complaintRow>;

export const complaintDetail = complaintBase.extend({
  verbatim: z.string(),
  aboutTicketId: uuid.nullable(),
  aboutTicketNumber: z.string().nullable(),
  aboutVisitId: uuid.nullable(),
  aboutTechnicianId: uuid.nullable(),
  aboutTechnicianName: z.string().nullable(),
  aboutUnitId: uuid.nullable(),
  aboutUnitLabel: z.string().nullable(),
  verdictNote: z.string().nullable(),
  verdictAt: isoDateTime.nullable(),
  steps: z.array(complaintStepRecord),
  remedies: z.array(complaintRemedy),
  escalations: z.array(complaintEscalation),
  winBack,
  /** What the caller may grant alone (fen; null: no limit; 0: nothing). */
  myApprovalLimitFen: z.int().nullable(),
  version: z.int(),
  updatedAt: isoDateTime,
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

const bool = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')
  .optional();

export const complaintListQuery = pageQuery.extend({
  /** The next step to do; `done` for complaints with all six steps done. */
  step: z.enum([...complaintSteps, 'done']).optional(),
  severity: z.enum(complaintSeverities).optional(),
  cause: causeCode.optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  overdue: bool,
  state: z.enum(['open', 'closed', 'all']).default('open'),
  /** Closed complaints whose win-back period has passed and that nobody has reviewed yet. */
  winBackDue: bool,
  /** Complaints with a remedy waiting for approval. */
  pendingApproval: bool,
  q: z.string().trim().max(100).optional(),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;
export const complaintPage = pageOf(complaintRow);

export const complaintStepParams = z.object({ id: uuid, step: z.enum(complaintSteps) });
export const complaintStepBody = z.object({
  version,
  note: text(5000).optional(),
});
export const complaintStepNoteBody = z.object({ version, note: text(5000) });

export const complaintVerdictBody = z.object({
  version,
  verdict: z.enum(complaintVerdicts),
  note: text(5000).optional(),
});

export const remedyCreateBody = z
  .object({
    kind: z.enum(remedyKinds),
    /** Compensation paid or the gift's value, in fen. */
    amountFen: z.int().min(0).max(100_000_000).default(0),
    description: text(2000),
  })
  .refine((b) => b.kind !== 'compensation' || b.amountFen > 0, {
    path: ['amountFen'],
    message: 'compensation needs an amount',
  });
export const remedyParams = z.object({ id: uuid, remedyId: uuid });
export const remedyDecisionBody = z.object({ version, note: text(2000).optional() });

export const complaintEscalateBody = z.object({ version, note: text(2000) });

export const winBackReviewBody = z.object({
  version,
  status: z.enum(['active', 'bought_again', 'churned']),
  note: text(2000).optional(),
});
