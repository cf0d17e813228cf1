import { createHash, randomUUID } from 'node:crypto';
import {
  can,
  openStatuses,
  type QueueRow,
  type Ticket,
  type TicketCreateBody,
  type TicketDetail,
  type TicketListQuery,
  type TicketPriority,
  type TicketStatus,
  type TimelineEntry,
  ticketTransitions,
} from '@manyi/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../lib/app-error';
import type { AttachmentStore } from '../../lib/attachment-store';
import type { ServiceContext } from '../../lib/context';
import { iso, requireUpdated } from '../../lib/versioned';
import { recordRequestedService } from '../agreements/agreements.service';
import { auditEntry, diff, recordAudit } from '../audit/audit.service';
import * as commitments from '../commitments/commitments.service';
import { guardComplaintTransition } from '../complaints/complaint-guard';
import { onTicketResolved } from '../followups/followups.service';
import { announceTicketAfterCommit } from '../live/live-hub';
import * as repo from './tickets.repository';

const priorityRank: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Tells every open live stream that may see this work order (before and after the change) that it changed. */
async function announce(
  ctx: ServiceContext,
  type: 'ticket.created' | 'ticket.changed',
  t: { id: string; teamId: string | null; assigneeId: string | null },
  before?: { teamId: string | null; assigneeId: string | null },
) {
  await announceTicketAfterCommit(ctx, {
    tenantId: ctx.principal.tenantId,
    ticketId: t.id,
    type,
    teamIds: [...new Set([t.teamId, before?.teamId ?? t.teamId])],
    assigneeIds: [...new Set([t.assigneeId, before?.assigneeId ?? t.assigneeId])],
  });
}

/** Writes what happened to a work order's commitment clocks on its timeline. */
function commitmentTimeline(ctx: ServiceContext, ticketId: string) {
  return async (data: Record<string, unknown>) => {
    await repo.insertEvent(ctx.db, {
      tenantId: ctx.principal.tenantId,
      ticketId,
      kind: 'commitment',
      authorId: null,
      data,
      createdAt: ctx.now(),
    });
  };
}

/** What the caller may see: supervisors and agents everything; a service point its own; a technician their own. */
export function visibilityOf(ctx: ServiceContext): repo.Visibility {
  const p = ctx.principal;
  if (can(p.role, 'tickets.read_all')) return { kind: 'all' };
  if (p.role === 'partner_manager') return { kind: 'team', teamId: p.teamId };
  return { kind: 'assignee', userId: p.userId };
}

export function ticketNumber(ctx: ServiceContext, n: number) {
  return `${ctx.principal.ticketPrefix}-${n}`;
}

