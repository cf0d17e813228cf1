import { createHash } from 'node:crypto';
import {
  type Followup,
  type FollowupDetail,
  type followupAttemptBody,
  type followupListQuery,
  type followupOutcomeBody,
  type SurveyLink,
  ticketCreateBody,
} from '@manyi/contracts';
import type { z } from 'zod';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { iso, requireUpdated } from '../../lib/versioned';
import { recordAudit } from '../audit/audit.service';
import {
  createInvitation,
  ensureSettings,
  issueInvitationLink,
  openRecovery,
} from '../surveys/surveys.service';
import { openTicket, VIP_TIERS } from '../tickets/tickets.service';
import * as repo from './followups.repository';

/** Work orders of these types get neither a follow-up call nor a survey: there is no service to rate. */
const notFollowedUp = new Set(['compliment', 'suggestion']);

/** Same work order, same resolution → same decision, so a retried hook never samples differently. */
export function sampledIn(ticketId: string, resolvedAt: Date, percent: number) {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const h = createHash('sha256').update(`${ticketId}:${resolvedAt.toISOString()}`).digest();
  return h.readUInt32BE(0) % 100 < percent;
}

/**
 * Called by the tickets service inside the transition's transaction when a work order is resolved: schedules
 * the follow-up call (always for complaints and VIP customers, else sampled) and the resolution survey, each at
 * most once per resolution (unique on the work order + its resolved-at time).
 */
export async function onTicketResolved(ctx: ServiceContext, ticket: { id: string; resolvedAt: Date | null }) {
  const resolvedAt = ticket.resolvedAt;
  if (!resolvedAt) return;
  const tenantId = ctx.principal.tenantId;
  const facts = await repo.getResolutionFacts(ctx.db, tenantId, ticket.id);
  if (!facts || notFollowedUp.has(facts.type)) return;
  const settings = await ensureSettings(ctx.db, tenantId);
  const consent = (facts.consent ?? {}) as { serviceCalls?: boolean; surveys?: boolean };
  const reason =
    facts.type === 'complaint'
      ? 'complaint'
      : (VIP_TIERS as readonly string[]).includes(facts.tier)
        ? 'vip'
        : sampledIn(ticket.id, resolvedAt, settings.followupSamplePercent)
          ? 'resolution'
          : null;
  if (reason && consent.serviceCalls !== false)
    await repo.insertFollowup(ctx.db, {
      tenantId,
      customerId: facts.customerId,
      ticketId: ticket.id,
      unitId: facts.unitId,
      reason,
      resolvedAt,
      dueAt: new Date(resolvedAt.getTime() + settings.followupDelayHours * 3_600_000),
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
  if (settings.surveyOnResolution && consent.surveys !== false)
    await createInvitation(ctx.db, {
      tenantId,
      customerId: facts.customerId,
      ticketId: ticket.id,
      trigger: 'resolution',
      sourceKey: `resolution:${ticket.id}:${resolvedAt.toISOString()}`,
      now: ctx.now(),
    });
}

function serialise(ctx: ServiceContext, r: repo.FollowupListRow): Followup {
  const f = r.f;
  return {
    id: f.id,
    customerId: f.customerId,
    customerName: r.customerName,
    customerTier: r.customerTier,
    phone: r.phone,
    ticketId: f.ticketId,
    ticketNumber: r.ticketNumber ? `${ctx.principal.ticketPrefix}-${r.ticketNumber}` : null,
    ticketSubject: r.ticketSubject,
    unitId: f.unitId,
    productName: r.productName,
    campaignId: f.campaignId,
    campaignName: r.campaignName,
    reason: f.reason,
    dueAt: f.dueAt.toISOString(),
    status: f.status,
    assigneeId: f.assigneeId,
    attemptCount: f.attemptCount,
    reached: f.reached,
    problemResolved: f.problemResolved,
    satisfaction: f.satisfaction,
    newIssue: f.newIssue,
    newTicketId: f.newTicketId,
    outcomeNote: f.outcomeNote,
    completedAt: iso(f.completedAt),
    surveyInvitationId: f.surveyInvitationId,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
  };
}

function encodeCursor(c: repo.FollowupCursor) {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decodeCursor(s: string | undefined): repo.FollowupCursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as repo.FollowupCursor;
    if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at))) throw new Error();
    if (typeof c.id !== 'string' || !/^[0-9a-f-]{36}$/.test(c.id)) throw new Error();
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}

