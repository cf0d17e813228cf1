import {
  can,
  canTransition,
  type FieldVisit,
  type PublicVisit,
  type PublicVisitAnswerBody,
  type TicketStatus,
  type Visit,
  type VisitBoard,
  type VisitCheckInBody,
  type VisitCreateBody,
  type VisitMissedBody,
  type VisitReportBody,
  type VisitRescheduleBody,
  type VisitRevisitBody,
  type VisitSignOffBody,
  type VisitStatus,
  type VisitWindow,
  visitTransitions,
} from '@manyi/contracts';
import type { Database } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { AttachmentStore } from '../../lib/attachment-store';
import { inTransaction, type ServiceContext, systemPrincipal } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import {
  issuePublicLink,
  resolvePublicLink,
  revokePublicLinks,
  spendPublicLink,
} from '../../lib/public-links';
import { iso, requireUpdated } from '../../lib/versioned';
import { recordAudit } from '../audit/audit.service';
import * as commitments from '../commitments/commitments.service';
import { onVisitCompleted } from '../surveys/survey-triggers';
import { insertEvent } from '../tickets/tickets.repository';
import * as tickets from '../tickets/tickets.service';
import * as repo from './visits.repository';

/** A technician's daily visits when no technician profile says otherwise. */
export const DEFAULT_DAILY_CAPACITY = 6;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_WINDOW_MS = 12 * 3_600_000;

// ---------- who sees what ----------

export function visitVisibilityOf(ctx: ServiceContext): repo.VisitVisibility {
  const p = ctx.principal;
  if (can(p.role, 'tickets.read_all')) return { kind: 'all' };
  if (p.role === 'partner_manager') return { kind: 'team', teamId: p.teamId };
  return { kind: 'technician', userId: p.userId };
}

async function requireVisit(ctx: ServiceContext, id: string) {
  const v = await repo.getVisitRow(ctx.db, ctx.principal.tenantId, id, visitVisibilityOf(ctx));
  if (!v) throw new AppError('NOT_FOUND', { entity: 'visit', id });
  return v;
}

