import {
  type ComplaintCreateBody,
  type ComplaintDetail,
  type ComplaintListQuery,
  type ComplaintRemedy,
  type ComplaintRow,
  type ComplaintSettings,
  type ComplaintStep,
  type ComplaintVerdict,
  can,
  complaintSteps,
  defaultComplaintCauses,
  type RemedyKind,
  type Role,
  roles,
  type WinBack,
} from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { iso } from '../../lib/versioned';
import { insertAudit } from '../audit/audit.repository';
import { recordAudit } from '../audit/audit.service';
import { insertNotifications } from '../commitments/commitments.repository';
import { announceTicketAfterCommit, announceTickets } from '../live/live-hub';
import * as ticketsRepo from '../tickets/tickets.repository';
import { openTicket, ticketNumber, transitionTicket } from '../tickets/tickets.service';
import * as repo from './complaints.repository';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A tenant's rules until someone edits them. */
export const defaultComplaintSettings: Omit<ComplaintSettings, 'version'> = {
  causes: defaultComplaintCauses.map((c) => ({ ...c, active: true })),
  deadlines: {
    minor: { acknowledgeHours: 24, resolveDays: 7 },
    serious: { acknowledgeHours: 8, resolveDays: 3 },
    major: { acknowledgeHours: 2, resolveDays: 1 },
  },
  // 坐席 ¥200, 主管 ¥2,000; quality managers and admins without limit.
  approvalLimits: { agent: 20_000, supervisor: 200_000, quality_manager: null, admin: null },
  levelAlerts: { '1': [], '2': ['supervisor'], '3': ['quality_manager'] },
  winBackDays: 90,
};

export async function loadSettings(db: Executor, tenantId: string): Promise<ComplaintSettings> {
  const s = await repo.getSettings(db, tenantId);
  if (!s) return { ...defaultComplaintSettings, version: 1 };
  return s as ComplaintSettings;
}

export async function getSettings(ctx: ServiceContext) {
  return loadSettings(ctx.db, ctx.principal.tenantId);
}

export async function saveSettings(ctx: ServiceContext, input: ComplaintSettings) {
  const { version, ...values } = input;
  const codes = values.causes.map((c) => c.code);
  if (new Set(codes).size !== codes.length)
    throw new AppError('VALIDATION_FAILED', [{ path: 'causes', message: 'cause codes must be unique' }]);
  if (!values.causes.some((c) => c.active))
    throw new AppError('VALIDATION_FAILED', [{ path: 'causes', message: 'keep at least one active cause' }]);
  const before = await getSettings(ctx);
  if (before.version !== version)
    throw new AppError('VERSION_CONFLICT', { entity: 'complaint_settings', currentVersion: before.version });
  // Causes in use stay in the list (they can be deactivated), so old complaints keep their label.
  for (const old of before.causes)
    if (!codes.includes(old.code))
      throw new AppError('VALIDATION_FAILED', [
        { path: 'causes', message: `cause ${old.code} cannot be removed; deactivate it instead` },
      ]);
  const ok = await repo.saveSettings(ctx.db, ctx.principal.tenantId, version, values, ctx.now());
  if (!ok)
    throw new AppError('VERSION_CONFLICT', {
      entity: 'complaint_settings',
      currentVersion: before.version,
    });
  await recordAudit(ctx, {
    action: 'complaint_settings.changed',
    entityType: 'complaint_settings',
    entityId: ctx.principal.tenantId,
    changes: values,
  });
  return getSettings(ctx);
}

/** The most a role may grant alone, in fen: null = no limit; 0 = nothing but an apology or a redo. */
export function approvalLimitOf(settings: Pick<ComplaintSettings, 'approvalLimits'>, role: Role) {
  const limit = settings.approvalLimits[role];
  return limit === undefined ? 0 : limit;
}
export const covers = (limit: number | null, amountFen: number) => limit === null || amountFen <= limit;

/** The lowest role (by limit) that may approve a remedy of this value, among roles allowed to approve. */
export function approverRoleFor(settings: Pick<ComplaintSettings, 'approvalLimits'>, amountFen: number) {
  const candidates = roles
    .filter((r) => can(r, 'complaints.approve'))
    .map((r) => ({ r, limit: approvalLimitOf(settings, r) }))
    .filter((x) => covers(x.limit, amountFen))
    // Lowest limit first; among equals, admins last (they approve when nobody else can).
    .sort(
      (a, b) =>
        (a.limit ?? Number.POSITIVE_INFINITY) - (b.limit ?? Number.POSITIVE_INFINITY) ||
        Number(a.r === 'admin') - Number(b.r === 'admin'),
    );
  return candidates[0]?.r ?? null;
}

