import {
  type CustodyIncident,
  type CustodyItem,
  type CustodyItemDetail,
  type CustodyKind,
  can,
  type NotifyChannel,
} from '@manyi/contracts';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { iso, requireUpdated } from '../../lib/versioned';
import { recordAudit } from '../audit/audit.service';
import { getTicket } from '../tickets/tickets.service';
import * as repo from './custody.repository';

/**
 * Customer property (ISO 9001 7.5.4): the register shows the tenant's staff everything; a partner manager their
 * service point's items; a technician the items of work orders assigned to them or in their hands.
 */
export function custodyVisibility(ctx: ServiceContext): repo.CustodyVisibility {
  const p = ctx.principal;
  if (can(p.role, 'tickets.read_all')) return { kind: 'all' };
  if (p.role === 'partner_manager') return { kind: 'team', teamId: p.teamId };
  return { kind: 'technician', userId: p.userId };
}

function serialiseItem(r: repo.CustodyItemRow, now: Date): CustodyItem {
  const { ticketPrefix, returnSignature: _s, ...rest } = r;
  return {
    ...rest,
    ticketNumber: `${ticketPrefix}-${r.ticketNumber}`,
    returnSignOff: r.returnSignOff as CustodyItem['returnSignOff'],
    overdue: r.status === 'held' && r.dueBackAt !== null && r.dueBackAt.getTime() < now.getTime(),
    receivedAt: r.receivedAt.toISOString(),
    dueBackAt: iso(r.dueBackAt),
    returnedAt: iso(r.returnedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

function serialiseIncident(r: repo.IncidentRow): CustodyIncident {
  return {
    ...r,
    status: r.status as CustodyIncident['status'],
    occurredAt: r.occurredAt.toISOString(),
    notifiedAt: iso(r.notifiedAt),
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

async function requireItem(ctx: ServiceContext, id: string) {
  const r = await repo.getItemRow(ctx.db, ctx.principal.tenantId, id, custodyVisibility(ctx));
  if (!r) throw new AppError('NOT_FOUND', { entity: 'custody_item', id });
  return r;
}

export async function getCustodyItem(ctx: ServiceContext, id: string): Promise<CustodyItemDetail> {
  return readItem(ctx, await requireItem(ctx, id));
}

/**
 * After a change the caller was allowed to make, the result is shown to them even when the change took the item
 * out of their sight (a technician handing it to the workshop or back to the customer).
 */
async function readBack(ctx: ServiceContext, id: string) {
  const r = await repo.getItemRow(ctx.db, ctx.principal.tenantId, id, { kind: 'all' });
  if (!r) throw new AppError('NOT_FOUND', { entity: 'custody_item', id });
  return readItem(ctx, r);
}

async function readItem(ctx: ServiceContext, r: repo.CustodyItemRow): Promise<CustodyItemDetail> {
  const id = r.id;
  const tenantId = ctx.principal.tenantId;
  const events = await repo.findEvents(ctx.db, tenantId, id);
  const incidents = await repo.findIncidents(ctx.db, tenantId, [id]);
  return {
    ...serialiseItem(r, ctx.now()),
    returnSignature: r.returnSignature,
    events: events.map((e) => ({
      ...e,
      id: String(e.id),
      kind: e.kind as CustodyItemDetail['events'][number]['kind'],
      at: e.at.toISOString(),
    })),
    incidents: incidents.map(serialiseIncident),
  };
}

export async function findCustodyItems(
  ctx: ServiceContext,
  q: {
    status?: 'held' | 'returned' | 'lost';
    teamId?: string;
    ticketId?: string;
    overdue?: 'true' | 'false';
    withIncidents?: 'true' | 'false';
    q?: string;
    limit: number;
    cursor?: string;
  },
) {
  let before: { receivedAt: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    const receivedAt = new Date(at ?? '');
    if (!id || Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
      throw new AppError('VALIDATION_FAILED', [{ in: 'query', path: 'cursor', message: 'invalid cursor' }]);
    before = { receivedAt, id };
  }
  const now = ctx.now();
  const rows = await repo.findItems(ctx.db, ctx.principal.tenantId, custodyVisibility(ctx), {
    status: q.status,
    teamId: q.teamId,
    ticketId: q.ticketId,
    overdueAt: q.overdue === 'true' ? now : undefined,
    withIncidents: q.withIncidents === 'true',
    q: q.q,
    before,
    limit: q.limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map((r) => serialiseItem(r, now)),
    nextCursor: rows.length === q.limit && last ? `${last.receivedAt.toISOString()}|${last.id}` : null,
  };
}

/** The holder: a user of the tenant (named by their display name unless a name is given) or a named place. */
async function resolveHolder(
  ctx: ServiceContext,
  input: { holderUserId: string | null; holderName?: string },
): Promise<{ holderUserId: string | null; holderName: string }> {
  if (input.holderUserId) {
    const u = await repo.getUserName(ctx.db, ctx.principal.tenantId, input.holderUserId);
    if (!u?.active) throw new AppError('REFERENCE_INVALID', { field: 'holderUserId' });
    return { holderUserId: input.holderUserId, holderName: input.holderName ?? u.displayName };
  }
  if (input.holderName) return { holderUserId: null, holderName: input.holderName };
  const me = await repo.getUserName(ctx.db, ctx.principal.tenantId, ctx.principal.userId);
  return { holderUserId: ctx.principal.userId, holderName: me?.displayName ?? '—' };
}

export async function receiveCustodyItem(
  ctx: ServiceContext,
  input: {
    ticketId: string;
    kind: CustodyKind;
    description: string;
    serialNumber: string | null;
    condition: string;
    photoIds: string[];
    holderUserId: string | null;
    holderName?: string;
    location: string;
    receivedAt?: string;
    dueBackAt: string | null;
  },
) {
  let ticket: Awaited<ReturnType<typeof getTicket>>;
  try {
    ticket = await getTicket(ctx, input.ticketId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw new AppError('REFERENCE_INVALID', { field: 'ticketId' });
    throw e;
  }
  const tenantId = ctx.principal.tenantId;
  const photoIds = [...new Set(input.photoIds)];
  const found = await repo.ticketAttachmentIds(ctx.db, tenantId, input.ticketId, photoIds);
  if (found.length !== photoIds.length) throw new AppError('REFERENCE_INVALID', { field: 'photoIds' });
  const holder = await resolveHolder(ctx, input);
  const now = ctx.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const dueBackAt = input.dueBackAt ? new Date(input.dueBackAt) : null;
  if (dueBackAt && dueBackAt < receivedAt)
    throw new AppError('VALIDATION_FAILED', [{ path: 'dueBackAt', message: 'dueBackAt before receivedAt' }]);
  const item = await repo.insertItem(ctx.db, {
    tenantId,
    ticketId: input.ticketId,
    customerId: ticket.customerId,
    teamId: ticket.teamId ?? (ctx.principal.role === 'partner_manager' ? ctx.principal.teamId : null),
    kind: input.kind,
    description: input.description,
    serialNumber: input.serialNumber,
    condition: input.condition,
    photoIds,
    ...holder,
    location: input.location,
    receivedAt,
    dueBackAt,
    createdById: ctx.principal.userId,
    createdAt: now,
  });
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId: item.id,
    kind: 'received',
    ...holder,
    location: input.location,
    note: input.condition,
    actorId: ctx.principal.userId,
    at: receivedAt,
  });
  await recordAudit(ctx, {
    action: 'custody.received',
    entityType: 'custody_item',
    entityId: item.id,
    changes: { ticketId: input.ticketId, kind: input.kind, description: input.description },
  });
  return readBack(ctx, item.id);
}

function requireHeld(r: repo.CustodyItemRow) {
  if (r.status !== 'held') throw new AppError('CUSTODY_NOT_HELD', { status: r.status });
}

/** A change of holder and/or location: appended to the chain, never rewritten. */
export async function moveCustodyItem(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    holderUserId: string | null;
    holderName?: string;
    location: string;
    note?: string;
  },
) {
  const r = await requireItem(ctx, id);
  requireHeld(r);
  const holder = await resolveHolder(ctx, input);
  const tenantId = ctx.principal.tenantId;
  await requireUpdated(
    await repo.updateItem(ctx.db, tenantId, id, input.version, { ...holder, location: input.location }),
    'custody_item',
    id,
    () => repo.getItemRow(ctx.db, tenantId, id, { kind: 'all' }),
  );
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId: id,
    kind: 'moved',
    ...holder,
    location: input.location,
    note: input.note ?? null,
    actorId: ctx.principal.userId,
    at: ctx.now(),
  });
  await recordAudit(ctx, {
    action: 'custody.moved',
    entityType: 'custody_item',
    entityId: id,
    changes: {
      from: { holder: r.holderName, location: r.location },
      to: { ...holder, location: input.location },
    },
  });
  return readBack(ctx, id);
}

/** Back to the customer, with their sign-off: a signature image, or their confirmation in person. */
export async function returnCustodyItem(
  ctx: ServiceContext,
  id: string,
  input: { version: number; returnedToName: string; signature?: string; confirmed: boolean; note?: string },
) {
  const r = await requireItem(ctx, id);
  requireHeld(r);
  const tenantId = ctx.principal.tenantId;
  const now = ctx.now();
  await requireUpdated(
    await repo.updateItem(ctx.db, tenantId, id, input.version, {
      status: 'returned',
      returnedAt: now,
      returnedToName: input.returnedToName,
      returnSignOff: input.signature ? 'signature' : 'confirmed',
      returnSignature: input.signature ?? null,
      holderUserId: null,
      holderName: input.returnedToName,
    }),
    'custody_item',
    id,
    () => repo.getItemRow(ctx.db, tenantId, id, { kind: 'all' }),
  );
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId: id,
    kind: 'returned',
    holderName: input.returnedToName,
    location: null,
    note: input.note ?? null,
    data: { signOff: input.signature ? 'signature' : 'confirmed' },
    actorId: ctx.principal.userId,
    at: now,
  });
  await recordAudit(ctx, {
    action: 'custody.returned',
    entityType: 'custody_item',
    entityId: id,
    changes: { returnedToName: input.returnedToName },
  });
  return readBack(ctx, id);
}

/** Loss or damage. A loss takes the item out of our hands (status lost). */
export async function reportIncident(
  ctx: ServiceContext,
  itemId: string,
  input: { kind: 'loss' | 'damage'; description: string; occurredAt?: string },
) {
  const r = await requireItem(ctx, itemId);
  if (r.status === 'returned') throw new AppError('CUSTODY_NOT_HELD', { status: r.status });
  const tenantId = ctx.principal.tenantId;
  const now = ctx.now();
  const inc = await repo.insertIncident(ctx.db, {
    tenantId,
    itemId,
    kind: input.kind,
    description: input.description,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
    reportedById: ctx.principal.userId,
    createdAt: now,
  });
  if (input.kind === 'loss' && r.status === 'held')
    await requireUpdated(
      await repo.updateItem(ctx.db, tenantId, itemId, r.version, { status: 'lost' }),
      'custody_item',
      itemId,
      () => repo.getItemRow(ctx.db, tenantId, itemId, { kind: 'all' }),
    );
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId,
    kind: 'incident_opened',
    note: input.description,
    data: { incidentId: inc.id, kind: input.kind },
    actorId: ctx.principal.userId,
    at: now,
  });
  await recordAudit(ctx, {
    action: 'custody.incident_opened',
    entityType: 'custody_incident',
    entityId: inc.id,
    changes: { itemId, kind: input.kind },
  });
  return readBack(ctx, itemId);
}

