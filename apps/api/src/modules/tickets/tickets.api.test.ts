import { schema } from '@manyi/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
let otherCustomerId: string;

async function addCustomer(tenantId: string, name: string) {
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId, name, searchText: name })
    .returning({ id: schema.customers.id });
  await t.database.db.insert(schema.customerPhones).values({
    tenantId,
    customerId: c!.id,
    e164: '+8613800138000',
    national: '13800138000',
    kind: 'mobile',
    display: '138 0013 8000',
    isPrimary: true,
  });
  return c!.id;
}

async function open(body: Record<string, unknown> = {}, headers = acme.as('agent')) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers,
    payload: { type: 'repair', description: '空调开机十分钟后不制冷，外机不转', customerId, ...body },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  customerId = await addCustomer(acme.tenantId, '王芳');
  otherCustomerId = await addCustomer(other.tenantId, '李雷');
});
afterAll(() => t.close());

describe('opening work orders', () => {
  it('numbers work orders per tenant, starts them new, and writes the timeline and audit', async () => {
    const a = await open();
    expect(a.statusCode).toBe(201);
    const first = a.json();
    expect(first.number).toMatch(/^GD-\d{6}$/);
    expect(first.status).toBe('new');
    expect(first.subject).toBe('空调开机十分钟后不制冷，外机不转');
    const b = (await open()).json();
    expect(Number(b.number.slice(3))).toBe(Number(first.number.slice(3)) + 1);
    const otherFirst = (await open({ customerId: otherCustomerId }, other.as('agent'))).json();
    expect(otherFirst.number).toBe('GD-100001');
    const timeline = (
      await t.app.inject({ url: `/api/v1/tickets/${first.id}/timeline`, headers: acme.as('agent') })
    ).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(['created', 'commitment']);
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, first.id));
    expect(audit.map((r) => r.action)).toContain('ticket.opened');
    expect(audit[0]!.actorUserId).toBe(acme.users.agent.id);
  });

  it('opens assigned work as open, in the assignee team', async () => {
    const r = (await open({ assigneeId: acme.users.agent.id, priority: 'high' })).json();
    expect(r.status).toBe('open');
    expect(r.teamId).toBe(acme.teamId);
  });

  it('refuses another tenant customer, an unknown unit and a bad body without storing anything', async () => {
    const before = await t.database.db.$count(schema.tickets);
    const cross = await open({ customerId: otherCustomerId });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().error.code).toBe('REFERENCE_INVALID');
    const unit = await open({ unitId: '00000000-0000-4000-8000-000000000000' });
    expect(unit.statusCode).toBe(422);
    const bad = await open({ type: 'teleport', description: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['description', 'type']);
    expect(await t.database.db.$count(schema.tickets)).toBe(before);
  });

  it('creates once per Idempotency-Key and refuses the key for a different body', async () => {
    const headers = { ...acme.as('agent'), 'idempotency-key': 'call-20261123-0001' };
    const before = await t.database.db.$count(schema.tickets);
    const first = await open({}, headers);
    const again = await open({}, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await t.database.db.$count(schema.tickets)).toBe(before + 1);
    const different = await open({ description: '洗衣机漏水' }, headers);
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('is refused to roles that cannot see customers', async () => {
    expect((await open({}, acme.as('technician'))).statusCode).toBe(403);
    expect((await open({}, acme.as('partner_manager'))).statusCode).toBe(403);
  });
});

