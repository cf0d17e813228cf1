import {
  can,
  type Dispatch,
  type DispatchBody,
  type DispatchCandidates,
  type DispatchSettings,
  type ExcludedCandidate,
} from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import { loadConfig } from '../../config';
import { AppError } from '../../lib/app-error';
import { inTransaction, type ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { iso } from '../../lib/versioned';
import { loadCompiledCalendar } from '../agreements/calendars.service';
import { recordAudit } from '../audit/audit.service';
import { nextWorkingMoment, workingMinutesBetween } from '../calendars/business-time';
import * as ticketsRepo from '../tickets/tickets.repository';
import { assignTicket, ticketNumber, visibilityOf } from '../tickets/tickets.service';
import { dayBounds } from '../visits/visits.service';
import * as repo from './dispatch.repository';
import * as fieldRepo from './field.repository';
import { boundingBox, exclusionsOf, type RankBasis, rank, scoreCandidate } from './ranking';

export const DEFAULT_SETTINGS = {
  autoDispatch: 'off' as const,
  partnerResponseMinutes: 120,
  maxDistanceKm: 60,
  version: 0,
};

export async function getSettings(ctx: ServiceContext): Promise<DispatchSettings> {
  return (await fieldRepo.getDispatchSettings(ctx.db, ctx.principal.tenantId)) ?? DEFAULT_SETTINGS;
}

export async function changeSettings(
  ctx: ServiceContext,
  input: Omit<DispatchSettings, 'version'> & { version: number },
): Promise<DispatchSettings> {
  const { version, ...patch } = input;
  const current = await fieldRepo.getDispatchSettings(ctx.db, ctx.principal.tenantId);
  if (!current) {
    if (version !== 0)
      throw new AppError('VERSION_CONFLICT', { entity: 'dispatch_settings', currentVersion: 0 });
    await fieldRepo.insertDispatchSettings(ctx.db, { tenantId: ctx.principal.tenantId, ...patch });
  } else if (
    !(await fieldRepo.updateDispatchSettings(ctx.db, ctx.principal.tenantId, version, patch, ctx.now()))
  )
    throw new AppError('VERSION_CONFLICT', { entity: 'dispatch_settings', currentVersion: current.version });
  await recordAudit(ctx, {
    action: 'dispatch.settings_changed',
    entityType: 'dispatch_settings',
    entityId: ctx.principal.tenantId,
    changes: patch,
  });
  return getSettings(ctx);
}

/** The work order as the caller may see it (another partner's or another tenant's: NOT_FOUND). */
async function requireVisibleTicket(ctx: ServiceContext, ticketId: string) {
  const t = await ticketsRepo.getTicketRow(ctx.db, ctx.principal.tenantId, ticketId, visibilityOf(ctx));
  if (!t) throw new AppError('NOT_FOUND', { entity: 'ticket', id: ticketId });
  return t;
}

/** A partner manager ranks only its own technicians; dispatchers rank everyone. */
function scopeOf(ctx: ServiceContext) {
  return can(ctx.principal.role, 'dispatch.manage')
    ? {}
    : { servicePointId: ctx.principal.teamId ?? '00000000-0000-0000-0000-000000000000' };
}

async function basisOf(ctx: ServiceContext, ticketId: string) {
  const tenantId = ctx.principal.tenantId;
  const [facts, settings] = await Promise.all([
    repo.getTicketBasis(ctx.db, tenantId, ticketId),
    getSettings(ctx),
  ]);
  if (!facts) throw new AppError('NOT_FOUND', { entity: 'ticket', id: ticketId });
  const now = ctx.now();
  const basis: RankBasis = {
    category: facts.category,
    ticketType: facts.type,
    tier: facts.tier,
    lat: facts.lat,
    lng: facts.lng,
    cityCode: facts.cityCode,
    districtCode: facts.districtCode,
    dueAt: facts.dueAt ? new Date(facts.dueAt) : null,
    now,
    maxDistanceKm: settings.maxDistanceKm,
  };
  return { basis, settings, day: localDateIn(ctx.principal.tenantTimeZone, now) };
}

function filterFor(
  ctx: ServiceContext,
  basis: RankBasis,
  day: string,
): Omit<repo.CandidateFilter, 'skilled' | 'limit'> {
  const { from, to } = dayBounds(ctx.principal.tenantTimeZone, day);
  const where: Omit<repo.CandidateFilter, 'skilled' | 'limit'> = {
    tenantId: ctx.principal.tenantId,
    category: basis.category,
    jobType: basis.ticketType,
    day,
    dayFrom: from,
    dayTo: to,
    ...scopeOf(ctx),
  };
  if (basis.lat !== null && basis.lng !== null)
    where.box = boundingBox(basis.lat, basis.lng, basis.maxDistanceKm);
  else where.regionCodes = [basis.districtCode, basis.cityCode].filter((c): c is string => Boolean(c));
  return where;
}

/**
 * Marks, from each technician's working calendar (compiled and cached per calendar), those whose calendar has
 * no working time on the day, with when they are next at work (the ranking decides what that means).
 */
async function markOffToday(ctx: ServiceContext, rows: repo.CandidateRow[], from: Date, to: Date) {
  const calendarIds = [...new Set(rows.map((r) => r.calendarId).filter((c): c is string => Boolean(c)))];
  if (!calendarIds.length) return rows;
  const calendars = await Promise.all(
    calendarIds.map(async (id) => [id, await loadCompiledCalendar(ctx.db, id)] as const),
  );
  const offToday = new Map<string, { nextWorkingAt: string | null }>();
  for (const [id, cal] of calendars) {
    if (workingMinutesBetween(cal, from, to) > 0) continue;
    let next: string | null = null;
    try {
      next = nextWorkingMoment(cal, to).toISOString();
    } catch {
      // A calendar that never works again: off for good (excluded whatever is due).
    }
    offToday.set(id, { nextWorkingAt: next });
  }
  for (const r of rows) {
    const off = r.calendarId ? offToday.get(r.calendarId) : undefined;
    if (off) r.offToday = off;
  }
  return rows;
}

/**
 * Ranked technicians for a work order with each one's reasons, and the nearby ones who may not take it with
 * why. Two index-friendly queries: the skilled within the search box (scored), and a few unskilled (listed).
 */
export async function rankCandidates(ctx: ServiceContext, ticketId: string): Promise<DispatchCandidates> {
  await requireVisibleTicket(ctx, ticketId);
  const { basis, day } = await basisOf(ctx, ticketId);
  const where = filterFor(ctx, basis, day);
  if (!where.box && !where.regionCodes?.length && !where.servicePointId)
    return response(ticketId, basis, day, { candidates: [], excluded: [] });
  const [skilled, unskilled] = await Promise.all([
    repo.findCandidateRows(ctx.db, { ...where, skilled: true, limit: 80 }),
    repo.findCandidateRows(ctx.db, { ...where, skilled: false, limit: 20 }),
  ]);
  const rows = await markOffToday(ctx, [...skilled, ...unskilled], where.dayFrom, where.dayTo);
  return response(ticketId, basis, day, rank(rows, basis));
}

function response(
  ticketId: string,
  basis: RankBasis,
  day: string,
  ranked: Pick<DispatchCandidates, 'candidates' | 'excluded'>,
): DispatchCandidates {
  return {
    ticketId,
    basis: {
      category: basis.category,
      ticketType: basis.ticketType as DispatchCandidates['basis']['ticketType'],
      customerTier: basis.tier,
      lat: basis.lat,
      lng: basis.lng,
      cityCode: basis.cityCode,
      districtCode: basis.districtCode,
      dueAt: iso(basis.dueAt),
      maxDistanceKm: basis.maxDistanceKm,
      day,
    },
    ...ranked,
  };
}

/** How a specific technician stands for this job: their rank (null outside the list) or why not. */
async function standingOf(ctx: ServiceContext, ticketId: string, technicianId: string) {
  const ranking = await rankCandidates(ctx, ticketId);
  const ranked = ranking.candidates.find((c) => c.technicianId === technicianId);
  if (ranked) return { ranking, pick: ranked };
  const excluded = ranking.excluded.find((c) => c.technicianId === technicianId);
  if (excluded) throw new AppError('DISPATCH_CANDIDATE_EXCLUDED', { technicianId, why: excluded.why });
  // Farther than the search radius, or beyond the listed ones: judge them on their own.
  const { basis, day } = await basisOf(ctx, ticketId);
  const filter = filterFor(ctx, basis, day);
  const [found] = await repo.findCandidateRows(ctx.db, {
    ...filter,
    box: undefined,
    regionCodes: undefined,
    technicianId,
    skilled: true,
    limit: 1,
  });
  const [row] = found ? await markOffToday(ctx, [found], filter.dayFrom, filter.dayTo) : [];
  if (!row) {
    const why: ExcludedCandidate['why'] = [{ code: 'no_profile', values: {} }];
    const t = await fieldRepo.findTechnicians(ctx.db, ctx.principal.tenantId, { id: technicianId });
    if (!t[0]) throw new AppError('REFERENCE_INVALID', { field: 'technicianId' });
    throw new AppError('DISPATCH_CANDIDATE_EXCLUDED', { technicianId, why });
  }
  const why = exclusionsOf(row, basis);
  if (why.length) throw new AppError('DISPATCH_CANDIDATE_EXCLUDED', { technicianId, why });
  const s = scoreCandidate(row, basis);
  return {
    ranking,
    pick: {
      technicianId,
      technicianName: row.technicianName,
      servicePointId: row.servicePointId,
      servicePointName: row.servicePointName,
      ownership: row.ownership ?? 'partner',
      distanceKm: s.km,
      load: row.load,
      capacity: row.dailyCapacity,
      rank: null as number | null,
      score: s.score,
      reasons: s.reasons,
    },
  };
}

/** A dispatch step on the work order's timeline (kind `dispatch`, the step in data.action). */
function timeline(
  ctx: ServiceContext,
  ticketId: string,
  action: 'dispatched' | 'accepted' | 'refused' | 'expired' | 'superseded',
  data: Record<string, unknown>,
  body?: string,
) {
  return ticketsRepo.insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId,
    kind: 'dispatch',
    authorId: ctx.principal.userId,
    body: body ?? null,
    data: { action, ...data },
    createdAt: ctx.now(),
  });
}

