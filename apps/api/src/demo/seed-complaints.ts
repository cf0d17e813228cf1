import { type ComplaintSeverity, type ComplaintStep, complaintSteps } from '@manyi/contracts';
import { type Database, type Executor, schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as complaints from '../modules/complaints/complaints.service';
import { demoContext } from './demo-context';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** What the notes of each step sound like in a real call centre. */
const stepNotes: Record<ComplaintStep, string[]> = {
  listen: [
    '客户情绪激动，让客户把话说完，未打断，逐条记录。',
    '客户反映已是第二次报修，耐心听完经过。',
    '客户投诉约十分钟，期间只做确认，没有辩解。',
  ],
  calm: ['没有争论责任，把注意力放在客户需要什么上。', '语气放缓，告诉客户我们一定跟进到底。'],
  empathise: ['向客户真诚道歉：“给您添麻烦了，换作是我也会着急。”', '表示理解客户耽误了上班的时间，并道歉。'],
  solve: [
    '核实工单记录与师傅上门时间，确认问题属实。',
    '联系网点核对维修记录，确认为配件安装不到位。',
    '调取通话录音，确认客服答复有误。',
  ],
  agree: [
    '与客户商定：明天上午重新上门，并赠送一次免费清洗。',
    '客户同意补偿方案，约定三日内完成。',
    '客户接受更换新机的处理方案。',
  ],
  follow_up: [
    '电话回访，客户确认问题已解决。',
    '回访时客户表示师傅态度好了很多。',
    '回访客户，已正常使用一周。',
  ],
};

function causeFor(text: string, pick: () => number) {
  if (/态度|不耐烦|骂|冷漠/.test(text)) return 'service_manner';
  if (/迟到|慢|等了|拖|没人来|爽约/.test(text)) return 'slowness';
  if (/没修好|又坏|划|弄脏|返修/.test(text)) return 'poor_workmanship';
  if (/说法|解释|不一致|没告知|电话/.test(text)) return 'poor_communication';
  const causes = ['product_quality', 'service_manner', 'slowness', 'poor_workmanship', 'poor_communication'];
  return causes[pick() % causes.length]!;
}

/**
 * Complaint records for the demo's complaint work orders (a year of them): concluded ones with all six steps,
 * the customer's verdict and remedies; open ones at various steps, some overdue and escalated, a few remedies
 * waiting for approval; plus three fresh complaints opened through the service (live countdowns).
 */
export async function seedComplaintsDemo(
  db: Executor,
  database: Database,
  tenantId: string,
  adminId: string,
) {
  const rng = createRandom(6_000_001);
  const staff = await db
    .select({ id: schema.users.id, role: schema.users.role })
    .from(schema.users)
    .where(eq(schema.users.tenantId, tenantId));
  const agents = staff.filter((u) => u.role === 'agent').map((u) => u.id);
  const supervisors = staff.filter((u) => u.role === 'supervisor').map((u) => u.id);
  const qms = staff.filter((u) => u.role === 'quality_manager').map((u) => u.id);
  const pickOf = <T>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!;
  const settings = complaints.defaultComplaintSettings;
  const rows = await db
    .select({
      id: schema.tickets.id,
      customerId: schema.tickets.customerId,
      unitId: schema.tickets.unitId,
      description: schema.tickets.description,
      status: schema.tickets.status,
      createdAt: schema.tickets.createdAt,
      resolvedAt: schema.tickets.resolvedAt,
      valueFen: schema.customers.valueFen,
    })
    .from(schema.tickets)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.tickets.customerId))
    .where(and(eq(schema.tickets.tenantId, tenantId), eq(schema.tickets.type, 'complaint')))
    .orderBy(asc(schema.tickets.createdAt));
  const now = Date.now();
  for (const t of rows) {
    const severity: ComplaintSeverity = rng.chance(0.12) ? 'major' : rng.chance(0.35) ? 'serious' : 'minor';
    const d = settings.deadlines[severity];
    const created = t.createdAt.getTime();
    const ackDue = created + d.acknowledgeHours * HOUR;
    const resolveDue = created + d.resolveDays * DAY;
    const concluded = t.status === 'resolved' || t.status === 'closed';
    const cancelled = t.status === 'cancelled';
    const stepsDone = concluded ? 6 : cancelled ? rng.int(0, 2) : rng.int(0, 5);
    // Most are acknowledged within the deadline; some late.
    const ackAt =
      stepsDone > 0
        ? created + rng.int(10, rng.chance(0.85) ? d.acknowledgeHours * 55 : d.acknowledgeHours * 90) * 60_000
        : null;
    const closedAt = concluded
      ? (t.resolvedAt?.getTime() ?? Math.min(now, created + rng.int(1, d.resolveDays + 2) * DAY))
      : cancelled
        ? created + DAY
        : null;
    const ackBreached = (ackAt === null ? now > ackDue : ackAt > ackDue)
      ? Math.min(now, ackDue + 60_000)
      : null;
    const resolveBreached = (closedAt === null ? now > resolveDue && !cancelled : closedAt > resolveDue)
      ? Math.min(now, resolveDue + 60_000)
      : null;
    let level = severity === 'major' ? 2 : 1;
    const escalations: { from: number; to: number; reason: string; at: number; byId: string | null }[] = [
      { from: 0, to: level, reason: 'opened', at: created, byId: null },
    ];
    for (const [reason, at] of [
      ['acknowledge_breached', ackBreached],
      ['resolve_breached', resolveBreached],
    ] as const)
      if (at !== null) {
        escalations.push({ from: level, to: Math.min(level + 1, 3), reason, at, byId: null });
        level = Math.min(level + 1, 3);
      }
    if (!concluded && !cancelled && level < 3 && rng.chance(0.1)) {
      escalations.push({
        from: level,
        to: level + 1,
        reason: 'manual',
        at: created + 2 * HOUR,
        byId: pickOf(agents),
      });
      level += 1;
    }
    const verdict = concluded
      ? rng.chance(0.72)
        ? 'satisfied'
        : rng.chance(0.6)
          ? 'partly'
          : 'not_satisfied'
      : null;
    const winBackDue = closedAt !== null && !cancelled && now - closedAt > settings.winBackDays * DAY;
    const [c] = await db
      .insert(schema.complaints)
      .values({
        tenantId,
        ticketId: t.id,
        customerId: t.customerId,
        verbatim: t.description,
        severity,
        cause: causeFor(t.description, () => rng.int(0, 99)),
        aboutUnitId: t.unitId,
        level,
        acknowledgeDueAt: new Date(ackDue),
        resolveDueAt: new Date(resolveDue),
        acknowledgedAt: ackAt ? new Date(ackAt) : null,
        resolvedAt: concluded && closedAt ? new Date(closedAt) : null,
        acknowledgeBreachedAt: ackBreached ? new Date(ackBreached) : null,
        resolveBreachedAt: resolveBreached ? new Date(resolveBreached) : null,
        verdict,
        verdictAt: verdict && closedAt ? new Date(closedAt - HOUR) : null,
        closedAt: closedAt ? new Date(closedAt) : null,
        valueAtCloseFen: closedAt ? t.valueFen : null,
        winBack:
          winBackDue && rng.chance(0.5)
            ? rng.chance(0.75)
              ? 'active'
              : rng.chance(0.5)
                ? 'bought_again'
                : 'churned'
            : null,
        winBackReviewedAt: cancelled && closedAt ? new Date(closedAt) : null,
        createdById: pickOf(agents),
        createdAt: t.createdAt,
        updatedAt: new Date(closedAt ?? ackAt ?? created),
      })
      .returning({ id: schema.complaints.id, winBack: schema.complaints.winBack });
    if (c!.winBack)
      await db
        .update(schema.complaints)
        .set({
          winBackReviewedAt: new Date(closedAt! + settings.winBackDays * DAY),
          winBackReviewedById: pickOf(qms),
        })
        .where(eq(schema.complaints.id, c!.id));
    const span = (closedAt ?? Math.min(now, created + 2 * DAY)) - (ackAt ?? created);
    for (const [i, step] of complaintSteps.slice(0, stepsDone).entries())
      await db.insert(schema.complaintSteps).values({
        tenantId,
        complaintId: c!.id,
        step,
        doneAt: new Date((ackAt ?? created) + Math.round((span * i) / 6)),
        byId: pickOf(agents),
        note: rng.chance(0.85) ? pickOf(stepNotes[step]) : null,
      });
    if (stepsDone >= 4 && rng.chance(0.7)) {
      const kind = rng.chance(0.4)
        ? 'compensation'
        : rng.chance(0.5)
          ? 'gift'
          : rng.chance(0.5)
            ? 'apology'
            : 'redo';
      const amountFen =
        kind === 'compensation' ? rng.int(1, 30) * 5_000 : kind === 'gift' ? rng.int(1, 8) * 5_000 : 0;
      const pending = !concluded && amountFen > 20_000 && rng.chance(0.6);
      const at = new Date((ackAt ?? created) + span / 2);
      await db.insert(schema.complaintRemedies).values({
        tenantId,
        complaintId: c!.id,
        kind: kind === 'redo' ? 'apology' : kind,
        amountFen,
        description:
          kind === 'compensation'
            ? '补偿客户误工及上门延误'
            : kind === 'gift'
              ? '赠送空调清洗服务一次'
              : '主管致电客户道歉，说明改进措施',
        status: pending ? 'pending' : 'approved',
        requestedById: pickOf(agents),
        requestedAt: at,
        decidedById: pending ? null : amountFen > 20_000 ? pickOf(supervisors) : pickOf(agents),
        decidedAt: pending ? null : at,
      });
    }
    for (const e of escalations)
      await db.insert(schema.complaintEscalations).values({
        tenantId,
        complaintId: c!.id,
        fromLevel: e.from,
        toLevel: e.to,
        reason: e.reason,
        byId: e.byId,
        note: e.reason === 'manual' ? '客户要求主管出面处理' : null,
        notified: e.to >= 2 ? (e.to === 2 ? supervisors.length : qms.length) : 0,
        createdAt: new Date(e.at),
      });
  }

  // Fresh complaints through the service: live countdowns, notifications, the timeline.
  const ctx = demoContext(db, database, { tenantId, userId: agents[0] ?? adminId, role: 'agent' });
  const customers = await db
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, tenantId), inArray(schema.customers.status, ['active'])))
    .orderBy(asc(schema.customers.createdAt))
    .limit(3);
  const fresh: { verbatim: string; severity: ComplaintSeverity; cause: string }[] = [
    {
      verbatim: '你们师傅说好上午十点到，我请了半天假，结果下午三点才来，打电话也不接！这就是你们的服务？',
      severity: 'serious',
      cause: 'slowness',
    },
    {
      verbatim: '新买的洗衣机用了不到一个月就漏水，地板都泡坏了，我要求退货并赔偿地板损失。',
      severity: 'major',
      cause: 'product_quality',
    },
    {
      verbatim: '上次修完空调，外机支架没装牢，晚上一直响，邻居都来投诉了。',
      severity: 'minor',
      cause: 'poor_workmanship',
    },
  ];
  for (const [i, f] of fresh.entries()) {
    const customer = customers[i];
    if (!customer) break;
    const c = await complaints.openComplaint(ctx, { ...f, customerId: customer.id, channel: 'phone' });
    if (i === 0) {
      let cur = await complaints.recordStep(ctx, c.id, 'listen', {
        version: c.version,
        note: '客户非常生气，让客户把经过讲完，记录了请假损失。',
      });
      cur = await complaints.recordStep(ctx, c.id, 'calm', { version: cur.version });
      await complaints.proposeRemedy(ctx, c.id, {
        kind: 'compensation',
        amountFen: 50_000,
        description: '补偿客户误工半天',
      });
    }
  }
  return rows.length + fresh.length;
}