function serialise(ctx: ServiceContext, t: repo.TicketRow): Ticket {
  return {
    ...t,
    number: ticketNumber(ctx, t.number),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    firstResponseAt: iso(t.firstResponseAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    nextDueAt: iso(t.nextDueAt),
  };
}

/** A one-line title from what the customer said, when the agent gave none. */
export function subjectFrom(description: string) {
  const line = description.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

async function requireAssignment(
  ctx: ServiceContext,
  teamId: string | null | undefined,
  assigneeId: string | null | undefined,
) {
  if (teamId && !(await repo.teamExists(ctx.db, ctx.principal.tenantId, teamId)))
    throw new AppError('REFERENCE_INVALID', { field: 'teamId' });
  if (assigneeId) {
    const u = await repo.getActiveUser(ctx.db, ctx.principal.tenantId, assigneeId);
    if (!u) throw new AppError('REFERENCE_INVALID', { field: 'assigneeId' });
    if (!u.active) throw new AppError('REFERENCE_INVALID', { field: 'assigneeId', reason: 'user_inactive' });
    return u;
  }
  return null;
}

/** Checks the unit belongs to the customer; returns its product category (it decides the agreement). */
async function requireUnitOf(ctx: ServiceContext, customerId: string, unitId: string | null | undefined) {
  if (!unitId) return null;
  const owner = await repo.getUnitOwner(ctx.db, ctx.principal.tenantId, unitId);
  if (!owner) throw new AppError('REFERENCE_INVALID', { field: 'unitId' });
  if (owner.customerId !== customerId) throw new AppError('UNIT_NOT_OWNED', { field: 'unitId' });
  return owner.category;
}

/** Opens a work order: numbered, on the timeline, audited; assigned work starts `open`, else `new`. */
export async function openTicket(ctx: ServiceContext, input: TicketCreateBody): Promise<Ticket> {
  // Opening a work order means finding the customer first; partners and technicians work on dispatched jobs only.
  if (!can(ctx.principal.role, 'customers.read'))
    throw new AppError('FORBIDDEN', { permission: 'customers.read' });
  const tenantId = ctx.principal.tenantId;
  // Hot path (see bench/): one query for the checks, one statement for the writes.
  const facts = await repo.getOpeningFacts(ctx.db, tenantId, {
    customerId: input.customerId,
    unitId: input.unitId ?? null,
    teamId: input.teamId ?? null,
    assigneeId: input.assigneeId ?? null,
  });
  if (!facts) throw new AppError('REFERENCE_INVALID', { field: 'customerId' });
  if (input.unitId) {
    if (!facts.unit) throw new AppError('REFERENCE_INVALID', { field: 'unitId' });
    if (facts.unit.customerId !== input.customerId) throw new AppError('UNIT_NOT_OWNED', { field: 'unitId' });
  }
  if (input.teamId && !facts.teamFound) throw new AppError('REFERENCE_INVALID', { field: 'teamId' });
  const assignee = input.assigneeId ? facts.assignee : null;
  if (input.assigneeId) {
    if (!assignee) throw new AppError('REFERENCE_INVALID', { field: 'assigneeId' });
    if (!assignee.active)
      throw new AppError('REFERENCE_INVALID', { field: 'assigneeId', reason: 'user_inactive' });
  }
  const now = ctx.now();
  const plan = await commitments.planCommitments(ctx, {
    type: input.type,
    priority: input.priority,
    customerId: input.customerId,
    tier: facts.tier,
    category: facts.unit?.category ?? null,
    at: now,
  });
  const tags = [...new Set(input.tags)];
  const id = randomUUID();
  const status = input.assigneeId ? 'open' : 'new';
  const started = commitments.startingRows(ctx, id, plan, now);
  const event = (kind: string, data: Record<string, unknown>, authorId: string | null) => ({
    tenantId,
    ticketId: id,
    kind,
    authorId,
    data,
    createdAt: now,
  });
  const row = await repo.insertOpenedTicket(
    ctx.db,
    {
      id,
      tenantId,
      type: input.type,
      channel: input.channel,
      priority: input.priority,
      priorityRank: priorityRank[input.priority],
      status,
      subject: input.subject ?? subjectFrom(input.description),
      description: input.description,
      customerId: input.customerId,
      unitId: input.unitId ?? null,
      teamId: input.teamId ?? assignee?.teamId ?? null,
      assigneeId: input.assigneeId ?? null,
      tags,
      createdById: ctx.principal.userId,
      agreementId: plan.agreementId,
      nextDueAt: plan.nextDueAt,
      createdAt: now,
      updatedAt: now,
    },
    {
      events: [
        event(
          'created',
          {
            type: input.type,
            channel: input.channel,
            priority: input.priority,
            status,
            assigneeId: input.assigneeId ?? null,
          },
          ctx.principal.userId,
        ),
        // The commitment clocks' "started" entry comes after "created" (ids are drawn in this order).
        ...(started ? [event('commitment', started.event, null)] : []),
      ],
      clocks: started?.clocks ?? [],
      audit: auditEntry(ctx, {
        action: 'ticket.opened',
        entityType: 'ticket',
        entityId: id,
        changes: { type: input.type, customerId: input.customerId } as Record<string, unknown>,
      }),
    },
  );
  // The service asked for, against the covering agreement: included, a quote offered, or refused (rolls back).
  await recordRequestedService(ctx, row.id, plan.agreementId, input.service, now);
  await announce(ctx, 'ticket.created', row);
  return serialise(ctx, row);
}

async function requireTicket(ctx: ServiceContext, id: string) {
  const t = await repo.getTicketRow(ctx.db, ctx.principal.tenantId, id, visibilityOf(ctx));
  if (!t) throw new AppError('NOT_FOUND', { entity: 'ticket', id });
  return t;
}

export async function getTicket(ctx: ServiceContext, id: string): Promise<TicketDetail> {
  const t = await requireTicket(ctx, id);
  const customer = await repo.getCustomerSummary(ctx.db, ctx.principal.tenantId, t.customerId);
  return {
    ...serialise(ctx, t),
    customer: customer!,
    allowedTransitions: can(ctx.principal.role, 'tickets.write') ? [...ticketTransitions[t.status]] : [],
  };
}

async function updateOrConflict(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Parameters<typeof repo.updateTicket>[4],
) {
  return requireUpdated(
    await repo.updateTicket(ctx.db, ctx.principal.tenantId, id, version, patch, ctx.now()),
    'ticket',
    id,
    () => repo.getTicketRow(ctx.db, ctx.principal.tenantId, id, visibilityOf(ctx)),
  );
}

export async function changeTicket(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    subject?: string;
    description?: string;
    priority?: TicketPriority;
    type?: Ticket['type'];
    unitId?: string | null;
  },
) {
  const before = await requireTicket(ctx, id);
  const { version, ...patch } = input;
  if (patch.unitId) await requireUnitOf(ctx, before.customerId, patch.unitId);
  const changes = diff(before, patch);
  if (Object.keys(changes).length === 0) {
    if (before.version !== version)
      throw new AppError('VERSION_CONFLICT', { entity: 'ticket', id, currentVersion: before.version });
    return serialise(ctx, before);
  }
  const updated = await updateOrConflict(ctx, id, version, {
    ...patch,
    ...(patch.priority ? { priorityRank: priorityRank[patch.priority] } : {}),
  });
  await repo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: id,
    kind: 'fields_changed',
    authorId: ctx.principal.userId,
    data: { changes },
    createdAt: ctx.now(),
  });
  await recordAudit(ctx, { action: 'ticket.changed', entityType: 'ticket', entityId: id, changes });
  if (changes.priority || changes.type || changes.unitId)
    await commitments.retargetCommitments(ctx, updated, changes, commitmentTimeline(ctx, id));
  await announce(ctx, 'ticket.changed', updated);
  return serialise(ctx, updated);
}