/** Writes a complaint event on the work order's timeline (an internal note staff read in order). */
async function timeline(
  db: Executor,
  tenantId: string,
  ticketId: string,
  authorId: string | null,
  body: string,
  data: Record<string, unknown>,
  at: Date,
) {
  await ticketsRepo.insertEvent(db, {
    tenantId,
    ticketId,
    kind: 'note',
    authorId,
    body,
    data: { complaint: true, ...data },
    createdAt: at,
  });
  await ticketsRepo.touchTicket(db, tenantId, ticketId, at, false);
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const levelWord = ['', '一级', '二级', '三级'];
const stepWord: Record<ComplaintStep, string> = {
  listen: '倾听（让客户发泄）',
  calm: '控制情绪（避免负面效应）',
  empathise: '表示理解',
  solve: '积极解决问题',
  agree: '达成一致的解决方案',
  follow_up: '跟踪回访',
};
const remedyWord: Record<RemedyKind, string> = {
  apology: '道歉',
  compensation: '赔偿',
  gift: '赠品',
  redo: '返工',
};
const roleWord: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '客服主管',
  agent: '客服坐席',
  dispatcher: '调度员',
  technician: '技术员',
  partner_manager: '网点经理',
  quality_manager: '质量经理',
};
const verdictWord: Record<ComplaintVerdict, string> = {
  satisfied: '满意',
  partly: '部分满意',
  not_satisfied: '不满意',
};

/** Alerts the roles configured for a level (the bell), and logs the level change. */
async function alertLevel(
  db: Executor,
  c: { id: string; tenantId: string; ticketId: string; number: string; subject: string },
  settings: ComplaintSettings,
  change: { from: number; to: number; reason: string; note?: string | null; byId: string | null },
  at: Date,
) {
  const alertRoles = settings.levelAlerts[String(change.to) as '1' | '2' | '3'] ?? [];
  const people = (await repo.activeUsersWithRoles(db, c.tenantId, alertRoles)).filter(
    (u) => u.id !== change.byId,
  );
  await insertNotifications(
    db,
    people.map((u) => ({
      tenantId: c.tenantId,
      userId: u.id,
      ticketId: c.ticketId,
      kind: 'complaint.escalated',
      data: { number: c.number, subject: c.subject, level: change.to, reason: change.reason },
      createdAt: at,
    })),
  );
  await repo.insertEscalation(db, {
    tenantId: c.tenantId,
    complaintId: c.id,
    fromLevel: change.from,
    toLevel: change.to,
    reason: change.reason,
    note: change.note ?? null,
    byId: change.byId,
    notified: people.length,
    createdAt: at,
  });
  return people.length;
}

async function requireCause(settings: ComplaintSettings, code: string) {
  if (!settings.causes.some((c) => c.code === code && c.active))
    throw new AppError('COMPLAINT_CAUSE_UNKNOWN', { field: 'cause', cause: code });
}

/**
 * Opens a complaint: a work order of type complaint (through openTicket) and its complaint record, in the
 * caller's transaction. Deadlines count in clock time from now, per the severity's settings.
 */
