/**
 * Catalogue and installed-base factories shared by demo data, API tests and the scale seed:
 * `makeWarrantyPolicy`, `makeProductModel` and `makeUnit` build plain insert objects (no database);
 * `insertWarrantyPolicies`, `insertProductModels` and `insertUnits` write many with multi-row INSERTs.
 */
import { randomUUID } from 'node:crypto';
import type { ProductCategory } from '@manyi/contracts';
import type { Executor } from '../../client';
import { productModels, units, warrantyPolicies } from '../../schema/products';
import {
  type ApplianceCategory,
  applianceCategories,
  dealerName,
  invoiceNumber,
  productModels as modelTemplates,
  warrantyPolicies as policyTemplates,
  randomModel,
  serialNumber,
} from '../data/products';
import { createRandom, type Random } from '../data/random';

type PolicyInsert = typeof warrantyPolicies.$inferInsert;
type ModelInsert = typeof productModels.$inferInsert;
type UnitInsert = typeof units.$inferInsert;

export type WarrantyStart = 'purchase' | 'delivery' | 'install';

/** Insert objects without the tenant: the insert functions add it, so one seed fits any tenant. */
export type WarrantyPolicySeed = Omit<PolicyInsert, 'tenantId'> & {
  id: string;
  name: string;
  startsFrom: WarrantyStart;
  wholeUnitMonths: number;
  parts: { partClass: string; months: number }[];
};
export type ProductModelSeed = Omit<ModelInsert, 'tenantId'> & {
  id: string;
  code: string;
  name: string;
  category: ProductCategory;
};
export type UnitSeed = Omit<UnitInsert, 'tenantId'> & { id: string; serialNumber: string };

/** What a policy or model template says, as the data source produces it. */
export interface PolicyContent {
  name: string;
  startsFrom: WarrantyStart;
  wholeUnitMonths: number;
  parts: readonly { partClass: string; months: number }[];
  notes?: string | null;
}
export interface ModelContent {
  code: string;
  name: string;
  category: ProductCategory;
  brand: string | null;
  /** Whether a technician installs it (then the unit gets an install date). */
  needsInstallation: boolean;
}

/**
 * Where the factories get their content. The default is the realistic catalogue in ../data (model codes
 * after the national naming rules, 三包 policy templates, dealers, serial and invoice numbers); tests can
 * pass their own without touching the factories.
 */
export interface ProductDataSource {
  policy(rng: Random): PolicyContent;
  /** A model, of the category when given. */
  model(rng: Random, category?: ProductCategory): ModelContent;
  dealer(rng: Random): string;
  /** A serial number as printed on the rating plate; `sequence` makes it unique by construction. */
  serialNumber(rng: Random, category: ProductCategory, madeOn: Date, sequence?: number): string;
  invoiceNumber(rng: Random, issuedOn: Date): string;
}

const isAppliance = (c: ProductCategory): c is ApplianceCategory =>
  (applianceCategories as readonly string[]).includes(c);

const genericNames: Partial<Record<ProductCategory, string>> = {
  broadband: '家庭宽带光猫',
  meter: '智能电表',
  other: '通用设备',
};

export const chineseProductData: ProductDataSource = {
  policy: (rng) => rng.pick(policyTemplates),
  model: (rng, category) => {
    if (category === undefined || isAppliance(category)) {
      const t = randomModel(rng, category);
      return {
        code: t.code,
        name: t.name,
        category: t.category,
        brand: t.brand,
        needsInstallation: t.needsInstallation,
      };
    }
    return {
      code: `GEN-${rng.digits(5)}`,
      name: genericNames[category] ?? '通用设备',
      category,
      brand: null,
      needsInstallation: true,
    };
  },
  dealer: (rng) => dealerName(rng),
  serialNumber: (rng, category, madeOn, sequence) => {
    if (isAppliance(category)) return serialNumber(rng, category, madeOn, sequence);
    const seq = sequence === undefined ? rng.digits(10) : String(sequence % 10 ** 10).padStart(10, '0');
    return `QT${madeOn.toISOString().slice(2, 10).replaceAll('-', '')}${seq}`;
  },
  invoiceNumber: (rng, issuedOn) => invoiceNumber(rng, issuedOn),
};

const DAY = 86_400_000;
const randomSeed = () => createRandom(Math.floor(Math.random() * 2 ** 32));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDay(new Date(Date.parse(iso) + days * DAY));

