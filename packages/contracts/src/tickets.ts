import { z } from 'zod';
import { isoDateTime, pageOf, pageQuery, text, uuid, version } from './common';
import { customerSummary } from './customers';

export const ticketTypes = [
  'inquiry',
  'repair',
  'installation',
  'maintenance',
  'complaint',
  'compliment',
  'suggestion',
] as const;
export const ticketChannels = ['phone', 'walk_in', 'web', 'email', 'api'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketStatuses = [
  'new',
  'open',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
] as const;
export type TicketType = (typeof ticketTypes)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];
export type TicketChannel = (typeof ticketChannels)[number];

const working = ['open', 'scheduled', 'in_progress', 'waiting_customer', 'waiting_parts'] as const;

/**
 * The work-order state machine: from each status, the statuses it may move to.
 * `resolved` needs a resolution note; `cancelled` needs a reason; `closed` and `cancelled` are final
 * except that a closed work order can be reopened when the customer comes back about the same problem.
 */
export const ticketTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: [...working, 'resolved', 'cancelled'],
  open: ['scheduled', 'in_progress', 'waiting_customer', 'waiting_parts', 'resolved', 'cancelled'],
  scheduled: ['open', 'in_progress', 'waiting_customer', 'waiting_parts', 'resolved', 'cancelled'],
  in_progress: ['open', 'scheduled', 'waiting_customer', 'waiting_parts', 'resolved'],
  waiting_customer: ['open', 'scheduled', 'in_progress', 'resolved', 'cancelled'],
  waiting_parts: ['open', 'scheduled', 'in_progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: [...working, 'resolved', 'cancelled'],
  cancelled: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ticketTransitions[from].includes(to);
}

/** Statuses in which a work order is still someone's work. */
export const openStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'scheduled',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
  'reopened',
];

export const ticket = z.object({
  id: uuid,
  number: z.string(),
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  subject: z.string(),
  description: z.string(),
  customerId: uuid,
  unitId: uuid.nullable(),
  teamId: uuid.nullable(),
  assigneeId: uuid.nullable(),
  tags: z.array(z.string()),
  createdById: uuid.nullable(),
  /** The service agreement the work order runs under, and its earliest running customer promise. */
  agreementId: uuid.nullable(),
  nextDueAt: isoDateTime.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  firstResponseAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
});
export type Ticket = z.infer<typeof ticket>;

export const ticketDetail = ticket.extend({
  customer: customerSummary,
  allowedTransitions: z.array(z.enum(ticketStatuses)),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const queueRow = ticket
  .pick({
    id: true,
    number: true,
    type: true,
    channel: true,
    status: true,
    priority: true,
    subject: true,
    customerId: true,
    teamId: true,
    assigneeId: true,
    tags: true,
    nextDueAt: true,
    version: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    customerName: z.string(),
    customerTier: z.string(),
    /** When a running commitment clock reaches its at-risk share (null without an at-risk rule): queue colour. */
    nextRiskAt: isoDateTime.nullable(),
  });
export type QueueRow = z.infer<typeof queueRow>;

const tag = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[^,\s][^,]*$/);

export const ticketCreateBody = z.object({
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels).default('phone'),
  priority: z.enum(ticketPriorities).default('normal'),
  /** Short title; derived from the description when left out. */
  subject: text(200).optional(),
  /** What the customer said, in their own words. */
  description: text(10_000),
  customerId: uuid,
  unitId: uuid.optional(),
  teamId: uuid.optional(),
  assigneeId: uuid.optional(),
  tags: z.array(tag).max(20).default([]),
  /**
   * The service the customer asks for, as the covering agreement lists it: included, or available for a fee
   * (the agent offered a quote: a `quote_offered` entry goes on the timeline). Anything else is refused.
   */
  service: z
    .object({
      code: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[a-z0-9_]+$/),
      disposition: z.enum(['included', 'fee']),
    })
    .optional(),
});
export type TicketCreateBody = z.infer<typeof ticketCreateBody>;

export const ticketChangeBody = z.object({
  version,
  subject: text(200).optional(),
  description: text(10_000).optional(),
  priority: z.enum(ticketPriorities).optional(),
  type: z.enum(ticketTypes).optional(),
  unitId: uuid.nullable().optional(),
});

export const ticketTransitionBody = z.object({
  version,
  to: z.enum(ticketStatuses),
  /** Resolution summary for `resolved`, reason for `cancelled` and `reopened`. */
  note: text(5000).optional(),
});

export const ticketAssignBody = z.object({ version, teamId: uuid.nullable(), assigneeId: uuid.nullable() });
export const ticketTagsBody = z.object({ version, tags: z.array(tag).max(20) });

export const callBody = z.object({
  direction: z.enum(['inbound', 'outbound']),
  durationSec: z.int().min(0).max(86_400),
  summary: text(5000),
  phone: z.string().trim().max(40).optional(),
});
export const replyBody = z.object({ body: text(20_000) });
export const noteBody = z.object({ body: text(20_000) });

export const timelineKinds = [
  'created',
  'call',
  'reply',
  'note',
  'status_changed',
  'assigned',
  'tags_changed',
  'fields_changed',
  'attachment_added',
  'commitment',
  'visit', // visits: planned, confirmed, checked in, reported, signed, completed, missed (data.action)
  'quote_offered',
  'dispatch', // dispatch (派工): dispatched, accepted, refused, expired, superseded (data.action)
  'quote', // quotes (报价): sent, accepted, declined, payment_recorded (data.action)
] as const;

export const timelineEntry = z.object({
  id: z.string(),
  kind: z.enum(timelineKinds),
  /** public: the customer sees it (replies); internal: staff only. */
  visibility: z.enum(['public', 'internal']),
  authorId: uuid.nullable(),
  authorName: z.string().nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const attachment = z.object({
  id: uuid,
  ticketId: uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.int(),
  sha256: z.string(),
  uploadedById: uuid.nullable(),
  createdAt: isoDateTime,
});

/** Queue views; `vip` is the express lane: open work of VIP and gold customers. */
export const ticketViews = ['all', 'mine', 'team', 'unassigned', 'vip', 'waiting', 'resolved'] as const;
export const ticketSorts = [
  'updated_desc',
  'created_desc',
  'created_asc',
  'priority_desc',
  'due_asc',
] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional();

export const ticketListQuery = pageQuery.extend({
  view: z.enum(ticketViews).default('all'),
  status: csv(ticketStatuses),
  type: csv(ticketTypes),
  priority: csv(ticketPriorities),
  channel: csv(ticketChannels),
  customerId: uuid.optional(),
  assigneeId: uuid.optional(),
  teamId: uuid.optional(),
  tag: z.string().max(30).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(ticketSorts).default('updated_desc'),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;
export const ticketPage = pageOf(queueRow);
export const timelineResponse = z.object({ items: z.array(timelineEntry) });
