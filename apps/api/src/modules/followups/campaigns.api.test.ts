import { schema } from '@manyi/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { runCampaign, unitFilterOf } from './campaigns.service';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let acModel: string;
let fridgeModel: string;

const post = async (
  url: string,
  payload: object,
  tenant = acme,
  role: 'admin' | 'quality_manager' = 'admin',
) => {
  const r = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: tenant.as(role), payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
};

const guangdong = {
  provinceCode: '440000',
  cityCode: '440300',
  province: '广东省',
  city: '深圳市',
  detail: '南山区科技园 1 号',
};
const beijing = {
  provinceCode: '110000',
  cityCode: '110100',
  province: '北京市',
  city: '北京市',
  detail: '朝阳区建国路 8 号',
};

let serial = 0;
async function customerWithUnits(
  name: string,
  address: typeof guangdong,
  units: { model: string; purchaseDate: string }[],
  tier = 'standard',
) {
  const c = await post('/customers', {
    name,
    tier,
    phones: [{ number: `1380000${String(1000 + serial).padStart(4, '0')}` }],
    addresses: [address],
  });
  for (const u of units)
    await post(`/customers/${c.id}/units`, {
      modelId: u.model,
      serialNumber: `SN${String(++serial).padStart(6, '0')}`,
      purchaseDate: u.purchaseDate,
    });
  return c.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const policy = await post('/warranty-policies', { name: '整机一年', wholeUnitMonths: 12, parts: [] });
  acModel = (
    await post('/product-models', {
      code: 'KFR-35GW',
      name: '变频空调 KFR-35GW',
      category: 'air_conditioner',
      warrantyPolicyId: policy.id,
    })
  ).id;
  fridgeModel = (
    await post('/product-models', { code: 'BCD-470', name: '对开门冰箱 BCD-470', category: 'refrigerator' })
  ).id;
  // Guangdong: 3 old air conditioners (2 customers), 1 new one, 1 old fridge; Beijing: 1 old air conditioner.
  await customerWithUnits('黄志强', guangdong, [
    { model: acModel, purchaseDate: '2023-05-01' },
    { model: acModel, purchaseDate: '2024-03-10' },
  ]);
  await customerWithUnits('梁美玲', guangdong, [{ model: acModel, purchaseDate: '2022-07-20' }], 'vip');
  await customerWithUnits('陈晓东', guangdong, [
    { model: acModel, purchaseDate: new Date().toISOString().slice(0, 10) },
    { model: fridgeModel, purchaseDate: '2021-01-01' },
  ]);
  await customerWithUnits('王建国', beijing, [{ model: acModel, purchaseDate: '2020-06-01' }]);
});
afterAll(() => t.close());

const oldAcInGuangdong = { categories: ['air_conditioner'], minAgeMonths: 12, provinceCodes: ['440000'] };