async function requireIncident(ctx: ServiceContext, id: string) {
  const inc = await repo.getIncidentRow(ctx.db, ctx.principal.tenantId, id);
  if (!inc) throw new AppError('NOT_FOUND', { entity: 'custody_incident', id });
  await requireItem(ctx, inc.itemId); // visibility follows the item
  return inc;
}

/** Records that (and how, when, by whom, what) the customer was told of the loss or damage. */
export async function recordCustomerNotified(
  ctx: ServiceContext,
  id: string,
  input: { version: number; via: NotifyChannel; notifiedAt: string; what: string },
) {
  const inc = await requireIncident(ctx, id);
  if (inc.status === 'closed') throw new AppError('INCIDENT_CLOSED');
  const notifiedAt = new Date(input.notifiedAt);
  if (notifiedAt.getTime() > ctx.now().getTime() + 5 * 60_000)
    throw new AppError('VALIDATION_FAILED', [{ path: 'notifiedAt', message: 'notifiedAt is in the future' }]);
  const tenantId = ctx.principal.tenantId;
  await requireUpdated(
    await repo.updateIncident(ctx.db, tenantId, id, input.version, {
      notifiedVia: input.via,
      notifiedAt,
      notifiedById: ctx.principal.userId,
      notifiedWhat: input.what,
    }),
    'custody_incident',
    id,
    () => repo.getIncidentRow(ctx.db, tenantId, id),
  );
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId: inc.itemId,
    kind: 'customer_notified',
    note: input.what,
    data: { incidentId: id, via: input.via, notifiedAt: input.notifiedAt },
    actorId: ctx.principal.userId,
    at: ctx.now(),
  });
  await recordAudit(ctx, {
    action: 'custody.customer_notified',
    entityType: 'custody_incident',
    entityId: id,
    changes: { via: input.via, notifiedAt: input.notifiedAt },
  });
  return readBack(ctx, inc.itemId);
}

