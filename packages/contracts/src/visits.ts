import { z } from 'zod';
import { isoDate, isoDateTime, text, uuid, version } from './common';

export const visitStatuses = [
  'proposed',
  'confirmed',
  'checked_in',
  'completed',
  'missed',
  'cancelled',
] as const;
export type VisitStatus = (typeof visitStatuses)[number];
export const visitResults = ['resolved', 'needs_revisit', 'not_resolved'] as const;
export type VisitResult = (typeof visitResults)[number];

/**
 * The visit state machine. A proposed window waits for the customer (or the dispatcher on the phone) to
 * confirm; the technician checks in on site, then completes (report + signature + check-out) or records that
 * the customer was not home (missed). Rescheduling keeps a visit proposed or confirmed.
 */
export const visitTransitions: Record<VisitStatus, readonly VisitStatus[]> = {
  proposed: ['confirmed', 'checked_in', 'missed', 'cancelled'],
  confirmed: ['checked_in', 'missed', 'cancelled'],
  checked_in: ['completed', 'missed'],
  completed: [],
  missed: [],
  cancelled: [],
};

/** Statuses in which the visit is still ahead of the technician or under way. */
export const liveVisitStatuses: readonly VisitStatus[] = ['proposed', 'confirmed', 'checked_in'];

export const visitWindow = z.object({ start: isoDateTime, end: isoDateTime });
export type VisitWindow = z.infer<typeof visitWindow>;

