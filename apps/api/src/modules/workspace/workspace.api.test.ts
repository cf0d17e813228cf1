import { schema } from '@manyi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;

async function open(body: Record<string, unknown>, role: Parameters<TenantFixture['as']>[0] = 'agent') {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as(role),
    payload: { type: 'repair', description: '热水器不出热水', customerId, ...body },
  });
  expect(r.statusCode).toBe(201);
  return r.json();
}

async function move(id: string, to: string, note?: string) {
  const tk = (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: acme.as('agent') })).json();
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/transition`,
    headers: acme.as('agent'),
    payload: { to, version: tk.version, note },
  });
  expect(r.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '孙丽', searchText: '孙丽' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  await open({ assigneeId: acme.users.agent.id });
  await open({ assigneeId: acme.users.agent.id, priority: 'urgent' });
  await open({});
  await open({ teamId: acme.servicePointId, type: 'installation' });
  const waiting = await open({ assigneeId: acme.users.supervisor.id });
  await move(waiting.id, 'waiting_customer');
  const done = await open({ assigneeId: acme.users.agent.id });
  await move(done.id, 'resolved', '已解决');
  const cancelled = await open({});
  await move(cancelled.id, 'cancelled', '客户取消');
});
afterAll(() => t.close());

describe('queue counts', () => {
  it('match what each queue view returns, for every role', async () => {
    for (const role of ['agent', 'supervisor', 'partner_manager', 'technician'] as const) {
      const counts = (await t.app.inject({ url: '/api/v1/tickets/counts', headers: acme.as(role) })).json();
      for (const view of ['mine', 'team', 'unassigned', 'vip', 'waiting', 'resolved'] as const) {
        const page = (
          await t.app.inject({ url: `/api/v1/tickets?view=${view}&limit=200`, headers: acme.as(role) })
        ).json();
        expect(counts.views[view], `${role} ${view}`).toBe(page.items.length);
      }
    }
  });

  it('counts open work by status, not closed or cancelled work', async () => {
    const counts = (
      await t.app.inject({ url: '/api/v1/tickets/counts', headers: acme.as('supervisor') })
    ).json();
    expect(counts.byStatus).toMatchObject({ new: 2, open: 2, waiting_customer: 1 });
    expect(counts.byStatus.cancelled).toBeUndefined();
    expect(counts.views).toMatchObject({ unassigned: 2, waiting: 1, resolved: 1 });
    const partner = (
      await t.app.inject({ url: '/api/v1/tickets/counts', headers: acme.as('partner_manager') })
    ).json();
    expect(partner.views.team).toBe(1);
    expect(partner.byStatus.new).toBe(1);
  });
});

describe('saved views', () => {
  it('saves, lists, shares and deletes views; others see shared ones but cannot change them', async () => {
    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/v1/saved-views',
      headers: acme.as('agent'),
      payload: { name: '紧急报修', query: { view: 'all', priority: ['urgent'], type: ['repair'] } },
    });
    expect(mine.statusCode).toBe(201);
    const shared = await t.app.inject({
      method: 'POST',
      url: '/api/v1/saved-views',
      headers: acme.as('supervisor'),
      payload: { name: '待配件', query: { view: 'waiting', status: ['waiting_parts'] }, shared: true },
    });
    const agentList = (await t.app.inject({ url: '/api/v1/saved-views', headers: acme.as('agent') })).json();
    expect(agentList.items.map((v: { name: string }) => v.name).sort()).toEqual(['待配件', '紧急报修']);
    const dispatcherList = (
      await t.app.inject({ url: '/api/v1/saved-views', headers: acme.as('dispatcher') })
    ).json();
    expect(dispatcherList.items.map((v: { name: string }) => v.name)).toEqual(['待配件']);
    const otherTenant = (
      await t.app.inject({ url: '/api/v1/saved-views', headers: other.as('supervisor') })
    ).json();
    expect(otherTenant.items).toEqual([]);
    const notOwner = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/saved-views/${shared.json().id}`,
      headers: acme.as('agent'),
      payload: { version: 1, name: '改名' },
    });
    expect(notOwner.statusCode).toBe(403);
    const privateOfOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/saved-views/${mine.json().id}`,
      headers: acme.as('supervisor'),
    });
    expect(privateOfOther.statusCode).toBe(404);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/saved-views/${mine.json().id}`,
      headers: acme.as('agent'),
      payload: { version: 1, name: '紧急报修（全部）' },
    });
    expect(renamed.json()).toMatchObject({ name: '紧急报修（全部）', version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/saved-views/${mine.json().id}`,
      headers: acme.as('agent'),
      payload: { version: 1, shared: true },
    });
    expect(stale.statusCode).toBe(409);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/saved-views/${mine.json().id}`,
      headers: acme.as('agent'),
    });
    expect(del.statusCode).toBe(200);
  });

  it('refuses a query the queue would not accept', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/saved-views',
      headers: acme.as('agent'),
      payload: { name: '坏视图', query: { status: ['flying'] } },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toMatch(/^query\.status/);
  });
});

describe('supervisor overview', () => {
  it('adds up to the work orders opened, by day, type, channel, status, age and assignee', async () => {
    const r = await t.app.inject({ url: '/api/v1/stats/overview?days=7', headers: acme.as('supervisor') });
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o.incomingByDay).toHaveLength(7);
    expect(o.totals).toEqual({ opened: 7, resolved: 1, open: 5, unassigned: 2 });
    const today = o.incomingByDay.at(-1);
    expect(today.total).toBe(7);
    expect(today.byType).toMatchObject({ repair: 6, installation: 1 });
    expect(o.byChannel.phone).toBe(7);
    expect(o.openByStatus).toMatchObject({ new: 2, open: 2, waiting_customer: 1 });
    expect(o.openByAge.find((b: { bucket: string }) => b.bucket === 'lt1d').count).toBe(5);
    expect(o.agentLoad[0]).toMatchObject({ userId: acme.users.agent.id, open: 2, urgent: 1 });
  });

  it('is for roles that see all work', async () => {
    expect(
      (await t.app.inject({ url: '/api/v1/stats/overview', headers: acme.as('technician') })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/stats/overview?days=0', headers: acme.as('supervisor') }))
        .statusCode,
    ).toBe(400);
  });
});

describe('tenant settings', () => {
  it('lets an admin rename, change the time zone and the number prefix, with versions', async () => {
    const s = (await t.app.inject({ url: '/api/v1/tenant', headers: acme.as('admin') })).json();
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: acme.as('admin'),
      payload: { version: s.version, timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: acme.as('admin'),
      payload: { version: s.version, timeZone: 'Asia/Urumqi', ticketPrefix: 'WX' },
    });
    expect(ok.json()).toMatchObject({ timeZone: 'Asia/Urumqi', ticketPrefix: 'WX', version: s.version + 1 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: acme.as('admin'),
      payload: { version: s.version, name: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/tenant',
          headers: acme.as('supervisor'),
          payload: { version: 2 },
        })
      ).statusCode,
    ).toBe(403);
    const otherTenant = (await t.app.inject({ url: '/api/v1/tenant', headers: other.as('admin') })).json();
    expect(otherTenant.ticketPrefix).toBe('GD');
  });
});
