/**
 * The hot paths made lean for the benchmarks (bench/): opening a work order in one write statement, live
 * notices after commit, and Chinese search of two characters through the CJK bigram index — same answers.
 */
import { schema } from '@manyi/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
const ids: Record<string, string> = {};

async function open(key: string, body: Record<string, unknown>, fx = acme, cust = customerId) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: fx.as('agent'),
    payload: { type: 'repair', customerId: cust, ...body },
  });
  expect(r.statusCode).toBe(201);
  ids[key] = r.json().id;
  return r.json() as { id: string; number: string; status: string; teamId: string | null };
}

async function search(q: string, fx = acme) {
  const r = await t.app.inject({
    url: `/api/v1/tickets?q=${encodeURIComponent(q)}`,
    headers: fx.as('agent'),
  });
  expect(r.statusCode).toBe(200);
  return (r.json().items as { id: string }[])
    .map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? '?')
    .sort();
}

async function insertCustomer(fx: TenantFixture, name: string) {
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: fx.tenantId, name, searchText: name.toLowerCase() })
    .returning({ id: schema.customers.id });
  return c!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  customerId = await insertCustomer(acme, '张伟');
  await open('leak', { description: '洗衣机漏水，地上一滩水' });
  await open('leakSubject', { subject: '热水器漏水', description: '下面在滴' });
  await open('split', { description: '空调漏，水管也松了' });
  await open('noise', { description: '冰箱噪音很大' });
  await open('english', { description: 'AC unit makes a noise' });
  const otherCustomer = await insertCustomer(other, '李娜');
  await open('otherTenant', { description: '油烟机漏水' }, other, otherCustomer);
});

afterAll(async () => {
  await t?.close();
});

describe('opening a work order', () => {
  it('writes the row, its created entry and its audit record (with the number) together', async () => {
    const tk = await open('full', {
      description: '燃气灶打不着火',
      assigneeId: acme.users.technician.id,
      tags: ['高温季', '高温季'],
    });
    expect(tk.status).toBe('open');
    const [row] = await t.database.db
      .select({ number: schema.tickets.number, tags: schema.tickets.tags, teamId: schema.tickets.teamId })
      .from(schema.tickets)
      .where(eq(schema.tickets.id, tk.id));
    expect(`${tk.number}`).toMatch(new RegExp(`-${row!.number}$`));
    expect(row!.tags).toEqual(['高温季']);
    const events = await t.database.db
      .select({ kind: schema.ticketEvents.kind, data: schema.ticketEvents.data })
      .from(schema.ticketEvents)
      .where(eq(schema.ticketEvents.ticketId, tk.id))
      .orderBy(asc(schema.ticketEvents.id));
    expect(events[0]).toMatchObject({
      kind: 'created',
      data: { type: 'repair', channel: 'phone', status: 'open', assigneeId: acme.users.technician.id },
    });
    const audit = await t.database.db
      .select({ changes: schema.auditLog.changes, requestId: schema.auditLog.requestId })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, tk.id), eq(schema.auditLog.action, 'ticket.opened')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual({ number: row!.number, type: 'repair', customerId });
    expect(audit[0]!.requestId).toBeTruthy();
  });

  it('refuses bad references before writing anything', async () => {
    const before = await t.database.db.$count(schema.tickets);
    const bad = async (body: Record<string, unknown>, field: string, code = 'REFERENCE_INVALID') => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: acme.as('agent'),
        payload: { type: 'repair', description: '不制冷', customerId, ...body },
      });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.code).toBe(code);
      expect(JSON.stringify(r.json().error.details)).toContain(field);
    };
    // Another tenant's customer, team and user do not exist here.
    await bad({ customerId: await insertCustomer(other, '王芳') }, 'customerId');
    await bad({ teamId: other.teamId }, 'teamId');
    await bad({ assigneeId: other.users.agent.id }, 'assigneeId');
    await bad({ unitId: '00000000-0000-4000-8000-000000000000' }, 'unitId');
    expect(await t.database.db.$count(schema.tickets)).toBe(before);
  });

  it('takes the team of the assignee when none is given', async () => {
    const tk = await open('teamOfAssignee', {
      description: '热水器不加热',
      assigneeId: acme.users.partner_manager.id,
    });
    expect(tk.teamId).toBe(acme.servicePointId);
  });
});

describe('searching two Chinese characters (CJK bigram index)', () => {
  it('finds exactly the work orders whose subject or description contains the pair', async () => {
    expect(await search('漏水')).toEqual(['leak', 'leakSubject']);
    expect(await search('噪音')).toEqual(['noise']);
  });

  it('does not match a pair split by punctuation, and finds nothing for an absent pair', async () => {
    expect(await search('漏，')).toEqual(['split']); // not a Chinese pair: the trigram/ILIKE path
    expect(await search('调漏')).toEqual(['split']);
    expect(await search('火箭')).toEqual([]);
    // Three or more characters without letter case: LIKE on the trigram index, same rows as ILIKE.
    expect(await search('洗衣机漏水')).toEqual(['leak']);
    expect(await search('100%')).toEqual([]);
  });

  it('keeps other tenants out and English working', async () => {
    expect(await search('漏水', other)).toEqual(['otherTenant']);
    expect(await search('ac')).toEqual(['english']);
    expect(await search('NOISE')).toEqual(['english']);
  });

  it('finds customers by a two-character name', async () => {
    await insertCustomer(acme, '陈明');
    await insertCustomer(acme, '陈明华');
    await insertCustomer(acme, '明陈');
    const r = await t.app.inject({
      url: `/api/v1/customers?q=${encodeURIComponent('陈明')}`,
      headers: acme.as('agent'),
    });
    expect(r.statusCode).toBe(200);
    expect((r.json().items as { name: string }[]).map((c) => c.name).sort()).toEqual(['陈明', '陈明华']);
  });
});