const needsNote: Partial<Record<TicketStatus, string>> = {
  resolved: 'resolution',
  cancelled: 'reason',
  reopened: 'reason',
};

/** Moves a work order through the state machine; an illegal move is refused with the moves that are allowed. */
export async function transitionTicket(
  ctx: ServiceContext,
  id: string,
  input: { version: number; to: TicketStatus; note?: string },
) {
  const before = await requireTicket(ctx, id);
  const allowed = ticketTransitions[before.status];
  if (!allowed.includes(input.to))
    throw new AppError('INVALID_TRANSITION', { from: before.status, to: input.to, allowed });
  if (needsNote[input.to] && !input.note)
    throw new AppError('VALIDATION_FAILED', [
      { path: 'note', message: `a ${needsNote[input.to]} note is required` },
    ]);
  // Complaints: no resolving or closing without the follow-up step and the customer's verdict.
  await guardComplaintTransition(ctx, before, input.to);
  const now = ctx.now();
  const patch: Parameters<typeof repo.updateTicket>[4] = { status: input.to };
  if (input.to === 'resolved') patch.resolvedAt = now;
  if (input.to === 'closed') patch.closedAt = now;
  if (input.to === 'reopened') {
    patch.resolvedAt = null;
    patch.closedAt = null;
  }
  const updated = await updateOrConflict(ctx, id, input.version, patch);
  await repo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: id,
    kind: 'status_changed',
    authorId: ctx.principal.userId,
    body: input.note ?? null,
    data: { from: before.status, to: input.to },
    createdAt: now,
  });
  await recordAudit(ctx, {
    action: 'ticket.status_changed',
    entityType: 'ticket',
    entityId: id,
    changes: { status: { from: before.status, to: input.to } },
  });
  await commitments.onStatusChanged(ctx, id, before.status, input.to, commitmentTimeline(ctx, id));
  // Follow-up call (回访) and survey invitation, once per resolution (the followups module decides and samples).
  if (input.to === 'resolved') await onTicketResolved(ctx, updated);
  await announce(ctx, 'ticket.changed', updated);
  return serialise(ctx, updated);
}