function serialise(v: repo.VisitRow): Visit {
  return {
    ...v,
    offeredWindows: (v.offeredWindows ?? []) as VisitWindow[],
    customerAnswer: v.customerAnswer as Visit['customerAnswer'],
    result: v.result as Visit['result'],
    windowStart: v.windowStart.toISOString(),
    windowEnd: v.windowEnd.toISOString(),
    customerAnsweredAt: iso(v.customerAnsweredAt),
    confirmedAt: iso(v.confirmedAt),
    checkedInAt: iso(v.checkedInAt),
    reportedAt: iso(v.reportedAt),
    signedAt: iso(v.signedAt),
    checkedOutAt: iso(v.checkedOutAt),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

async function reload(ctx: ServiceContext, id: string) {
  const v = await repo.getVisitRow(ctx.db, ctx.principal.tenantId, id, { kind: 'all' });
  return serialise(v!);
}

// ---------- helpers ----------

function checkWindow(start: string, end: string, path = 'windowEnd') {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!(e > s) || e - s > MAX_WINDOW_MS) throw new AppError('VISIT_WINDOW_INVALID', { path, start, end });
  return { start: new Date(s), end: new Date(e) };
}

function checkOffered(windows: VisitWindow[]) {
  windows.forEach((w, i) => {
    checkWindow(w.start, w.end, `offeredWindows.${i}`);
  });
  return windows.map((w) => ({
    start: new Date(w.start).toISOString(),
    end: new Date(w.end).toISOString(),
  }));
}

function requireStep(v: { id: string; status: VisitStatus }, to: VisitStatus, action: string) {
  if (!visitTransitions[v.status].includes(to))
    throw new AppError('VISIT_STATUS_CONFLICT', {
      id: v.id,
      from: v.status,
      action,
      allowed: visitTransitions[v.status],
    });
}

async function requireTechnician(ctx: ServiceContext, userId: string) {
  const u = await repo.getTechnician(ctx.db, ctx.principal.tenantId, userId);
  if (u?.role !== 'technician' || !u.active)
    throw new AppError('VISIT_TECHNICIAN_INVALID', { field: 'technicianId' });
  // A service point's manager plans its own technicians only.
  if (ctx.principal.role === 'partner_manager' && u.teamId !== ctx.principal.teamId)
    throw new AppError('FORBIDDEN', { reason: 'technician_outside_service_point' });
  return u;
}

/** The technician doing the visit must be able to open its work order: it is assigned to them. */
async function assignToTechnician(
  ctx: ServiceContext,
  ticketId: string,
  tech: { id: string; teamId: string | null },
) {
  const t = await tickets.getTicket(ctx, ticketId);
  if (t.assigneeId === tech.id) return;
  await tickets.assignTicket(ctx, ticketId, {
    version: t.version,
    teamId: tech.teamId ?? t.teamId,
    assigneeId: tech.id,
  });
}

/** Moves the work order when the state machine allows it; a visit step never fails on the ticket's status. */
async function moveTicket(ctx: ServiceContext, ticketId: string, to: TicketStatus, note?: string) {
  const t = await tickets.getTicket(ctx, ticketId);
  if (t.status === to || !canTransition(t.status, to)) return;
  await tickets.transitionTicket(ctx, ticketId, { version: t.version, to, note });
}

async function timeline(
  ctx: ServiceContext,
  v: { id: string; ticketId: string },
  action: string,
  body: string | null,
  data: Record<string, unknown> = {},
) {
  await insertEvent(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId: v.ticketId,
    kind: 'visit',
    visibility: 'internal',
    authorId: ctx.principal.kind === 'public_link' ? null : ctx.principal.userId,
    body,
    data: { action, visitId: v.id, ...data },
    createdAt: ctx.now(),
  });
  await recordAudit(ctx, { action: `visit.${action}`, entityType: 'visit', entityId: v.id, changes: data });
}

const timeFmt = new Map<string, Intl.DateTimeFormat>();
/** "11-24 09:00–11:00" in the tenant's time zone, for timeline lines. */
function windowText(timeZone: string, start: Date, end: Date) {
  let f = timeFmt.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    timeFmt.set(timeZone, f);
  }
  const endTime = f.format(end).split(' ').at(-1);
  return `${f.format(start)}–${endTime}`;
}

async function updateOrConflict(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Parameters<typeof repo.updateVisit>[4],
) {
  await requireUpdated(
    await repo.updateVisit(ctx.db, ctx.principal.tenantId, id, version, patch, ctx.now()),
    'visit',
    id,
    () => repo.getVisitRow(ctx.db, ctx.principal.tenantId, id, { kind: 'all' }),
  );
}

// ---------- planning (dispatcher, supervisor, partner manager) ----------

export async function findTicketVisits(ctx: ServiceContext, ticketId: string): Promise<Visit[]> {
  await tickets.getTicket(ctx, ticketId);
  return (await repo.findTicketVisits(ctx.db, ctx.principal.tenantId, ticketId)).map(serialise);
}

export async function getVisit(ctx: ServiceContext, id: string): Promise<Visit> {
  return serialise(await requireVisit(ctx, id));
}