export const visit = z.object({
  id: uuid,
  ticketId: uuid,
  technicianId: uuid,
  technicianName: z.string(),
  teamId: uuid.nullable(),
  status: z.enum(visitStatuses),
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  offeredWindows: z.array(visitWindow),
  revisitOfId: uuid.nullable(),
  reason: z.string().nullable(),
  customerAnswer: z.enum(['confirmed', 'reschedule_requested']).nullable(),
  customerPreferredTime: z.string().nullable(),
  customerNote: z.string().nullable(),
  customerAnsweredAt: isoDateTime.nullable(),
  confirmedAt: isoDateTime.nullable(),
  checkedInAt: isoDateTime.nullable(),
  checkInLat: z.number().nullable(),
  checkInLng: z.number().nullable(),
  checkInAccuracyM: z.number().nullable(),
  checkInNote: z.string().nullable(),
  workDone: z.string().nullable(),
  cause: z.string().nullable(),
  result: z.enum(visitResults).nullable(),
  reportedAt: isoDateTime.nullable(),
  signatureAttachmentId: uuid.nullable(),
  signedByName: z.string().nullable(),
  signedAt: isoDateTime.nullable(),
  checkedOutAt: isoDateTime.nullable(),
  missedReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Visit = z.infer<typeof visit>;

/** A visit with what the technician needs on the road: customer, phone, address and position, product. */
export const fieldVisit = visit.extend({
  ticketNumber: z.string(),
  ticketSubject: z.string(),
  ticketType: z.string(),
  ticketStatus: z.string(),
  ticketVersion: z.int(),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  product: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type FieldVisit = z.infer<typeof fieldVisit>;

const windowFields = {
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  /** Alternatives the customer may pick through the appointment link. */
  offeredWindows: z.array(visitWindow).max(6).default([]),
};

export const visitCreateBody = z.object({
  technicianId: uuid,
  ...windowFields,
  /** Agreed with the customer on the phone: the visit starts confirmed. */
  confirmed: z.boolean().default(false),
  reason: text(500).optional(),
});
export type VisitCreateBody = z.infer<typeof visitCreateBody>;

export const visitRescheduleBody = z.object({
  version,
  ...windowFields,
  technicianId: uuid.optional(),
  confirmed: z.boolean().default(false),
  note: text(500).optional(),
});
export type VisitRescheduleBody = z.infer<typeof visitRescheduleBody>;

export const visitConfirmBody = z.object({ version, note: text(500).optional() });
export const visitCancelBody = z.object({ version, reason: text(500) });

export const visitCheckInBody = z.object({
  version,
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  accuracyM: z.number().min(0).max(100_000).optional(),
  /** Why there is no position (permission refused, no signal). Required without a position. */
  note: text(500).optional(),
});
export type VisitCheckInBody = z.infer<typeof visitCheckInBody>;

export const visitReportBody = z.object({
  version,
  workDone: text(4000),
  cause: text(1000).optional(),
  result: z.enum(visitResults),
});
export type VisitReportBody = z.infer<typeof visitReportBody>;

export const visitSignOffBody = z.object({
  version,
  /** The customer's signature drawn on the screen, as a PNG data URL. */
  signaturePng: z
    .string()
    .max(1_500_000)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/),
  signedByName: text(100),
});
export type VisitSignOffBody = z.infer<typeof visitSignOffBody>;

export const visitCheckOutBody = z.object({ version });

export const visitMissedBody = z.object({
  version,
  reason: text(500),
  /** Plan the revisit right away (same technician unless another is given). */
  revisit: z
    .object({ windowStart: isoDateTime, windowEnd: isoDateTime, technicianId: uuid.optional() })
    .optional(),
});
export type VisitMissedBody = z.infer<typeof visitMissedBody>;

export const visitRevisitBody = z.object({
  technicianId: uuid.optional(),
  ...windowFields,
  reason: text(500),
  confirmed: z.boolean().default(false),
});
export type VisitRevisitBody = z.infer<typeof visitRevisitBody>;

export const visitLink = z.object({ token: z.string(), path: z.string(), expiresAt: isoDateTime });
export type VisitLink = z.infer<typeof visitLink>;
export const visitLinkBody = z.object({
  expiresInHours: z
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
});

export const myVisitsQuery = z.object({ date: isoDate.optional() });

export const visitBoardQuery = z.object({ date: isoDate, teamId: uuid.optional() });
export const visitBoardRow = z.object({
  technicianId: uuid,
  technicianName: z.string(),
  teamId: uuid.nullable(),
  teamName: z.string().nullable(),
  /** Visits a day the technician can take (the technician profile's capacity, 6 without one). */
  capacity: z.int(),
  load: z.int(),
  visits: z.array(
    visit
      .pick({ id: true, ticketId: true, status: true, windowStart: true, windowEnd: true })
      .extend({ ticketNumber: z.string(), customerName: z.string(), ticketSubject: z.string() }),
  ),
});
export type VisitBoardRow = z.infer<typeof visitBoardRow>;
export const visitBoard = z.object({ date: isoDate, timeZone: z.string(), rows: z.array(visitBoardRow) });
export type VisitBoard = z.infer<typeof visitBoard>;

/** What the customer sees through the appointment link: no internal notes, the technician's name only. */
export const publicVisit = z.object({
  tenantName: z.string(),
  ticketNumber: z.string(),
  ticketSubject: z.string(),
  customerName: z.string(),
  address: z.string().nullable(),
  product: z.string().nullable(),
  technicianName: z.string(),
  status: z.enum(visitStatuses),
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  offeredWindows: z.array(visitWindow),
  timeZone: z.string(),
  customerAnswer: z.enum(['confirmed', 'reschedule_requested']).nullable(),
  customerPreferredTime: z.string().nullable(),
  /** False once answered (the link is single-use) or when the visit is no longer open for an answer. */
  canAnswer: z.boolean(),
});
export type PublicVisit = z.infer<typeof publicVisit>;

export const publicVisitAnswerBody = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('confirm') }),
  z.object({
    answer: z.literal('reschedule'),
    /** One of the offered windows, by position … */
    offeredIndex: z.int().min(0).max(5).optional(),
    /** … or the customer's own words ("周六上午", "after 6 pm"). */
    preferredTime: text(200).optional(),
    note: text(500).optional(),
  }),
]);
export type PublicVisitAnswerBody = z.infer<typeof publicVisitAnswerBody>;
export const visitTokenParams = z.object({ token: z.string().min(1).max(100) });