/** Assigns to a team and/or person; assigning new work opens it. */
export async function assignTicket(
  ctx: ServiceContext,
  id: string,
  input: { version: number; teamId: string | null; assigneeId: string | null },
) {
  const before = await requireTicket(ctx, id);
  if (!(openStatuses as readonly string[]).includes(before.status))
    throw new AppError('INVALID_TRANSITION', { from: before.status, action: 'assign' });
  // A service point's manager assigns within the service point only.
  if (ctx.principal.role === 'partner_manager' && input.teamId !== ctx.principal.teamId)
    throw new AppError('FORBIDDEN', { reason: 'assign_outside_own_service_point' });
  const assignee = await requireAssignment(ctx, input.teamId, input.assigneeId);
  if (
    assignee &&
    input.teamId &&
    assignee.teamId !== input.teamId &&
    ctx.principal.role === 'partner_manager'
  )
    throw new AppError('FORBIDDEN', { reason: 'assignee_outside_service_point' });
  const now = ctx.now();
  const status: TicketStatus = before.status === 'new' && input.assigneeId ? 'open' : before.status;
  const updated = await updateOrConflict(ctx, id, input.version, {
    teamId: input.teamId,
    assigneeId: input.assigneeId,
    status,
  });
  await repo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: id,
    kind: 'assigned',
    authorId: ctx.principal.userId,
    data: {
      from: { teamId: before.teamId, assigneeId: before.assigneeId },
      to: { teamId: input.teamId, assigneeId: input.assigneeId },
      assigneeName: assignee?.displayName ?? null,
    },
    createdAt: now,
  });
  if (status !== before.status)
    await repo.insertEvent(ctx.db, {
      tenantId: ctx.principal.tenantId,
      ticketId: id,
      kind: 'status_changed',
      authorId: ctx.principal.userId,
      data: { from: before.status, to: status },
      createdAt: now,
    });
  await recordAudit(ctx, {
    action: 'ticket.assigned',
    entityType: 'ticket',
    entityId: id,
    changes: diff(
      { teamId: before.teamId, assigneeId: before.assigneeId },
      { teamId: input.teamId, assigneeId: input.assigneeId },
    ),
  });
  await announce(ctx, 'ticket.changed', updated, before);
  return serialise(ctx, updated);
}

export async function setTicketTags(
  ctx: ServiceContext,
  id: string,
  input: { version: number; tags: string[] },
) {
  const before = await requireTicket(ctx, id);
  const tags = [...new Set(input.tags)];
  const added = tags.filter((t) => !before.tags.includes(t));
  const removed = before.tags.filter((t) => !tags.includes(t));
  const updated = await updateOrConflict(ctx, id, input.version, { tags });
  if (added.length || removed.length) {
    await repo.insertEvent(ctx.db, {
      tenantId: ctx.principal.tenantId,
      ticketId: id,
      kind: 'tags_changed',
      authorId: ctx.principal.userId,
      data: { added, removed },
      createdAt: ctx.now(),
    });
    await recordAudit(ctx, {
      action: 'ticket.tags_changed',
      entityType: 'ticket',
      entityId: id,
      changes: { added, removed },
    });
    await announce(ctx, 'ticket.changed', updated);
  }
  return serialise(ctx, updated);
}

type Append =
  | { kind: 'call'; direction: 'inbound' | 'outbound'; durationSec: number; summary: string; phone?: string }
  | { kind: 'reply'; body: string }
  | { kind: 'note'; body: string };