async function plan(
  ctx: ServiceContext,
  ticketId: string,
  input: {
    technicianId: string;
    windowStart: string;
    windowEnd: string;
    offeredWindows: VisitWindow[];
    confirmed: boolean;
    reason?: string;
    revisitOfId?: string;
  },
) {
  const t = await tickets.getTicket(ctx, ticketId);
  if (['resolved', 'closed', 'cancelled'].includes(t.status))
    throw new AppError('INVALID_TRANSITION', { from: t.status, action: 'plan_visit' });
  const w = checkWindow(input.windowStart, input.windowEnd);
  const offered = checkOffered(input.offeredWindows);
  const tech = await requireTechnician(ctx, input.technicianId);
  const now = ctx.now();
  const id = await repo.insertVisit(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ticketId,
    technicianId: tech.id,
    teamId: tech.teamId,
    status: input.confirmed ? 'confirmed' : 'proposed',
    windowStart: w.start,
    windowEnd: w.end,
    offeredWindows: offered,
    revisitOfId: input.revisitOfId ?? null,
    reason: input.reason ?? null,
    confirmedAt: input.confirmed ? now : null,
    createdById: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  await assignToTechnician(ctx, ticketId, tech);
  const when = windowText(ctx.principal.tenantTimeZone, w.start, w.end);
  await timeline(
    ctx,
    { id, ticketId },
    input.revisitOfId ? 'revisit_planned' : 'planned',
    `${input.revisitOfId ? '安排二次上门' : '预约上门'} ${when} · ${tech.displayName}${input.reason ? ` · ${input.reason}` : ''}`,
    {
      technicianId: tech.id,
      windowStart: w.start.toISOString(),
      windowEnd: w.end.toISOString(),
      confirmed: input.confirmed,
      revisitOfId: input.revisitOfId ?? null,
    },
  );
  if (input.confirmed) await moveTicket(ctx, ticketId, 'scheduled');
  return reload(ctx, id);
}

/** Plans a visit on a work order: a window with a technician, proposed to the customer or already agreed. */
export async function planVisit(ctx: ServiceContext, ticketId: string, input: VisitCreateBody) {
  return plan(ctx, ticketId, input);
}

/** A new visit following an earlier one (parts needed, customer not home). */
export async function planRevisit(ctx: ServiceContext, visitId: string, input: VisitRevisitBody) {
  const prev = await requireVisit(ctx, visitId);
  if (!['completed', 'missed', 'checked_in'].includes(prev.status))
    throw new AppError('VISIT_STATUS_CONFLICT', { id: visitId, from: prev.status, action: 'revisit' });
  return plan(ctx, prev.ticketId, {
    ...input,
    technicianId: input.technicianId ?? prev.technicianId,
    revisitOfId: prev.id,
  });
}

/** Moves the window (and possibly the technician); a new window waits for the customer unless agreed. */
export async function rescheduleVisit(ctx: ServiceContext, id: string, input: VisitRescheduleBody) {
  const v = await requireVisit(ctx, id);
  if (v.status !== 'proposed' && v.status !== 'confirmed')
    throw new AppError('VISIT_STATUS_CONFLICT', { id, from: v.status, action: 'reschedule' });
  const w = checkWindow(input.windowStart, input.windowEnd);
  const offered = checkOffered(input.offeredWindows);
  const tech =
    input.technicianId && input.technicianId !== v.technicianId
      ? await requireTechnician(ctx, input.technicianId)
      : null;
  const now = ctx.now();
  await updateOrConflict(ctx, id, input.version, {
    windowStart: w.start,
    windowEnd: w.end,
    offeredWindows: offered,
    status: input.confirmed ? 'confirmed' : 'proposed',
    confirmedAt: input.confirmed ? now : null,
    customerAnswer: null,
    customerPreferredTime: null,
    customerNote: null,
    customerAnsweredAt: null,
    ...(tech ? { technicianId: tech.id, teamId: tech.teamId } : {}),
  });
  // Links to the old window must not confirm the new one.
  await revokePublicLinks(ctx.db, ctx.principal.tenantId, 'visit', id, now);
  if (tech) await assignToTechnician(ctx, v.ticketId, tech);
  await timeline(
    ctx,
    v,
    'rescheduled',
    `改约 ${windowText(ctx.principal.tenantTimeZone, w.start, w.end)}${tech ? ` · ${tech.displayName}` : ''}${input.note ? ` · ${input.note}` : ''}`,
    {
      from: { windowStart: v.windowStart.toISOString(), windowEnd: v.windowEnd.toISOString() },
      to: { windowStart: w.start.toISOString(), windowEnd: w.end.toISOString() },
      technicianId: tech?.id ?? v.technicianId,
      confirmed: input.confirmed,
    },
  );
  if (input.confirmed) await moveTicket(ctx, v.ticketId, 'scheduled');
  else if (
    v.status === 'confirmed' &&
    (await repo.countLiveVisits(ctx.db, ctx.principal.tenantId, v.ticketId, id)) === 0
  )
    await moveTicket(ctx, v.ticketId, 'open');
  return reload(ctx, id);
}

/** The customer agreed to the window on the phone (the link does the same without a login). */
export async function confirmVisit(
  ctx: ServiceContext,
  id: string,
  input: { version: number; note?: string },
) {
  const v = await requireVisit(ctx, id);
  requireStep(v, 'confirmed', 'confirm');
  await updateOrConflict(ctx, id, input.version, { status: 'confirmed', confirmedAt: ctx.now() });
  await timeline(ctx, v, 'confirmed', `客户已确认上门时间${input.note ? ` · ${input.note}` : ''}`, {
    by: 'staff',
  });
  await moveTicket(ctx, v.ticketId, 'scheduled');
  return reload(ctx, id);
}

export async function cancelVisit(
  ctx: ServiceContext,
  id: string,
  input: { version: number; reason: string },
) {
  const v = await requireVisit(ctx, id);
  requireStep(v, 'cancelled', 'cancel');
  const now = ctx.now();
  await updateOrConflict(ctx, id, input.version, { status: 'cancelled', cancelReason: input.reason });
  await revokePublicLinks(ctx.db, ctx.principal.tenantId, 'visit', id, now);
  await timeline(ctx, v, 'cancelled', `取消上门 · ${input.reason}`, { reason: input.reason });
  if ((await repo.countLiveVisits(ctx.db, ctx.principal.tenantId, v.ticketId, id)) === 0) {
    const t = await tickets.getTicket(ctx, v.ticketId);
    if (t.status === 'scheduled') await moveTicket(ctx, v.ticketId, 'open');
  }
  return reload(ctx, id);
}

/** Issues the customer's appointment link (a new one withdraws the older ones). */
export async function issueVisitLink(ctx: ServiceContext, id: string, input: { expiresInHours: number }) {
  const v = await requireVisit(ctx, id);
  if (v.status !== 'proposed' && v.status !== 'confirmed')
    throw new AppError('VISIT_STATUS_CONFLICT', { id, from: v.status, action: 'issue_link' });
  const now = ctx.now();
  await revokePublicLinks(ctx.db, ctx.principal.tenantId, 'visit', id, now);
  const link = await issuePublicLink(ctx.db, {
    tenantId: ctx.principal.tenantId,
    purpose: 'visit',
    subjectId: id,
    expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
    createdById: ctx.principal.userId,
  });
  await timeline(ctx, v, 'link_issued', '已生成预约确认链接', { expiresAt: link.expiresAt.toISOString() });
  return { token: link.token, path: link.path, expiresAt: link.expiresAt.toISOString() };
}

// ---------- the technician on site ----------

/** Field work is the assigned technician's; a supervisor or admin may act for them (e.g. correcting a record). */
async function requireFieldVisit(ctx: ServiceContext, id: string) {
  const v = await requireVisit(ctx, id);
  const p = ctx.principal;
  if (p.role === 'technician' && v.technicianId !== p.userId)
    throw new AppError('NOT_FOUND', { entity: 'visit', id });
  return v;
}

export async function checkIn(ctx: ServiceContext, id: string, input: VisitCheckInBody) {
  const v = await requireFieldVisit(ctx, id);
  requireStep(v, 'checked_in', 'check_in');
  const hasPosition = input.lat !== undefined && input.lng !== undefined;
  if (!hasPosition && !input.note)
    throw new AppError('VALIDATION_FAILED', [
      { path: 'note', message: 'without a position, say why (e.g. location permission refused)' },
    ]);
  const at = ctx.now();
  await updateOrConflict(ctx, id, input.version, {
    status: 'checked_in',
    checkedInAt: at,
    checkInLat: hasPosition ? input.lat : null,
    checkInLng: hasPosition ? input.lng : null,
    checkInAccuracyM: hasPosition ? (input.accuracyM ?? null) : null,
    checkInNote: input.note ?? null,
  });
  await timeline(
    ctx,
    v,
    'checked_in',
    `工程师已到场签到${hasPosition ? '' : `（无定位：${input.note}）`}`,
    hasPosition
      ? { lat: input.lat, lng: input.lng, accuracyM: input.accuracyM ?? null }
      : { note: input.note },
  );
  // On-site arrival is met now, at check-in (not when the status changes).
  await commitments.onSiteArrival(ctx, v.ticketId, at, async (data) => {
    await insertEvent(ctx.db, {
      tenantId: ctx.principal.tenantId,
      ticketId: v.ticketId,
      kind: 'commitment',
      authorId: null,
      data,
      createdAt: at,
    });
  });
  await moveTicket(ctx, v.ticketId, 'in_progress');
  return reload(ctx, id);
}

export async function reportWork(ctx: ServiceContext, id: string, input: VisitReportBody) {
  const v = await requireFieldVisit(ctx, id);
  if (v.status !== 'checked_in')
    throw new AppError('VISIT_STATUS_CONFLICT', { id, from: v.status, action: 'report' });
  await updateOrConflict(ctx, id, input.version, {
    workDone: input.workDone,
    cause: input.cause ?? null,
    result: input.result,
    reportedAt: ctx.now(),
  });
  await timeline(
    ctx,
    v,
    'reported',
    `服务报告：${input.workDone}${input.cause ? `（原因：${input.cause}）` : ''}`,
    {
      result: input.result,
    },
  );
  return reload(ctx, id);
}

/** Stores the customer's drawn signature as a PNG attachment of the work order and records who signed. */
export async function signOff(
  ctx: ServiceContext,
  store: AttachmentStore,
  id: string,
  input: VisitSignOffBody,
) {
  const v = await requireFieldVisit(ctx, id);
  if (v.status !== 'checked_in')
    throw new AppError('VISIT_STATUS_CONFLICT', { id, from: v.status, action: 'sign_off' });
  const data = Buffer.from(input.signaturePng.slice(input.signaturePng.indexOf(',') + 1), 'base64');
  const a = await tickets.attachFile(ctx, store, v.ticketId, {
    fileName: `signature-${id.slice(0, 8)}.png`,
    declaredType: 'image/png',
    data,
  });
  if (a.contentType !== 'image/png')
    throw new AppError('VALIDATION_FAILED', [{ path: 'signaturePng', message: 'not a PNG image' }]);
  await updateOrConflict(ctx, id, input.version, {
    signatureAttachmentId: a.id,
    signedByName: input.signedByName,
    signedAt: ctx.now(),
  });
  await timeline(ctx, v, 'signed', `客户签字确认：${input.signedByName}`, {
    attachmentId: a.id,
    signedByName: input.signedByName,
  });
  return reload(ctx, id);
}

/** Leaves the site: the report and the signature are required; a resolved result resolves the work order. */
export async function checkOut(ctx: ServiceContext, id: string, input: { version: number }) {
  const v = await requireFieldVisit(ctx, id);
  requireStep(v, 'completed', 'check_out');
  const missing = [...(v.reportedAt ? [] : ['report']), ...(v.signatureAttachmentId ? [] : ['signature'])];
  if (missing.length) throw new AppError('VISIT_INCOMPLETE', { missing });
  await updateOrConflict(ctx, id, input.version, { status: 'completed', checkedOutAt: ctx.now() });
  await timeline(ctx, v, 'completed', '工程师离场，上门服务完成', { result: v.result });
  // Visit survey (surveys/survey-triggers.ts): once per visit, consent and sampling decided there.
  await onVisitCompleted(ctx, { id, ticketId: v.ticketId, result: v.result });
  if (v.result === 'resolved') await moveTicket(ctx, v.ticketId, 'resolved', v.workDone ?? undefined);
  else await moveTicket(ctx, v.ticketId, 'open');
  return reload(ctx, id);
}

/** The customer was not home (or could not be served): reason, the work order waits, optionally a revisit. */
export async function markMissed(ctx: ServiceContext, id: string, input: VisitMissedBody) {
  const v = await requireFieldVisit(ctx, id);
  requireStep(v, 'missed', 'missed');
  await updateOrConflict(ctx, id, input.version, { status: 'missed', missedReason: input.reason });
  await timeline(ctx, v, 'missed', `上门未遇 · ${input.reason}`, { reason: input.reason });
  await moveTicket(ctx, v.ticketId, 'waiting_customer');
  let revisit: Visit | null = null;
  if (
    input.revisit?.technicianId &&
    ctx.principal.role === 'technician' &&
    input.revisit.technicianId !== ctx.principal.userId
  )
    throw new AppError('FORBIDDEN', { reason: 'technician_plans_own_revisit_only' });
  if (input.revisit) {
    // The technician may propose a new window for their own next visit; the dispatcher confirms it with the customer.
    revisit = await plan(ctx, v.ticketId, {
      technicianId: input.revisit.technicianId ?? v.technicianId,
      windowStart: input.revisit.windowStart,
      windowEnd: input.revisit.windowEnd,
      offeredWindows: [],
      confirmed: false,
      reason: input.reason,
      revisitOfId: v.id,
    });
  }
  return { visit: await reload(ctx, id), revisit };
}

// ---------- lists ----------

/** The UTC instants where a local calendar date starts and ends in a time zone. */
export function dayBounds(timeZone: string, date: string): { from: Date; to: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = (day: number) => {
    const guess = Date.UTC(y, m - 1, day);
    const offset = (t: number) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }).formatToParts(new Date(t));
      const get = (k: string) => Number(parts.find((p) => p.type === k)?.value);
      return (
        Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t
      );
    };
    const first = guess - offset(guess);
    return new Date(guess - offset(first));
  };
  return { from: at(d), to: at(d + 1) };
}

