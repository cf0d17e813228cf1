import { type Executor, schema } from '@manyi/db';
import { and, asc, desc, eq, gt, ilike, ne, or, type SQL, sql } from 'drizzle-orm';

const { warrantyPolicies, productModels, units, customers, customerAddresses } = schema;

// ── Warranty policies ───────────────────────────────────────────────────────────────────────────────

const policyColumns = {
  id: warrantyPolicies.id,
  name: warrantyPolicies.name,
  startsFrom: warrantyPolicies.startsFrom,
  wholeUnitMonths: warrantyPolicies.wholeUnitMonths,
  parts: warrantyPolicies.parts,
  notes: warrantyPolicies.notes,
  version: warrantyPolicies.version,
  createdAt: warrantyPolicies.createdAt,
};
export type PolicyRow = Awaited<ReturnType<typeof findPolicies>>[number];
type PolicyPatch = Partial<
  Pick<typeof warrantyPolicies.$inferInsert, 'name' | 'startsFrom' | 'wholeUnitMonths' | 'parts' | 'notes'>
>;

export async function insertPolicy(db: Executor, row: typeof warrantyPolicies.$inferInsert) {
  const [p] = await db.insert(warrantyPolicies).values(row).returning(policyColumns);
  return p!;
}

export async function findPolicies(db: Executor, tenantId: string) {
  return db
    .select(policyColumns)
    .from(warrantyPolicies)
    .where(eq(warrantyPolicies.tenantId, tenantId))
    .orderBy(asc(warrantyPolicies.name), asc(warrantyPolicies.id));
}

export async function getPolicyRow(db: Executor, tenantId: string, id: string) {
  const [p] = await db
    .select(policyColumns)
    .from(warrantyPolicies)
    .where(and(eq(warrantyPolicies.tenantId, tenantId), eq(warrantyPolicies.id, id)));
  return p ?? null;
}

/** Another policy of the tenant with this name (the name is unique per tenant). */
export async function findPolicyIdByName(db: Executor, tenantId: string, name: string, exceptId?: string) {
  const where = [eq(warrantyPolicies.tenantId, tenantId), eq(warrantyPolicies.name, name)];
  if (exceptId) where.push(ne(warrantyPolicies.id, exceptId));
  const [p] = await db
    .select({ id: warrantyPolicies.id })
    .from(warrantyPolicies)
    .where(and(...where));
  return p?.id ?? null;
}

export async function updatePolicy(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: PolicyPatch,
) {
  const [p] = await db
    .update(warrantyPolicies)
    .set({ ...patch, version: sql`${warrantyPolicies.version} + 1` })
    .where(
      and(
        eq(warrantyPolicies.tenantId, tenantId),
        eq(warrantyPolicies.id, id),
        eq(warrantyPolicies.version, expectedVersion),
      ),
    )
    .returning(policyColumns);
  return p ?? null;
}

// ── Product models ──────────────────────────────────────────────────────────────────────────────────

const modelColumns = {
  id: productModels.id,
  code: productModels.code,
  name: productModels.name,
  category: productModels.category,
  brand: productModels.brand,
  warrantyPolicyId: productModels.warrantyPolicyId,
  version: productModels.version,
  createdAt: productModels.createdAt,
};
export type ModelRow = Awaited<ReturnType<typeof getModelRow>> & {};
type ModelPatch = Partial<
  Pick<typeof productModels.$inferInsert, 'code' | 'name' | 'category' | 'brand' | 'warrantyPolicyId'>
>;

export async function insertModel(db: Executor, row: typeof productModels.$inferInsert) {
  const [m] = await db.insert(productModels).values(row).returning(modelColumns);
  return m!;
}

export async function getModelRow(db: Executor, tenantId: string, id: string) {
  const [m] = await db
    .select(modelColumns)
    .from(productModels)
    .where(and(eq(productModels.tenantId, tenantId), eq(productModels.id, id)));
  return m ?? null;
}