/** Logs a call, a public reply or an internal note. Replies and outbound calls count as the first response. */
export async function appendToTimeline(
  ctx: ServiceContext,
  id: string,
  entry: Append,
): Promise<TimelineEntry> {
  const t = await requireTicket(ctx, id);
  if (t.status === 'cancelled' && entry.kind === 'reply')
    throw new AppError('INVALID_TRANSITION', { from: t.status, action: 'reply' });
  const now = ctx.now();
  const body = entry.kind === 'call' ? entry.summary : entry.body;
  const data =
    entry.kind === 'call'
      ? { direction: entry.direction, durationSec: entry.durationSec, phone: entry.phone ?? null }
      : {};
  const visibility = entry.kind === 'reply' ? 'public' : 'internal';
  const e = await repo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: id,
    kind: entry.kind,
    visibility,
    authorId: ctx.principal.userId,
    body,
    data,
    createdAt: now,
  });
  const firstResponse = entry.kind === 'reply' || (entry.kind === 'call' && entry.direction === 'outbound');
  await repo.touchTicket(ctx.db, ctx.principal.tenantId, id, now, firstResponse);
  if (firstResponse) await commitments.onFirstResponse(ctx, id, commitmentTimeline(ctx, id));
  await recordAudit(ctx, {
    action: `ticket.${entry.kind}_logged`,
    entityType: 'ticket',
    entityId: id,
    changes: { eventId: e.id },
  });
  await announce(ctx, 'ticket.changed', t);
  const author = await repo.getActiveUser(ctx.db, ctx.principal.tenantId, ctx.principal.userId);
  return {
    id: String(e.id),
    kind: entry.kind,
    visibility,
    authorId: ctx.principal.userId,
    authorName: author?.displayName ?? null,
    body,
    data,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function getTimeline(ctx: ServiceContext, id: string): Promise<{ items: TimelineEntry[] }> {
  await requireTicket(ctx, id);
  const rows = await repo.findEvents(ctx.db, ctx.principal.tenantId, id);
  return {
    items: rows.map((r) => ({
      ...r,
      id: String(r.id),
      kind: r.kind as TimelineEntry['kind'],
      visibility: r.visibility === 'public' ? 'public' : 'internal',
      data: (r.data ?? {}) as Record<string, unknown>,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

function encodeCursor(c: repo.QueueCursor) {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decodeCursor(s: string | undefined): repo.QueueCursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as repo.QueueCursor;
    const atOk = c.at === null || (typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)));
    if (!atOk || typeof c.id !== 'string' || !/^[0-9a-f-]{36}$/.test(c.id)) throw new Error();
    if (c.rank !== undefined && !Number.isInteger(c.rank)) throw new Error();
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}

const waitingStatuses = ['waiting_customer', 'waiting_parts'];
/** Customers whose work goes to the express lane (the VIP agreement covers them with tighter targets). */
export const VIP_TIERS = ['vip', 'gold'] as const;

/** A queue page: a named view (mine, team, unassigned, waiting, resolved, all) narrowed by filters. */
export async function findTickets(
  ctx: ServiceContext,
  q: TicketListQuery,
): Promise<{ items: QueueRow[]; nextCursor: string | null }> {
  const filter: repo.QueueFilter = {
    visibility: visibilityOf(ctx),
    statuses: q.status,
    types: q.type,
    priorities: q.priority,
    channels: q.channel,
    customerId: q.customerId,
    assigneeId: q.assigneeId,
    teamId: q.teamId,
    tag: q.tag,
  };
  const open = [...openStatuses];
  const narrow = (statuses: string[]) =>
    (filter.statuses = q.status ? q.status.filter((s) => statuses.includes(s)) : statuses);
  if (q.view === 'mine') {
    filter.assigneeId = ctx.principal.userId;
    narrow(open);
  } else if (q.view === 'team') {
    filter.teamId = ctx.principal.teamId ?? '00000000-0000-0000-0000-000000000000';
    narrow(open);
  } else if (q.view === 'unassigned') {
    filter.assigneeId = null;
    narrow(open.filter((s) => !waitingStatuses.includes(s)));
  } else if (q.view === 'vip') {
    filter.customerTiers = [...VIP_TIERS];
    narrow(open);
  } else if (q.view === 'waiting') narrow(waitingStatuses);
  else if (q.view === 'resolved') {
    // Recently resolved: resolved in the last 7 days, whether or not it has been closed since.
    narrow(['resolved', 'closed']);
    filter.resolvedSince = new Date(ctx.now().getTime() - 7 * 86_400_000);
  }
  if (filter.statuses && filter.statuses.length === 0) return { items: [], nextCursor: null };
  if (q.q) {
    filter.text = q.q;
    const m = /^(?:[A-Za-z]+-)?(\d{1,15})$/.exec(q.q);
    if (m) filter.number = Number(m[1]);
  }
  const rows = await repo.findQueue(
    ctx.db,
    ctx.principal.tenantId,
    filter,
    q.sort,
    decodeCursor(q.cursor),
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor({
          at:
            q.sort === 'due_asc'
              ? iso(last.nextDueAt)
              : (q.sort.startsWith('created') ? last.createdAt : last.updatedAt).toISOString(),
          id: last.id,
          ...(q.sort === 'priority_desc' ? { rank: last.priorityRank } : {}),
        })
      : null;
  return {
    items: page.map(({ priorityRank: _rank, ...r }) => ({
      ...r,
      number: ticketNumber(ctx, r.number),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      nextDueAt: iso(r.nextDueAt),
      nextRiskAt: iso(r.nextRiskAt),
    })),
    nextCursor,
  };
}

// Attachments: what people send from a service call — photos, PDFs (invoices), recordings, office files.
const allowedTypes = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/wav',
  'audio/x-wav',
  'video/mp4',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/zip',
]);

/** Control characters that never occur in text (tab, newlines and form feed do). */
const isBinaryControl = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
};

/** Stores an attachment after checking its real type from its bytes (the declared type is not trusted). */
export async function attachFile(
  ctx: ServiceContext,
  store: AttachmentStore,
  id: string,
  file: { fileName: string; declaredType: string; data: Buffer },
) {
  const t = await requireTicket(ctx, id);
  if (file.data.length === 0)
    throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'empty file' }]);
  if (file.data.length > ctx.config.attachmentMaxBytes)
    throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: ctx.config.attachmentMaxBytes });
  const sniffed = await fileTypeFromBuffer(file.data);
  let contentType = sniffed?.mime as string | undefined;
  if (!sniffed && file.declaredType.startsWith('text/plain')) {
    // Plain text has no magic bytes: accept it when it decodes as UTF-8 without control characters.
    const text = new TextDecoder('utf-8', { fatal: false }).decode(file.data);
    if (!text.includes('\uFFFD') && ![...text].some(isBinaryControl)) contentType = 'text/plain';
  }
  if (contentType === 'application/zip' && /\.(xlsx|docx)$/i.test(file.fileName))
    contentType = file.fileName.toLowerCase().endsWith('.xlsx')
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (
    !contentType ||
    (contentType !== 'text/plain' && !allowedTypes.has(contentType)) ||
    contentType === 'application/zip'
  )
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { detected: contentType ?? null });
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const storageKey = `${ctx.principal.tenantId}/${t.id}/${sha256}`;
  await store.put(storageKey, file.data);
  const fileName =
    [...file.fileName]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c))
      .join('')
      .slice(0, 200) || `file-${randomUUID()}`;
  const a = await repo.insertAttachment(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: t.id,
    fileName,
    contentType,
    sizeBytes: file.data.length,
    sha256,
    storageKey,
    uploadedById: ctx.principal.userId,
  });
  const now = ctx.now();
  await repo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: t.id,
    kind: 'attachment_added',
    authorId: ctx.principal.userId,
    data: { attachmentId: a.id, fileName, contentType, sizeBytes: a.sizeBytes },
    createdAt: now,
  });
  await repo.touchTicket(ctx.db, ctx.principal.tenantId, t.id, now, false);
  await recordAudit(ctx, {
    action: 'ticket.attachment_added',
    entityType: 'ticket',
    entityId: t.id,
    changes: { attachmentId: a.id, fileName },
  });
  await announce(ctx, 'ticket.changed', t);
  return serialiseAttachment(a);
}

function serialiseAttachment(a: Awaited<ReturnType<typeof repo.findAttachments>>[number]) {
  const { storageKey: _key, ...rest } = a;
  return { ...rest, createdAt: a.createdAt.toISOString() };
}

export async function findAttachments(ctx: ServiceContext, ticketId: string) {
  await requireTicket(ctx, ticketId);
  return (await repo.findAttachments(ctx.db, ctx.principal.tenantId, ticketId)).map(serialiseAttachment);
}

/** An attachment's bytes, for a caller who may see its work order. */
export async function openAttachment(ctx: ServiceContext, store: AttachmentStore, attachmentId: string) {
  const a = await repo.getAttachmentRow(ctx.db, ctx.principal.tenantId, attachmentId);
  if (!a) throw new AppError('NOT_FOUND', { entity: 'attachment', id: attachmentId });
  await requireTicket(ctx, a.ticketId);
  return { meta: serialiseAttachment(a), stream: await store.open(a.storageKey) };
}
