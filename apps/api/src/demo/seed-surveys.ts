import {
  defaultThresholds,
  dissatisfactionReasons,
  type SurveyDimension,
  surveyDimensions,
} from '@manyi/contracts';
import { type Database, type Executor, schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { and, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import { systemPrincipal } from '../lib/context';
import { runCampaign } from '../modules/followups/campaigns.service';
import { ensureSettings, openRecovery } from '../modules/surveys/surveys.service';
import { demoContext } from './demo-context';

const HOUR = 3_600_000;
const DAY = 86_400_000;

const compliments = [
  '师傅很专业，讲解也很耐心，谢谢！',
  '上门很准时，还帮忙把地面清理干净了。',
  '客服态度很好，一次就解决了问题。',
  '工程师穿鞋套、戴工牌，很规范，点赞。',
];
const suggestions = [
  '希望预约时间能精确到一小时以内。',
  '建议维修后发一份电子版的维修单。',
  '能否增加周末晚上的上门时段？',
];
const complaints = [
  '等了三天才有人上门，太慢了。',
  '师傅迟到了两个小时，也没有提前打电话。',
  '修完第二天又坏了，还得再请假。',
  '电话打了好几次才接通，体验很差。',
];

type Rng = ReturnType<typeof createRandom>;

/** One answer whose numbers hang together: a happy customer promotes, finds it easy and saw the service meet expectations. */
function answerFor(rng: Rng, withDimensions: boolean, slowTeam: boolean) {
  const mood = rng.next();
  const csat = mood > 0.5 ? 5 : mood > 0.2 ? 4 : mood > 0.09 ? 3 : mood > 0.04 ? 2 : 1;
  const between = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
  const nps = [0, between(0, 4), between(2, 6), between(5, 8), between(7, 9), between(8, 10)][csat]!;
  const ces = [0, between(5, 7), between(4, 6), between(3, 5), between(2, 3), between(1, 2)][csat]!;
  const dimensions: Partial<Record<SurveyDimension, { expectation: number; perception: number }>> = {};
  if (withDimensions)
    for (const d of surveyDimensions) {
      const expectation = between(5, 7);
      const shift = [0, between(-4, -2), between(-3, -1), between(-2, 0), between(-1, 0), between(0, 1)][
        csat
      ]!;
      const slow = d === 'speed' && (slowTeam || rng.next() < 0.3) ? -1 : 0;
      dimensions[d] = { expectation, perception: Math.max(1, Math.min(7, expectation + shift + slow)) };
    }
  const r = rng.next();
  const [comment, commentKind] =
    csat <= 2 && r < 0.8
      ? [complaints[between(0, complaints.length - 1)]!, 'complaint' as const]
      : csat === 5 && r < 0.3
        ? [compliments[between(0, compliments.length - 1)]!, 'compliment' as const]
        : r < 0.12
          ? [suggestions[between(0, suggestions.length - 1)]!, 'suggestion' as const]
          : [null, null];
  return {
    csat,
    nps: withDimensions ? null : nps,
    ces: withDimensions ? null : ces,
    dimensions,
    comment,
    commentKind,
  };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
}

/**
 * A year of satisfaction data for the demo: survey invitations and answers on resolved work orders (CSAT mostly
 * 4–5, a tail of unhappy customers; five-dimension surveys where speed lags), follow-up calls (done, unreachable,
 * due today), recovery work orders for the last month's unhappy answers, and campaigns.
 */
export async function seedSurveysDemo(db: Executor, database: Database, tenantId: string, adminId: string) {
  const rng = createRandom(20261124);
  const now = Date.now();
  const settings = await ensureSettings(db, tenantId);
  const templates = await db
    .select({ id: schema.surveyTemplates.id, measures: schema.surveyTemplates.measures })
    .from(schema.surveyTemplates)
    .where(eq(schema.surveyTemplates.tenantId, tenantId));
  const csatNps = templates.find((x) => x.measures.includes('nps'))!.id;
  const fiveDim = templates.find((x) => x.measures.includes('dimensions'))!.id;
  const resolved = await db
    .select({
      id: schema.tickets.id,
      type: schema.tickets.type,
      customerId: schema.tickets.customerId,
      unitId: schema.tickets.unitId,
      teamId: schema.tickets.teamId,
      assigneeId: schema.tickets.assigneeId,
      resolvedAt: schema.tickets.resolvedAt,
      tier: schema.customers.tier,
    })
    .from(schema.tickets)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.tickets.customerId))
    .where(
      and(
        eq(schema.tickets.tenantId, tenantId),
        inArray(schema.tickets.status, ['resolved', 'closed']),
        isNotNull(schema.tickets.resolvedAt),
        gte(schema.tickets.resolvedAt, new Date(now - 365 * DAY)),
      ),
    );
  const slowTeams = new Set(
    [...new Set(resolved.map((t) => t.teamId).filter(Boolean))].filter((_, i) => i % 3 === 1) as string[],
  );
  const invitations: (typeof schema.surveyInvitations.$inferInsert)[] = [];
  const responses: (typeof schema.surveyResponses.$inferInsert)[] = [];
  const followups: (typeof schema.followups.$inferInsert)[] = [];
  const attempts: (typeof schema.followupAttempts.$inferInsert)[] = [];
  const recent: {
    customerId: string;
    ticketId: string;
    reasons: string[];
    comment: string | null;
    summary: string;
  }[] = [];

  for (const t of resolved) {
    if (t.type === 'compliment' || t.type === 'suggestion' || !t.resolvedAt) continue;
    const resolvedAt = t.resolvedAt.getTime();
    // Survey: most resolutions get one; about six in ten answer.
    if (rng.next() < 0.8) {
      const invitationId = crypto.randomUUID();
      const withDimensions = rng.next() < 0.3;
      const answeredAt = resolvedAt + (2 + rng.next() * 46) * HOUR;
      const answers = answeredAt < now && rng.next() < 0.6;
      invitations.push({
        id: invitationId,
        tenantId,
        templateId: withDimensions ? fiveDim : csatNps,
        customerId: t.customerId,
        ticketId: t.id,
        trigger: 'resolution',
        sourceKey: `resolution:${t.id}:${t.resolvedAt.toISOString()}`,
        status: answers ? 'answered' : resolvedAt < now - 2 * DAY ? 'sent' : 'pending',
        sentVia: resolvedAt < now - 2 * DAY || answers ? 'sms' : null,
        sentAt: resolvedAt < now - 2 * DAY || answers ? new Date(resolvedAt + HOUR) : null,
        expiresAt: new Date(resolvedAt + settings.surveyLinkDays * DAY),
        createdAt: t.resolvedAt,
      });
      if (answers) {
        const a = answerFor(rng, withDimensions, t.teamId !== null && slowTeams.has(t.teamId));
        const reasons = dissatisfactionReasons(
          { csat: a.csat, nps: a.nps, ces: a.ces, dimensions: a.dimensions },
          defaultThresholds,
        );
        const id = crypto.randomUUID();
        const dim = (d: SurveyDimension) => a.dimensions[d];
        responses.push({
          id,
          tenantId,
          invitationId,
          templateId: withDimensions ? fiveDim : csatNps,
          customerId: t.customerId,
          ticketId: t.id,
          trigger: 'resolution',
          teamId: t.teamId,
          assigneeId: t.assigneeId,
          csat: a.csat,
          nps: a.nps,
          ces: a.ces,
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
          comment: a.comment,
          commentKind: a.commentKind,
          dissatisfied: reasons.length > 0,
          dissatisfiedReasons: reasons,
          lang: 'zh',
          respondedAt: new Date(answeredAt),
        });
        if (reasons.length > 0 && answeredAt > now - 30 * DAY)
          recent.push({
            customerId: t.customerId,
            ticketId: t.id,
            reasons,
            comment: a.comment,
            summary: [a.csat && `CSAT ${a.csat}/5`, a.nps !== null && `NPS ${a.nps}/10`]
              .filter(Boolean)
              .join('，'),
          });
      }
    }
    // Follow-up call: complaints and VIPs always, others sampled at the configured rate.
    const reason =
      t.type === 'complaint'
        ? 'complaint'
        : t.tier === 'vip' || t.tier === 'gold'
          ? 'vip'
          : rng.next() * 100 < settings.followupSamplePercent
            ? 'resolution'
            : null;
    if (!reason) continue;
    const dueAt = resolvedAt + settings.followupDelayHours * HOUR;
    const id = crypto.randomUUID();
    const row: typeof schema.followups.$inferInsert = {
      id,
      tenantId,
      customerId: t.customerId,
      ticketId: t.id,
      unitId: t.unitId,
      reason,
      resolvedAt: t.resolvedAt,
      dueAt: new Date(dueAt),
      createdAt: t.resolvedAt,
      updatedAt: t.resolvedAt,
    };
    if (dueAt < now - 3 * DAY) {
      const reached = rng.next() < 0.86;
      const failed = reached ? Math.floor(rng.next() * 2) : settings.followupMaxAttempts;
      for (let i = 0; i < failed; i++)
        attempts.push({
          tenantId,
          followupId: id,
          result: rng.next() < 0.7 ? 'no_answer' : 'busy',
          byId: adminId,
          at: new Date(dueAt + i * 3 * HOUR),
        });
      if (reached) {
        attempts.push({
          tenantId,
          followupId: id,
          result: 'reached',
          byId: adminId,
          at: new Date(dueAt + failed * 3 * HOUR),
        });
        const satisfaction = rng.next() < 0.6 ? 5 : rng.next() < 0.75 ? 4 : rng.next() < 0.6 ? 3 : 2;
        Object.assign(row, {
          status: 'done',
          reached: true,
          problemResolved: rng.next() < 0.93,
          satisfaction,
          newIssue: rng.next() < 0.05,
          completedAt: new Date(dueAt + failed * 3 * HOUR),
          completedById: adminId,
          attemptCount: failed + 1,
          outcomeNote:
            satisfaction >= 4 ? '客户表示使用正常，对服务满意。' : '客户对等待时间有意见，已致歉。',
        });
      } else
        Object.assign(row, {
          status: 'unreachable',
          reached: false,
          attemptCount: failed,
          completedAt: new Date(dueAt + failed * 3 * HOUR),
        });
    } else if (dueAt < now && rng.next() < 0.3) {
      attempts.push({
        tenantId,
        followupId: id,
        result: 'no_answer',
        byId: adminId,
        at: new Date(dueAt + HOUR),
      });
      row.attemptCount = 1;
    }
    followups.push(row);
  }

  // Work orders resolved through the desk already have their invitation: answer only the ones inserted here.
  const inserted = new Set<string>();
  await insertChunked(invitations, async (c) => {
    const rows = await db
      .insert(schema.surveyInvitations)
      .values(c)
      .onConflictDoNothing()
      .returning({ id: schema.surveyInvitations.id });
    for (const r of rows) inserted.add(r.id);
  });
  await insertChunked(
    responses.filter((r) => inserted.has(r.invitationId)),
    (c) => db.insert(schema.surveyResponses).values(c),
  );
  await insertChunked(followups, (c) => db.insert(schema.followups).values(c).onConflictDoNothing());
  await insertChunked(attempts, (c) => db.insert(schema.followupAttempts).values(c));

  // The last month's unhappy answers got their recovery work orders (and the supervisors their alerts).
  const [tenant] = await db
    .select({
      id: schema.tenants.id,
      timeZone: schema.tenants.timeZone,
      ticketPrefix: schema.tenants.ticketPrefix,
    })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  const ctx = demoContext(db, database, { principal: systemPrincipal(tenant!) });
  const numbers = new Map(
    (
      await db
        .select({ id: schema.tickets.id, number: schema.tickets.number })
        .from(schema.tickets)
        .where(
          inArray(schema.tickets.id, recent.length ? recent.map((r) => r.ticketId) : [crypto.randomUUID()]),
        )
    ).map((r) => [r.id, `${tenant!.ticketPrefix}-${r.number}`]),
  );
  for (const r of recent.slice(-15)) {
    const recovery = await openRecovery(ctx, {
      customerId: r.customerId,
      originalTicketId: r.ticketId,
      originalNumber: numbers.get(r.ticketId) ?? null,
      source: 'survey',
      reasons: r.reasons,
      summary: r.summary,
      comment: r.comment,
    });
    await db
      .update(schema.surveyResponses)
      .set({ recoveryTicketId: recovery.id })
      .where(eq(schema.surveyResponses.ticketId, r.ticketId));
  }

  // Campaigns: a finished summer cleaning call round, and a draft annual care round for VIPs.
  const [summer] = await db
    .insert(schema.campaigns)
    .values({
      tenantId,
      name: '夏季前空调免费清洗回访',
      description: '入夏前为使用超过一年的空调用户提供免费清洗检查，电话预约上门时间。',
      filter: { categories: ['air_conditioner'], minAgeMonths: 12, provinceCodes: ['440000'] },
      action: 'followup',
      dueAt: new Date(now + 7 * DAY),
      status: 'running',
      createdById: adminId,
      startedAt: new Date(now - 2 * HOUR),
    })
    .returning({ id: schema.campaigns.id });
  await runCampaign(database, null, summer!.id, db);
  await db.insert(schema.campaigns).values({
    tenantId,
    name: 'VIP 客户年度关怀电话',
    description: '每年一次致电 VIP 与金卡客户，了解产品使用情况并提醒保养。',
    filter: { tiers: ['vip', 'gold'] },
    action: 'followup',
    createdById: adminId,
  });
  return { invitations: invitations.length, responses: responses.length, followups: followups.length };
}