function fieldVisit(ctx: ServiceContext, r: repo.FieldVisitRow): FieldVisit {
  const {
    ticketNumber,
    ticketSubject,
    ticketType,
    ticketStatus,
    ticketVersion,
    customerName,
    customerPhone,
    addrProvince,
    addrCity,
    addrDistrict,
    addrDetail,
    lat,
    lng,
    product,
    serialNumber,
    ...v
  } = r;
  const address = addrDetail
    ? [addrProvince, addrCity === addrProvince ? null : addrCity, addrDistrict, addrDetail]
        .filter(Boolean)
        .join('')
    : null;
  return {
    ...serialise(v),
    ticketNumber: tickets.ticketNumber(ctx, ticketNumber),
    ticketSubject,
    ticketType,
    ticketStatus,
    ticketVersion,
    customerName,
    customerPhone,
    address,
    lat,
    lng,
    product,
    serialNumber,
  };
}

/** The technician's day: their visits in window order, with what they need on the road. */
export async function findMyVisits(
  ctx: ServiceContext,
  date?: string,
): Promise<{ date: string; items: FieldVisit[] }> {
  const day = date ?? localDateIn(ctx.principal.tenantTimeZone, ctx.now());
  const { from, to } = dayBounds(ctx.principal.tenantTimeZone, day);
  const rows = await repo.findFieldVisits(ctx.db, ctx.principal.tenantId, {
    technicianId: ctx.principal.userId,
    from,
    to,
  });
  return { date: day, items: rows.filter((r) => r.status !== 'cancelled').map((r) => fieldVisit(ctx, r)) };
}

