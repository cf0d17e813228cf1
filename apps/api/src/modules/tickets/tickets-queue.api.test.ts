import { schema } from '@manyi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let customerId: string;
const ids: Record<string, string> = {};

async function open(key: string, body: Record<string, unknown>) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as('agent'),
    payload: { type: 'repair', description: `${key}：空调不制冷`, customerId, ...body },
  });
  expect(r.statusCode).toBe(201);
  ids[key] = r.json().id;
  return r.json();
}

async function move(key: string, to: string, note?: string) {
  const tk = (await t.app.inject({ url: `/api/v1/tickets/${ids[key]}`, headers: acme.as('agent') })).json();
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ids[key]}/transition`,
    headers: acme.as('agent'),
    payload: { to, version: tk.version, note },
  });
  expect(r.statusCode).toBe(200);
}

async function queue(query: string, role: Parameters<TenantFixture['as']>[0] = 'agent') {
  const r = await t.app.inject({ url: `/api/v1/tickets?${query}`, headers: acme.as(role) });
  expect(r.statusCode).toBe(200);
  return r.json() as { items: { id: string; number: string; subject: string }[]; nextCursor: string | null };
}

const keysOf = (page: { items: { id: string }[] }) =>
  page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]).sort();

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '张伟', tier: 'vip', searchText: '张伟' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  await open('mine', { assigneeId: acme.users.agent.id });
  await open('unassigned', { priority: 'urgent', tags: ['高温季'] });
  await open('waiting', { assigneeId: acme.users.supervisor.id });
  await move('waiting', 'waiting_parts');
  await open('resolved', { assigneeId: acme.users.agent.id });
  await move('resolved', 'resolved', '已修好');
  await open('partner', {
    teamId: acme.servicePointId,
    type: 'installation',
    description: 'partner：Washing machine install, 7th floor',
  });
  await open('tech', { teamId: acme.servicePointId, assigneeId: acme.users.technician.id });
});
afterAll(() => t.close());

describe('queues', () => {
  it('shows my open work, the unassigned pile, waiting and recently resolved', async () => {
    expect(keysOf(await queue('view=mine'))).toEqual(['mine']);
    expect(keysOf(await queue('view=unassigned'))).toEqual(['partner', 'unassigned']);
    expect(keysOf(await queue('view=waiting'))).toEqual(['waiting']);
    expect(keysOf(await queue('view=resolved'))).toEqual(['resolved']);
    expect(keysOf(await queue('view=team', 'supervisor'))).toEqual(['mine', 'waiting']);
    expect((await queue('view=all')).items).toHaveLength(6);
  });

  it('filters by status, priority, type, tag and assignee; sorts by priority', async () => {
    expect(keysOf(await queue('status=new&status=waiting_parts'))).toEqual([
      'partner',
      'unassigned',
      'waiting',
    ]);
    expect(keysOf(await queue('priority=urgent'))).toEqual(['unassigned']);
    expect(keysOf(await queue('type=installation'))).toEqual(['partner']);
    expect(keysOf(await queue(`tag=${encodeURIComponent('高温季')}`))).toEqual(['unassigned']);
    expect(keysOf(await queue(`assigneeId=${acme.users.technician.id}`))).toEqual(['tech']);
    const byPriority = await queue('sort=priority_desc');
    expect(byPriority.items[0]!.id).toBe(ids.unassigned);
  });

  it('searches Chinese and English text and work-order numbers', async () => {
    expect(keysOf(await queue(`q=${encodeURIComponent('waiting：空调')}`))).toEqual(['waiting']);
    expect((await queue(`q=${encodeURIComponent('不制冷')}`)).items.length).toBe(5);
    expect(keysOf(await queue('q=washing%20MACHINE'))).toEqual(['partner']);
    const one = (await queue('view=mine')).items[0]!;
    expect(keysOf(await queue(`q=${one.number}`))).toEqual(['mine']);
    expect(keysOf(await queue(`q=${one.number.split('-')[1]}`))).toEqual(['mine']);
    expect((await queue('q=100%25')).items).toHaveLength(0);
  });

  it('refuses a malformed cursor or filter with a 400', async () => {
    const bad = await t.app.inject({ url: '/api/v1/tickets?cursor=garbage', headers: acme.as('agent') });
    expect(bad.statusCode).toBe(400);
    const badStatus = await t.app.inject({ url: '/api/v1/tickets?status=flying', headers: acme.as('agent') });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('keyset pagination', () => {
  it('returns every work order exactly once, in order, for each sort', async () => {
    for (let i = 0; i < 14; i++) await open(`page${i}`, { priority: i % 3 === 0 ? 'high' : 'low' });
    for (const sort of ['updated_desc', 'created_desc', 'created_asc', 'priority_desc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await queue(`limit=4&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(new Set(seen).size).toBe(20);
      expect(seen).toHaveLength(20);
      const all = (await queue(`limit=200&sort=${sort}`)).items.map((i) => i.id);
      expect(seen).toEqual(all);
    }
  });
});

describe('who sees what', () => {
  it('a partner manager sees only the service point work; a technician only their own', async () => {
    expect(keysOf(await queue('view=all&limit=200', 'partner_manager'))).toEqual(['partner', 'tech']);
    expect(keysOf(await queue('view=all&limit=200', 'technician'))).toEqual(['tech']);
    const hidden = await t.app.inject({
      url: `/api/v1/tickets/${ids.mine}`,
      headers: acme.as('partner_manager'),
    });
    expect(hidden.statusCode).toBe(404);
    const hiddenTimeline = await t.app.inject({
      url: `/api/v1/tickets/${ids.partner}/timeline`,
      headers: acme.as('technician'),
    });
    expect(hiddenTimeline.statusCode).toBe(404);
    const own = await t.app.inject({ url: `/api/v1/tickets/${ids.tech}`, headers: acme.as('technician') });
    expect(own.statusCode).toBe(200);
    expect(own.json().customer.name).toBe('张伟');
  });

  it('a partner manager assigns only within the service point', async () => {
    const tk = (
      await t.app.inject({ url: `/api/v1/tickets/${ids.partner}`, headers: acme.as('partner_manager') })
    ).json();
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ids.partner}/assign`,
      headers: acme.as('partner_manager'),
      payload: { version: tk.version, teamId: acme.teamId, assigneeId: acme.users.agent.id },
    });
    expect(outside.statusCode).toBe(403);
    const inside = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ids.partner}/assign`,
      headers: acme.as('partner_manager'),
      payload: { version: tk.version, teamId: acme.servicePointId, assigneeId: acme.users.technician.id },
    });
    expect(inside.statusCode).toBe(200);
  });
});
