import { productModelBody, unitBody, warrantyPolicyBody } from '@manyi/contracts';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../data/random';
import {
  makeCatalog,
  makeProductModel,
  makeUnit,
  makeWarrantyPolicy,
  type ProductDataSource,
} from './products';

const ref = {
  customerId: '00000000-0000-4000-8000-000000000001',
  modelId: '00000000-0000-4000-8000-000000000002',
};
const withoutIds = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

describe('product factories', () => {
  it('build records the API contracts accept', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = createRandom(seed);
      const policy = makeWarrantyPolicy(rng);
      expect(
        warrantyPolicyBody.safeParse({ ...withoutIds(policy), notes: policy.notes ?? undefined }).success,
      ).toBe(true);
      const model = makeProductModel(rng, { warrantyPolicyId: policy.id });
      expect(
        productModelBody.safeParse({ ...withoutIds(model), brand: model.brand ?? undefined }).success,
      ).toBe(true);
      const unit = makeUnit(rng, { ...ref, category: model.category, needsInstallation: seed % 2 === 0 });
      const body = Object.fromEntries(
        Object.entries({ ...unit, modelId: model.id }).filter(([, v]) => v !== null && !(v instanceof Date)),
      );
      const parsed = unitBody.safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      for (const d of [unit.deliveryDate, unit.installDate])
        if (d && unit.purchaseDate) expect(d >= unit.purchaseDate).toBe(true);
      if (unit.installDate && unit.deliveryDate) expect(unit.installDate >= unit.deliveryDate).toBe(true);
      expect(unit.createdAt!.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('give the same content for the same seed, and honour overrides', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const a = makeUnit(createRandom(7), { ...ref, category: 'refrigerator', now });
    const b = makeUnit(createRandom(7), { ...ref, category: 'refrigerator', now });
    expect(withoutIds(a)).toEqual(withoutIds(b));
    expect(a.serialNumber).toMatch(/^BX[A-Z]{2}\d{6}[A-H]\d{7}$/);
    const fixed = makeUnit(createRandom(7), {
      ...ref,
      serialNumber: 'SN-1',
      purchaseDate: null,
      installDate: '2025-01-01',
      dealer: null,
      now,
    });
    expect(fixed).toMatchObject({
      serialNumber: 'SN-1',
      purchaseDate: null,
      installDate: '2025-01-01',
      dealer: null,
    });
    expect(fixed.invoiceNo).toBeNull();
    expect(makeProductModel(createRandom(1), { category: 'television', code: 'X-1' })).toMatchObject({
      code: 'X-1',
      category: 'television',
      warrantyPolicyId: null,
    });
  });

  it('make serials unique by construction with a sequence', () => {
    const rng = createRandom(99);
    const serials = new Set(
      Array.from(
        { length: 5000 },
        (_, i) => makeUnit(rng, { ...ref, category: 'air_conditioner', sequence: i }).serialNumber,
      ),
    );
    expect(serials.size).toBe(5000);
    expect(makeUnit(rng, { ...ref, category: 'meter', sequence: 3 }).serialNumber).toMatch(
      /^QT\d{6}0000000003$/,
    );
  });

  it('build the whole catalogue with every model pointing at one of its policies', () => {
    const { policies, models } = makeCatalog();
    const policyIds = new Set(policies.map((p) => p.id));
    expect(models.length).toBeGreaterThan(20);
    for (const { model } of models) expect(policyIds.has(model.warrantyPolicyId!)).toBe(true);
    expect(new Set(models.map((m) => m.model.code)).size).toBe(models.length);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    expect(policies.find((p) => p.wholeUnitMonths === 72)?.parts).toEqual([
      { partClass: 'compressor', months: 120 },
    ]);
  });

  it('take their content from the data source passed in', () => {
    const fixed: ProductDataSource = {
      policy: () => ({ name: '测试政策', startsFrom: 'install', wholeUnitMonths: 24, parts: [] }),
      model: (_rng, category) => ({
        code: 'T-1',
        name: '测试型号',
        category: category ?? 'other',
        brand: null,
        needsInstallation: false,
      }),
      dealer: () => '测试经销商',
      serialNumber: (_rng, _category, _madeOn, sequence) => `T${sequence ?? 0}`,
      invoiceNumber: () => 'INV-1',
    };
    const rng = createRandom(3);
    expect(makeWarrantyPolicy(rng, {}, fixed)).toMatchObject({ startsFrom: 'install', wholeUnitMonths: 24 });
    expect(makeWarrantyPolicy(rng, {}, fixed).name).toMatch(/^测试政策（[A-Z2-9]{4}）$/);
    expect(makeProductModel(rng, { category: 'meter' }, fixed)).toMatchObject({
      category: 'meter',
      brand: null,
    });
    expect(makeUnit(rng, { ...ref, sequence: 5, dealer: undefined }, fixed).serialNumber).toBe('T5');
  });
});