/** One visit as the technician's phone shows it. */
export async function getFieldVisit(ctx: ServiceContext, id: string): Promise<FieldVisit> {
  await requireVisit(ctx, id);
  const [r] = await repo.findFieldVisits(ctx.db, ctx.principal.tenantId, {
    visitId: id,
    from: new Date(0),
    to: new Date(0),
  });
  return fieldVisit(ctx, r!);
}

/** The dispatch board: one row per technician with the day's visits, load against capacity. */
export async function getBoard(
  ctx: ServiceContext,
  q: { date: string; teamId?: string },
): Promise<VisitBoard> {
  const p = ctx.principal;
  let teamId = q.teamId;
  if (!can(p.role, 'tickets.read_all')) {
    // A partner manager sees their own service point's technicians only.
    if (q.teamId && q.teamId !== p.teamId) throw new AppError('FORBIDDEN', { reason: 'other_service_point' });
    teamId = p.teamId ?? NIL_UUID;
  }
  const { from, to } = dayBounds(p.tenantTimeZone, q.date);
  const techs = await repo.findBoardTechnicians(ctx.db, p.tenantId, teamId);
  const rows = await repo.findBoardVisits(
    ctx.db,
    p.tenantId,
    from,
    to,
    techs.map((t) => t.id),
  );
  const capacities = await capacityOf(
    ctx,
    techs.map((t) => t.id),
  );
  return {
    date: q.date,
    timeZone: p.tenantTimeZone,
    rows: techs.map((t) => {
      const mine = rows.filter((r) => r.technicianId === t.id);
      return {
        technicianId: t.id,
        technicianName: t.displayName,
        teamId: t.teamId,
        teamName: t.teamName,
        capacity: capacities.get(t.id) ?? DEFAULT_DAILY_CAPACITY,
        load: mine.filter((r) => r.status !== 'missed').length,
        visits: mine.map((r) => ({
          id: r.id,
          ticketId: r.ticketId,
          status: r.status,
          windowStart: r.windowStart.toISOString(),
          windowEnd: r.windowEnd.toISOString(),
          ticketNumber: tickets.ticketNumber(ctx, r.ticketNumber),
          customerName: r.customerName,
          ticketSubject: r.ticketSubject,
        })),
      };
    }),
  };
}