export async function openComplaint(ctx: ServiceContext, input: ComplaintCreateBody) {
  const tenantId = ctx.principal.tenantId;
  const settings = await getSettings(ctx);
  await requireCause(settings, input.cause);
  if (input.aboutTicketId) {
    const t = await repo.getTicketRef(ctx.db, tenantId, input.aboutTicketId);
    if (!t) throw new AppError('REFERENCE_INVALID', { field: 'aboutTicketId' });
  }
  if (input.aboutVisitId && !(await repo.getVisitRef(ctx.db, tenantId, input.aboutVisitId)))
    throw new AppError('REFERENCE_INVALID', { field: 'aboutVisitId' });
  if (input.aboutTechnicianId) {
    const u = await repo.getUser(ctx.db, tenantId, input.aboutTechnicianId);
    if (!u) throw new AppError('REFERENCE_INVALID', { field: 'aboutTechnicianId' });
  }
  if (input.aboutUnitId) {
    const u = await repo.getUnitRef(ctx.db, tenantId, input.aboutUnitId);
    if (!u) throw new AppError('REFERENCE_INVALID', { field: 'aboutUnitId' });
    if (u.customerId !== input.customerId) throw new AppError('UNIT_NOT_OWNED', { field: 'aboutUnitId' });
  }
  const severityPriority = { minor: 'normal', serious: 'high', major: 'urgent' } as const;
  const ticket = await openTicket(ctx, {
    type: 'complaint',
    channel: input.channel,
    priority: input.priority ?? severityPriority[input.severity],
    subject: input.subject,
    description: input.verbatim,
    customerId: input.customerId,
    unitId: input.aboutUnitId,
    teamId: input.teamId,
    assigneeId: input.assigneeId,
    tags: [],
  });
  const now = ctx.now();
  const d = settings.deadlines[input.severity];
  // A major complaint starts at level 2: supervisors hear of it at once.
  const level = input.severity === 'major' ? 2 : 1;
  const c = await repo.insertComplaint(ctx.db, {
    tenantId,
    ticketId: ticket.id,
    customerId: input.customerId,
    verbatim: input.verbatim,
    severity: input.severity,
    cause: input.cause,
    aboutTicketId: input.aboutTicketId ?? null,
    aboutVisitId: input.aboutVisitId ?? null,
    aboutTechnicianId: input.aboutTechnicianId ?? null,
    aboutUnitId: input.aboutUnitId ?? null,
    level,
    acknowledgeDueAt: new Date(now.getTime() + d.acknowledgeHours * HOUR),
    resolveDueAt: new Date(now.getTime() + d.resolveDays * DAY),
    createdById: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  const ref = { id: c.id, tenantId, ticketId: ticket.id, number: ticket.number, subject: ticket.subject };
  await alertLevel(
    ctx.db,
    ref,
    settings,
    { from: 0, to: level, reason: 'opened', byId: ctx.principal.userId },
    now,
  );
  await recordAudit(ctx, {
    action: 'complaint.opened',
    entityType: 'complaint',
    entityId: c.id,
    changes: { ticketId: ticket.id, severity: input.severity, cause: input.cause, level },
  });
  return getComplaint(ctx, c.id);
}

async function requireRow(ctx: ServiceContext, id: string) {
  const c = await repo.getComplaintRow(ctx.db, ctx.principal.tenantId, id);
  if (!c) throw new AppError('NOT_FOUND', { entity: 'complaint', id });
  return c;
}
type Row = Awaited<ReturnType<typeof requireRow>>;

/** A deadline passed unmet: flagged by the sweep, past due now, or met late. */
export function isOverdue(
  c: Pick<
    Row,
    | 'acknowledgeDueAt'
    | 'acknowledgedAt'
    | 'resolveDueAt'
    | 'resolvedAt'
    | 'acknowledgeBreachedAt'
    | 'resolveBreachedAt'
  >,
  now: Date,
) {
  const late = (due: Date, done: Date | null) => (done ? done > due : now > due);
  return (
    Boolean(c.acknowledgeBreachedAt || c.resolveBreachedAt) ||
    late(c.acknowledgeDueAt, c.acknowledgedAt) ||
    late(c.resolveDueAt, c.resolvedAt)
  );
}

function serialiseRow(ctx: ServiceContext, c: Row | repo.ComplaintListRow): ComplaintRow {
  const done = Number(c.stepsDone);
  return {
    id: c.id,
    ticketId: c.ticketId,
    ticketNumber: ticketNumber(ctx, c.ticketNumber),
    ticketStatus: c.ticketStatus,
    subject: c.subject,
    customerId: c.customerId,
    customerName: c.customerName,
    severity: c.severity,
    cause: c.cause,
    level: c.level,
    nextStep: complaintSteps[done] ?? null,
    acknowledgeDueAt: c.acknowledgeDueAt.toISOString(),
    resolveDueAt: c.resolveDueAt.toISOString(),
    acknowledgedAt: iso(c.acknowledgedAt),
    resolvedAt: iso(c.resolvedAt),
    overdue: isOverdue(c, ctx.now()),
    verdict: c.verdict,
    closedAt: iso(c.closedAt),
    pendingRemedies: Number(c.pendingRemedies),
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * Win-back over the configured period after the complaint was closed: churned when the customer is marked
 * churned; bought again when a unit was registered or bought, or the customer's value rose; otherwise still
 * active. `pending` until the period has passed (the facts so far are shown).
 */
export async function computeWinBack(
  db: Executor,
  tenantId: string,
  c: Pick<
    Row,
    'customerId' | 'closedAt' | 'valueAtCloseFen' | 'winBack' | 'winBackReviewedAt' | 'winBackNote'
  >,
  winBackDays: number,
  now: Date,
): Promise<WinBack> {
  // `win_back` holds the sweep's classification until someone reviews it; only a review counts as reviewed.
  const reviewed = {
    reviewedAt: iso(c.winBackReviewedAt),
    reviewedStatus: c.winBackReviewedAt ? c.winBack : null,
    note: c.winBackNote,
  };
  if (!c.closedAt)
    return { status: 'pending', dueAt: null, newUnits: 0, newTickets: 0, valueIncreaseFen: 0, ...reviewed };
  const dueAt = new Date(c.closedAt.getTime() + winBackDays * DAY);
  const until = now < dueAt ? now : dueAt;
  const activity = await repo.winBackActivity(db, tenantId, c.customerId, c.closedAt, until);
  const customer = await repo.getCustomerFacts(db, tenantId, c.customerId);
  const valueIncreaseFen = Math.max(
    0,
    (customer?.valueFen ?? 0) - (c.valueAtCloseFen ?? customer?.valueFen ?? 0),
  );
  const status: WinBack['status'] =
    now < dueAt
      ? 'pending'
      : customer?.status === 'churned'
        ? 'churned'
        : activity.newUnits > 0 || valueIncreaseFen > 0
          ? 'bought_again'
          : 'active';
  return { status, dueAt: dueAt.toISOString(), ...activity, valueIncreaseFen, ...reviewed };
}

export async function getComplaint(ctx: ServiceContext, id: string): Promise<ComplaintDetail> {
  const tenantId = ctx.principal.tenantId;
  const c = await requireRow(ctx, id);
  const settings = await getSettings(ctx);
  const [steps, remedies, escalations] = await Promise.all([
    repo.findSteps(ctx.db, tenantId, id),
    repo.findRemedies(ctx.db, tenantId, id),
    repo.findEscalations(ctx.db, tenantId, id),
  ]);
  const names = await repo.userNames(
    ctx.db,
    tenantId,
    [...remedies.flatMap((r) => [r.requestedById, r.decidedById]), c.aboutTechnicianId].filter(
      (x): x is string => Boolean(x),
    ),
  );
  const numbers = await repo.ticketNumbers(
    ctx.db,
    tenantId,
    [c.aboutTicketId, ...remedies.map((r) => r.redoTicketId)].filter((x): x is string => Boolean(x)),
  );
  const unit = c.aboutUnitId ? await repo.getUnitRef(ctx.db, tenantId, c.aboutUnitId) : null;
  const num = (tid: string | null) => {
    const n = tid ? numbers.get(tid) : undefined;
    return n === undefined ? null : ticketNumber(ctx, n);
  };
  const remedyOut: ComplaintRemedy[] = remedies.map((r) => ({
    ...r,
    requestedByName: r.requestedById ? (names.get(r.requestedById) ?? null) : null,
    requestedAt: r.requestedAt.toISOString(),
    approverRole: r.status === 'pending' ? approverRoleFor(settings, r.amountFen) : null,
    decidedByName: r.decidedById ? (names.get(r.decidedById) ?? null) : null,
    decidedAt: iso(r.decidedAt),
    redoTicketNumber: num(r.redoTicketId),
  }));
  return {
    ...serialiseRow(ctx, c),
    verbatim: c.verbatim,
    aboutTicketId: c.aboutTicketId,
    aboutTicketNumber: num(c.aboutTicketId),
    aboutVisitId: c.aboutVisitId,
    aboutTechnicianId: c.aboutTechnicianId,
    aboutTechnicianName: c.aboutTechnicianId ? (names.get(c.aboutTechnicianId) ?? null) : null,
    aboutUnitId: c.aboutUnitId,
    aboutUnitLabel: unit ? `${unit.modelName} · ${unit.serialNumber}` : null,
    verdictNote: c.verdictNote,
    verdictAt: iso(c.verdictAt),
    steps: steps.map((s) => ({ ...s, doneAt: s.doneAt.toISOString() })),
    remedies: remedyOut,
    escalations: escalations.map((e) => ({
      ...e,
      reason: e.reason as ComplaintDetail['escalations'][number]['reason'],
      createdAt: e.createdAt.toISOString(),
    })),
    winBack: await computeWinBack(ctx.db, tenantId, c, settings.winBackDays, ctx.now()),
    myApprovalLimitFen: approvalLimitOf(settings, ctx.principal.role),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function getComplaintOfTicket(ctx: ServiceContext, ticketId: string) {
  const id = await repo.getComplaintIdOfTicket(ctx.db, ctx.principal.tenantId, ticketId);
  if (!id) throw new AppError('NOT_FOUND', { entity: 'complaint', ticketId });
  return getComplaint(ctx, id);
}

function decodeCursor(s: string | undefined) {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { at: string; id: string };
    if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at))) throw new Error();
    if (typeof c.id !== 'string' || !/^[0-9a-f-]{36}$/.test(c.id)) throw new Error();
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}

/** The complaint desk: filters by next step, severity, cause, level, overdue, state, win-back due. */
export async function findComplaints(ctx: ServiceContext, q: ComplaintListQuery) {
  const settings = q.winBackDue ? await getSettings(ctx) : null;
  const now = ctx.now();
  const m = q.q ? /^(?:[A-Za-z]+-)?(\d{1,15})$/.exec(q.q) : null;
  const rows = await repo.findComplaints(
    ctx.db,
    ctx.principal.tenantId,
    {
      nextStepIndex:
        q.step === undefined ? undefined : q.step === 'done' ? 6 : complaintSteps.indexOf(q.step),
      severity: q.severity,
      cause: q.cause,
      level: q.level,
      overdue: q.overdue,
      state: q.winBackDue ? 'closed' : q.state,
      winBackDueBefore: settings ? new Date(now.getTime() - settings.winBackDays * DAY) : undefined,
      pendingApproval: q.pendingApproval,
      text: q.q,
      number: m ? Number(m[1]) : undefined,
      now,
      cursor: decodeCursor(q.cursor),
    },
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => serialiseRow(ctx, r)),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify({ at: last.createdAt.toISOString(), id: last.id })).toString('base64url')
        : null,
  };
}

async function bump(
  ctx: ServiceContext,
  c: Row,
  version: number,
  patch: Parameters<typeof repo.updateComplaint>[4],
) {
  const r = await repo.updateComplaint(ctx.db, ctx.principal.tenantId, c.id, version, patch, ctx.now());
  if (!r)
    throw new AppError('VERSION_CONFLICT', { entity: 'complaint', id: c.id, currentVersion: c.version });
  return r;
}

function requireOpen(c: Row) {
  if (c.closedAt) throw new AppError('COMPLAINT_CLOSED', { id: c.id });
}

/** Records one of the six steps as done, in order; the first (listening) acknowledges the complaint. */
export async function recordStep(
  ctx: ServiceContext,
  id: string,
  step: ComplaintStep,
  input: { version: number; note?: string },
) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  const done = Number(c.stepsDone);
  const index = complaintSteps.indexOf(step);
  if (index !== done)
    throw new AppError('COMPLAINT_STEP_OUT_OF_ORDER', {
      step,
      expected: complaintSteps[done] ?? null,
    });
  const now = ctx.now();
  await bump(ctx, c, input.version, step === 'listen' ? { acknowledgedAt: now } : {});
  await repo.insertStep(ctx.db, {
    tenantId: ctx.principal.tenantId,
    complaintId: id,
    step,
    doneAt: now,
    byId: ctx.principal.userId,
    note: input.note ?? null,
  });
  await timeline(
    ctx.db,
    ctx.principal.tenantId,
    c.ticketId,
    ctx.principal.userId,
    `【投诉处理 ${index + 1}/6】${stepWord[step]}${input.note ? `：${input.note}` : ''}`,
    { event: 'step', step },
    now,
  );
  await recordAudit(ctx, {
    action: 'complaint.step_done',
    entityType: 'complaint',
    entityId: id,
    changes: { step },
  });
  await announce(ctx, c);
  return getComplaint(ctx, id);
}

