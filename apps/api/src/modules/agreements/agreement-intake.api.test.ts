import { createHash } from 'node:crypto';
import { schema } from '@manyi/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { forgetCommitmentConfig } from '../commitments/commitments.service';
import { maskName } from './agreement-page.service';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customer: string;
let vip: string;

async function addCustomer(f: TenantFixture, name: string, tier: 'standard' | 'vip') {
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: f.tenantId, name, tier, searchText: name })
    .returning({ id: schema.customers.id });
  return c!.id;
}

const openTicket = (payload: Record<string, unknown>, role: 'agent' | 'supervisor' = 'agent') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as(role),
    payload: { type: 'installation', description: '客户要求移机到卧室', customerId: customer, ...payload },
  });

const timelineOf = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/tickets/${id}/timeline`, headers: acme.as('agent') })).json().items as {
    kind: string;
    authorId: string | null;
    data: Record<string, unknown>;
  }[];

const ticketCount = async () =>
  t.database.db.$count(schema.tickets, eq(schema.tickets.tenantId, acme.tenantId));

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'agr-acme');
  other = await seedTenant(t.database, 'agr-other');
  customer = await addCustomer(acme, '张三丰', 'standard');
  vip = await addCustomer(acme, '贵宾陈总', 'vip');
});
afterAll(() => t.close());

describe('the service asked for at intake', () => {
  it('opens an included service without a quote', async () => {
    const r = await openTicket({ service: { code: 'first_installation', disposition: 'included' } });
    expect(r.statusCode).toBe(201);
    const kinds = (await timelineOf(r.json().id)).map((e) => e.kind);
    expect(kinds).not.toContain('quote_offered');
  });

  it('records the quote offered for a service available for a fee, with its name and price', async () => {
    const r = await openTicket({ service: { code: 'relocation', disposition: 'fee' } });
    expect(r.statusCode).toBe(201);
    const quote = (await timelineOf(r.json().id)).find((e) => e.kind === 'quote_offered')!;
    expect(quote.authorId).toBe(acme.users.agent.id);
    expect(quote.data).toMatchObject({
      code: 'relocation',
      name: '移机（含拆装）',
      priceFen: 30_000,
      agreementCode: 'STD',
    });
    // The VIP agreement prices the same service differently: the covering agreement decides.
    const v = await openTicket({ customerId: vip, service: { code: 'relocation', disposition: 'fee' } });
    const vq = (await timelineOf(v.json().id)).find((e) => e.kind === 'quote_offered')!;
    expect(vq.data).toMatchObject({ priceFen: 24_000, agreementCode: 'VIP' });
  });

  it('refuses a service that is excluded and not offered for a fee, storing nothing', async () => {
    const before = await ticketCount();
    for (const code of ['damage_by_misuse', 'teleportation']) {
      const r = await openTicket({ service: { code, disposition: 'fee' } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'SERVICE_NOT_OFFERED', details: { code } });
      expect(r.json().error.message).toContain('服务协议');
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...acme.as('agent'), 'accept-language': 'en' },
      payload: {
        type: 'repair',
        description: 'dropped it',
        customerId: customer,
        service: { code: 'damage_by_misuse', disposition: 'included' },
      },
    });
    expect(en.json().error.message).toMatch(/neither includes nor offers/);
    expect(await ticketCount()).toBe(before);
  });

  it('makes the agent acknowledge a fee, and refuses calling an included service paid', async () => {
    const unpaid = await openTicket({ service: { code: 'cleaning', disposition: 'included' } });
    expect(unpaid.statusCode).toBe(400);
    expect(unpaid.json().error.details[0].path).toBe('service.disposition');
    const vipCleaning = await openTicket({
      customerId: vip,
      service: { code: 'cleaning', disposition: 'fee' },
    });
    expect(vipCleaning.statusCode).toBe(400);
    const malformed = await openTicket({ service: { code: 'Bad Code!', disposition: 'fee' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('replays an idempotent create with a quote once', async () => {
    const headers = { ...acme.as('agent'), 'idempotency-key': 'intake-quote-0001' };
    const payload = {
      type: 'maintenance',
      description: '深度清洗',
      customerId: customer,
      service: { code: 'cleaning', disposition: 'fee' },
    };
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload });
    expect(b.json().id).toBe(a.json().id);
    expect((await timelineOf(a.json().id)).filter((e) => e.kind === 'quote_offered')).toHaveLength(1);
  });
});

describe('the agreement page by signed link', () => {
  const issue = (id: string, f = acme, role: 'agent' | 'technician' = 'agent') =>
    t.app.inject({ method: 'POST', url: `/api/v1/customers/${id}/agreement-link`, headers: f.as(role) });
  const view = (token: string, lang = 'zh-CN') =>
    t.app.inject({ url: `/api/v1/public/agreement/${token}`, headers: { 'accept-language': lang } });

  it('shows the covering agreement with customer promises only, the name masked', async () => {
    const link = await issue(customer);
    expect(link.statusCode).toBe(201);
    const { token, path, expiresAt } = link.json();
    expect(path).toBe(`/p/agreement/${token}`);
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const r = await view(token);
    expect(r.statusCode).toBe(200);
    const page = r.json();
    expect(page.customerName).toBe('张**');
    expect(page.tenantName).toBe('租户 agr-acme');
    expect(page.agreement.name).toBe('标准保修服务协议');
    expect(page.agreement.paid).toContainEqual({ name: '深度清洗保养', priceFen: 12_000 });
    expect(page.agreement.excluded.map((s: { name: string }) => s.name)).toContain('人为损坏、进水、跌落');
    const onSite = page.agreement.promises.find(
      (p: { ticketType: string; priority: string; metric: string }) =>
        p.ticketType === 'repair' && p.priority === 'normal' && p.metric === 'on_site',
    );
    expect(onSite).toEqual({
      ticketType: 'repair',
      priority: 'normal',
      metric: 'on_site',
      promiseMinutes: 720,
    });
    // Never the internal targets, nor the coverage rules or ids.
    const raw = r.body;
    expect(raw).not.toMatch(/internal/i);
    expect(raw).not.toContain('"tiers"');
    expect(raw).not.toContain(customer);
    expect(raw).not.toContain('张三丰');
    expect(page.agreement.serviceHours).toMatchObject({ timeZone: 'Asia/Shanghai', is24x7: false });
  });

  it('shows a VIP customer the VIP agreement', async () => {
    const page = (await view((await issue(vip)).json().token)).json();
    expect(page.agreement.name).toBe('VIP 尊享服务协议');
    expect(page.customerName).toBe('贵***');
  });

  it('refuses unknown, expired, revoked and other-purpose tokens, in the reader’s language', async () => {
    expect((await view('not-a-real-token-at-all-000')).statusCode).toBe(404);
    expect((await view('x')).json().error.code).toBe('LINK_INVALID');
    const { token } = (await issue(customer)).json();
    await t.database.db
      .update(schema.publicLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.publicLinks.tokenHash, hash(token)));
    const expired = await view(token, 'en');
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toMatchObject({ code: 'LINK_EXPIRED' });
    expect(expired.json().error.message).toMatch(/expired/);
    const { token: revoked } = (await issue(customer)).json();
    await t.database.db
      .update(schema.publicLinks)
      .set({ revokedAt: new Date() })
      .where(eq(schema.publicLinks.tokenHash, hash(revoked)));
    expect((await view(revoked)).statusCode).toBe(404);
    const { token: otherPurpose } = (await issue(customer)).json();
    await t.database.db
      .update(schema.publicLinks)
      .set({ purpose: 'survey' })
      .where(eq(schema.publicLinks.tokenHash, hash(otherPurpose)));
    expect((await view(otherPurpose)).statusCode).toBe(404);
  });

  it('issues links only for the caller’s own customers and only to roles that may', async () => {
    const foreign = await addCustomer(other, '外租户客户', 'standard');
    expect((await issue(foreign)).statusCode).toBe(404);
    expect((await issue(customer, acme, 'technician')).statusCode).toBe(403);
    // The other tenant's link shows the other tenant's agreement and name, never acme's.
    const { token } = (await issue(foreign, other)).json();
    const page = (await view(token)).json();
    expect(page.tenantName).toBe('租户 agr-other');
    expect(page.customerName).toBe('外****');
  });

  it('masks names of any script', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('Li Lei')).toBe('L*****');
    expect(maskName('深圳市南山区某某电器维修有限公司')).toBe('深******');
  });
});

describe('pause statuses per agreement', () => {
  const clocksOf = async (id: string) =>
    (await t.app.inject({ url: `/api/v1/tickets/${id}/commitments`, headers: acme.as('agent') })).json()
      .items as { metric: string; state: string; agreementId: string; calendarId: string }[];

  async function move(id: string, to: string) {
    const tk = (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: acme.as('agent') })).json();
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/transition`,
      headers: acme.as('agent'),
      payload: { to, version: tk.version },
    });
    expect(r.statusCode).toBe(200);
  }

  it('pause only on the statuses the covering agreement lists', async () => {
    const list = (await t.app.inject({ url: '/api/v1/agreements', headers: acme.as('admin') })).json().items;
    const std = list.find((a: { code: string }) => a.code === 'STD');
    expect(std.pauseStatuses).toEqual(['waiting_customer', 'waiting_parts']);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agreements/${std.id}`,
      headers: acme.as('admin'),
      payload: { version: std.version, pauseStatuses: ['in_progress'] },
    });
    expect(bad.statusCode).toBe(400);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agreements/${std.id}`,
      headers: acme.as('admin'),
      payload: { version: std.version, pauseStatuses: ['waiting_customer', 'scheduled'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().pauseStatuses).toEqual(['waiting_customer', 'scheduled']);

    const tk = (await openTicket({ type: 'repair', assigneeId: acme.users.agent.id })).json();
    const clocks = await clocksOf(tk.id);
    expect(clocks[0]).toMatchObject({ agreementId: std.id, calendarId: std.calendarId });
    await move(tk.id, 'waiting_parts');
    expect((await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!.state).toBe('running');
    await move(tk.id, 'open');
    await move(tk.id, 'waiting_customer');
    expect((await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!.state).toBe('paused');
    // The VIP agreement keeps the default: waiting for parts pauses its clocks.
    const v = (await openTicket({ type: 'repair', customerId: vip, assigneeId: acme.users.agent.id })).json();
    await move(v.id, 'waiting_parts');
    expect((await clocksOf(v.id)).find((c) => c.metric === 'resolution')!.state).toBe('paused');
    forgetCommitmentConfig(acme.tenantId);
  });
});

describe('queue colour and notifications', () => {
  it('gives each queue row the moment its running clock reaches the at-risk share', async () => {
    const tk = (await openTicket({ type: 'repair', priority: 'normal' })).json();
    const [risk] = await t.database.db
      .select({ at: sql<string>`min(${schema.ticketCommitments.atRiskDueAt})` })
      .from(schema.ticketCommitments)
      .where(
        and(eq(schema.ticketCommitments.ticketId, tk.id), eq(schema.ticketCommitments.state, 'running')),
      );
    const rows = (
      await t.app.inject({
        url: '/api/v1/tickets?view=all&sort=due_asc&limit=100',
        headers: acme.as('agent'),
      })
    ).json().items;
    const row = rows.find((r: { id: string }) => r.id === tk.id);
    expect(row.nextRiskAt).toBe(new Date(risk!.at).toISOString());
  });

  it('counts unread notifications and marks them all read', async () => {
    const sup = acme.users.supervisor.id;
    await t.database.db.insert(schema.notifications).values(
      [1, 2, 3].map((n) => ({
        tenantId: acme.tenantId,
        userId: sup,
        kind: 'commitment.breached',
        data: { number: n },
      })),
    );
    await t.database.db
      .insert(schema.notifications)
      .values({ tenantId: other.tenantId, userId: other.users.supervisor.id, kind: 'commitment.breached' });
    const list = async (f: TenantFixture) =>
      (await t.app.inject({ url: '/api/v1/notifications', headers: f.as('supervisor') })).json();
    expect((await list(acme)).unread).toBe(3);
    const read = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: acme.as('supervisor'),
    });
    expect(read.statusCode).toBe(200);
    const after = await list(acme);
    expect(after.unread).toBe(0);
    expect(after.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    expect((await list(other)).unread).toBe(1);
  });
});