/** The worklist: due now, upcoming, mine, unreachable (survey sent instead), done, all. */
export async function findFollowups(ctx: ServiceContext, q: z.infer<typeof followupListQuery>) {
  const now = ctx.now();
  const filter: repo.FollowupFilter = { campaignId: q.campaignId, customerId: q.customerId };
  let order: 'asc' | 'desc' = 'asc';
  if (q.view === 'due') Object.assign(filter, { statuses: ['open'], dueBefore: now });
  else if (q.view === 'upcoming') Object.assign(filter, { statuses: ['open'], dueAfter: now });
  else if (q.view === 'mine') Object.assign(filter, { statuses: ['open'], assigneeId: ctx.principal.userId });
  else {
    order = 'desc';
    if (q.view === 'unreachable') filter.statuses = ['unreachable'];
    if (q.view === 'done') filter.statuses = ['done'];
  }
  const rows = await repo.findFollowups(
    ctx.db,
    ctx.principal.tenantId,
    filter,
    order,
    decodeCursor(q.cursor),
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => serialise(ctx, r)),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ at: last.f.dueAt.toISOString(), id: last.f.id }) : null,
    counts: await repo.countWorklist(ctx.db, ctx.principal.tenantId, now),
  };
}

/** A customer's recent follow-up calls (for their satisfaction history). */
export async function followupsOfCustomer(ctx: ServiceContext, customerId: string) {
  const rows = await repo.findFollowups(ctx.db, ctx.principal.tenantId, { customerId }, 'desc', null, 20);
  return rows.map((r) => serialise(ctx, r));
}