/** Writes (or rewrites) the note of a step already done: notes are often written after the call. */
export async function setStepNote(
  ctx: ServiceContext,
  id: string,
  step: ComplaintStep,
  input: { version: number; note: string },
) {
  const c = await requireRow(ctx, id);
  await bump(ctx, c, input.version, {});
  if (!(await repo.setStepNote(ctx.db, ctx.principal.tenantId, id, step, input.note)))
    throw new AppError('COMPLAINT_STEP_OUT_OF_ORDER', { step, reason: 'step_not_done' });
  await recordAudit(ctx, {
    action: 'complaint.step_note',
    entityType: 'complaint',
    entityId: id,
    changes: { step, note: input.note },
  });
  return getComplaint(ctx, id);
}

/** The customer's verdict, asked at the follow-up (跟踪回访): needs that step done. */
export async function recordVerdict(
  ctx: ServiceContext,
  id: string,
  input: { version: number; verdict: ComplaintVerdict; note?: string },
) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  if (Number(c.stepsDone) < complaintSteps.length)
    throw new AppError('COMPLAINT_FOLLOW_UP_REQUIRED', { complaintId: id, missing: ['follow_up'] });
  const now = ctx.now();
  await bump(ctx, c, input.version, {
    verdict: input.verdict,
    verdictNote: input.note ?? null,
    verdictAt: now,
  });
  await timeline(
    ctx.db,
    ctx.principal.tenantId,
    c.ticketId,
    ctx.principal.userId,
    `【投诉回访】客户评价：${verdictWord[input.verdict]}${input.note ? `。${input.note}` : ''}`,
    { event: 'verdict', verdict: input.verdict },
    now,
  );
  await recordAudit(ctx, {
    action: 'complaint.verdict',
    entityType: 'complaint',
    entityId: id,
    changes: { verdict: input.verdict },
  });
  await announce(ctx, c);
  return getComplaint(ctx, id);
}

