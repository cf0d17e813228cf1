import { createRandom } from '@manyi/db/seed/data/random';
import { insertCustomers, makeCustomer } from '@manyi/db/seed/factories/customers';
import {
  insertProductModels,
  insertUnits,
  insertWarrantyPolicies,
  makeProductModel,
  makeUnit,
  makeWarrantyPolicy,
} from '@manyi/db/seed/factories/products';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { todayIn } from './warranty';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
const rng = createRandom(20250301);

/** acme: 王芳 (two addresses) and 李雷; other tenant: 张伟. */
const ids = {} as {
  wang: string;
  wangHome: string;
  wangOffice: string;
  li: string;
  liHome: string;
  zhang: string;
  zhangHome: string;
  otherPolicy: string;
  otherModel: string;
};

const address = (detail: string) => ({
  provinceCode: '440000',
  province: '广东省',
  cityCode: '440300',
  city: '深圳市',
  districtCode: '440305',
  district: '南山区',
  detail,
});

async function addCustomer(tenantId: string, name: string, details: string[]) {
  const seed = makeCustomer(rng, { name, kind: 'person', addresses: details.map(address) });
  await insertCustomers(t.database.db, tenantId, [seed]);
  return { id: seed.customer.id, addresses: seed.addresses.map((a) => a.id) };
}

const api = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const wang = await addCustomer(acme.tenantId, '王芳', [
    '科技园南路 88 号 3 栋 1201',
    '深南大道 9988 号 20 楼',
  ]);
  const li = await addCustomer(acme.tenantId, '李雷', ['桃园路 1 号 5 栋 602']);
  const zhang = await addCustomer(other.tenantId, '张伟', ['前海路 12 号']);
  Object.assign(ids, {
    wang: wang.id,
    wangHome: wang.addresses[0],
    wangOffice: wang.addresses[1],
    li: li.id,
    liHome: li.addresses[0],
    zhang: zhang.id,
    zhangHome: zhang.addresses[0],
  });
  // The other tenant's catalogue, written with the factories.
  const policy = makeWarrantyPolicy(rng);
  const model = makeProductModel(rng, { category: 'air_conditioner', warrantyPolicyId: policy.id });
  await insertWarrantyPolicies(t.database.db, other.tenantId, [policy]);
  await insertProductModels(t.database.db, other.tenantId, [model]);
  await insertUnits(t.database.db, other.tenantId, [
    makeUnit(rng, { customerId: zhang.id, modelId: model.id, serialNumber: 'OTHER-TENANT-SN-1' }),
  ]);
  ids.otherPolicy = policy.id;
  ids.otherModel = model.id;
});
afterAll(() => t.close());

async function auditActions(entityId: string) {
  const res = await api('GET', `/audit?entityId=${entityId}`, acme.as('admin'));
  expect(res.statusCode).toBe(200);
  return (res.json().items as { action: string; changes: unknown }[]).map((e) => e.action).reverse();
}

/** The national rule: whole unit 1 year, compressor 3 years, from the purchase (invoice) date. */
const nationalPolicy = {
  name: '国家三包 整机1年 主要部件3年',
  wholeUnitMonths: 12,
  parts: [
    { partClass: 'compressor', months: 36 },
    { partClass: 'pcb', months: 36 },
  ],
};

async function createPolicy(body: Record<string, unknown>) {
  const res = await api('POST', '/warranty-policies', acme.as('admin'), body);
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}

