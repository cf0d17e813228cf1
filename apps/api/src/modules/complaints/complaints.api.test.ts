import type { Role } from '@manyi/contracts';
import { schema } from '@manyi/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { sweepComplaintDeadlines } from './complaints.service';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customer: string;
let otherCustomer: string;

const HOUR = 3_600_000;
const DAY = 86_400_000;

async function addCustomer(fx: TenantFixture, name: string) {
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: fx.tenantId, name, tier: 'standard', searchText: name, valueFen: 500_000 })
    .returning({ id: schema.customers.id });
  return c!.id;
}

async function addUnit(customerId: string, createdAt: Date) {
  const [m] = await t.database.db
    .insert(schema.productModels)
    .values({
      tenantId: acme.tenantId,
      code: `KFR-${createdAt.getTime()}`,
      name: '格力云佳 1.5匹',
      category: 'air_conditioner',
    })
    .returning({ id: schema.productModels.id });
  await t.database.db.insert(schema.units).values({
    tenantId: acme.tenantId,
    customerId,
    modelId: m!.id,
    serialNumber: `SN${createdAt.getTime()}`,
    createdAt,
  });
}

const api = (fx: TenantFixture, role: Role) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: fx.as(role) }),
  post: (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { ...fx.as(role), ...headers },
      payload: payload as object,
    }),
  put: (url: string, payload: unknown) =>
    t.app.inject({ method: 'PUT', url: `/api/v1${url}`, headers: fx.as(role), payload: payload as object }),
});