/** Concludes the complaint: moves its work order to resolved (the closing rule applies there). */
export async function concludeComplaint(ctx: ServiceContext, id: string, input: { note: string }) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  await transitionTicket(ctx, c.ticketId, { version: c.ticketVersion, to: 'resolved', note: input.note });
  return getComplaint(ctx, id);
}

async function openRedo(ctx: ServiceContext, c: Row, description: string) {
  const t = await openTicket(ctx, {
    type: 'repair',
    channel: 'phone',
    priority: 'high',
    subject: `投诉返工：${c.subject}`.slice(0, 200),
    description: `${description}\n\n（来自投诉 ${ticketNumber(ctx, c.ticketNumber)}）`,
    customerId: c.customerId,
    unitId: c.aboutUnitId ?? undefined,
    tags: ['投诉返工'],
  });
  return t;
}

/**
 * Proposes a remedy. Within the caller's approval limit it is granted at once (a redo opens its repair work
 * order); above it, it waits for someone whose role's limit covers it.
 */
export async function proposeRemedy(
  ctx: ServiceContext,
  id: string,
  input: { kind: RemedyKind; amountFen: number; description: string },
) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  const settings = await getSettings(ctx);
  const amountFen = input.kind === 'compensation' || input.kind === 'gift' ? input.amountFen : 0;
  const limit = approvalLimitOf(settings, ctx.principal.role);
  const granted = covers(limit, amountFen);
  const approver = granted ? null : approverRoleFor(settings, amountFen);
  if (!granted && !approver)
    throw new AppError('REMEDY_OVER_LIMIT', { amountFen, reason: 'no_role_covers_amount' });
  const now = ctx.now();
  const redo = granted && input.kind === 'redo' ? await openRedo(ctx, c, input.description) : null;
  const r = await repo.insertRemedy(ctx.db, {
    tenantId: ctx.principal.tenantId,
    complaintId: id,
    kind: input.kind,
    amountFen,
    description: input.description,
    status: granted ? 'approved' : 'pending',
    requestedById: ctx.principal.userId,
    requestedAt: now,
    decidedById: granted ? ctx.principal.userId : null,
    decidedAt: granted ? now : null,
    redoTicketId: redo?.id ?? null,
  });
  await repo.updateComplaint(ctx.db, ctx.principal.tenantId, id, null, {}, now);
  const what = `${remedyWord[input.kind]}${amountFen ? ` ${yuan(amountFen)}` : ''}：${input.description}`;
  await timeline(
    ctx.db,
    ctx.principal.tenantId,
    c.ticketId,
    ctx.principal.userId,
    granted
      ? `【补救措施】${what}${redo ? `（已开返工工单 ${redo.number}）` : ''}`
      : `【补救措施·待审批】${what}（超出本人权限 ${yuan(limit ?? 0)}，需${approver ? roleWord[approver] : ''}审批）`,
    { event: granted ? 'remedy_granted' : 'remedy_requested', remedyId: r.id, amountFen },
    now,
  );
  if (!granted && approver) {
    const approvers = await repo.activeUsersWithRoles(ctx.db, ctx.principal.tenantId, [approver]);
    await insertNotifications(
      ctx.db,
      approvers.map((u) => ({
        tenantId: ctx.principal.tenantId,
        userId: u.id,
        ticketId: c.ticketId,
        kind: 'complaint.remedy_pending',
        data: { number: ticketNumber(ctx, c.ticketNumber), subject: c.subject, amountFen },
        createdAt: now,
      })),
    );
  }
  await recordAudit(ctx, {
    action: granted ? 'complaint.remedy_granted' : 'complaint.remedy_requested',
    entityType: 'complaint',
    entityId: id,
    changes: { remedyId: r.id, kind: input.kind, amountFen },
  });
  await announce(ctx, c);
  return getComplaint(ctx, id);
}

