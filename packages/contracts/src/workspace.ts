import { z } from 'zod';
import { isoDateTime, text, uuid, version } from './common';
import { ticketChannels, ticketListQuery, ticketStatuses, ticketTypes } from './tickets';

/** How many work orders each queue view holds right now, for the caller (what they may see). */
export const queueCounts = z.object({
  views: z.object({
    mine: z.int(),
    team: z.int(),
    unassigned: z.int(),
    /** Open work of VIP and gold customers (the express lane). */
    vip: z.int(),
    waiting: z.int(),
    /** Resolved in the last 7 days. */
    resolved: z.int(),
  }),
  /** Open work (not resolved, closed or cancelled) by status. */
  byStatus: z.partialRecord(z.enum(ticketStatuses), z.int()),
});
export type QueueCounts = z.infer<typeof queueCounts>;

/** A named queue filter a person saved; shared ones are visible to the whole tenant. */
export const savedViewQuery = ticketListQuery.omit({ cursor: true, limit: true }).partial();
export const savedView = z.object({
  id: uuid,
  name: z.string(),
  /** The query string of /tickets this view stands for, as an object. */
  query: z.record(z.string(), z.unknown()),
  shared: z.boolean(),
  ownerId: uuid,
  version: z.int(),
  createdAt: isoDateTime,
});
export type SavedView = z.infer<typeof savedView>;
export const savedViewCreateBody = z.object({
  name: text(60),
  query: z.record(z.string(), z.unknown()),
  shared: z.boolean().default(false),
});
export const savedViewChangeBody = z.object({
  version,
  name: text(60).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
  shared: z.boolean().optional(),
});

/**
 * What the live stream (GET /api/v1/events, Server-Sent Events) sends: a work order was opened or changed.
 * Clients refetch what they show; the event carries no content beyond ids, and only reaches callers who may
 * see that work order.
 */
export const liveEvent = z.object({
  type: z.enum(['ticket.created', 'ticket.changed']),
  ticketId: uuid,
  at: isoDateTime,
});
export type LiveEvent = z.infer<typeof liveEvent>;

/** The supervisor's first dashboard. */
export const overviewQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const overview = z.object({
  days: z.int(),
  /** Work orders opened per day (tenant time zone) and type, oldest first; every day present. */
  incomingByDay: z.array(
    z.object({ day: z.string(), byType: z.record(z.enum(ticketTypes), z.int()), total: z.int() }),
  ),
  /** Open work by status. */
  openByStatus: z.record(z.enum(ticketStatuses), z.int()),
  /** Open work by age since opened: <1d, 1–3d, 3–7d, 7–30d, >30d. */
  openByAge: z.array(
    z.object({ bucket: z.enum(['lt1d', '1to3d', '3to7d', '7to30d', 'gt30d']), count: z.int() }),
  ),
  /** Opened in the period by channel. */
  byChannel: z.record(z.enum(ticketChannels), z.int()),
  /** Open work per assignee, most loaded first (top 20). */
  agentLoad: z.array(z.object({ userId: uuid, name: z.string(), open: z.int(), urgent: z.int() })),
  totals: z.object({ opened: z.int(), resolved: z.int(), open: z.int(), unassigned: z.int() }),
});
export type Overview = z.infer<typeof overview>;

/** Tenant settings an administrator edits. */
export const tenantSettings = z.object({
  id: uuid,
  name: z.string(),
  timeZone: z.string(),
  ticketPrefix: z.string(),
  version: z.int(),
});
export const tenantSettingsChangeBody = z.object({
  version,
  name: text(100).optional(),
  timeZone: z
    .string()
    .max(60)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone')
    .optional(),
  ticketPrefix: z
    .string()
    .regex(/^[A-Z]{1,6}$/)
    .optional(),
});