async function openComplaint(body: Record<string, unknown> = {}, fx = acme, cust = customer) {
  const r = await api(fx, 'agent').post('/complaints', {
    customerId: cust,
    verbatim: '师傅上门迟到三个小时，还把地板划坏了，态度也很差！',
    severity: 'serious',
    cause: 'service_manner',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

async function doSteps(id: string, upTo: number, role: Role = 'agent') {
  let c = (await api(acme, role).get(`/complaints/${id}`)).json();
  const steps = ['listen', 'calm', 'empathise', 'solve', 'agree', 'follow_up'].slice(0, upTo);
  for (const s of steps) {
    const r = await api(acme, role).post(`/complaints/${id}/steps/${s}`, {
      version: c.version,
      note: `记录：${s}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    c = r.json();
  }
  return c;
}

async function countTickets(tenantId: string) {
  const [r] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.tickets)
    .where(eq(schema.tickets.tenantId, tenantId));
  return Number(r!.n);
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  customer = await addCustomer(acme, '王建国');
  otherCustomer = await addCustomer(other, '李梅');
});
afterAll(() => t.close());

describe('opening a complaint', () => {
  it('opens the complaint work order and the record together, deadlines in clock time per severity', async () => {
    const before = Date.now();
    const c = await openComplaint();
    expect(c.ticketNumber).toMatch(/-\d+$/);
    expect(c.severity).toBe('serious');
    expect(c.level).toBe(1);
    expect(c.nextStep).toBe('listen');
    // serious: acknowledge within 8 hours, resolve within 3 days (clock time, not working time)
    const ack = Date.parse(c.acknowledgeDueAt) - Date.parse(c.createdAt);
    const res = Date.parse(c.resolveDueAt) - Date.parse(c.createdAt);
    expect(ack).toBe(8 * HOUR);
    expect(res).toBe(3 * DAY);
    expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    const tk = (await api(acme, 'agent').get(`/tickets/${c.ticketId}`)).json();
    expect(tk.type).toBe('complaint');
    expect(tk.description).toBe('师傅上门迟到三个小时，还把地板划坏了，态度也很差！');
    expect(tk.priority).toBe('high');
    const byTicket = (await api(acme, 'agent').get(`/tickets/${c.ticketId}/complaint`)).json();
    expect(byTicket.id).toBe(c.id);
  });

  it('honours Idempotency-Key: a retry returns the first complaint and creates nothing', async () => {
    const body = {
      customerId: customer,
      verbatim: '热水器漏水，第三次报修了',
      severity: 'minor',
      cause: 'product_quality',
    };
    const n = await countTickets(acme.tenantId);
    const a = await api(acme, 'agent').post('/complaints', body, { 'idempotency-key': 'cmp-key-000001' });
    const b = await api(acme, 'agent').post('/complaints', body, { 'idempotency-key': 'cmp-key-000001' });
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(await countTickets(acme.tenantId)).toBe(n + 1);
  });

  it('refuses an unknown cause or another tenant’s ids with a code, storing nothing', async () => {
    const n = await countTickets(acme.tenantId);
    const bad = await api(acme, 'agent').post('/complaints', {
      customerId: customer,
      verbatim: '不满意',
      severity: 'minor',
      cause: 'no_such_cause',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('COMPLAINT_CAUSE_UNKNOWN');
    const foreign = await openComplaint({}, other, otherCustomer);
    const cross = await api(acme, 'agent').post('/complaints', {
      customerId: customer,
      verbatim: '不满意',
      severity: 'minor',
      cause: 'slowness',
      aboutTicketId: foreign.ticketId,
    });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().error).toMatchObject({
      code: 'REFERENCE_INVALID',
      details: { field: 'aboutTicketId' },
    });
    const tech = await api(acme, 'agent').post('/complaints', {
      customerId: customer,
      verbatim: '不满意',
      severity: 'minor',
      cause: 'slowness',
      aboutTechnicianId: other.users.technician.id,
    });
    expect(tech.statusCode).toBe(422);
    expect(await countTickets(acme.tenantId)).toBe(n);
  });
});

describe('the six steps and the closing rule', () => {
  it('records steps in order; the first acknowledges; notes can be written later', async () => {
    const c = await openComplaint();
    const early = await api(acme, 'agent').post(`/complaints/${c.id}/steps/calm`, { version: c.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'COMPLAINT_STEP_OUT_OF_ORDER',
      details: { expected: 'listen' },
    });
    const r = await api(acme, 'agent').post(`/complaints/${c.id}/steps/listen`, { version: c.version });
    expect(r.statusCode).toBe(200);
    const after = r.json();
    expect(after.acknowledgedAt).not.toBeNull();
    expect(after.nextStep).toBe('calm');
    expect(after.steps[0]).toMatchObject({ step: 'listen', note: null, byId: acme.users.agent.id });
    const stale = await api(acme, 'agent').post(`/complaints/${c.id}/steps/calm`, { version: c.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const noted = await api(acme, 'agent').put(`/complaints/${c.id}/steps/listen/note`, {
      version: after.version,
      note: '客户情绪激动，让其把话说完，未打断',
    });
    expect(noted.statusCode).toBe(200);
    expect(noted.json().steps[0].note).toBe('客户情绪激动，让其把话说完，未打断');
    const timeline = (await api(acme, 'agent').get(`/tickets/${c.ticketId}/timeline`)).json().items;
    expect(timeline.some((e: { body: string | null }) => e.body?.includes('倾听'))).toBe(true);
  });

  it('cannot resolve or close without the follow-up step and the verdict (API error code)', async () => {
    const c = await openComplaint();
    const move = async (to: string) => {
      const tk = (await api(acme, 'agent').get(`/tickets/${c.ticketId}`)).json();
      return api(acme, 'agent').post(`/tickets/${c.ticketId}/transition`, {
        version: tk.version,
        to,
        note: '已处理',
      });
    };
    const r1 = await move('resolved');
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error).toMatchObject({
      code: 'COMPLAINT_FOLLOW_UP_REQUIRED',
      details: { missing: ['follow_up', 'verdict'] },
    });
    const five = await doSteps(c.id, 5);
    const early = await api(acme, 'agent').post(`/complaints/${c.id}/verdict`, {
      version: five.version,
      verdict: 'satisfied',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('COMPLAINT_FOLLOW_UP_REQUIRED');
    const six = await api(acme, 'agent').post(`/complaints/${c.id}/steps/follow_up`, {
      version: five.version,
      note: '三天后回访',
    });
    const r2 = await move('resolved');
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.details.missing).toEqual(['verdict']);
    const v = await api(acme, 'agent').post(`/complaints/${c.id}/verdict`, {
      version: six.json().version,
      verdict: 'partly',
      note: '赔偿到位，但希望师傅道歉',
    });
    expect(v.statusCode).toBe(200);
    const done = await api(acme, 'agent').post(`/complaints/${c.id}/conclude`, { note: '已赔偿并回访' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ ticketStatus: 'resolved', verdict: 'partly', nextStep: null });
    expect(done.json().closedAt).not.toBeNull();
    const again = await api(acme, 'agent').post(`/complaints/${c.id}/escalate`, {
      version: done.json().version,
      note: 'x',
    });
    expect(again.json().error.code).toBe('COMPLAINT_CLOSED');
  });

  it('leaves complaint work orders without a complaint record alone', async () => {
    const r = await api(acme, 'agent').post('/tickets', {
      type: 'complaint',
      description: '旧系统导入的投诉',
      customerId: customer,
    });
    const tk = r.json();
    const moved = await api(acme, 'agent').post(`/tickets/${tk.id}/transition`, {
      version: tk.version,
      to: 'resolved',
      note: '已处理',
    });
    expect(moved.statusCode).toBe(200);
  });
});

describe('remedies and approval limits', () => {
  it('grants within the caller’s limit, waits above it for a role whose limit covers it', async () => {
    const c = await openComplaint();
    const small = await api(acme, 'agent').post(`/complaints/${c.id}/remedies`, {
      kind: 'compensation',
      amountFen: 15_000,
      description: '补偿上门迟到',
    });
    expect(small.statusCode).toBe(201);
    expect(small.json().remedies[0]).toMatchObject({
      status: 'approved',
      amountFen: 15_000,
      decidedById: acme.users.agent.id,
    });

    const mid = await api(acme, 'agent').post(`/complaints/${c.id}/remedies`, {
      kind: 'compensation',
      amountFen: 50_000,
      description: '地板划伤赔偿',
    });
    const pending = mid.json().remedies[1];
    expect(pending).toMatchObject({ status: 'pending', approverRole: 'supervisor' });
    expect(mid.json().pendingRemedies).toBe(1);
    // an agent may not approve at all
    const agentTry = await api(acme, 'agent').post(`/complaints/${c.id}/remedies/${pending.id}/approve`, {
      version: pending.version,
    });
    expect(agentTry.statusCode).toBe(403);
    // the supervisor was told
    const bell = (await api(acme, 'supervisor').get('/notifications')).json();
    const notes = (bell.items ?? bell) as { kind: string }[];
    expect(notes.some((n) => n.kind === 'complaint.remedy_pending')).toBe(true);
    const ok = await api(acme, 'supervisor').post(`/complaints/${c.id}/remedies/${pending.id}/approve`, {
      version: pending.version,
      note: '同意',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().remedies[1]).toMatchObject({
      status: 'approved',
      decidedById: acme.users.supervisor.id,
    });
    const twice = await api(acme, 'supervisor').post(`/complaints/${c.id}/remedies/${pending.id}/approve`, {
      version: pending.version + 1,
    });
    expect(twice.json().error.code).toBe('REMEDY_ALREADY_DECIDED');

    const big = await api(acme, 'supervisor').post(`/complaints/${c.id}/remedies`, {
      kind: 'gift',
      amountFen: 300_000,
      description: '赠送新机一台',
    });
    const bigRemedy = big.json().remedies[2];
    expect(bigRemedy).toMatchObject({ status: 'pending', approverRole: 'quality_manager' });
    const over = await api(acme, 'supervisor').post(`/complaints/${c.id}/remedies/${bigRemedy.id}/approve`, {
      version: bigRemedy.version,
    });
    expect(over.statusCode).toBe(403);
    expect(over.json().error.code).toBe('REMEDY_OVER_LIMIT');
    const rejected = await api(acme, 'quality_manager').post(
      `/complaints/${c.id}/remedies/${bigRemedy.id}/reject`,
      { version: bigRemedy.version },
    );
    expect(rejected.statusCode).toBe(400);
    const rej = await api(acme, 'quality_manager').post(
      `/complaints/${c.id}/remedies/${bigRemedy.id}/reject`,
      { version: bigRemedy.version, note: '价值过高，改为返工' },
    );
    expect(rej.json().remedies[2].status).toBe('rejected');
  });

  it('a redo opens a linked repair work order; limits are configurable', async () => {
    const c = await openComplaint();
    const r = await api(acme, 'agent').post(`/complaints/${c.id}/remedies`, {
      kind: 'redo',
      description: '重新安装空调外机支架',
    });
    const redo = r.json().remedies[0];
    expect(redo.status).toBe('approved');
    expect(redo.redoTicketNumber).toMatch(/-\d+$/);
    const tk = (await api(acme, 'agent').get(`/tickets/${redo.redoTicketId}`)).json();
    expect(tk).toMatchObject({ type: 'repair', customerId: customer, priority: 'high' });

    const settings = (await api(acme, 'quality_manager').get('/complaint-settings')).json();
    const agentPut = await api(acme, 'agent').put('/complaint-settings', settings);
    expect(agentPut.statusCode).toBe(403);
    const changed = await api(acme, 'quality_manager').put('/complaint-settings', {
      ...settings,
      approvalLimits: { ...settings.approvalLimits, agent: 60_000 },
      causes: [...settings.causes, { code: 'billing', zh: '收费争议', en: 'Billing dispute', active: true }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await api(acme, 'quality_manager').put('/complaint-settings', settings);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const now = await api(acme, 'agent').post(`/complaints/${c.id}/remedies`, {
      kind: 'compensation',
      amountFen: 50_000,
      description: '补偿',
    });
    expect(now.json().remedies[1].status).toBe('approved');
    await openComplaint({ cause: 'billing' });
  });
});

describe('escalation', () => {
  it('escalates automatically once per breached deadline, however many sweeps race, alerting the level’s roles', async () => {
    const c = await openComplaint({ severity: 'serious' });
    const later = new Date(Date.parse(c.createdAt) + 9 * HOUR);
    const counts = await Promise.all([
      sweepComplaintDeadlines(t.database, later),
      sweepComplaintDeadlines(t.database, later),
      sweepComplaintDeadlines(t.database, later),
    ]);
    await sweepComplaintDeadlines(t.database, later);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const after = (await api(acme, 'agent').get(`/complaints/${c.id}`)).json();
    expect(after.level).toBe(2);
    expect(after.overdue).toBe(true);
    const mine = after.escalations.filter((e: { reason: string }) => e.reason === 'acknowledge_breached');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ fromLevel: 1, toLevel: 2, notified: 1 });
    const [n] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.ticketId, c.ticketId),
          eq(schema.notifications.userId, acme.users.supervisor.id),
          eq(schema.notifications.kind, 'complaint.escalated'),
        ),
      );
    expect(Number(n!.n)).toBe(1);
    // resolve deadline (3 days) passes too: level 3, the quality manager is alerted
    await sweepComplaintDeadlines(t.database, new Date(Date.parse(c.createdAt) + 4 * DAY));
    const l3 = (await api(acme, 'agent').get(`/complaints/${c.id}`)).json();
    expect(l3.level).toBe(3);
    expect(l3.escalations.at(-1)).toMatchObject({ reason: 'resolve_breached', toLevel: 3 });
    const max = await api(acme, 'agent').post(`/complaints/${c.id}/escalate`, {
      version: l3.version,
      note: '再升级',
    });
    expect(max.json().error.code).toBe('COMPLAINT_LEVEL_MAX');
  });

  it('a complaint acknowledged in time is not escalated; manual escalation alerts supervisors', async () => {
    const c = await openComplaint({ severity: 'minor' });
    const listened = await doSteps(c.id, 1);
    await sweepComplaintDeadlines(t.database, new Date(Date.parse(c.createdAt) + 25 * HOUR));
    const still = (await api(acme, 'agent').get(`/complaints/${c.id}`)).json();
    expect(still.level).toBe(1);
    const up = await api(acme, 'agent').post(`/complaints/${c.id}/escalate`, {
      version: listened.version,
      note: '客户要求找领导',
    });
    expect(up.statusCode).toBe(200);
    expect(up.json().level).toBe(2);
    expect(up.json().escalations.at(-1)).toMatchObject({ reason: 'manual', notified: 1 });
  });

  it('a major complaint starts at level 2', async () => {
    const c = await openComplaint({ severity: 'major' });
    expect(c.level).toBe(2);
    expect(Date.parse(c.acknowledgeDueAt) - Date.parse(c.createdAt)).toBe(2 * HOUR);
  });
});

describe('win-back', () => {
  async function closedComplaint(daysAgo: number, cust = customer) {
    const c = await openComplaint({}, acme, cust);
    const six = await doSteps(c.id, 6);
    await api(acme, 'agent').post(`/complaints/${c.id}/verdict`, {
      version: six.version,
      verdict: 'satisfied',
    });
    const done = await api(acme, 'agent').post(`/complaints/${c.id}/conclude`, { note: '结案' });
    expect(done.statusCode).toBe(200);
    const closedAt = new Date(Date.now() - daysAgo * DAY);
    await t.database.db.update(schema.complaints).set({ closedAt }).where(eq(schema.complaints.id, c.id));
    return { id: c.id, closedAt };
  }

  it('classifies each complaint: pending, still active, bought again, churned', async () => {
    const recent = await closedComplaint(10);
    expect((await api(acme, 'agent').get(`/complaints/${recent.id}`)).json().winBack.status).toBe('pending');

    const c1 = await addCustomer(acme, '赵一');
    const active = await closedComplaint(100, c1);
    expect((await api(acme, 'agent').get(`/complaints/${active.id}`)).json().winBack).toMatchObject({
      status: 'active',
      newUnits: 0,
    });

    const c2 = await addCustomer(acme, '钱二');
    const bought = await closedComplaint(100, c2);
    await addUnit(c2, new Date(bought.closedAt.getTime() + 30 * DAY));
    expect((await api(acme, 'agent').get(`/complaints/${bought.id}`)).json().winBack).toMatchObject({
      status: 'bought_again',
      newUnits: 1,
    });

    const c3 = await addCustomer(acme, '孙三');
    const value = await closedComplaint(100, c3);
    await t.database.db
      .update(schema.customers)
      .set({ valueFen: 800_000 })
      .where(eq(schema.customers.id, c3));
    expect((await api(acme, 'agent').get(`/complaints/${value.id}`)).json().winBack).toMatchObject({
      status: 'bought_again',
      valueIncreaseFen: 300_000,
    });

    const c4 = await addCustomer(acme, '李四');
    const churned = await closedComplaint(100, c4);
    await t.database.db
      .update(schema.customers)
      .set({ status: 'churned', churnedAt: new Date() })
      .where(eq(schema.customers.id, c4));
    expect((await api(acme, 'agent').get(`/complaints/${churned.id}`)).json().winBack.status).toBe('churned');

    const due = (await api(acme, 'agent').get('/complaints?winBackDue=true&limit=50'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(due).toEqual(expect.arrayContaining([active.id, bought.id, churned.id]));
    expect(due).not.toContain(recent.id);

    const notYet = await api(acme, 'agent').post(`/complaints/${recent.id}/win-back`, {
      version: 99,
      status: 'active',
    });
    expect(notYet.json().error.code).toBe('WIN_BACK_NOT_DUE');
    const cur = (await api(acme, 'agent').get(`/complaints/${bought.id}`)).json();
    const reviewed = await api(acme, 'agent').post(`/complaints/${bought.id}/win-back`, {
      version: cur.version,
      status: 'bought_again',
      note: '回访时已购新机',
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().winBack.reviewedStatus).toBe('bought_again');
    // The sweep stores each classification once the period has passed (for reports), not for recent ones.
    await sweepComplaintDeadlines(t.database);
    const stored = await t.database.db
      .select({ id: schema.complaints.id, winBack: schema.complaints.winBack })
      .from(schema.complaints)
      .where(inArray(schema.complaints.id, [recent.id, active.id, churned.id]));
    const byId = new Map(stored.map((x) => [x.id, x.winBack]));
    expect(byId.get(recent.id)).toBeNull();
    expect(byId.get(active.id)).toBe('active');
    expect(byId.get(churned.id)).toBe('churned');
    // still due for a person's review: the sweep's classification is not a review
    expect(
      (await api(acme, 'agent').get(`/complaints/${active.id}`)).json().winBack.reviewedStatus,
    ).toBeNull();
    const dueAfter = (await api(acme, 'agent').get('/complaints?winBackDue=true&limit=50'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(dueAfter).not.toContain(bought.id);
  });
});

describe('desk, tenants and roles', () => {
  it('filters the desk by step, severity, level and overdue', async () => {
    const major = await openComplaint({ severity: 'major', cause: 'poor_workmanship' });
    const list = async (q: string) =>
      (await api(acme, 'supervisor').get(`/complaints?${q}&limit=200`))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await list('severity=major')).toContain(major.id);
    expect(await list('severity=minor')).not.toContain(major.id);
    expect(await list('cause=poor_workmanship')).toContain(major.id);
    expect(await list('level=2')).toContain(major.id);
    expect(await list('step=listen')).toContain(major.id);
    expect(await list('step=calm')).not.toContain(major.id);
    expect(await list('overdue=false')).toContain(major.id);
    expect(await list('overdue=true')).not.toContain(major.id);
    const found = await list(`q=${encodeURIComponent(major.ticketNumber)}`);
    expect(found).toEqual([major.id]);
  });

  it('keeps tenants apart and roles to what they may do', async () => {
    const c = await openComplaint();
    const foreign = await api(other, 'supervisor').get(`/complaints/${c.id}`);
    expect(foreign.statusCode).toBe(404);
    const foreignList = (await api(other, 'supervisor').get('/complaints?state=all&limit=200')).json().items;
    expect(foreignList.every((x: { customerId: string }) => x.customerId === otherCustomer)).toBe(true);
    const step = await api(other, 'agent').post(`/complaints/${c.id}/steps/listen`, { version: 1 });
    expect(step.statusCode).toBe(404);
    for (const role of ['technician', 'partner_manager', 'dispatcher'] as const) {
      expect((await api(acme, role).get('/complaints')).statusCode).toBe(403);
      expect((await api(acme, role).get(`/complaints/${c.id}`)).statusCode).toBe(403);
    }
    expect((await api(acme, 'quality_manager').get(`/complaints/${c.id}`)).statusCode).toBe(200);
  });
});