/** Approves or rejects a pending remedy; approving needs a limit that covers its value. */
export async function decideRemedy(
  ctx: ServiceContext,
  id: string,
  remedyId: string,
  decision: 'approve' | 'reject',
  input: { version: number; note?: string },
) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  const remedies = await repo.findRemedies(ctx.db, ctx.principal.tenantId, id);
  const r = remedies.find((x) => x.id === remedyId);
  if (!r) throw new AppError('NOT_FOUND', { entity: 'complaint_remedy', id: remedyId });
  if (r.status !== 'pending') throw new AppError('REMEDY_ALREADY_DECIDED', { status: r.status });
  if (decision === 'reject' && !input.note)
    throw new AppError('VALIDATION_FAILED', [{ path: 'note', message: 'a reason is required to reject' }]);
  const settings = await getSettings(ctx);
  const limit = approvalLimitOf(settings, ctx.principal.role);
  if (decision === 'approve' && !covers(limit, r.amountFen))
    throw new AppError('REMEDY_OVER_LIMIT', { amountFen: r.amountFen, limitFen: limit });
  const now = ctx.now();
  const redo = decision === 'approve' && r.kind === 'redo' ? await openRedo(ctx, c, r.description) : null;
  const updated = await repo.updateRemedy(ctx.db, ctx.principal.tenantId, remedyId, input.version, {
    status: decision === 'approve' ? 'approved' : 'rejected',
    decidedById: ctx.principal.userId,
    decidedAt: now,
    decisionNote: input.note ?? null,
    redoTicketId: redo?.id ?? null,
  });
  if (!updated)
    throw new AppError('VERSION_CONFLICT', {
      entity: 'complaint_remedy',
      id: remedyId,
      currentVersion: r.version,
    });
  await repo.updateComplaint(ctx.db, ctx.principal.tenantId, id, null, {}, now);
  const what = `${remedyWord[r.kind]}${r.amountFen ? ` ${yuan(r.amountFen)}` : ''}`;
  await timeline(
    ctx.db,
    ctx.principal.tenantId,
    c.ticketId,
    ctx.principal.userId,
    `【补救审批】${decision === 'approve' ? '已批准' : '已驳回'}：${what}${input.note ? `。${input.note}` : ''}`,
    { event: decision === 'approve' ? 'remedy_approved' : 'remedy_rejected', remedyId },
    now,
  );
  if (r.requestedById && r.requestedById !== ctx.principal.userId)
    await insertNotifications(ctx.db, [
      {
        tenantId: ctx.principal.tenantId,
        userId: r.requestedById,
        ticketId: c.ticketId,
        kind: decision === 'approve' ? 'complaint.remedy_approved' : 'complaint.remedy_rejected',
        data: { number: ticketNumber(ctx, c.ticketNumber), subject: c.subject, amountFen: r.amountFen },
        createdAt: now,
      },
    ]);
  await recordAudit(ctx, {
    action: `complaint.remedy_${decision === 'approve' ? 'approved' : 'rejected'}`,
    entityType: 'complaint',
    entityId: id,
    changes: { remedyId, amountFen: r.amountFen },
  });
  await announce(ctx, c);
  return getComplaint(ctx, id);
}