describe('campaigns over the installed base', () => {
  it('counts months in the tenant time zone, clamping to the month end', () => {
    expect(
      unitFilterOf({ minAgeMonths: 12 }, 'Asia/Shanghai', new Date('2026-05-31T20:00:00Z')).sinceOnOrBefore,
    ).toBe('2025-06-01');
    expect(
      unitFilterOf({ minAgeMonths: 3 }, 'Asia/Shanghai', new Date('2026-05-31T04:00:00Z')).sinceOnOrBefore,
    ).toBe('2026-02-28');
    expect(unitFilterOf({}, 'Asia/Shanghai', new Date()).sinceOnOrBefore).toBeUndefined();
  });

  it('previews the count: air conditioners over a year old in 广东', async () => {
    const p = await post('/campaigns/preview', { filter: oldAcInGuangdong }, acme, 'quality_manager');
    expect(p).toMatchObject({ units: 3, customers: 2 });
    expect(p.sample.every((s: { productName: string; city: string }) => s.city === '深圳市')).toBe(true);
    expect(
      (await post('/campaigns/preview', { filter: { ...oldAcInGuangdong, tiers: ['vip'] } })).units,
    ).toBe(1);
    expect((await post('/campaigns/preview', { filter: { minAgeMonths: 12 } })).units).toBe(5);
    // another tenant's installed base is not ours
    expect((await post('/campaigns/preview', { filter: {} }, other)).units).toBe(0);
  });

  it('creates follow-up calls in bulk once, however often it is started or re-run', async () => {
    const c = await post(
      '/campaigns',
      { name: '夏季空调清洗回访', filter: oldAcInGuangdong, action: 'followup' },
      acme,
      'quality_manager',
    );
    expect(c.status).toBe('draft');
    const started = await post(`/campaigns/${c.id}/start`, { version: c.version }, acme, 'quality_manager');
    expect(started).toMatchObject({ status: 'done', total: 3, processed: 3, created: 3 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${c.id}/start`,
      headers: acme.as('quality_manager'),
      payload: { version: started.version },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CAMPAIGN_ALREADY_STARTED');
    // a redelivered job after a crash: the same units get no second call
    await t.database.db
      .update(schema.campaigns)
      .set({ status: 'running' })
      .where(eq(schema.campaigns.id, c.id));
    await runCampaign(t.database, t.app.config, c.id);
    const calls = await t.database.db
      .select()
      .from(schema.followups)
      .where(eq(schema.followups.campaignId, c.id));
    expect(calls).toHaveLength(3);
    expect(calls.every((f) => f.reason === 'campaign' && f.status === 'open')).toBe(true);
    // they show up in the worklist with the campaign's name and the product
    const list = (
      await t.app.inject({ url: `/api/v1/followups?view=all&campaignId=${c.id}`, headers: acme.as('agent') })
    ).json();
    expect(list.items).toHaveLength(3);
    expect(list.items[0]).toMatchObject({
      campaignName: '夏季空调清洗回访',
      productName: '变频空调 KFR-35GW',
    });
    const detail = (
      await t.app.inject({ url: `/api/v1/followups/${list.items[0].id}`, headers: acme.as('agent') })
    ).json();
    expect(detail.script[1]).toContain('夏季空调清洗回访');
  });

  it('opens maintenance work orders in bulk, idempotently', async () => {
    const c = await post('/campaigns', {
      name: '年度保养',
      description: '年度免费保养：清洗滤网、检查冷媒',
      filter: { categories: ['air_conditioner'], minAgeMonths: 12 },
      action: 'ticket',
      ticketType: 'maintenance',
    });
    const done = await post(`/campaigns/${c.id}/start`, { version: c.version });
    expect(done).toMatchObject({ status: 'done', total: 4, created: 4 });
    await t.database.db
      .update(schema.campaigns)
      .set({ status: 'running' })
      .where(eq(schema.campaigns.id, c.id));
    await runCampaign(t.database, t.app.config, c.id);
    const made = await t.database.db
      .select()
      .from(schema.campaignUnits)
      .where(eq(schema.campaignUnits.campaignId, c.id));
    expect(made).toHaveLength(4);
    const tickets = await t.database.db
      .select()
      .from(schema.tickets)
      .where(eq(schema.tickets.tenantId, acme.tenantId));
    expect(tickets.filter((x) => x.type === 'maintenance' && x.tags.includes('关怀活动'))).toHaveLength(4);
  });

  it('refuses bad input and other roles; another tenant cannot see or start ours', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: acme.as('quality_manager'),
      payload: { name: 'x', filter: {}, action: 'ticket' },
    });
    expect(bad.statusCode).toBe(400);
    const badRegion = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns/preview',
      headers: acme.as('quality_manager'),
      payload: { filter: { provinceCodes: ['广东'] } },
    });
    expect(badRegion.statusCode).toBe(400);
    for (const role of ['agent', 'technician', 'dispatcher'] as const) {
      const r = await t.app.inject({ url: '/api/v1/campaigns', headers: acme.as(role) });
      expect(r.statusCode).toBe(403);
    }
    const [mine] = await t.database.db
      .select()
      .from(schema.campaigns)
      .where(eq(schema.campaigns.tenantId, acme.tenantId));
    const peek = await t.app.inject({ url: `/api/v1/campaigns/${mine!.id}`, headers: other.as('admin') });
    expect(peek.statusCode).toBe(404);
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${mine!.id}/start`,
      headers: other.as('admin'),
      payload: { version: 1 },
    });
    expect(start.statusCode).toBe(404);
  });

  it('honours Idempotency-Key on create', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers: { ...acme.as('admin'), 'idempotency-key': 'campaign-key-0001' },
        payload: { name: '冰箱回访', filter: { categories: ['refrigerator'] }, action: 'followup' },
      });
    const a = await send();
    const b = await send();
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });
});
