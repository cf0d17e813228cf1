import { randomBytes } from 'node:crypto';
import { schema } from '@manyi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { insertApiToken } from '../auth/auth.repository';
import { sha256 } from '../auth/auth.service';
import { insertTeam, insertUser } from '../users/users.repository';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
/** A partner manager of a second service point of acme. */
let otherPartner: Record<string, string>;
let otherPointId: string;

type Headers = Record<string, string>;
async function api(method: string, url: string, headers: Headers, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function openDispatched(teamId: string, assigneeId: string | null) {
  const r = await api('POST', '/tickets', acme.as('agent'), {
    type: 'repair',
    description: '洗衣机不脱水，需要返厂检修',
    customerId,
  });
  expect(r.statusCode).toBe(201);
  const tk = r.json();
  const a = await api('POST', `/tickets/${tk.id}/assign`, acme.as('dispatcher'), {
    version: tk.version,
    teamId,
    assigneeId,
  });
  expect(a.statusCode).toBe(200);
  return tk.id as string;
}

async function photo(ticketId: string) {
  const [a] = await t.database.db
    .insert(schema.attachments)
    .values({
      tenantId: acme.tenantId,
      ticketId,
      fileName: '外观.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 1234,
      sha256: randomBytes(32).toString('hex'),
      storageKey: `test/${randomBytes(8).toString('hex')}`,
    })
    .returning({ id: schema.attachments.id });
  return a!.id;
}

async function receive(ticketId: string, extra: Record<string, unknown> = {}) {
  const r = await api('POST', '/custody/items', acme.as('technician'), {
    ticketId,
    kind: 'unit',
    description: '滚筒洗衣机整机（返厂检修）',
    serialNumber: 'WM-2025-00042',
    condition: '外观完好，门封条轻微老化，右侧面板有一处 2 cm 划痕',
    location: '上门服务车',
    dueBackAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    ...extra,
  });
  expect(r.statusCode).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '孙丽', tier: 'standard', searchText: '孙丽' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  const sp = await insertTeam(t.database.db, {
    tenantId: acme.tenantId,
    name: '宝安服务网点',
    kind: 'service_point',
  });
  otherPointId = sp.id;
  const u = await insertUser(t.database.db, {
    tenantId: acme.tenantId,
    email: 'partner2@acme.test',
    displayName: '宝安网点经理',
    role: 'partner_manager',
    teamId: sp.id,
    passwordHash: 'x',
  });
  const token = `mny_test_${randomBytes(16).toString('hex')}`;
  await insertApiToken(t.database.db, {
    tenantId: acme.tenantId,
    userId: u.id,
    name: 'test',
    prefix: token.slice(0, 10),
    tokenHash: sha256(token),
    expiresAt: null,
  });
  otherPartner = { authorization: `Bearer ${token}` };
});
afterAll(() => t.close());