/** Raises the escalation level by one (by hand), alerting the roles configured for the new level. */
export async function escalateComplaint(
  ctx: ServiceContext,
  id: string,
  input: { version: number; note: string },
) {
  const c = await requireRow(ctx, id);
  requireOpen(c);
  if (c.level >= 3) throw new AppError('COMPLAINT_LEVEL_MAX', { level: c.level });
  const settings = await getSettings(ctx);
  const now = ctx.now();
  await bump(ctx, c, input.version, { level: c.level + 1 });
  const notified = await alertLevel(
    ctx.db,
    {
      id,
      tenantId: ctx.principal.tenantId,
      ticketId: c.ticketId,
      number: ticketNumber(ctx, c.ticketNumber),
      subject: c.subject,
    },
    settings,
    { from: c.level, to: c.level + 1, reason: 'manual', note: input.note, byId: ctx.principal.userId },
    now,
  );
  await timeline(
    ctx.db,
    ctx.principal.tenantId,
    c.ticketId,
    ctx.principal.userId,
    `【投诉升级】${levelWord[c.level]} → ${levelWord[c.level + 1]}：${input.note}（已通知 ${notified} 人）`,
    { event: 'escalated', from: c.level, to: c.level + 1, notified },
    now,
  );
  await recordAudit(ctx, {
    action: 'complaint.escalated',
    entityType: 'complaint',
    entityId: id,
    changes: { level: { from: c.level, to: c.level + 1 } },
  });
  await announce(ctx, c);
  return getComplaint(ctx, id);
}