describe('the state machine', () => {
  it('allows only legal moves, requires a resolution note and records each move', async () => {
    const tk = (await open()).json();
    const move = (to: string, version: number, note?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${tk.id}/transition`,
        headers: acme.as('agent'),
        payload: { to, version, note },
      });
    const illegal = await move('closed', tk.version);
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'new', to: 'closed' },
    });
    const inProgress = (await move('in_progress', tk.version)).json();
    expect(inProgress.status).toBe('in_progress');
    const noNote = await move('resolved', inProgress.version);
    expect(noNote.statusCode).toBe(400);
    const resolved = (await move('resolved', inProgress.version, '更换电容后制冷恢复')).json();
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = (await move('closed', resolved.version)).json();
    expect(closed.closedAt).not.toBeNull();
    const reopened = (await move('reopened', closed.version, '客户反映又不制冷了')).json();
    expect(reopened.status).toBe('reopened');
    expect(reopened.resolvedAt).toBeNull();
    const detail = (
      await t.app.inject({ url: `/api/v1/tickets/${tk.id}`, headers: acme.as('agent') })
    ).json();
    expect(detail.allowedTransitions).toContain('in_progress');
    expect(detail.allowedTransitions).not.toContain('closed');
    expect(detail.customer.name).toBe('王芳');
    expect(detail.customer.primaryPhone).toBe('138 0013 8000');
    const kinds = (
      await t.app.inject({ url: `/api/v1/tickets/${tk.id}/timeline`, headers: acme.as('agent') })
    ).json().items;
    expect(
      kinds
        .filter((e: { kind: string }) => e.kind === 'status_changed')
        .map((e: { data: { to: string } }) => e.data.to),
    ).toEqual(['in_progress', 'resolved', 'closed', 'reopened']);
  });

  it('never lets a stale version overwrite a newer change', async () => {
    const tk = (await open()).json();
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${tk.id}`,
      headers: acme.as('agent'),
      payload: { version: tk.version, priority: 'urgent' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${tk.id}`,
      headers: acme.as('supervisor'),
      payload: { version: tk.version, priority: 'low' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: tk.version + 1 },
    });
    const now = (await t.app.inject({ url: `/api/v1/tickets/${tk.id}`, headers: acme.as('agent') })).json();
    expect(now.priority).toBe('urgent');
  });
});

describe('timeline, assignment and tags', () => {
  it('tells calls, public replies and internal notes apart, and counts the first response', async () => {
    const tk = (await open()).json();
    const base = `/api/v1/tickets/${tk.id}`;
    const call = await t.app.inject({
      method: 'POST',
      url: `${base}/calls`,
      headers: acme.as('agent'),
      payload: {
        direction: 'inbound',
        durationSec: 185,
        summary: '客户来电说明故障，已安抚',
        phone: '138 0013 8000',
      },
    });
    expect(call.statusCode).toBe(201);
    expect((await t.app.inject({ url: base, headers: acme.as('agent') })).json().firstResponseAt).toBeNull();
    await t.app.inject({
      method: 'POST',
      url: `${base}/replies`,
      headers: acme.as('agent'),
      payload: { body: '您好，师傅明天上午上门。' },
    });
    await t.app.inject({
      method: 'POST',
      url: `${base}/notes`,
      headers: acme.as('agent'),
      payload: { body: '客户脾气急，注意沟通' },
    });
    const detail = (await t.app.inject({ url: base, headers: acme.as('agent') })).json();
    expect(detail.firstResponseAt).not.toBeNull();
    expect(detail.version).toBe(tk.version);
    const items = (await t.app.inject({ url: `${base}/timeline`, headers: acme.as('agent') }))
      .json()
      .items.filter((e: { kind: string }) => e.kind !== 'commitment');
    expect(items.map((e: { kind: string; visibility: string }) => `${e.kind}:${e.visibility}`)).toEqual([
      'created:internal',
      'call:internal',
      'reply:public',
      'note:internal',
    ]);
    expect(items[1].data).toMatchObject({ direction: 'inbound', durationSec: 185 });
    expect(items[2].authorName).toBe('agent acme');
  });

  it('assigns to a person (opening new work) and refuses users of another tenant', async () => {
    const tk = (await open()).json();
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${tk.id}/assign`,
      headers: acme.as('dispatcher'),
      payload: { version: tk.version, teamId: acme.teamId, assigneeId: acme.users.agent.id },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'open', assigneeId: acme.users.agent.id });
    const cross = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${tk.id}/assign`,
      headers: acme.as('dispatcher'),
      payload: { version: assigned.json().version, teamId: null, assigneeId: other.users.agent.id },
    });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().error.code).toBe('REFERENCE_INVALID');
    const kinds = (
      await t.app.inject({ url: `/api/v1/tickets/${tk.id}/timeline`, headers: acme.as('agent') })
    ).json().items;
    expect(kinds.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'commitment',
      'assigned',
      'status_changed',
    ]);
  });

  it('replaces tags and records what was added and removed', async () => {
    const tk = (await open({ tags: ['高温季'] })).json();
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tickets/${tk.id}/tags`,
      headers: acme.as('agent'),
      payload: { version: tk.version, tags: ['重复报修', 'VIP', 'VIP'] },
    });
    expect(r.json().tags).toEqual(['重复报修', 'VIP']);
    const e = (await t.app.inject({ url: `/api/v1/tickets/${tk.id}/timeline`, headers: acme.as('agent') }))
      .json()
      .items.at(-1);
    expect(e.data).toEqual({ added: ['重复报修', 'VIP'], removed: ['高温季'] });
  });
});

describe('validation messages', () => {
  it('name each field and speak the caller language', async () => {
    const zh = await open({ description: '' });
    expect(zh.json().error.details[0]).toMatchObject({ path: 'description' });
    expect(zh.json().error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const en = await open({ description: '' }, { ...acme.as('agent'), 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toMatch(/^Too small/);
  });
});