/** Closes an incident — only once the record shows the customer was told (ISO 9001 7.5.4). */
export async function closeIncident(
  ctx: ServiceContext,
  id: string,
  input: { version: number; resolution: string },
) {
  const inc = await requireIncident(ctx, id);
  if (inc.status === 'closed') throw new AppError('INCIDENT_CLOSED');
  if (!inc.notifiedAt || !inc.notifiedVia || !inc.notifiedWhat)
    throw new AppError('INCIDENT_CUSTOMER_NOT_TOLD', { incidentId: id });
  const tenantId = ctx.principal.tenantId;
  const now = ctx.now();
  await requireUpdated(
    await repo.updateIncident(ctx.db, tenantId, id, input.version, {
      status: 'closed',
      resolution: input.resolution,
      closedAt: now,
      closedById: ctx.principal.userId,
    }),
    'custody_incident',
    id,
    () => repo.getIncidentRow(ctx.db, tenantId, id),
  );
  await repo.insertEvent(ctx.db, {
    tenantId,
    itemId: inc.itemId,
    kind: 'incident_closed',
    note: input.resolution,
    data: { incidentId: id },
    actorId: ctx.principal.userId,
    at: now,
  });
  await recordAudit(ctx, { action: 'custody.incident_closed', entityType: 'custody_incident', entityId: id });
  return readBack(ctx, inc.itemId);
}

export async function custodyReport(ctx: ServiceContext) {
  return { rows: await repo.report(ctx.db, ctx.principal.tenantId, custodyVisibility(ctx), ctx.now()) };
}
