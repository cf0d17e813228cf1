/**
 * Work-order factories shared by demo data, tests and the scale seed: `makeTicket` builds a work order and its
 * timeline as it would have happened (opened, called about, assigned, scheduled, worked, resolved, closed),
 * `insertTickets` writes many with multi-row INSERTs, numbering them from the tenant's sequence in time order.
 */
import { randomUUID } from 'node:crypto';
import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '@manyi/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { ticketEvents, tickets } from '../../schema/tickets';
import { ticketSequenceName } from '../../sequences';
import type { ApplianceCategory } from '../data/products';
import type { Random } from '../data/random';
import {
  callSummary,
  cancelReasons,
  internalNote,
  publicReply,
  resolutionNote,
  ticketText,
} from '../data/tickets';

type TicketInsert = typeof tickets.$inferInsert;
type EventInsert = typeof ticketEvents.$inferInsert;

export interface TicketSeed {
  ticket: Omit<TicketInsert, 'tenantId' | 'number'> & { id: string; createdAt: Date };
  events: Omit<EventInsert, 'tenantId'>[];
}

/** The people and things a work order can involve. */
export interface TicketWorld {
  customers: readonly {
    id: string;
    units: readonly { id: string; category: ApplianceCategory; modelName: string }[];
  }[];
  agents: readonly { id: string; teamId: string | null }[];
  technicians: readonly { id: string; teamId: string | null; name: string }[];
}