describe('custody register', () => {
  it('keeps the chain of custody: intake with photos, moves, return with sign-off', async () => {
    const ticketId = await openDispatched(acme.servicePointId, acme.users.technician.id);
    const p1 = await photo(ticketId);
    const item = await receive(ticketId, { photoIds: [p1] });
    expect(item).toMatchObject({
      status: 'held',
      teamId: acme.servicePointId,
      customerName: '孙丽',
      holderUserId: acme.users.technician.id,
      photoIds: [p1],
      overdue: false,
    });
    expect(item.ticketNumber).toMatch(/^GD-\d+$/);
    const moved = await api('POST', `/custody/items/${item.id}/move`, acme.as('partner_manager'), {
      version: item.version,
      holderName: '维修车间库管 赵强',
      location: '南山维修车间 B-03 货架',
      note: '入库待检',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ holderName: '维修车间库管 赵强', holderUserId: null, version: 2 });
    const stale = await api('POST', `/custody/items/${item.id}/move`, acme.as('partner_manager'), {
      version: item.version,
      location: '别处',
    });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    const noSignOff = await api('POST', `/custody/items/${item.id}/return`, acme.as('technician'), {
      version: 2,
      returnedToName: '孙丽',
    });
    expect(noSignOff.statusCode).toBe(400);
    const badSig = await api('POST', `/custody/items/${item.id}/return`, acme.as('technician'), {
      version: 2,
      returnedToName: '孙丽',
      signature: 'data:text/html;base64,PHNjcmlwdD4=',
    });
    expect(badSig.statusCode).toBe(400);
    const back = await api('POST', `/custody/items/${item.id}/return`, acme.as('technician'), {
      version: 2,
      returnedToName: '孙丽',
      signature:
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    });
    expect(back.statusCode).toBe(200);
    const detail = back.json();
    expect(detail).toMatchObject({ status: 'returned', returnedToName: '孙丽', returnSignOff: 'signature' });
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['received', 'moved', 'returned']);
    expect(detail.events[1]).toMatchObject({ location: '南山维修车间 B-03 货架', note: '入库待检' });
    const afterReturn = await api('POST', `/custody/items/${item.id}/move`, acme.as('partner_manager'), {
      version: detail.version,
      location: '仓库',
    });
    expect(afterReturn.json().error.code).toBe('CUSTODY_NOT_HELD');
  });

  it('refuses photos that are not the work order’s and work orders the caller cannot see', async () => {
    const ticketId = await openDispatched(acme.servicePointId, acme.users.technician.id);
    const elsewhere = await openDispatched(acme.servicePointId, acme.users.technician.id);
    const foreignPhoto = await photo(elsewhere);
    const r = await api('POST', '/custody/items', acme.as('technician'), {
      ticketId,
      kind: 'part',
      description: '主控板',
      condition: '拆下时完好',
      location: '工具箱',
      photoIds: [foreignPhoto],
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'REFERENCE_INVALID', details: { field: 'photoIds' } });
    const notMine = await openDispatched(otherPointId, null);
    const hidden = await api('POST', '/custody/items', acme.as('technician'), {
      ticketId: notMine,
      kind: 'keys',
      description: '入户门钥匙',
      condition: '一把',
      location: '随身',
    });
    expect(hidden.statusCode).toBe(422);
    const count = await t.database.db.select().from(schema.custodyItems);
    expect(count.every((i) => i.ticketId !== notMine)).toBe(true);
  });

  it('an incident cannot be closed until the customer is recorded as told', async () => {
    const ticketId = await openDispatched(acme.servicePointId, acme.users.technician.id);
    const item = await receive(ticketId, { kind: 'keys', description: '入户门钥匙两把', condition: '完好' });
    const opened = await api('POST', `/custody/items/${item.id}/incidents`, acme.as('technician'), {
      kind: 'loss',
      description: '回程途中遗失一把钥匙',
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().status).toBe('lost');
    const inc = opened.json().incidents[0];
    expect(inc).toMatchObject({ status: 'open', notifiedAt: null });
    const early = await api('POST', `/custody/incidents/${inc.id}/close`, acme.as('quality_manager'), {
      version: inc.version,
      resolution: '已赔偿换锁费用',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INCIDENT_CUSTOMER_NOT_TOLD');
    expect(early.json().error.message).toContain('告知客户');

    const told = await api('POST', `/custody/incidents/${inc.id}/notification`, acme.as('partner_manager'), {
      version: inc.version,
      via: 'phone',
      notifiedAt: new Date(Date.now() - 600_000).toISOString(),
      what: '致电孙女士说明钥匙遗失，致歉并承诺承担换锁费用，客户表示理解',
    });
    expect(told.statusCode).toBe(200);
    const told1 = told.json().incidents[0];
    expect(told1).toMatchObject({ notifiedVia: 'phone', notifiedById: acme.users.partner_manager.id });
    const closed = await api('POST', `/custody/incidents/${inc.id}/close`, acme.as('quality_manager'), {
      version: told1.version,
      resolution: '已赔偿换锁费用 200 元',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().incidents[0]).toMatchObject({ status: 'closed' });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual([
      'received',
      'incident_opened',
      'customer_notified',
      'incident_closed',
    ]);
    const reclose = await api('POST', `/custody/incidents/${inc.id}/close`, acme.as('quality_manager'), {
      version: told1.version + 1,
      resolution: 'x',
    });
    expect(reclose.json().error.code).toBe('INCIDENT_CLOSED');
  });

  it('a technician holding an item of someone else’s job can return it, then no longer sees it', async () => {
    const ticketId = await openDispatched(acme.servicePointId, null);
    const item = (
      await api('POST', '/custody/items', acme.as('partner_manager'), {
        ticketId,
        kind: 'part',
        description: '电脑板（检测后送还）',
        condition: '完好',
        location: '网点仓库',
      })
    ).json();
    expect((await api('GET', `/custody/items/${item.id}`, acme.as('technician'))).statusCode).toBe(404);
    const handed = await api('POST', `/custody/items/${item.id}/move`, acme.as('partner_manager'), {
      version: item.version,
      holderUserId: acme.users.technician.id,
      location: '上门服务车',
    });
    expect(handed.json()).toMatchObject({
      holderUserId: acme.users.technician.id,
      holderName: 'technician acme',
    });
    const back = await api('POST', `/custody/items/${item.id}/return`, acme.as('technician'), {
      version: handed.json().version,
      returnedToName: '孙丽',
      confirmed: true,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', returnSignOff: 'confirmed', holderUserId: null });
    expect((await api('GET', `/custody/items/${item.id}`, acme.as('technician'))).statusCode).toBe(404);
  });

  it('a partner manager sees only its service point’s items; other tenants nothing', async () => {
    const mine = await receive(await openDispatched(acme.servicePointId, acme.users.technician.id));
    const theirsTicket = await openDispatched(otherPointId, null);
    const theirs = await api('POST', '/custody/items', otherPartner, {
      ticketId: theirsTicket,
      kind: 'part',
      description: '电脑板',
      condition: '烧蚀',
      location: '宝安网点',
    });
    expect(theirs.statusCode).toBe(201);
    const theirsId = theirs.json().id;
    const list = (await api('GET', '/custody/items?limit=200', acme.as('partner_manager'))).json().items;
    expect(list.some((i: { id: string }) => i.id === mine.id)).toBe(true);
    expect(list.every((i: { teamId: string }) => i.teamId === acme.servicePointId)).toBe(true);
    expect((await api('GET', `/custody/items/${theirsId}`, acme.as('partner_manager'))).statusCode).toBe(404);
    expect((await api('GET', `/custody/items/${mine.id}`, otherPartner)).statusCode).toBe(404);
    const move = await api('POST', `/custody/items/${theirsId}/move`, acme.as('partner_manager'), {
      version: 1,
      location: 'x',
    });
    expect(move.statusCode).toBe(404);
    expect((await api('GET', `/custody/items/${mine.id}`, acme.as('technician'))).statusCode).toBe(200);
    expect((await api('GET', `/custody/items/${theirsId}`, acme.as('technician'))).statusCode).toBe(404);
    expect((await api('GET', '/custody/items', other.as('admin'))).json().items).toHaveLength(0);
    expect((await api('GET', `/custody/items/${mine.id}`, other.as('admin'))).statusCode).toBe(404);
    expect((await api('GET', '/custody/items', acme.as('agent'))).statusCode).toBe(403);
    const all = (await api('GET', '/custody/items?limit=200', acme.as('supervisor'))).json().items;
    expect(all.some((i: { id: string }) => i.id === theirsId)).toBe(true);
  });

  it('reports per service point: held, overdue and incidents; filters the register', async () => {
    const ticketId = await openDispatched(acme.servicePointId, acme.users.technician.id);
    const late = await receive(ticketId, {
      receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      dueBackAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(late.overdue).toBe(true);
    const overdue = (await api('GET', '/custody/items?overdue=true', acme.as('supervisor'))).json().items;
    expect(overdue.map((i: { id: string }) => i.id)).toEqual([late.id]);
    const withInc = (await api('GET', '/custody/items?withIncidents=true', acme.as('supervisor'))).json()
      .items;
    expect(withInc).toHaveLength(1);
    const search = (await api('GET', '/custody/items?q=孙丽&limit=2', acme.as('supervisor'))).json();
    expect(search.items).toHaveLength(2);
    expect(search.nextCursor).not.toBeNull();
    const page2 = (
      await api(
        'GET',
        `/custody/items?q=孙丽&limit=2&cursor=${encodeURIComponent(search.nextCursor)}`,
        acme.as('supervisor'),
      )
    ).json();
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items[0].id).not.toBe(search.items[1].id);

    const report = (await api('GET', '/custody/report', acme.as('supervisor'))).json().rows;
    const nanshan = report.find((r: { teamId: string }) => r.teamId === acme.servicePointId);
    expect(nanshan).toMatchObject({
      teamName: '南山服务网点',
      overdue: 1,
      lost: 1,
      incidents: 1,
      openIncidents: 0,
    });
    // Held: the partner's item and the late one; returned: the first and the technician's; lost: the keys.
    expect(nanshan).toMatchObject({ held: 2, returned: 2 });
    const partnerView = (await api('GET', '/custody/report', acme.as('partner_manager'))).json().rows;
    expect(partnerView.map((r: { teamId: string }) => r.teamId)).toEqual([acme.servicePointId]);
    const bad = await api('GET', '/custody/items?cursor=nonsense', acme.as('supervisor'));
    expect(bad.statusCode).toBe(400);
  });
});