/** The dispatch desk acting for the system (returning refused or expired work to the dispatchers' queue). */
function asDispatchDesk(ctx: ServiceContext): ServiceContext {
  return { ...ctx, principal: { ...ctx.principal, role: 'dispatcher', teamId: null } };
}

/** Ends the live dispatch of a work order (a re-dispatch replaces it). */
async function supersedeLive(ctx: ServiceContext, ticketId: string) {
  const live = await repo.findLiveDispatch(ctx.db, ctx.principal.tenantId, ticketId);
  if (!live) return null;
  await repo.updateDispatch(
    ctx.db,
    ctx.principal.tenantId,
    live.id,
    null,
    { status: 'superseded' },
    ctx.now(),
  );
  await timeline(ctx, ticketId, 'superseded', { dispatchId: live.id, previousStatus: live.status });
  return live;
}

/**
 * Dispatches a work order (派工) to a technician: to an own service point at once, to a partner as an offer
 * that waits for the partner's answer until the deadline. Picking anyone but the top candidate needs a reason;
 * an excluded technician cannot be picked. The ticket is assigned through the tickets service.
 */
export async function dispatchTicket(
  ctx: ServiceContext,
  ticketId: string,
  input: DispatchBody,
  mode: 'manual' | 'auto' = 'manual',
): Promise<Dispatch> {
  const { ranking, pick } = await standingOf(ctx, ticketId, input.technicianId);
  if (pick.rank !== 1 && !input.overrideReason)
    throw new AppError('DISPATCH_OVERRIDE_REASON_REQUIRED', {
      top: ranking.candidates[0]
        ? { technicianId: ranking.candidates[0].technicianId, score: ranking.candidates[0].score }
        : null,
      picked: { technicianId: pick.technicianId, rank: pick.rank, score: pick.score },
    });
  const settings = await getSettings(ctx);
  const now = ctx.now();
  const previous = await supersedeLive(ctx, ticketId);
  const offered = pick.ownership === 'partner';
  const respondBy = offered ? new Date(now.getTime() + settings.partnerResponseMinutes * 60_000) : null;
  await assignTicket(ctx, ticketId, {
    version: input.version,
    teamId: pick.servicePointId,
    assigneeId: offered ? null : pick.technicianId,
  });
  const d = await repo.insertDispatch(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId,
    servicePointId: pick.servicePointId,
    technicianId: pick.technicianId,
    status: offered ? 'offered' : 'assigned',
    mode,
    rank: pick.rank,
    score: pick.score,
    overrideReason: pick.rank === 1 ? null : input.overrideReason,
    respondBy,
    createdById: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  await timeline(
    ctx,
    ticketId,
    'dispatched',
    {
      dispatchId: d.id,
      mode,
      redispatch: Boolean(previous),
      status: offered ? 'offered' : 'assigned',
      servicePointId: pick.servicePointId,
      servicePointName: pick.servicePointName,
      technicianId: pick.technicianId,
      technicianName: pick.technicianName,
      rank: pick.rank,
      score: pick.score,
      respondBy: iso(respondBy),
    },
    pick.rank === 1 ? undefined : (input.overrideReason ?? undefined),
  );
  await recordAudit(ctx, {
    action: 'ticket.dispatched',
    entityType: 'ticket',
    entityId: ticketId,
    changes: {
      dispatchId: d.id,
      technicianId: pick.technicianId,
      servicePointId: pick.servicePointId,
      rank: pick.rank,
      overrideReason: input.overrideReason,
    },
  });
  return getDispatch(ctx, d.id);
}

/** Dispatches to the top candidate (on demand, or by the sweep when the tenant turned auto-dispatch on). */
export async function autoDispatchTicket(ctx: ServiceContext, ticketId: string, version: number) {
  const ranking = await rankCandidates(ctx, ticketId);
  const top = ranking.candidates[0];
  if (!top) throw new AppError('DISPATCH_NO_CANDIDATE', { excluded: ranking.excluded.length });
  return dispatchTicket(
    ctx,
    ticketId,
    { version, technicianId: top.technicianId, overrideReason: null },
    'auto',
  );
}

function serialise(
  ctx: ServiceContext,
  d: NonNullable<Awaited<ReturnType<typeof repo.getDispatchRow>>>,
): Dispatch {
  const { createdById: _by, ...rest } = d;
  return {
    ...rest,
    ticketNumber: ticketNumber(ctx, d.ticketNumber),
    mode: d.mode === 'auto' ? 'auto' : 'manual',
    respondBy: iso(d.respondBy),
    respondedAt: iso(d.respondedAt),
    createdAt: d.createdAt.toISOString(),
  };
}

/** Who may see or answer a dispatch: the dispatch desk, or the service point it went to. */
function mayHandle(
  ctx: ServiceContext,
  d: { servicePointId: string; technicianId: string | null; status: string },
) {
  const p = ctx.principal;
  if (can(p.role, 'dispatch.manage') || p.role === 'admin') return true;
  if (p.role === 'partner_manager') return p.teamId === d.servicePointId;
  return d.technicianId === p.userId && d.status === 'assigned';
}

export async function getDispatch(ctx: ServiceContext, id: string) {
  const d = await repo.getDispatchRow(ctx.db, ctx.principal.tenantId, id);
  if (!d || !mayHandle(ctx, d)) throw new AppError('NOT_FOUND', { entity: 'dispatch', id });
  return serialise(ctx, d);
}

export async function findTicketDispatches(ctx: ServiceContext, ticketId: string) {
  await requireVisibleTicket(ctx, ticketId);
  const rows = await repo.findTicketDispatches(ctx.db, ctx.principal.tenantId, ticketId);
  // A partner sees its own dealings with the job, not other partners' refusals.
  return rows.filter((d) => mayHandle(ctx, d)).map((d) => serialise(ctx, d));
}

/** The partner's inbox: offers waiting for its answer (or everything dispatched to it). */
export async function findInbox(ctx: ServiceContext, status: 'offered' | 'all') {
  const p = ctx.principal;
  const point = p.role === 'partner_manager' ? (p.teamId ?? '00000000-0000-0000-0000-000000000000') : null;
  const rows = await repo.findServicePointDispatches(ctx.db, p.tenantId, point, status);
  return rows.map((d) => serialise(ctx, d));
}

async function requireOffer(ctx: ServiceContext, id: string, version: number) {
  const d = await repo.getDispatchRow(ctx.db, ctx.principal.tenantId, id);
  if (!d || !mayHandle(ctx, d)) throw new AppError('NOT_FOUND', { entity: 'dispatch', id });
  if (d.status !== 'offered') throw new AppError('DISPATCH_NOT_OFFERED', { status: d.status });
  if (d.respondBy && d.respondBy < ctx.now())
    throw new AppError('DISPATCH_NOT_OFFERED', { status: 'expired', respondBy: d.respondBy.toISOString() });
  if (d.version !== version)
    throw new AppError('VERSION_CONFLICT', { entity: 'dispatch', id, currentVersion: d.version });
  return d;
}

/** The partner takes the job, for the proposed technician or another of its own; the work order is assigned. */
export async function acceptDispatch(
  ctx: ServiceContext,
  id: string,
  input: { version: number; technicianId: string | null },
) {
  const d = await requireOffer(ctx, id, input.version);
  const technicianId = input.technicianId ?? d.technicianId;
  if (!technicianId) throw new AppError('VALIDATION_FAILED', [{ path: 'technicianId', message: 'required' }]);
  if (technicianId !== d.technicianId) {
    const { pick } = await standingOf(ctx, d.ticketId, technicianId);
    if (pick.servicePointId !== d.servicePointId)
      throw new AppError('REFERENCE_INVALID', { field: 'technicianId', reason: 'outside_service_point' });
  }
  const now = ctx.now();
  if (
    !(await repo.updateDispatch(
      ctx.db,
      ctx.principal.tenantId,
      id,
      input.version,
      { status: 'assigned', technicianId, respondedAt: now, respondedById: ctx.principal.userId },
      now,
    ))
  )
    throw new AppError('VERSION_CONFLICT', { entity: 'dispatch', id });
  const t = await requireVisibleTicket(ctx, d.ticketId);
  await assignTicket(ctx, d.ticketId, {
    version: t.version,
    teamId: d.servicePointId,
    assigneeId: technicianId,
  });
  await timeline(ctx, d.ticketId, 'accepted', {
    dispatchId: id,
    servicePointId: d.servicePointId,
    servicePointName: d.servicePointName,
    technicianId,
  });
  await recordAudit(ctx, {
    action: 'dispatch.accepted',
    entityType: 'dispatch',
    entityId: id,
    changes: { technicianId },
  });
  return getDispatch(ctx, id);
}

/** The partner declines; the reason is kept and the work order goes back to the dispatchers. */
export async function refuseDispatch(
  ctx: ServiceContext,
  id: string,
  input: { version: number; reason: string },
) {
  const d = await requireOffer(ctx, id, input.version);
  const now = ctx.now();
  if (
    !(await repo.updateDispatch(
      ctx.db,
      ctx.principal.tenantId,
      id,
      input.version,
      {
        status: 'refused',
        refusalReason: input.reason,
        respondedAt: now,
        respondedById: ctx.principal.userId,
      },
      now,
    ))
  )
    throw new AppError('VERSION_CONFLICT', { entity: 'dispatch', id });
  await returnToDesk(asDispatchDesk(ctx), d.ticketId, d.servicePointId);
  await timeline(
    ctx,
    d.ticketId,
    'refused',
    { dispatchId: id, servicePointId: d.servicePointId, servicePointName: d.servicePointName },
    input.reason,
  );
  await recordAudit(ctx, {
    action: 'dispatch.refused',
    entityType: 'dispatch',
    entityId: id,
    changes: { reason: input.reason },
  });
  const row = await repo.getDispatchRow(ctx.db, ctx.principal.tenantId, id);
  return serialise(ctx, row!);
}

/** Unassigns a work order still held by the service point, so it is back in the unassigned queue. */
async function returnToDesk(ctx: ServiceContext, ticketId: string, servicePointId: string) {
  const t = await ticketsRepo.getTicketRow(ctx.db, ctx.principal.tenantId, ticketId, { kind: 'all' });
  if (!t || t.teamId !== servicePointId) return;
  await assignTicket(ctx, ticketId, { version: t.version, teamId: null, assigneeId: null });
}

/** A context for background work in a tenant, acting as the dispatcher who made the dispatch. */
async function systemContext(
  database: Database,
  db: Executor,
  tenantId: string,
  userId: string | null,
  now: Date,
) {
  const tenant = await repo.getTenantFacts(db, tenantId);
  const actor = userId ?? (await repo.firstDispatcherOf(db, tenantId));
  if (!tenant || !actor) return null;
  const ctx: ServiceContext = {
    db,
    database,
    config: loadConfig({}),
    principal: {
      kind: 'session',
      tenantId,
      tenantTimeZone: tenant.timeZone,
      ticketPrefix: tenant.ticketPrefix,
      userId: actor,
      role: 'dispatcher',
      teamId: null,
      credentialId: 'dispatch-sweep',
    },
    lang: 'zh',
    requestId: 'dispatch-sweep',
    now: () => now,
  };
  return ctx;
}

/**
 * Expires offers past their deadline (the work order goes back to the dispatchers) and, where the tenant
 * turned auto-dispatch on, dispatches waiting work to its top candidate. Run every minute by a pg-boss job
 * across tenants, or on demand for the caller's tenant.
 */
export async function sweepDispatches(database: Database, opts: { tenantId?: string; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  let expired = 0;
  let autoDispatched = 0;
  // One offer per transaction: its expiry, the work order's return and the timeline entry commit together.
  for (;;) {
    // Live notices go out after the commit (see inTransaction).
    const tasks: (() => Promise<void>)[] = [];
    const done = await database.db.transaction(async (tx) => {
      const [o] = await repo.claimOverdueOffers(tx, now, opts.tenantId, 1);
      if (!o) return false;
      const ctx = await systemContext(database, tx, o.tenantId, o.createdById, now);
      if (ctx) {
        ctx.afterCommit = (task) => void tasks.push(task);
        await returnToDesk(ctx, o.ticketId, o.servicePointId);
        await timeline(ctx, o.ticketId, 'expired', { dispatchId: o.id, servicePointId: o.servicePointId });
      }
      return true;
    });
    for (const task of tasks) await task();
    if (!done) break;
    expired++;
  }
  const tenants = opts.tenantId ? [opts.tenantId] : await repo.findAutoDispatchTenants(database.db);
  for (const tenantId of tenants) {
    const settings = await fieldRepo.getDispatchSettings(database.db, tenantId);
    if (settings?.autoDispatch !== 'top_candidate') continue;
    const base = await systemContext(database, database.db, tenantId, null, now);
    if (!base) continue;
    for (const t of await repo.findUndispatchedTickets(database.db, tenantId, 50)) {
      try {
        await inTransaction(base, (ctx) => autoDispatchTicket(ctx, t.id, t.version));
        autoDispatched++;
      } catch (err) {
        // No candidate or a concurrent change: the job stays for the dispatchers (or the next sweep).
        if (!(err instanceof AppError)) throw err;
      }
    }
  }
  return { expired, autoDispatched };
}