/** Four letters and digits that keep generated names and codes unique in a tenant across many calls. */
function variant(rng: Random): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 4; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

export type WarrantyPolicyOverrides = Partial<Omit<PolicyInsert, 'tenantId'>>;

/**
 * A warranty policy from the templates (national 三包, a maker's 6-year AC with a 10-year compressor, …).
 * The name gets a variant suffix so that repeated calls stay unique per tenant; pass `name` to choose it.
 */
export function makeWarrantyPolicy(
  rng: Random = randomSeed(),
  overrides: WarrantyPolicyOverrides = {},
  data: ProductDataSource = chineseProductData,
): WarrantyPolicySeed {
  const t = data.policy(rng);
  const suffix = variant(rng);
  return {
    id: overrides.id ?? randomUUID(),
    name: overrides.name ?? `${t.name}（${suffix}）`,
    startsFrom: overrides.startsFrom ?? t.startsFrom,
    wholeUnitMonths: overrides.wholeUnitMonths ?? t.wholeUnitMonths,
    parts: overrides.parts ?? t.parts.map((p) => ({ partClass: p.partClass, months: p.months })),
    notes: overrides.notes !== undefined ? overrides.notes : (t.notes ?? null),
    version: overrides.version ?? 1,
    ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
  };
}

export type ProductModelOverrides = Partial<Omit<ModelInsert, 'tenantId' | 'category'>> & {
  category?: ProductCategory;
};

/**
 * A product model from the catalogue (of `overrides.category` when given), without a policy unless
 * `warrantyPolicyId` is passed. The code gets a variant suffix (KFR-35GW/BpR3DN1(1)-7KQ2) so repeated
 * calls stay unique per tenant; pass `code`, or use `makeCatalog` for the catalogue's own codes.
 */
export function makeProductModel(
  rng: Random = randomSeed(),
  overrides: ProductModelOverrides = {},
  data: ProductDataSource = chineseProductData,
): ProductModelSeed {
  const t = data.model(rng, overrides.category);
  const suffix = variant(rng);
  return {
    id: overrides.id ?? randomUUID(),
    code: overrides.code ?? `${t.code}-${suffix}`,
    name: overrides.name ?? t.name,
    category: overrides.category ?? t.category,
    brand: overrides.brand !== undefined ? overrides.brand : t.brand,
    warrantyPolicyId: overrides.warrantyPolicyId ?? null,
    version: overrides.version ?? 1,
    ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
  };
}

export interface CatalogSeed {
  policies: WarrantyPolicySeed[];
  /** Every catalogue model with its template's policy, whether it is installed, and its sales weight. */
  models: { model: ProductModelSeed; needsInstallation: boolean; weight: number }[];
}

/**
 * The whole demo catalogue: every policy template and every model, with the models pointing at their
 * policies. Codes and names are the catalogue's own (unique by construction), so call it once per tenant.
 */
export function makeCatalog(): CatalogSeed {
  const policyIdByKey = new Map<string, string>();
  const policies = policyTemplates.map((t) => {
    const id = randomUUID();
    policyIdByKey.set(t.key, id);
    return {
      id,
      name: t.name,
      startsFrom: t.startsFrom,
      wholeUnitMonths: t.wholeUnitMonths,
      parts: t.parts.map((p) => ({ partClass: p.partClass, months: p.months })),
      notes: t.notes ?? null,
      version: 1,
    };
  });
  const models = modelTemplates.map((t) => ({
    model: {
      id: randomUUID(),
      code: t.code,
      name: t.name,
      category: t.category,
      brand: t.brand,
      warrantyPolicyId: policyIdByKey.get(t.warrantyPolicyKey) ?? null,
      version: 1,
    },
    needsInstallation: t.needsInstallation,
    weight: t.weight,
  }));
  return { policies, models };
}

export type UnitOverrides = Partial<Omit<UnitInsert, 'tenantId' | 'customerId' | 'modelId'>> & {
  customerId: string;
  modelId: string;
  /** The model's category, for the serial-number prefix (default: a weighted random category). */
  category?: ProductCategory;
  /** Whether the model is installed by a technician: then the unit usually has an install date. */
  needsInstallation?: boolean;
  /** Makes the serial number unique by construction (scale seeding). */
  sequence?: number;
  /** "Today" for the generated dates (default: now); purchases fall in the six years before it. */
  now?: Date;
};

/**
 * A customer's unit: bought in the last six years (sometimes without a recorded purchase date, as when the
 * invoice is lost), delivered a few days later, installed soon after when the model needs it; dealer,
 * invoice number and a plate serial number made on a day before the purchase.
 */