export interface TicketOptions {
  createdAt?: Date;
  now?: Date;
  type?: TicketType;
  status?: TicketStatus;
  customerId?: string;
  /** Only the `created` event (scale seeding). */
  bare?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const typeWeights: readonly (readonly [TicketType, number])[] = [
  ['repair', 45],
  ['installation', 15],
  ['maintenance', 10],
  ['inquiry', 15],
  ['complaint', 6],
  ['compliment', 4],
  ['suggestion', 5],
];
const channelWeights: readonly (readonly [TicketChannel, number])[] = [
  ['phone', 60],
  ['web', 15],
  ['walk_in', 8],
  ['email', 7],
  ['api', 10],
];
const rank: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const fieldTypes: readonly TicketType[] = ['repair', 'installation', 'maintenance'];

/** Where a work order of this age and type has got to by now. */
function statusFor(rng: Random, type: TicketType, ageDays: number): TicketStatus {
  const quick = !fieldTypes.includes(type) && type !== 'complaint';
  if (quick)
    return ageDays < 1
      ? rng.weighted([
          ['new', 30],
          ['open', 30],
          ['resolved', 40],
        ] as const)
      : rng.weighted([
          ['resolved', 20],
          ['closed', 78],
          ['cancelled', 2],
        ] as const);
  if (ageDays > 14)
    return rng.weighted([
      ['closed', 80],
      ['resolved', 8],
      ['cancelled', 7],
      ['reopened', 1],
      ['waiting_parts', 1],
      ['in_progress', 1],
    ] as const);
  if (ageDays > 3)
    return rng.weighted([
      ['resolved', 30],
      ['closed', 20],
      ['in_progress', 12],
      ['scheduled', 12],
      ['waiting_parts', 10],
      ['waiting_customer', 6],
      ['cancelled', 5],
      ['reopened', 2],
    ] as const);
  return rng.weighted([
    ['new', 25],
    ['open', 25],
    ['scheduled', 20],
    ['in_progress', 15],
    ['waiting_customer', 5],
    ['waiting_parts', 4],
    ['resolved', 6],
  ] as const);
}

/** The statuses passed through on the way to `final`. */
function pathTo(final: TicketStatus, field: boolean): TicketStatus[] {
  const work: TicketStatus[] = field ? ['open', 'scheduled', 'in_progress'] : ['open'];
  switch (final) {
    case 'new':
      return [];
    case 'open':
      return ['open'];
    case 'scheduled':
      return ['open', 'scheduled'];
    case 'in_progress':
      return field ? ['open', 'scheduled', 'in_progress'] : ['open', 'in_progress'];
    case 'waiting_customer':
      return ['open', 'waiting_customer'];
    case 'waiting_parts':
      return ['open', 'scheduled', 'in_progress', 'waiting_parts'];
    case 'resolved':
      return [...work, 'resolved'];
    case 'closed':
      return [...work, 'resolved', 'closed'];
    case 'reopened':
      return [...work, 'resolved', 'reopened'];
    case 'cancelled':
      return ['open', 'cancelled'];
  }
}

/** A seasonal moment in the past year: air-conditioner work peaks in the summer heat. */
export function seasonalDate(rng: Random, now: Date, days = 365): Date {
  for (;;) {
    const d = new Date(now.getTime() - rng.float(0, days) * DAY);
    const m = d.getUTCMonth() + 1;
    const weight = m >= 6 && m <= 8 ? 1 : m === 5 || m === 9 ? 0.75 : 0.45;
    if (rng.chance(weight)) {
      // Calls come in during the day (08:00–21:00 China time = 00:00–13:00 UTC).
      d.setUTCHours(rng.int(0, 12), rng.int(0, 59), rng.int(0, 59), 0);
      return d.getTime() > now.getTime() ? new Date(now.getTime() - rng.int(1, 120) * MINUTE) : d;
    }
  }
}

/** A work order with its whole timeline, consistent with its status and age. */
export function makeTicket(rng: Random, world: TicketWorld, options: TicketOptions = {}): TicketSeed {
  const now = options.now ?? new Date();
  const createdAt = options.createdAt ?? seasonalDate(rng, now);
  const customer = options.customerId
    ? (world.customers.find((c) => c.id === options.customerId) ?? rng.pick(world.customers))
    : rng.pick(world.customers);
  const unit = customer.units.length > 0 ? rng.pick(customer.units) : undefined;
  const type = options.type ?? rng.weighted(typeWeights);
  const text = ticketText(rng, {
    type,
    category: unit?.category,
    modelName: unit?.modelName,
    date: createdAt,
  });
  const channel = rng.weighted(channelWeights);
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const status = options.status ?? statusFor(rng, type, ageDays);
  const field = fieldTypes.includes(type);
  const agent = rng.pick(world.agents);
  const tech = field && world.technicians.length > 0 ? rng.pick(world.technicians) : undefined;
  const id = randomUUID();
  const events: TicketSeed['events'] = [];
  let t = createdAt.getTime();
  const at = () => new Date(t);
  const later = (minMinutes: number, maxMinutes: number) => {
    t = Math.min(t + rng.int(minMinutes, maxMinutes) * MINUTE, now.getTime() - MINUTE);
    t = Math.max(t, createdAt.getTime());
    return at();
  };
  const push = (e: Omit<TicketSeed['events'][number], 'ticketId'>) => events.push({ ticketId: id, ...e });

  push({
    kind: 'created',
    authorId: agent.id,
    data: { type, channel, priority: text.priority },
    createdAt: at(),
  });
  if (options.bare) {
    const assignee = status === 'new' ? null : (tech ?? agent);
    return {
      ticket: {
        id,
        type,
        channel,
        status,
        priority: text.priority,
        priorityRank: rank[text.priority],
        subject: text.subject,
        description: text.description,
        customerId: customer.id,
        unitId: unit?.id ?? null,
        teamId: assignee?.teamId ?? null,
        assigneeId: assignee?.id ?? null,
        tags: text.tags,
        createdById: agent.id,
        createdAt,
        updatedAt: createdAt,
        resolvedAt: status === 'resolved' || status === 'closed' ? createdAt : null,
        closedAt: status === 'closed' ? createdAt : null,
      },
      events,
    };
  }
  if (channel === 'phone')
    push({
      kind: 'call',
      authorId: agent.id,
      body: callSummary(rng, type, { technicianName: tech?.name, category: unit?.category }),
      data: { direction: 'inbound', durationSec: rng.int(60, 600) },
      createdAt: later(2, 8),
    });

  let firstResponseAt: Date | null = null;
  let assignee: { id: string; teamId: string | null } | null = null;
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  let previous: TicketStatus = 'new';
  for (const next of pathTo(status, field)) {
    if (next === 'open') {
      assignee = tech ?? agent;
      push({
        kind: 'assigned',
        authorId: agent.id,
        data: {
          from: { teamId: null, assigneeId: null },
          to: { teamId: assignee.teamId, assigneeId: assignee.id },
        },
        createdAt: later(5, 90),
      });
      push({
        kind: 'reply',
        visibility: 'public',
        authorId: agent.id,
        body: publicReply(rng, type, { technicianName: tech?.name }),
        createdAt: later(1, 30),
      });
      firstResponseAt ??= at();
    }
    const note =
      next === 'resolved'
        ? resolutionNote(rng, type, unit?.category)
        : next === 'cancelled'
          ? rng.pick(cancelReasons)
          : next === 'reopened'
            ? '客户来电反映问题再次出现'
            : null;
    const stepAt =
      next === 'open'
        ? at()
        : later(next === 'in_progress' ? 60 : 20, next === 'closed' ? 4 * 24 * 60 : 22 * 60);
    push({
      kind: 'status_changed',
      authorId: (tech ?? agent).id,
      body: note,
      data: { from: previous, to: next },
      createdAt: stepAt,
    });
    if (next === 'in_progress' && rng.chance(0.3))
      push({
        kind: 'note',
        authorId: (tech ?? agent).id,
        body: internalNote(rng, { technicianName: tech?.name }),
        createdAt: later(10, 90),
      });
    if (next === 'resolved') resolvedAt = at();
    if (next === 'closed') closedAt = at();
    if (next === 'reopened') {
      resolvedAt = null;
      closedAt = null;
    }
    previous = next;
  }
  return {
    ticket: {
      id,
      type,
      channel,
      status,
      priority: text.priority,
      priorityRank: rank[text.priority],
      subject: text.subject,
      description: text.description,
      customerId: customer.id,
      unitId: unit?.id ?? null,
      teamId: assignee?.teamId ?? null,
      assigneeId: assignee?.id ?? null,
      tags: text.tags,
      createdById: agent.id,
      createdAt,
      updatedAt: at(),
      firstResponseAt,
      resolvedAt,
      closedAt,
    },
    events,
  };
}

/** Rows per INSERT: under PostgreSQL's 65,535 bind parameters for these tables. */
const BATCH = 500;

/**
 * Inserts work orders and their timelines into a tenant, numbered from the tenant's sequence in the order of
 * `createdAt`. Pass a transaction as `db` for all-or-nothing. `onProgress` is called with rows done.
 */
export async function insertTickets(
  db: Executor,
  tenantId: string,
  seeds: readonly TicketSeed[],
  onProgress?: (done: number) => void,
) {
  const sorted = [...seeds].sort((a, b) => a.ticket.createdAt.getTime() - b.ticket.createdAt.getTime());
  const seq = ticketSequenceName(tenantId);
  for (let i = 0; i < sorted.length; i += BATCH) {
    const batch = sorted.slice(i, i + BATCH);
    await db
      .insert(tickets)
      .values(batch.map((s) => ({ ...s.ticket, tenantId, number: sql`nextval(${seq}::regclass)` })));
    const events = batch.flatMap((s) => s.events.map((e) => ({ ...e, tenantId })));
    for (let j = 0; j < events.length; j += BATCH)
      await db.insert(ticketEvents).values(events.slice(j, j + BATCH));
    onProgress?.(Math.min(i + BATCH, sorted.length));
  }
}