/** Records the win-back review of a closed complaint once its period has passed. */
export async function reviewWinBack(
  ctx: ServiceContext,
  id: string,
  input: { version: number; status: 'active' | 'bought_again' | 'churned'; note?: string },
) {
  const c = await requireRow(ctx, id);
  const settings = await getSettings(ctx);
  if (!c.closedAt || ctx.now().getTime() < c.closedAt.getTime() + settings.winBackDays * DAY)
    throw new AppError('WIN_BACK_NOT_DUE', { closedAt: iso(c.closedAt), winBackDays: settings.winBackDays });
  await bump(ctx, c, input.version, {
    winBack: input.status,
    winBackNote: input.note ?? null,
    winBackReviewedAt: ctx.now(),
    winBackReviewedById: ctx.principal.userId,
  });
  await recordAudit(ctx, {
    action: 'complaint.win_back_reviewed',
    entityType: 'complaint',
    entityId: id,
    changes: { status: input.status },
  });
  return getComplaint(ctx, id);
}

/** Tells open live streams that the complaint's work order changed (after the caller's transaction commits). */
async function announce(ctx: ServiceContext, c: Row) {
  const t = await ticketsRepo.getTicketRow(ctx.db, ctx.principal.tenantId, c.ticketId, { kind: 'all' });
  if (!t) return;
  await announceTicketAfterCommit(ctx, {
    tenantId: ctx.principal.tenantId,
    ticketId: t.id,
    type: 'ticket.changed',
    teamIds: [t.teamId],
    assigneeIds: [t.assigneeId],
  });
}

/**
 * One sweep over every tenant: complaints whose acknowledge or resolve deadline passed unmet are raised one
 * level and the level's roles alerted — each deadline exactly once, however many instances sweep.
 */
export async function sweepComplaintDeadlines(database: Database, now = new Date()): Promise<number> {
  let handled = 0;
  for (const kind of ['acknowledge', 'resolve'] as const) {
    for (;;) {
      // Announced once the raise has committed, like every other change (see announceTicketAfterCommit).
      const notices: Parameters<typeof announceTickets>[1] = [];
      const n = await database.db.transaction(async (tx) => {
        const claimed = await repo.claimBreached(tx, kind, now);
        const settingsByTenant = new Map<string, ComplaintSettings>();
        for (const x of claimed) {
          let settings = settingsByTenant.get(x.tenantId);
          if (!settings) {
            settings = await loadSettings(tx, x.tenantId);
            settingsByTenant.set(x.tenantId, settings);
          }
          const t = await ticketsRepo.getTicketRow(tx, x.tenantId, x.ticketId, { kind: 'all' });
          if (!t) continue;
          const prefix = await ticketPrefixOf(tx, x.tenantId);
          const reason = `${kind}_breached`;
          const notified = await alertLevel(
            tx,
            {
              id: x.id,
              tenantId: x.tenantId,
              ticketId: t.id,
              number: `${prefix}-${t.number}`,
              subject: t.subject,
            },
            settings,
            { from: x.fromLevel, to: x.toLevel, reason, byId: null },
            now,
          );
          await timeline(
            tx,
            x.tenantId,
            t.id,
            null,
            `【投诉自动升级】${kind === 'acknowledge' ? '受理' : '解决'}时限已过：${levelWord[x.fromLevel]} → ${levelWord[x.toLevel]}（已通知 ${notified} 人）`,
            { event: 'escalated', reason, from: x.fromLevel, to: x.toLevel, notified },
            now,
          );
          await insertAudit(tx, {
            tenantId: x.tenantId,
            actorUserId: null,
            actorKind: 'system',
            action: `complaint.${reason}`,
            entityType: 'complaint',
            entityId: x.id,
            changes: { level: { from: x.fromLevel, to: x.toLevel } },
            requestId: null,
          });
          notices.push({
            tenantId: x.tenantId,
            ticketId: t.id,
            type: 'ticket.changed',
            teamIds: [t.teamId],
            assigneeIds: [t.assigneeId],
          });
        }
        return claimed.length;
      });
      await announceTickets(database, notices);
      handled += n;
      if (n < 200) break;
    }
  }
  // Win-back: classify each complaint once its period has ended (reviewers may still record their own view).
  for (;;) {
    const n = await database.db.transaction(async (tx) => {
      const due = await repo.claimWinBackDue(tx, now);
      for (const c of due) {
        const w = await computeWinBack(
          tx,
          c.tenantId,
          { ...c, winBack: null, winBackReviewedAt: null, winBackNote: null },
          c.winBackDays,
          now,
        );
        if (w.status === 'pending') continue;
        await repo.updateComplaint(tx, c.tenantId, c.id, null, { winBack: w.status }, now);
      }
      return due.length;
    });
    handled += n;
    if (n < 200) break;
  }
  return handled;
}

async function ticketPrefixOf(db: Executor, tenantId: string) {
  return repo.ticketPrefix(db, tenantId);
}