/** Daily capacity per technician, from the dispatch module's technician profiles. */
async function capacityOf(ctx: ServiceContext, ids: string[]): Promise<Map<string, number>> {
  const rows = await repo.findCapacities(ctx.db, ctx.principal.tenantId, ids);
  return new Map(rows.map((r) => [r.userId, r.dailyCapacity]));
}

// ---------- the customer's appointment link ----------

interface LinkDeps {
  database: Database;
  config: ServiceContext['config'];
  requestId: string;
  lang: ServiceContext['lang'];
  now?: () => Date;
}

/** A context for the customer acting through the link: no user, the tenant's view of this one visit. */
async function linkContext(deps: LinkDeps, tenantId: string): Promise<ServiceContext> {
  const tenant = await repo.getTenantFacts(deps.database.db, tenantId);
  if (!tenant) throw new AppError('LINK_INVALID');
  const principal = systemPrincipal({ id: tenantId, ...tenant }, 'public_link', { role: 'dispatcher' });
  return {
    db: deps.database.db,
    database: deps.database,
    config: deps.config,
    principal,
    lang: deps.lang,
    requestId: deps.requestId,
    now: deps.now ?? (() => new Date()),
  };
}

export async function getPublicVisit(deps: LinkDeps, token: string): Promise<PublicVisit> {
  const now = (deps.now ?? (() => new Date()))();
  const link = await resolvePublicLink(deps.database.db, token, 'visit', now);
  const ctx = await linkContext(deps, link.tenantId);
  const tenant = await repo.getTenantFacts(ctx.db, link.tenantId);
  const [r] = await repo.findFieldVisits(ctx.db, link.tenantId, {
    visitId: link.subjectId,
    from: now,
    to: now,
  });
  if (!r) throw new AppError('LINK_INVALID');
  const f = fieldVisit(ctx, r);
  return {
    tenantName: tenant!.name,
    ticketNumber: f.ticketNumber,
    ticketSubject: f.ticketSubject,
    customerName: f.customerName,
    address: f.address,
    product: f.product,
    // The technician's surname and 师傅 would be friendlier, but names are not always Chinese: show the name.
    technicianName: f.technicianName,
    status: f.status,
    windowStart: f.windowStart,
    windowEnd: f.windowEnd,
    offeredWindows: f.offeredWindows,
    timeZone: tenant!.timeZone,
    customerAnswer: f.customerAnswer,
    customerPreferredTime: f.customerPreferredTime,
    canAnswer: !link.usedAt && (f.status === 'proposed' || f.status === 'confirmed'),
  };
}