export async function findModelIdByCode(db: Executor, tenantId: string, code: string, exceptId?: string) {
  const where = [eq(productModels.tenantId, tenantId), eq(productModels.code, code)];
  if (exceptId) where.push(ne(productModels.id, exceptId));
  const [m] = await db
    .select({ id: productModels.id })
    .from(productModels)
    .where(and(...where));
  return m?.id ?? null;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Models ordered by code (unique per tenant), after the code `afterCode` when paging. */
export async function findModels(
  db: Executor,
  tenantId: string,
  filter: { q?: string; category?: string; afterCode?: string; limit: number },
) {
  const where: SQL[] = [eq(productModels.tenantId, tenantId)];
  if (filter.category) where.push(eq(productModels.category, filter.category));
  if (filter.q) {
    const pattern = likePattern(filter.q);
    where.push(
      or(
        ilike(productModels.code, pattern),
        ilike(productModels.name, pattern),
        ilike(productModels.brand, pattern),
      )!,
    );
  }
  if (filter.afterCode !== undefined) where.push(gt(productModels.code, filter.afterCode));
  return db
    .select(modelColumns)
    .from(productModels)
    .where(and(...where))
    .orderBy(asc(productModels.code))
    .limit(filter.limit);
}

export async function updateModel(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: ModelPatch,
) {
  const [m] = await db
    .update(productModels)
    .set({ ...patch, version: sql`${productModels.version} + 1` })
    .where(
      and(
        eq(productModels.tenantId, tenantId),
        eq(productModels.id, id),
        eq(productModels.version, expectedVersion),
      ),
    )
    .returning(modelColumns);
  return m ?? null;
}

// ── Units ───────────────────────────────────────────────────────────────────────────────────────────

/** A unit with what its responses show: the model's code, name and category, and its policy's terms. */
const unitColumns = {
  id: units.id,
  customerId: units.customerId,
  modelId: units.modelId,
  modelCode: productModels.code,
  modelName: productModels.name,
  category: productModels.category,
  serialNumber: units.serialNumber,
  purchaseDate: units.purchaseDate,
  deliveryDate: units.deliveryDate,
  installDate: units.installDate,
  dealer: units.dealer,
  invoiceNo: units.invoiceNo,
  addressId: units.addressId,
  notes: units.notes,
  version: units.version,
  createdAt: units.createdAt,
  policyStartsFrom: warrantyPolicies.startsFrom,
  policyWholeUnitMonths: warrantyPolicies.wholeUnitMonths,
  policyParts: warrantyPolicies.parts,
};
export type UnitRow = Awaited<ReturnType<typeof selectUnits>>[number];
type UnitPatch = Partial<
  Pick<
    typeof units.$inferInsert,
    'purchaseDate' | 'deliveryDate' | 'installDate' | 'dealer' | 'invoiceNo' | 'addressId' | 'notes'
  >
>;

function selectUnits(db: Executor, tenantId: string, where: SQL[]) {
  return db
    .select(unitColumns)
    .from(units)
    .innerJoin(
      productModels,
      and(eq(productModels.id, units.modelId), eq(productModels.tenantId, units.tenantId)),
    )
    .leftJoin(
      warrantyPolicies,
      and(
        eq(warrantyPolicies.id, productModels.warrantyPolicyId),
        eq(warrantyPolicies.tenantId, units.tenantId),
      ),
    )
    .where(and(eq(units.tenantId, tenantId), ...where));
}

export async function insertUnit(db: Executor, row: typeof units.$inferInsert) {
  const [u] = await db.insert(units).values(row).returning({ id: units.id });
  return u!;
}

export async function getUnitRow(db: Executor, tenantId: string, id: string) {
  const [u] = await selectUnits(db, tenantId, [eq(units.id, id)]);
  return u ?? null;
}

export async function findUnitsBySerial(db: Executor, tenantId: string, serialNumber: string) {
  return selectUnits(db, tenantId, [eq(units.serialNumber, serialNumber)]);
}

export async function findUnitIdBySerial(db: Executor, tenantId: string, serialNumber: string) {
  const [u] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.serialNumber, serialNumber)));
  return u?.id ?? null;
}

/**
 * A customer's units, newest first. Paging continues after the unit `afterId` (compared on the stored
 * created_at and id, so the microseconds JavaScript dates would drop do not matter).
 */
export async function findCustomerUnits(
  db: Executor,
  tenantId: string,
  customerId: string,
  page: { afterId?: string; limit: number },
) {
  const where: SQL[] = [eq(units.customerId, customerId)];
  if (page.afterId)
    where.push(
      sql`(${units.createdAt}, ${units.id}) < (select u2.created_at, u2.id from ${units} u2 where u2.tenant_id = ${tenantId} and u2.id = ${page.afterId})`,
    );
  return selectUnits(db, tenantId, where).orderBy(desc(units.createdAt), desc(units.id)).limit(page.limit);
}

export async function updateUnit(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: UnitPatch,
) {
  const [u] = await db
    .update(units)
    .set({ ...patch, version: sql`${units.version} + 1` })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, expectedVersion)))
    .returning({ id: units.id });
  return u ?? null;
}

export async function getUnitVersion(db: Executor, tenantId: string, id: string) {
  const [u] = await db
    .select({ version: units.version })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  return u ?? null;
}

// ── References into the customers domain (existence checks only) ───────────────────────────────────

export async function customerExists(db: Executor, tenantId: string, customerId: string) {
  const [c] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return c !== undefined;
}

/** Whether the address is one of this customer's, in this tenant. */
export async function addressOfCustomer(
  db: Executor,
  tenantId: string,
  customerId: string,
  addressId: string,
) {
  const [a] = await db
    .select({ id: customerAddresses.id })
    .from(customerAddresses)
    .where(
      and(
        eq(customerAddresses.tenantId, tenantId),
        eq(customerAddresses.customerId, customerId),
        eq(customerAddresses.id, addressId),
      ),
    );
  return a !== undefined;
}