async function createModel(body: Record<string, unknown>) {
  const res = await api('POST', '/product-models', acme.as('admin'), {
    category: 'air_conditioner',
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; code: string; version: number };
}

async function registerUnit(customerId: string, body: Record<string, unknown>, headers = acme.as('agent')) {
  return api('POST', `/customers/${customerId}/units`, headers, body);
}

describe('warranty policies', () => {
  it('creates with defaults, reads, changes with a version, refuses a stale version, and audits', async () => {
    const created = await api('POST', '/warranty-policies', acme.as('admin'), nationalPolicy);
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ ...nationalPolicy, startsFrom: 'purchase', notes: null, version: 1 });

    const list = await api('GET', '/warranty-policies', acme.as('technician'));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    const one = await api('GET', `/warranty-policies/${p.id}`, acme.as('dispatcher'));
    expect(one.json()).toEqual(p);

    // Only what is sent changes: startsFrom and parts keep their values.
    const changed = await api('PATCH', `/warranty-policies/${p.id}`, acme.as('admin'), {
      version: 1,
      wholeUnitMonths: 24,
      notes: '凭发票计算',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      wholeUnitMonths: 24,
      startsFrom: 'purchase',
      parts: nationalPolicy.parts,
      notes: '凭发票计算',
    });

    const stale = await api('PATCH', `/warranty-policies/${p.id}`, acme.as('admin'), {
      version: 1,
      wholeUnitMonths: 6,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await api('GET', `/warranty-policies/${p.id}`, acme.as('admin'))).json().wholeUnitMonths).toBe(
      24,
    );

    expect(await auditActions(p.id)).toEqual(['warranty_policy.created', 'warranty_policy.changed']);
  });

  it('refuses a duplicate name, a part class listed twice, and another tenant’s policy', async () => {
    const dup = await api('POST', '/warranty-policies', acme.as('admin'), {
      ...nationalPolicy,
      name: '重复名称政策',
    });
    expect(dup.statusCode).toBe(201);
    const again = await api('POST', '/warranty-policies', acme.as('admin'), {
      ...nationalPolicy,
      name: '重复名称政策',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');

    const twice = await api('POST', '/warranty-policies', acme.as('admin'), {
      name: '部件重复',
      wholeUnitMonths: 12,
      parts: [
        { partClass: 'compressor', months: 36 },
        { partClass: 'compressor', months: 60 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('VALIDATION_FAILED');

    expect((await api('GET', `/warranty-policies/${ids.otherPolicy}`, acme.as('admin'))).statusCode).toBe(
      404,
    );
    const foreignPatch = await api('PATCH', `/warranty-policies/${ids.otherPolicy}`, acme.as('admin'), {
      version: 1,
      name: '偷改',
    });
    expect(foreignPatch.statusCode).toBe(404);
  });
});

describe('product models', () => {
  it('creates, pages by code with q and category, changes with a version and refuses a stale one', async () => {
    const policy = await createPolicy({ ...nationalPolicy, name: '型号测试政策' });
    const codes = ['PM-A-001', 'PM-A-002', 'PM-A-003', 'PM-A-004', 'PM-A-005'];
    for (const [i, code] of codes.entries())
      await createModel({
        code,
        name: `分页测试冰箱 ${i + 1}`,
        category: i === 4 ? 'television' : 'refrigerator',
        brand: '澜湾',
        warrantyPolicyId: policy.id,
      });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/product-models?q=pm-a&category=refrigerator&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await api('GET', url, acme.as('technician'));
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { code: string; category: string }[]; nextCursor: string | null };
      for (const m of page.items) expect(m.category).toBe('refrigerator');
      seen.push(...page.items.map((m) => m.code));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(codes.slice(0, 4));

    const byName = await api('GET', `/product-models?q=${encodeURIComponent('冰箱 5')}`, acme.as('agent'));
    expect(byName.json().items.map((m: { code: string }) => m.code)).toEqual(['PM-A-005']);
    const percent = await api('GET', `/product-models?q=${encodeURIComponent('%')}`, acme.as('agent'));
    expect(percent.json().items).toEqual([]);
    const badCursor = await api('GET', '/product-models?cursor=%21%21', acme.as('agent'));
    expect(badCursor.statusCode).toBe(400);

    const first = (await api('GET', '/product-models?q=PM-A-001', acme.as('agent'))).json().items[0];
    expect(first).toMatchObject({ brand: '澜湾', warrantyPolicyId: policy.id, version: 1 });
    const changed = await api('PATCH', `/product-models/${first.id}`, acme.as('admin'), {
      version: 1,
      name: '法式四门冰箱 470升',
    });
    expect(changed.statusCode).toBe(200);
    // The policy is kept when not sent.
    expect(changed.json()).toMatchObject({
      version: 2,
      name: '法式四门冰箱 470升',
      warrantyPolicyId: policy.id,
    });
    const cleared = await api('PATCH', `/product-models/${first.id}`, acme.as('admin'), {
      version: 2,
      warrantyPolicyId: null,
      brand: null,
    });
    expect(cleared.json()).toMatchObject({ version: 3, warrantyPolicyId: null, brand: null });
    const stale = await api('PATCH', `/product-models/${first.id}`, acme.as('admin'), {
      version: 2,
      name: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const dupCode = await api('PATCH', `/product-models/${first.id}`, acme.as('admin'), {
      version: 3,
      code: 'PM-A-002',
    });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'code' } });
    expect((await api('GET', `/product-models/${first.id}`, acme.as('agent'))).json().version).toBe(3);
    expect(await auditActions(first.id)).toEqual([
      'product_model.created',
      'product_model.changed',
      'product_model.changed',
    ]);
  });

  it('refuses a duplicate code and another tenant’s policy; hides another tenant’s model', async () => {
    await createModel({ code: 'KFR-35GW/DUP', name: '壁挂式空调 1.5匹' });
    const dup = await api('POST', '/product-models', acme.as('admin'), {
      code: 'KFR-35GW/DUP',
      name: '又一个',
      category: 'air_conditioner',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const foreignPolicy = await api('POST', '/product-models', acme.as('admin'), {
      code: 'KFR-26GW/X',
      name: '壁挂式空调 1匹',
      category: 'air_conditioner',
      warrantyPolicyId: ids.otherPolicy,
    });
    expect(foreignPolicy.statusCode).toBe(422);
    expect(foreignPolicy.json().error).toMatchObject({
      code: 'REFERENCE_INVALID',
      details: { field: 'warrantyPolicyId' },
    });
    expect((await api('GET', `/product-models/${ids.otherModel}`, acme.as('admin'))).statusCode).toBe(404);
    const all = await api('GET', '/product-models?limit=200', acme.as('admin'));
    expect(all.json().items.map((m: { id: string }) => m.id)).not.toContain(ids.otherModel);
  });

  it('lets a technician read the catalogue but not write it', async () => {
    expect((await api('GET', '/product-models', acme.as('technician'))).statusCode).toBe(200);
    expect((await api('GET', '/warranty-policies', acme.as('partner_manager'))).statusCode).toBe(200);
    const write = await api('POST', '/product-models', acme.as('technician'), {
      code: 'TECH-1',
      name: '技师不能建',
      category: 'other',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'catalog.write' } });
    const policyWrite = await api('POST', '/warranty-policies', acme.as('supervisor'), {
      name: '主管不能建',
      wholeUnitMonths: 12,
    });
    expect(policyWrite.statusCode).toBe(403);
    const list = await api('GET', '/product-models?q=TECH-1', acme.as('admin'));
    expect(list.json().items).toEqual([]);
  });
});

describe('units', () => {
  let modelId: string;
  let installModelId: string;
  let noPolicyModelId: string;

  beforeAll(async () => {
    const national = await createPolicy({ ...nationalPolicy, name: '单元测试 国家三包' });
    const maker = await createPolicy({
      name: '单元测试 整机6年 压缩机10年',
      startsFrom: 'install',
      wholeUnitMonths: 72,
      parts: [{ partClass: 'compressor', months: 120 }],
    });
    modelId = (await createModel({ code: 'U-KFR-35GW', name: '壁挂式空调', warrantyPolicyId: national.id }))
      .id;
    installModelId = (
      await createModel({ code: 'U-KFR-72LW', name: '立柜式空调', warrantyPolicyId: maker.id })
    ).id;
    noPolicyModelId = (await createModel({ code: 'U-NOPOLICY', name: '无政策型号' })).id;
  });

  it('registers a unit with its model, address and whole-unit warranty today, and audits it', async () => {
    const res = await registerUnit(ids.wang, {
      modelId,
      serialNumber: 'KTSD230517B0412345',
      purchaseDate: '2024-02-29',
      installDate: '2024-03-02',
      dealer: '京东自营',
      invoiceNo: '24442000000123456789',
      addressId: ids.wangHome,
    });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({
      customerId: ids.wang,
      modelId,
      modelCode: 'U-KFR-35GW',
      modelName: '壁挂式空调',
      category: 'air_conditioner',
      serialNumber: 'KTSD230517B0412345',
      purchaseDate: '2024-02-29',
      deliveryDate: null,
      installDate: '2024-03-02',
      addressId: ids.wangHome,
      version: 1,
    });
    const today = todayIn('Asia/Shanghai', new Date());
    expect(u.warranty).toMatchObject({
      partClass: null,
      startsFrom: 'purchase',
      startDate: '2024-02-29',
      endDate: '2025-02-28',
      months: 12,
    });
    expect([today, todayIn('Asia/Shanghai', new Date(Date.now() - 60_000))]).toContain(u.warranty.onDate);
    expect(u.warranty.covered).toBe(u.warranty.onDate <= '2025-02-28');
    expect((await api('GET', `/units/${u.id}`, acme.as('quality_manager'))).json()).toEqual(u);
    expect(await auditActions(u.id)).toEqual(['unit.registered']);
  });

  it('answers the warranty question on several dates and for parts, with the reason', async () => {
    const u = (
      await registerUnit(ids.wang, { modelId, serialNumber: 'WARRANTY-DATES-1', purchaseDate: '2024-02-29' })
    ).json();
    const ask = async (query: string) => {
      const res = await api('GET', `/units/${u.id}/warranty?${query}`, acme.as('dispatcher'));
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect(await ask('date=2024-02-28')).toMatchObject({ covered: false, reason: 'not_started' });
    expect(await ask('date=2024-02-29')).toMatchObject({ covered: true, reason: 'covered_whole_unit' });
    expect(await ask('date=2025-02-28')).toEqual({
      onDate: '2025-02-28',
      partClass: null,
      covered: true,
      reason: 'covered_whole_unit',
      startsFrom: 'purchase',
      policyStartsFrom: 'purchase',
      startDate: '2024-02-29',
      endDate: '2025-02-28',
      months: 12,
    });
    expect(await ask('date=2025-03-01')).toMatchObject({ covered: false, reason: 'expired' });
    expect(await ask('date=2025-03-01&part=compressor')).toMatchObject({
      covered: true,
      reason: 'covered_part',
      partClass: 'compressor',
      endDate: '2027-02-28',
      months: 36,
    });
    expect(await ask('date=2027-03-01&part=Compressor')).toMatchObject({
      covered: false,
      reason: 'expired',
      partClass: 'compressor',
    });
    expect(await ask('date=2025-03-01&part=fan_motor')).toMatchObject({
      covered: false,
      reason: 'expired',
      months: 12,
    });
    const bad = await api('GET', `/units/${u.id}/warranty?date=2025-02-30`, acme.as('agent'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('falls back to another recorded date, and reports no_policy and no_start_date', async () => {
    const noInstall = (
      await registerUnit(ids.li, {
        modelId: installModelId,
        serialNumber: 'FALLBACK-1',
        purchaseDate: '2020-05-01',
        deliveryDate: '2020-05-04',
      })
    ).json();
    const fallback = await api(
      'GET',
      `/units/${noInstall.id}/warranty?date=2026-05-04&part=compressor`,
      acme.as('agent'),
    );
    expect(fallback.json()).toMatchObject({
      covered: true,
      reason: 'covered_part',
      startsFrom: 'delivery',
      policyStartsFrom: 'install',
      startDate: '2020-05-04',
      endDate: '2030-05-03',
    });
    const undated = (
      await registerUnit(ids.li, { modelId: installModelId, serialNumber: 'NO-DATES-1' })
    ).json();
    expect(undated.warranty).toMatchObject({
      covered: false,
      reason: 'no_start_date',
      policyStartsFrom: 'install',
    });
    const unpolicied = (
      await registerUnit(ids.li, {
        modelId: noPolicyModelId,
        serialNumber: 'NO-POLICY-1',
        purchaseDate: '2025-01-01',
      })
    ).json();
    expect(unpolicied.warranty).toMatchObject({ covered: false, reason: 'no_policy', startDate: null });
  });

  it('refuses a duplicate serial in the tenant, even for another customer', async () => {
    expect((await registerUnit(ids.wang, { modelId, serialNumber: 'DUP-SN-0001' })).statusCode).toBe(201);
    const again = await registerUnit(ids.li, { modelId, serialNumber: 'DUP-SN-0001' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'serialNumber' } });
    // Another tenant may have the same serial.
    const elsewhere = await api('POST', `/customers/${ids.zhang}/units`, other.as('agent'), {
      modelId: ids.otherModel,
      serialNumber: 'DUP-SN-0001',
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('keeps tenants apart: another tenant’s customer is 404, its model or address 422', async () => {
    const foreignCustomer = await registerUnit(ids.zhang, { modelId, serialNumber: 'ISO-1' });
    expect(foreignCustomer.statusCode).toBe(404);
    expect(foreignCustomer.json().error.code).toBe('NOT_FOUND');
    const foreignModel = await registerUnit(ids.wang, { modelId: ids.otherModel, serialNumber: 'ISO-2' });
    expect(foreignModel.statusCode).toBe(422);
    expect(foreignModel.json().error).toMatchObject({
      code: 'REFERENCE_INVALID',
      details: { field: 'modelId' },
    });
    const foreignAddress = await registerUnit(ids.wang, {
      modelId,
      serialNumber: 'ISO-3',
      addressId: ids.zhangHome,
    });
    expect(foreignAddress.statusCode).toBe(422);
    const neighboursAddress = await registerUnit(ids.wang, {
      modelId,
      serialNumber: 'ISO-4',
      addressId: ids.liHome,
    });
    expect(neighboursAddress.statusCode).toBe(422);
    expect(neighboursAddress.json().error).toMatchObject({
      code: 'REFERENCE_INVALID',
      details: { field: 'addressId' },
    });
    const bySerial = await api('GET', '/units?serial=ISO-2', acme.as('admin'));
    expect(bySerial.json().items).toEqual([]);

    const foreignUnit = (await api('GET', '/units?serial=OTHER-TENANT-SN-1', other.as('agent'))).json()
      .items[0];
    expect(foreignUnit.serialNumber).toBe('OTHER-TENANT-SN-1');
    expect((await api('GET', `/units/${foreignUnit.id}`, acme.as('admin'))).statusCode).toBe(404);
    expect((await api('GET', `/units/${foreignUnit.id}/warranty`, acme.as('admin'))).statusCode).toBe(404);
    expect(
      (await api('PATCH', `/units/${foreignUnit.id}`, acme.as('admin'), { version: 1, notes: '偷改' }))
        .statusCode,
    ).toBe(404);
    expect((await api('GET', '/units?serial=OTHER-TENANT-SN-1', acme.as('admin'))).json().items).toEqual([]);
    expect((await api('GET', `/customers/${ids.zhang}/units`, acme.as('admin'))).statusCode).toBe(404);
  });

  it('finds a unit by its exact serial number', async () => {
    const u = (await registerUnit(ids.wang, { modelId, serialNumber: 'EXACT-SN-77' })).json();
    const found = await api('GET', '/units?serial=EXACT-SN-77', acme.as('dispatcher'));
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([u.id]);
    expect((await api('GET', '/units?serial=EXACT-SN-7', acme.as('dispatcher'))).json().items).toEqual([]);
    expect((await api('GET', '/units?serial=', acme.as('dispatcher'))).statusCode).toBe(400);
  });

  it('lists a customer’s units newest first, page by page', async () => {
    const customer = await addCustomer(acme.tenantId, '赵敏', ['学府路 2 号']);
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push(
        (
          await registerUnit(customer.id, {
            modelId,
            serialNumber: `PAGE-SN-${i}`,
            purchaseDate: '2025-01-01',
          })
        ).json().id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(
        'GET',
        `/customers/${customer.id}/units?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        acme.as('quality_manager'),
      );
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string; customerId: string }[]; nextCursor: string | null };
      for (const u of page.items) expect(u.customerId).toBe(customer.id);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual([...created].reverse());
  });

  it('changes a unit with a version, checks the dates and the address, refuses a stale version', async () => {
    const u = (
      await registerUnit(ids.wang, { modelId, serialNumber: 'CHANGE-SN-1', purchaseDate: '2025-01-10' })
    ).json();
    const changed = await api('PATCH', `/units/${u.id}`, acme.as('agent'), {
      version: 1,
      installDate: '2025-01-12',
      addressId: ids.wangOffice,
      dealer: '苏宁易购深圳南山店',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      installDate: '2025-01-12',
      addressId: ids.wangOffice,
      purchaseDate: '2025-01-10',
    });
    const stale = await api('PATCH', `/units/${u.id}`, acme.as('agent'), { version: 1, notes: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const backwards = await api('PATCH', `/units/${u.id}`, acme.as('agent'), {
      version: 2,
      purchaseDate: '2025-02-01',
    });
    expect(backwards.statusCode).toBe(400);
    const otherAddress = await api('PATCH', `/units/${u.id}`, acme.as('agent'), {
      version: 2,
      addressId: ids.liHome,
    });
    expect(otherAddress.statusCode).toBe(422);
    const moved = await api('PATCH', `/units/${u.id}`, acme.as('agent'), { version: 2, purchaseDate: null });
    expect(moved.json()).toMatchObject({ version: 3, purchaseDate: null, installDate: '2025-01-12' });
    // Now the period counts from the install date (the latest recorded evidence after the missing purchase).
    expect(moved.json().warranty).toMatchObject({ startsFrom: 'install', startDate: '2025-01-12' });
    expect(await auditActions(u.id)).toEqual(['unit.registered', 'unit.changed', 'unit.changed']);
  });

  it('lets an agent register a unit but not a quality manager or a technician', async () => {
    const agent = await registerUnit(ids.li, { modelId, serialNumber: 'ROLE-SN-1' }, acme.as('agent'));
    expect(agent.statusCode).toBe(201);
    const qm = await registerUnit(ids.li, { modelId, serialNumber: 'ROLE-SN-2' }, acme.as('quality_manager'));
    expect(qm.statusCode).toBe(403);
    expect(qm.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'customers.write' } });
    expect(
      (await registerUnit(ids.li, { modelId, serialNumber: 'ROLE-SN-3' }, acme.as('technician'))).statusCode,
    ).toBe(403);
    const qmPatch = await api('PATCH', `/units/${agent.json().id}`, acme.as('quality_manager'), {
      version: 1,
      notes: '质检不能改',
    });
    expect(qmPatch.statusCode).toBe(403);
    expect((await api('GET', `/customers/${ids.li}/units`, acme.as('technician'))).statusCode).toBe(403);
    expect((await api('GET', '/units?serial=ROLE-SN-2', acme.as('admin'))).json().items).toEqual([]);
  });

  it('creates once for a retried Idempotency-Key, and refuses the key with another body', async () => {
    const headers = { ...acme.as('agent'), 'idempotency-key': 'unit-create-retry-0001' };
    const body = { modelId, serialNumber: 'IDEMP-SN-1', purchaseDate: '2025-03-01' };
    const first = await registerUnit(ids.wang, body, headers);
    const second = await registerUnit(ids.wang, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const found = await api('GET', '/units?serial=IDEMP-SN-1', acme.as('agent'));
    expect(found.json().items).toHaveLength(1);
    expect(await auditActions(first.json().id)).toEqual(['unit.registered']);
    const reused = await registerUnit(ids.wang, { ...body, serialNumber: 'IDEMP-SN-2' }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('rejects bad input with a 4xx and stores nothing', async () => {
    const cases: Record<string, unknown>[] = [
      { modelId, serialNumber: '   ' },
      { modelId: 'not-a-uuid', serialNumber: 'BAD-1' },
      { modelId, serialNumber: 'BAD-2', purchaseDate: '2025-03-10', installDate: '2025-03-01' },
      { modelId, serialNumber: 'BAD-3', purchaseDate: '2025-13-01' },
      { modelId, serialNumber: 'BAD-4', purchaseDate: '0001-01-01' },
    ];
    for (const body of cases) {
      const res = await registerUnit(ids.wang, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknownModel = await registerUnit(ids.wang, {
      modelId: '00000000-0000-4000-8000-000000000000',
      serialNumber: 'BAD-5',
    });
    expect(unknownModel.statusCode).toBe(422);
    for (const serial of ['BAD-1', 'BAD-2', 'BAD-3', 'BAD-4', 'BAD-5'])
      expect((await api('GET', `/units?serial=${serial}`, acme.as('admin'))).json().items).toEqual([]);
  });
});

describe('factories and the API together', () => {
  it('bulk-loads 1,201 units in 500-row statements and pages through all of them', async () => {
    const customer = await addCustomer(acme.tenantId, '钱多多', ['华侨城 1 号']);
    const policy = makeWarrantyPolicy(rng);
    const model = makeProductModel(rng, { category: 'washing_machine', warrantyPolicyId: policy.id });
    await insertWarrantyPolicies(t.database.db, acme.tenantId, [policy]);
    await insertProductModels(t.database.db, acme.tenantId, [model]);
    const seeds = Array.from({ length: 1201 }, (_, i) =>
      makeUnit(rng, {
        customerId: customer.id,
        modelId: model.id,
        category: 'washing_machine',
        sequence: i,
        addressId: customer.addresses[0],
      }),
    );
    expect(await insertUnits(t.database.db, acme.tenantId, seeds)).toHaveLength(1201);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(
        'GET',
        `/customers/${customer.id}/units?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        acme.as('agent'),
      );
      expect(res.statusCode).toBe(200);
      const page = res.json() as {
        items: { id: string; warranty: { reason: string } }[];
        nextCursor: string | null;
      };
      for (const u of page.items) seen.add(u.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.size).toBe(1201);
    expect(pages).toBe(7);
  });

  it('describes every products route in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/warranty-policies',
      '/api/v1/warranty-policies/{id}',
      '/api/v1/product-models',
      '/api/v1/product-models/{id}',
      '/api/v1/customers/{customerId}/units',
      '/api/v1/units',
      '/api/v1/units/{id}',
      '/api/v1/units/{id}/warranty',
    ])
      expect(paths).toContain(p);
  });
});
