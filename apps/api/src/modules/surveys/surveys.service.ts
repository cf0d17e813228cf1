import { randomUUID } from 'node:crypto';
import {
  type CustomerSatisfaction,
  dissatisfactionReasons,
  meanOf,
  type PublicSurvey,
  type SatisfactionSettings,
  type SurveyAnswerBody,
  type SurveyInvitation,
  type SurveyLink,
  type SurveyMeasure,
  type SurveyResponse,
  type SurveyTemplate,
  surveyDimensions,
  type surveyInviteBody,
  type surveySentBody,
  type surveyTemplateChangeBody,
  type surveyTemplateCreateBody,
  ticketCreateBody,
} from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import type { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { inTransaction, type Principal, type ServiceContext, systemPrincipal } from '../../lib/context';
import {
  issuePublicLink,
  resolvePublicLink,
  revokePublicLinks,
  spendPublicLink,
} from '../../lib/public-links';
import { iso, requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import { insertEvent } from '../tickets/tickets.repository';
import { openTicket } from '../tickets/tickets.service';
import * as repo from './surveys.repository';

/** The tag that marks a service-recovery work order (the queue can filter by it). */
export const RECOVERY_TAG = '服务补救';

// ── Settings and default templates ──────────────────────────────────────────────────────────────────

const defaultTemplates: { name: string; measures: SurveyMeasure[]; introZh: string; introEn: string }[] = [
  {
    name: '服务满意度（CSAT + NPS）',
    measures: ['csat', 'nps'],
    introZh: '感谢您选择我们的服务。占用您一分钟，请为本次服务打分。',
    introEn: 'Thank you for choosing our service. Please take a minute to rate it.',
  },
  {
    name: '客户费力度（CES）',
    measures: ['ces'],
    introZh: '这次办理服务，您觉得方便吗？',
    introEn: 'How easy was it to get your issue handled?',
  },
  {
    name: '服务五维度（期望与感知）',
    measures: ['dimensions', 'csat'],
    introZh: '请分别给出您服务前的期望和服务后的实际感受（1 = 很低，7 = 很高）。',
    introEn:
      'For each aspect, rate what you expected and what you experienced (1 = very low, 7 = very high).',
  },
];

/** The tenant's settings, created with defaults (and the default templates) on first use. */
export async function ensureSettings(db: Executor, tenantId: string): Promise<repo.SettingsRow> {
  const existing = await repo.getSettings(db, tenantId);
  if (existing) return existing;
  const ids: string[] = [];
  for (const t of defaultTemplates) {
    const row =
      (await repo.insertTemplate(db, { tenantId, ...t, askComment: true })) ??
      (await repo.getTemplateByName(db, tenantId, t.name));
    ids.push(row!.id);
  }
  await repo.insertSettingsIfMissing(db, {
    tenantId,
    resolutionTemplateId: ids[0],
    followupTemplateId: ids[0],
  });
  return (await repo.getSettings(db, tenantId))!;
}

function serialiseSettings(s: repo.SettingsRow): SatisfactionSettings {
  return {
    followupDelayHours: s.followupDelayHours,
    followupSamplePercent: s.followupSamplePercent,
    followupMaxAttempts: s.followupMaxAttempts,
    surveyOnResolution: s.surveyOnResolution,
    resolutionTemplateId: s.resolutionTemplateId,
    followupTemplateId: s.followupTemplateId,
    surveyLinkDays: s.surveyLinkDays,
    csatMax: s.csatMax,
    npsMax: s.npsMax,
    cesMin: s.cesMin,
    gapMax: s.gapMax,
    version: s.version,
  };
}

export async function getSettings(ctx: ServiceContext) {
  return serialiseSettings(await ensureSettings(ctx.db, ctx.principal.tenantId));
}

export async function changeSettings(
  ctx: ServiceContext,
  input: Partial<Omit<SatisfactionSettings, 'version'>> & { version: number },
) {
  const tenantId = ctx.principal.tenantId;
  const before = await ensureSettings(ctx.db, tenantId);
  const { version, ...patch } = input;
  for (const field of ['resolutionTemplateId', 'followupTemplateId'] as const) {
    const id = patch[field];
    if (id && !(await repo.getTemplate(ctx.db, tenantId, id)))
      throw new AppError('REFERENCE_INVALID', { field });
  }
  const updated = await requireUpdated(
    await repo.updateSettings(ctx.db, tenantId, version, patch, ctx.now()),
    'satisfaction_settings',
    tenantId,
    () => repo.getSettings(ctx.db, tenantId),
  );
  await recordAudit(ctx, {
    action: 'satisfaction_settings.changed',
    entityType: 'satisfaction_settings',
    entityId: tenantId,
    changes: diff(before as unknown as Record<string, unknown>, patch),
  });
  return serialiseSettings(updated);
}

// ── Templates ───────────────────────────────────────────────────────────────────────────────────────

function serialiseTemplate(t: repo.TemplateRow): SurveyTemplate {
  return {
    id: t.id,
    name: t.name,
    measures: t.measures,
    askComment: t.askComment,
    introZh: t.introZh,
    introEn: t.introEn,
    active: t.active,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
  };
}

export async function findTemplates(ctx: ServiceContext) {
  await ensureSettings(ctx.db, ctx.principal.tenantId);
  return { items: (await repo.findTemplates(ctx.db, ctx.principal.tenantId)).map(serialiseTemplate) };
}

export async function createTemplate(ctx: ServiceContext, input: z.infer<typeof surveyTemplateCreateBody>) {
  const row = await repo.insertTemplate(ctx.db, {
    tenantId: ctx.principal.tenantId,
    name: input.name,
    measures: input.measures,
    askComment: input.askComment,
    introZh: input.introZh ?? null,
    introEn: input.introEn ?? null,
  });
  if (!row) throw new AppError('DUPLICATE', { field: 'name' });
  await recordAudit(ctx, {
    action: 'survey_template.created',
    entityType: 'survey_template',
    entityId: row.id,
    changes: { name: row.name, measures: row.measures },
  });
  return serialiseTemplate(row);
}

export async function changeTemplate(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof surveyTemplateChangeBody>,
) {
  const tenantId = ctx.principal.tenantId;
  const before = await repo.getTemplate(ctx.db, tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'survey_template', id });
  const { version, ...patch } = input;
  if (
    patch.name &&
    patch.name !== before.name &&
    (await repo.getTemplateByName(ctx.db, tenantId, patch.name))
  )
    throw new AppError('DUPLICATE', { field: 'name' });
  const updated = await requireUpdated(
    await repo.updateTemplate(ctx.db, tenantId, id, version, patch),
    'survey_template',
    id,
    () => repo.getTemplate(ctx.db, tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'survey_template.changed',
    entityType: 'survey_template',
    entityId: id,
    changes: diff(before as unknown as Record<string, unknown>, patch),
  });
  return serialiseTemplate(updated);
}

// ── Invitations ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Creates the invitation for one cause (`sourceKey`) once: a retried trigger finds the first one. The link is
 * issued separately (its token can be shown only once).
 */
export async function createInvitation(
  db: Executor,
  input: {
    tenantId: string;
    customerId: string;
    ticketId?: string | null;
    followupId?: string | null;
    campaignId?: string | null;
    trigger: repo.InvitationRow['trigger'];
    sourceKey: string;
    templateId?: string | null;
    now: Date;
  },
) {
  const settings = await ensureSettings(db, input.tenantId);
  const templateId =
    input.templateId ??
    (input.trigger === 'followup_unreachable' ? settings.followupTemplateId : settings.resolutionTemplateId);
  if (!templateId) throw new AppError('REFERENCE_INVALID', { field: 'templateId' });
  const template = await repo.getTemplate(db, input.tenantId, templateId);
  if (!template) throw new AppError('REFERENCE_INVALID', { field: 'templateId' });
  if (!template.active) throw new AppError('SURVEY_TEMPLATE_INACTIVE');
  return repo.insertInvitation(db, {
    tenantId: input.tenantId,
    templateId,
    customerId: input.customerId,
    ticketId: input.ticketId ?? null,
    followupId: input.followupId ?? null,
    campaignId: input.campaignId ?? null,
    trigger: input.trigger,
    sourceKey: input.sourceKey,
    expiresAt: new Date(input.now.getTime() + settings.surveyLinkDays * 86_400_000),
    createdAt: input.now,
  });
}

/** Issues a fresh single-use link to an unanswered invitation (any earlier link stops working). */
export async function issueInvitationLink(
  db: Executor,
  inv: repo.InvitationRow,
  now: Date,
  createdById: string | null,
): Promise<SurveyLink> {
  if (inv.status === 'answered') throw new AppError('LINK_USED');
  await revokePublicLinks(db, inv.tenantId, 'survey', inv.id, now);
  const settings = await ensureSettings(db, inv.tenantId);
  const expiresAt = new Date(now.getTime() + settings.surveyLinkDays * 86_400_000);
  const link = await issuePublicLink(db, {
    tenantId: inv.tenantId,
    purpose: 'survey',
    subjectId: inv.id,
    expiresAt,
    createdById,
  });
  await repo.markInvitation(db, inv.tenantId, inv.id, { expiresAt });
  return { invitationId: inv.id, path: link.path, expiresAt: expiresAt.toISOString() };
}

async function requireInvitation(ctx: ServiceContext, id: string) {
  const inv = await repo.getInvitation(ctx.db, ctx.principal.tenantId, id);
  if (!inv) throw new AppError('NOT_FOUND', { entity: 'survey_invitation', id });
  return inv;
}

/** A survey sent by hand (an agent copies the link into a message). */
export async function inviteCustomer(ctx: ServiceContext, input: z.infer<typeof surveyInviteBody>) {
  const tenantId = ctx.principal.tenantId;
  const customer = await repo.getCustomerBrief(ctx.db, tenantId, input.customerId);
  if (!customer) throw new AppError('REFERENCE_INVALID', { field: 'customerId' });
  if (input.ticketId) {
    const owner = await repo.getTicketCustomer(ctx.db, tenantId, input.ticketId);
    if (owner !== input.customerId) throw new AppError('REFERENCE_INVALID', { field: 'ticketId' });
  }
  const now = ctx.now();
  const { row } = await createInvitation(ctx.db, {
    tenantId,
    customerId: input.customerId,
    ticketId: input.ticketId ?? null,
    trigger: 'manual',
    sourceKey: `manual:${randomUUID()}`,
    templateId: input.templateId ?? null,
    now,
  });
  const link = await issueInvitationLink(ctx.db, row, now, ctx.principal.userId);
  await recordAudit(ctx, {
    action: 'survey_invitation.created',
    entityType: 'survey_invitation',
    entityId: row.id,
    changes: { customerId: input.customerId, trigger: 'manual' },
  });
  return link;
}

export async function reissueLink(ctx: ServiceContext, id: string) {
  const inv = await requireInvitation(ctx, id);
  const link = await issueInvitationLink(ctx.db, inv, ctx.now(), ctx.principal.userId);
  await recordAudit(ctx, {
    action: 'survey_invitation.link_issued',
    entityType: 'survey_invitation',
    entityId: id,
  });
  return link;
}

/** Records that someone sent the link (the SMS / e-mail gateway is outside Manyi). */
export async function markSent(ctx: ServiceContext, id: string, input: z.infer<typeof surveySentBody>) {
  const inv = await requireInvitation(ctx, id);
  if (inv.status === 'answered') throw new AppError('LINK_USED');
  await repo.markInvitation(ctx.db, inv.tenantId, id, {
    status: 'sent',
    sentVia: input.via,
    sentAt: ctx.now(),
    sentById: ctx.principal.userId,
  });
  await recordAudit(ctx, {
    action: 'survey_invitation.sent',
    entityType: 'survey_invitation',
    entityId: id,
    changes: { via: input.via },
  });
  const fresh = await repo.getInvitationWithTemplate(ctx.db, inv.tenantId, id);
  return serialiseInvitation(fresh!.inv, fresh!.templateName);
}

function serialiseInvitation(i: repo.InvitationRow, templateName: string): SurveyInvitation {
  return {
    id: i.id,
    templateId: i.templateId,
    templateName,
    customerId: i.customerId,
    ticketId: i.ticketId,
    followupId: i.followupId,
    trigger: i.trigger,
    status: i.status,
    sentVia: i.sentVia,
    sentAt: iso(i.sentAt),
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}

// ── The customer's answer (public, by signed link) ──────────────────────────────────────────────────

export interface PublicDeps {
  db: Executor;
  now: () => Date;
}

export async function getPublicSurvey(deps: PublicDeps, token: string): Promise<PublicSurvey> {
  const link = await resolvePublicLink(deps.db, token, 'survey', deps.now(), { unused: true });
  const c = await repo.getInvitationContext(deps.db, link.tenantId, link.subjectId);
  if (!c) throw new AppError('LINK_INVALID');
  return {
    tenantName: c.tenantName,
    customerName: c.customerName,
    ticketNumber: c.ticketNumber ? `${c.ticketPrefix}-${c.ticketNumber}` : null,
    ticketSubject: c.ticketSubject,
    measures: c.template.measures,
    askComment: c.template.askComment,
    intro: { zh: c.template.introZh, en: c.template.introEn },
    expiresAt: link.expiresAt.toISOString(),
  };
}

function checkAnswers(measures: SurveyMeasure[], askComment: boolean, a: SurveyAnswerBody) {
  const problems: { path: string; message: string }[] = [];
  const has = (m: SurveyMeasure) => measures.includes(m);
  for (const m of ['csat', 'nps', 'ces'] as const) {
    if (has(m) && a[m] === undefined) problems.push({ path: m, message: 'required' });
    if (!has(m) && a[m] !== undefined) problems.push({ path: m, message: 'not asked by this survey' });
  }
  if (has('dimensions')) {
    for (const d of surveyDimensions)
      if (!a.dimensions?.[d]) problems.push({ path: `dimensions.${d}`, message: 'required' });
  } else if (a.dimensions && Object.keys(a.dimensions).length > 0)
    problems.push({ path: 'dimensions', message: 'not asked by this survey' });
  if (!askComment && a.comment) problems.push({ path: 'comment', message: 'not asked by this survey' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

/**
 * Stores the customer's one answer: spends the link (a second submission gets LINK_USED), and when the answer
 * crosses a dissatisfaction threshold opens a recovery work order and alerts the supervisors, all in one
 * transaction.
 */
export async function answerSurvey(
  deps: PublicDeps & { makeContext: (principal: Principal, db: Executor) => ServiceContext },
  token: string,
  a: SurveyAnswerBody,
) {
  const now = deps.now();
  // Read first (no lock): whose survey it is decides the acting principal; checked again inside the write.
  const first = await resolvePublicLink(deps.db, token, 'survey', now, { unused: true });
  const tenant = await repo.getInvitationContext(deps.db, first.tenantId, first.subjectId);
  if (!tenant) throw new AppError('LINK_INVALID');
  const base = deps.makeContext(
    systemPrincipal(
      { id: first.tenantId, timeZone: tenant.timeZone, ticketPrefix: tenant.ticketPrefix },
      'public_link',
    ),
    deps.db,
  );
  return inTransaction(base, async (ctx) => {
    const tx = ctx.db;
    const link = await resolvePublicLink(tx, token, 'survey', now, { unused: true });
    const c = await repo.getInvitationContext(tx, link.tenantId, link.subjectId);
    if (!c || link.tenantId !== first.tenantId) throw new AppError('LINK_INVALID');
    checkAnswers(c.template.measures, c.template.askComment, a);
    await spendPublicLink(tx, link.id, now);
    const settings = await ensureSettings(tx, link.tenantId);
    const reasons = dissatisfactionReasons(a, settings);
    const dim = (d: (typeof surveyDimensions)[number]) => a.dimensions?.[d];
    const response = await repo.insertResponse(tx, {
      tenantId: link.tenantId,
      invitationId: c.inv.id,
      templateId: c.template.id,
      customerId: c.inv.customerId,
      ticketId: c.inv.ticketId,
      trigger: c.inv.trigger,
      teamId: c.ticketTeamId,
      assigneeId: c.ticketAssigneeId,
      csat: a.csat ?? null,
      nps: a.nps ?? null,
      ces: a.ces ?? null,
      expTangibles: dim('tangibles')?.expectation ?? null,
      perTangibles: dim('tangibles')?.perception ?? null,
      expEmpathy: dim('empathy')?.expectation ?? null,
      perEmpathy: dim('empathy')?.perception ?? null,
      expProfessionalism: dim('professionalism')?.expectation ?? null,
      perProfessionalism: dim('professionalism')?.perception ?? null,
      expSpeed: dim('speed')?.expectation ?? null,
      perSpeed: dim('speed')?.perception ?? null,
      expCredibility: dim('credibility')?.expectation ?? null,
      perCredibility: dim('credibility')?.perception ?? null,
      comment: a.comment ?? null,
      commentKind: a.commentKind ?? null,
      dissatisfied: reasons.length > 0,
      dissatisfiedReasons: reasons,
      lang: a.lang,
      respondedAt: now,
    });
    await repo.markInvitation(tx, link.tenantId, c.inv.id, { status: 'answered' });
    if (reasons.length > 0) {
      const recovery = await openRecovery(ctx, {
        customerId: c.inv.customerId,
        originalTicketId: c.inv.ticketId,
        originalNumber: c.ticketNumber ? `${c.ticketPrefix}-${c.ticketNumber}` : null,
        source: 'survey',
        reasons,
        summary: summariseAnswer(a),
        comment: a.comment ?? null,
      });
      await repo.setRecoveryTicket(tx, response.id, recovery.id);
    }
    return { ok: true as const, thanks: reasons.length > 0 ? ('sorry' as const) : ('satisfied' as const) };
  });
}

function summariseAnswer(a: SurveyAnswerBody) {
  const parts: string[] = [];
  if (a.csat !== undefined) parts.push(`CSAT ${a.csat}/5`);
  if (a.nps !== undefined) parts.push(`NPS ${a.nps}/10`);
  if (a.ces !== undefined) parts.push(`CES ${a.ces}/7`);
  for (const d of surveyDimensions) {
    const x = a.dimensions?.[d];
    if (x) parts.push(`${dimensionZh[d]} ${x.expectation}→${x.perception}`);
  }
  return parts.join('，');
}

const dimensionZh = {
  tangibles: '有形性',
  empathy: '移情性',
  professionalism: '专业性',
  speed: '响应性',
  credibility: '可信性',
} as const;

/**
 * Service recovery: a high-priority work order tagged `recovery`, linked to the original (a note on the original's
 * timeline, the original's number in the description), and an in-app alert to every active supervisor. The new
 * work order is announced on the live hub by `openTicket`.
 */
export async function openRecovery(
  ctx: ServiceContext,
  input: {
    customerId: string;
    originalTicketId: string | null;
    originalNumber: string | null;
    source: 'survey' | 'followup';
    reasons: string[];
    summary: string;
    comment: string | null;
  },
) {
  const lines = [
    input.source === 'survey' ? '客户在满意度调查中表示不满意。' : '回访中客户表示不满意。',
    input.originalNumber ? `原工单：${input.originalNumber}` : null,
    input.summary ? `评分：${input.summary}` : null,
    input.comment ? `客户原话：“${input.comment}”` : null,
    '请在 24 小时内致电客户致歉、了解原因并提出补救方案。',
  ].filter(Boolean);
  const ticket = await openTicket(
    ctx,
    ticketCreateBody.parse({
      type: 'inquiry',
      channel: input.source === 'survey' ? 'web' : 'phone',
      priority: 'high',
      subject: `服务补救：${input.originalNumber ? `${input.originalNumber} ` : ''}客户不满意`,
      description: lines.join('\n'),
      customerId: input.customerId,
      tags: [RECOVERY_TAG, input.source === 'survey' ? '满意度调查' : '回访'],
    }),
  );
  const now = ctx.now();
  if (input.originalTicketId)
    await insertEvent(ctx.db, {
      tenantId: ctx.principal.tenantId,
      ticketId: input.originalTicketId,
      kind: 'note',
      authorId: null,
      body: `客户不满意（${input.reasons.join(', ')}），已开服务补救工单 ${ticket.number}。`,
      data: { recoveryTicketId: ticket.id, recoveryNumber: ticket.number, reasons: input.reasons },
      createdAt: now,
    });
  const supervisors = await repo.findActiveSupervisors(ctx.db, ctx.principal.tenantId);
  if (supervisors.length)
    await repo.insertNotifications(
      ctx.db,
      supervisors.map((s) => ({
        tenantId: ctx.principal.tenantId,
        userId: s.id,
        ticketId: ticket.id,
        kind: 'survey.dissatisfied',
        data: {
          number: ticket.number,
          subject: ticket.subject,
          originalNumber: input.originalNumber,
          reasons: input.reasons,
          source: input.source,
        },
        createdAt: now,
      })),
    );
  await recordAudit(ctx, {
    action: 'survey.recovery_opened',
    entityType: 'ticket',
    entityId: ticket.id,
    changes: { originalTicketId: input.originalTicketId, reasons: input.reasons, source: input.source },
  });
  return ticket;
}

// ── Reading answers ─────────────────────────────────────────────────────────────────────────────────

function serialiseResponse(r: repo.ResponseRow, templateName: string): SurveyResponse {
  const pair = (e: number | null, p: number | null) =>
    e === null && p === null ? undefined : { expectation: e, perception: p };
  const dims = {
    tangibles: pair(r.expTangibles, r.perTangibles),
    empathy: pair(r.expEmpathy, r.perEmpathy),
    professionalism: pair(r.expProfessionalism, r.perProfessionalism),
    speed: pair(r.expSpeed, r.perSpeed),
    credibility: pair(r.expCredibility, r.perCredibility),
  };
  return {
    id: r.id,
    invitationId: r.invitationId,
    templateName,
    customerId: r.customerId,
    ticketId: r.ticketId,
    trigger: r.trigger,
    csat: r.csat,
    nps: r.nps,
    ces: r.ces,
    dimensions: Object.fromEntries(Object.entries(dims).filter(([, v]) => v)),
    comment: r.comment,
    commentKind: r.commentKind,
    dissatisfied: r.dissatisfied,
    dissatisfiedReasons: r.dissatisfiedReasons,
    recoveryTicketId: r.recoveryTicketId,
    respondedAt: r.respondedAt.toISOString(),
  };
}

export async function findResponses(ctx: ServiceContext, q: { dissatisfied?: boolean; limit: number }) {
  const rows = await repo.findResponses(ctx.db, ctx.principal.tenantId, q);
  return { items: rows.map((x) => serialiseResponse(x.r, x.templateName)) };
}

/** Everything a customer told us: answers, invitations, follow-up calls (customer 360 and intake). */
export async function getCustomerSatisfaction(
  ctx: ServiceContext,
  customerId: string,
  followups: (ctx: ServiceContext, customerId: string) => Promise<CustomerSatisfaction['followups']>,
): Promise<CustomerSatisfaction> {
  const tenantId = ctx.principal.tenantId;
  if (!(await repo.getCustomerBrief(ctx.db, tenantId, customerId)))
    throw new AppError('NOT_FOUND', { entity: 'customer', id: customerId });
  const responses = (await repo.findResponses(ctx.db, tenantId, { customerId, limit: 50 })).map((x) =>
    serialiseResponse(x.r, x.templateName),
  );
  const invitations = (await repo.findInvitationsOfCustomer(ctx.db, tenantId, customerId)).map((x) =>
    serialiseInvitation(x.inv, x.templateName),
  );
  return {
    responses,
    invitations,
    followups: await followups(ctx, customerId),
    summary: {
      responses: responses.length,
      csatAvg: meanOf(responses.map((r) => r.csat)),
      lastNps: responses.find((r) => r.nps !== null)?.nps ?? null,
      dissatisfied: responses.filter((r) => r.dissatisfied).length,
    },
  };
}