export function makeUnit(
  rng: Random = randomSeed(),
  overrides: UnitOverrides,
  data: ProductDataSource = chineseProductData,
): UnitSeed {
  const {
    category: categoryHint,
    needsInstallation: installHint,
    sequence,
    now: nowHint,
    ...columns
  } = overrides;
  const now = nowHint ?? new Date();
  const category = categoryHint ?? rng.pick(applianceCategories);
  const needsInstallation = installHint ?? rng.chance(0.5);
  const bought = isoDay(new Date(now.getTime() - rng.int(0, 6 * 365) * DAY));
  const delivered = addDays(
    bought,
    rng.weighted([
      [0, 30],
      [1, 25],
      [2, 20],
      [3, 15],
      [5, 10],
    ] as const),
  );
  const installed = addDays(
    delivered,
    rng.weighted([
      [0, 50],
      [1, 30],
      [3, 15],
      [10, 5],
    ] as const),
  );
  const today = isoDay(now);
  const notAfterToday = (d: string) => (d > today ? today : d);

  const purchaseDate = rng.chance(0.92) ? bought : null;
  const deliveryDate = rng.chance(0.7) ? notAfterToday(delivered) : null;
  const installDate = needsInstallation && rng.chance(0.9) ? notAfterToday(installed) : null;
  const madeOn = new Date(Date.parse(bought) - rng.int(20, 240) * DAY);
  const registeredFrom = Date.parse(installDate ?? deliveryDate ?? bought);
  const createdAt = new Date(
    Math.min(now.getTime(), registeredFrom + rng.int(0, 30) * DAY + rng.int(0, DAY - 1)),
  );

  const purchase = columns.purchaseDate !== undefined ? columns.purchaseDate : purchaseDate;
  return {
    id: columns.id ?? randomUUID(),
    customerId: columns.customerId,
    modelId: columns.modelId,
    serialNumber: columns.serialNumber ?? data.serialNumber(rng, category, madeOn, sequence),
    purchaseDate: purchase,
    deliveryDate: columns.deliveryDate !== undefined ? columns.deliveryDate : deliveryDate,
    installDate: columns.installDate !== undefined ? columns.installDate : installDate,
    dealer: columns.dealer !== undefined ? columns.dealer : rng.chance(0.85) ? data.dealer(rng) : null,
    invoiceNo:
      columns.invoiceNo !== undefined
        ? columns.invoiceNo
        : purchase && rng.chance(0.6)
          ? data.invoiceNumber(rng, new Date(Date.parse(purchase)))
          : null,
    addressId: columns.addressId ?? null,
    notes: columns.notes ?? null,
    version: columns.version ?? 1,
    createdAt: columns.createdAt ?? createdAt,
  };
}

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters (units have 15 columns). */
export const PRODUCT_INSERT_BATCH = 500;

async function insertBatched<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += PRODUCT_INSERT_BATCH)
    await insert(rows.slice(i, i + PRODUCT_INSERT_BATCH));
}

/**
 * Inserts warranty policies into a tenant, 500 rows per statement. Not wrapped in a transaction: pass one
 * as `db` when the load must be all-or-nothing. Returns the ids.
 */
export async function insertWarrantyPolicies(
  db: Executor,
  tenantId: string,
  seeds: readonly WarrantyPolicySeed[],
): Promise<string[]> {
  await insertBatched(
    seeds.map((s) => ({ ...s, tenantId })),
    (batch) => db.insert(warrantyPolicies).values(batch),
  );
  return seeds.map((s) => s.id);
}

/** Inserts product models into a tenant (their policies first), 500 rows per statement. Returns the ids. */
export async function insertProductModels(
  db: Executor,
  tenantId: string,
  seeds: readonly ProductModelSeed[],
): Promise<string[]> {
  await insertBatched(
    seeds.map((s) => ({ ...s, tenantId })),
    (batch) => db.insert(productModels).values(batch),
  );
  return seeds.map((s) => s.id);
}

/** Inserts units into a tenant (customers and models first), 500 rows per statement. Returns the ids. */
export async function insertUnits(
  db: Executor,
  tenantId: string,
  seeds: readonly UnitSeed[],
): Promise<string[]> {
  await insertBatched(
    seeds.map((s) => ({ ...s, tenantId })),
    (batch) => db.insert(units).values(batch),
  );
  return seeds.map((s) => s.id);
}