/** The customer confirms the window, picks an offered one, or asks for another time. The link is single-use. */
export async function answerPublicVisit(deps: LinkDeps, token: string, input: PublicVisitAnswerBody) {
  const now = (deps.now ?? (() => new Date()))();
  const link = await resolvePublicLink(deps.database.db, token, 'visit', now, { unused: true });
  const base = await linkContext(deps, link.tenantId);
  await inTransaction(base, async (ctx) => {
    await spendPublicLink(ctx.db, link.id, now);
    const v = await repo.getVisitForLink(ctx.db, link.tenantId, link.subjectId);
    if (!v || (v.status !== 'proposed' && v.status !== 'confirmed'))
      throw new AppError('VISIT_STATUS_CONFLICT', { from: v?.status ?? null, action: 'answer' });
    const offered = (v.offeredWindows ?? []) as VisitWindow[];
    if (input.answer === 'confirm') {
      await updateOrConflict(ctx, v.id, v.version, {
        status: 'confirmed',
        confirmedAt: v.confirmedAt ?? now,
        customerAnswer: 'confirmed',
        customerAnsweredAt: now,
      });
      await timeline(ctx, v, 'confirmed', '客户已通过链接确认上门时间', { by: 'customer' });
      await moveTicket(ctx, v.ticketId, 'scheduled');
      return;
    }
    const picked = input.offeredIndex !== undefined ? offered[input.offeredIndex] : undefined;
    if (input.offeredIndex !== undefined && !picked)
      throw new AppError('VALIDATION_FAILED', [{ path: 'offeredIndex', message: 'no such offered window' }]);
    if (!picked && !input.preferredTime)
      throw new AppError('VALIDATION_FAILED', [
        { path: 'preferredTime', message: 'pick an offered window or write a preferred time' },
      ]);
    if (picked) {
      // An offered window the customer picks is agreed: the visit is confirmed for it.
      await updateOrConflict(ctx, v.id, v.version, {
        windowStart: new Date(picked.start),
        windowEnd: new Date(picked.end),
        status: 'confirmed',
        confirmedAt: now,
        customerAnswer: 'confirmed',
        customerNote: input.note ?? null,
        customerAnsweredAt: now,
      });
      await timeline(
        ctx,
        v,
        'confirmed',
        `客户通过链接改选时间 ${windowText(ctx.principal.tenantTimeZone, new Date(picked.start), new Date(picked.end))}`,
        { by: 'customer', windowStart: picked.start, windowEnd: picked.end, note: input.note ?? null },
      );
      await moveTicket(ctx, v.ticketId, 'scheduled');
      return;
    }
    await updateOrConflict(ctx, v.id, v.version, {
      status: 'proposed',
      customerAnswer: 'reschedule_requested',
      customerPreferredTime: input.preferredTime ?? null,
      customerNote: input.note ?? null,
      customerAnsweredAt: now,
    });
    await timeline(
      ctx,
      v,
      'reschedule_requested',
      `客户申请改约：${input.preferredTime}${input.note ? `（${input.note}）` : ''}`,
      { by: 'customer', preferredTime: input.preferredTime, note: input.note ?? null },
    );
  });
  return getPublicVisit(deps, token);
}