async function requireFollowup(ctx: ServiceContext, id: string) {
  const row = await repo.getFollowupListRow(ctx.db, ctx.principal.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND', { entity: 'followup', id });
  return row;
}

function scriptLines(
  lang: 'zh' | 'en',
  r: repo.FollowupListRow,
  facts: { tenantName: string; agentName: string; resolution: string | null },
) {
  const product = r.productName ?? (lang === 'zh' ? '产品' : 'product');
  if (lang === 'en')
    return [
      `Hello, am I speaking with ${r.customerName}? This is ${facts.agentName} from ${facts.tenantName} after-sales service. I'm calling to follow up on our service; it takes about two minutes.`,
      r.f.campaignId
        ? `We are running "${r.campaignName}": your ${product} has been in use for a while and we can arrange a check-up or maintenance for you.`
        : `About your ${product}${r.ticketSubject ? ` ("${r.ticketSubject}")` : ''}: we completed the work${facts.resolution ? ` — ${facts.resolution}` : ''}.`,
      'Is the problem solved, and is everything working normally now?',
      'How satisfied are you with our service, from 1 to 5, where 5 is very satisfied?',
      'Is there anything else we can help you with?',
      'Thank you for your time and support. Goodbye!',
    ];
  return [
    `您好，请问是${r.customerName}吗？我是${facts.tenantName}的客服${facts.agentName}，今天给您做个服务回访，大约占用您两分钟。`,
    r.f.campaignId
      ? `我们正在开展“${r.campaignName}”活动：您的${product}已经使用了一段时间，我们可以为您安排上门检查或保养。`
      : `您的${product}${r.ticketSubject ? `（${r.ticketSubject}）` : ''}我们已经处理完毕${facts.resolution ? `：${facts.resolution}` : ''}。`,
    '请问问题现在解决了吗？设备使用是否正常？',
    '您对这次服务满意吗？请从 1 到 5 分打个分，5 分是非常满意。',
    '请问还有其他需要我们帮忙的地方吗？',
    '感谢您的支持与配合，祝您生活愉快，再见！',
  ];
}

export async function getFollowup(ctx: ServiceContext, id: string): Promise<FollowupDetail> {
  const r = await requireFollowup(ctx, id);
  const tenantId = ctx.principal.tenantId;
  const [settings, attempts, resolution, caller] = await Promise.all([
    ensureSettings(ctx.db, tenantId),
    repo.findAttempts(ctx.db, tenantId, id),
    r.f.ticketId ? repo.getResolutionNote(ctx.db, tenantId, r.f.ticketId) : Promise.resolve(null),
    repo.getCallerFacts(ctx.db, tenantId, ctx.principal.userId),
  ]);
  return {
    ...serialise(ctx, r),
    script: scriptLines(ctx.lang, r, {
      tenantName: caller?.tenantName ?? '',
      agentName: caller?.displayName ?? '',
      resolution,
    }),
    attempts: attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
    maxAttempts: settings.followupMaxAttempts,
    resolution,
  };
}

async function updateOrConflict(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Parameters<typeof repo.updateFollowup>[4],
) {
  return requireUpdated(
    await repo.updateFollowup(ctx.db, ctx.principal.tenantId, id, version, patch, ctx.now()),
    'followup',
    id,
    () => repo.getFollowupRow(ctx.db, ctx.principal.tenantId, id),
  );
}

/**
 * Logs one call attempt. The Nth failed attempt (or a wrong number) makes the customer unreachable: a survey
 * invitation is created instead, and its link returned to be copied into a message.
 */
export async function logAttempt(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof followupAttemptBody>,
): Promise<{ followup: Followup; surveyLink: SurveyLink | null }> {
  const r = await requireFollowup(ctx, id);
  if (r.f.status !== 'open') throw new AppError('FOLLOWUP_CLOSED', { status: r.f.status });
  const tenantId = ctx.principal.tenantId;
  const settings = await ensureSettings(ctx.db, tenantId);
  const now = ctx.now();
  const attemptCount = r.f.attemptCount + 1;
  const unreachable =
    input.result === 'wrong_number' ||
    (input.result !== 'reached' && attemptCount >= settings.followupMaxAttempts);
  await updateOrConflict(ctx, id, input.version, {
    attemptCount,
    assigneeId: r.f.assigneeId ?? ctx.principal.userId,
    ...(unreachable ? { status: 'unreachable' as const, completedAt: now, reached: false } : {}),
  });
  await repo.insertAttempt(ctx.db, {
    tenantId,
    followupId: id,
    result: input.result,
    note: input.note ?? null,
    byId: ctx.principal.userId,
    at: now,
  });
  let surveyLink: SurveyLink | null = null;
  if (unreachable) {
    const { row } = await createInvitation(ctx.db, {
      tenantId,
      customerId: r.f.customerId,
      ticketId: r.f.ticketId,
      followupId: id,
      campaignId: r.f.campaignId,
      trigger: 'followup_unreachable',
      sourceKey: `followup:${id}`,
      now,
    });
    surveyLink = await issueInvitationLink(ctx.db, row, now, ctx.principal.userId);
    await repo.setSurveyInvitation(ctx.db, tenantId, id, row.id);
  }
  await recordAudit(ctx, {
    action: 'followup.attempt_logged',
    entityType: 'followup',
    entityId: id,
    changes: { result: input.result, attemptCount, unreachable },
  });
  return { followup: serialise(ctx, (await repo.getFollowupListRow(ctx.db, tenantId, id))!), surveyLink };
}

/**
 * Records what the customer said: resolved or not, satisfaction 1–5, and a new issue (which opens a new work
 * order). A satisfaction at or under the CSAT threshold opens a recovery work order and alerts supervisors.
 */
export async function recordOutcome(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof followupOutcomeBody>,
): Promise<{ followup: Followup; newTicketId: string | null }> {
  const r = await requireFollowup(ctx, id);
  if (r.f.status === 'done' || r.f.status === 'cancelled')
    throw new AppError('FOLLOWUP_CLOSED', { status: r.f.status });
  if (input.newIssue && !input.newIssueDescription)
    throw new AppError('VALIDATION_FAILED', [
      { path: 'newIssueDescription', message: 'required with newIssue' },
    ]);
  const tenantId = ctx.principal.tenantId;
  const now = ctx.now();
  const attempts = await repo.findAttempts(ctx.db, tenantId, id);
  const reachedLogged = attempts.some((a) => a.result === 'reached');
  const updated = await updateOrConflict(ctx, id, input.version, {
    status: 'done',
    reached: true,
    problemResolved: input.problemResolved,
    satisfaction: input.satisfaction,
    newIssue: input.newIssue,
    outcomeNote: input.note ?? null,
    completedAt: now,
    completedById: ctx.principal.userId,
    assigneeId: r.f.assigneeId ?? ctx.principal.userId,
    attemptCount: reachedLogged ? r.f.attemptCount : r.f.attemptCount + 1,
  });
  // An outcome means the call got through: log the reaching attempt if the agent did not.
  if (!reachedLogged)
    await repo.insertAttempt(ctx.db, {
      tenantId,
      followupId: id,
      result: 'reached',
      note: null,
      byId: ctx.principal.userId,
      at: now,
    });
  let newTicketId: string | null = null;
  if (input.newIssue && input.newIssueDescription) {
    const t = await openTicket(
      ctx,
      ticketCreateBody.parse({
        type: 'repair',
        channel: 'phone',
        description: input.newIssueDescription,
        customerId: r.f.customerId,
        ...(r.f.unitId ? { unitId: r.f.unitId } : {}),
        tags: ['回访'],
      }),
    );
    newTicketId = t.id;
    await repo.updateFollowup(ctx.db, tenantId, id, updated.version, { newTicketId }, now);
  }
  const settings = await ensureSettings(ctx.db, tenantId);
  if (input.satisfaction <= settings.csatMax)
    await openRecovery(ctx, {
      customerId: r.f.customerId,
      originalTicketId: r.f.ticketId,
      originalNumber:
        r.f.ticketId && r.ticketNumber ? `${ctx.principal.ticketPrefix}-${r.ticketNumber}` : null,
      source: 'followup',
      reasons: ['followup_satisfaction'],
      summary: `回访满意度 ${input.satisfaction}/5${input.problemResolved ? '' : '，问题未解决'}`,
      comment: input.note ?? null,
    });
  await recordAudit(ctx, {
    action: 'followup.completed',
    entityType: 'followup',
    entityId: id,
    changes: {
      problemResolved: input.problemResolved,
      satisfaction: input.satisfaction,
      newIssue: input.newIssue,
      newTicketId,
    },
  });
  return { followup: serialise(ctx, (await repo.getFollowupListRow(ctx.db, tenantId, id))!), newTicketId };
}
