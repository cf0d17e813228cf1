import { type Executor, schema } from '@manyi/db';
import { containsText } from '@manyi/db/search';
import { and, asc, desc, eq, like, type SQL, sql } from 'drizzle-orm';

const { customers, customerPhones, customerAddresses } = schema;

const customerColumns = {
  id: customers.id,
  kind: customers.kind,
  name: customers.name,
  companyName: customers.companyName,
  email: customers.email,
  tier: customers.tier,
  valueFen: customers.valueFen,
  status: customers.status,
  churnReason: customers.churnReason,
  churnedAt: customers.churnedAt,
  consent: customers.consent,
  notes: customers.notes,
  version: customers.version,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
};
export type CustomerRow = NonNullable<Awaited<ReturnType<typeof getCustomerRow>>>;

const phoneColumns = {
  id: customerPhones.id,
  e164: customerPhones.e164,
  national: customerPhones.national,
  display: customerPhones.display,
  kind: customerPhones.kind,
  label: customerPhones.label,
  isPrimary: customerPhones.isPrimary,
};
export type PhoneRow = Awaited<ReturnType<typeof findPhones>>[number];

const addressColumns = {
  id: customerAddresses.id,
  label: customerAddresses.label,
  provinceCode: customerAddresses.provinceCode,
  cityCode: customerAddresses.cityCode,
  districtCode: customerAddresses.districtCode,
  province: customerAddresses.province,
  city: customerAddresses.city,
  district: customerAddresses.district,
  detail: customerAddresses.detail,
  postalCode: customerAddresses.postalCode,
  lat: customerAddresses.lat,
  lng: customerAddresses.lng,
  isDefault: customerAddresses.isDefault,
};
export type AddressRow = Awaited<ReturnType<typeof findAddresses>>[number];

/**
 * A summary's primary phone and city as correlated sub-selects: each is one probe of a customer_id index
 * (customer_phones_customer_uq, customer_addresses_customer_idx) per returned row, so pages stay cheap.
 * Written with explicit aliases: Drizzle leaves columns unqualified in single-table selects, which would
 * silently turn `customer_id = id` into a comparison inside the sub-select.
 */
const summaryColumns = {
  id: customers.id,
  kind: customers.kind,
  name: customers.name,
  tier: customers.tier,
  status: customers.status,
  primaryPhone: sql<string | null>`(select p.display from ${customerPhones} p
    where p.customer_id = ${sql.raw('"customers"."id"')} and p.tenant_id = ${sql.raw('"customers"."tenant_id"')}
    order by p.is_primary desc, p.created_at asc limit 1)`,
  city: sql<string | null>`(select a.city from ${customerAddresses} a
    where a.customer_id = ${sql.raw('"customers"."id"')} and a.tenant_id = ${sql.raw('"customers"."tenant_id"')}
    order by a.is_default desc, a.created_at asc limit 1)`,
};
export type SummaryRow = Awaited<ReturnType<typeof findCustomerPage>>[number];

export async function insertCustomer(db: Executor, row: typeof customers.$inferInsert) {
  const [c] = await db.insert(customers).values(row).returning({ id: customers.id });
  return c!;
}

export async function insertPhones(db: Executor, rows: (typeof customerPhones.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(customerPhones).values(rows);
}

export async function insertAddresses(db: Executor, rows: (typeof customerAddresses.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(customerAddresses).values(rows);
}

export async function getCustomerRow(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return c ?? null;
}

/** The customer's phones, primary first, then in the order they were added. */
export async function findPhones(db: Executor, tenantId: string, customerId: string) {
  return db
    .select(phoneColumns)
    .from(customerPhones)
    .where(and(eq(customerPhones.tenantId, tenantId), eq(customerPhones.customerId, customerId)))
    .orderBy(desc(customerPhones.isPrimary), asc(customerPhones.createdAt), asc(customerPhones.id));
}

/** The customer's addresses, default first, then in the order they were added. */
export async function findAddresses(db: Executor, tenantId: string, customerId: string) {
  return db
    .select(addressColumns)
    .from(customerAddresses)
    .where(and(eq(customerAddresses.tenantId, tenantId), eq(customerAddresses.customerId, customerId)))
    .orderBy(desc(customerAddresses.isDefault), asc(customerAddresses.createdAt), asc(customerAddresses.id));
}

/** Updates when the version matches (and bumps it); returns null on a stale version or a missing row. */
export async function updateCustomer(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<
    Pick<
      typeof customers.$inferInsert,
      | 'name'
      | 'companyName'
      | 'email'
      | 'tier'
      | 'valueFen'
      | 'consent'
      | 'notes'
      | 'status'
      | 'churnReason'
      | 'churnedAt'
      | 'searchText'
    >
  >,
  now: Date,
) {
  const [c] = await db
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: now })
    .where(
      and(eq(customers.tenantId, tenantId), eq(customers.id, id), eq(customers.version, expectedVersion)),
    )
    .returning(customerColumns);
  return c ?? null;
}

export async function deletePhone(db: Executor, tenantId: string, customerId: string, phoneId: string) {
  const deleted = await db
    .delete(customerPhones)
    .where(
      and(
        eq(customerPhones.tenantId, tenantId),
        eq(customerPhones.customerId, customerId),
        eq(customerPhones.id, phoneId),
      ),
    )
    .returning({ id: customerPhones.id });
  return deleted.length > 0;
}

export async function markPrimaryPhone(db: Executor, tenantId: string, customerId: string, phoneId: string) {
  await db
    .update(customerPhones)
    .set({ isPrimary: true })
    .where(
      and(
        eq(customerPhones.tenantId, tenantId),
        eq(customerPhones.customerId, customerId),
        eq(customerPhones.id, phoneId),
      ),
    );
}

export async function clearDefaultAddress(db: Executor, tenantId: string, customerId: string) {
  await db
    .update(customerAddresses)
    .set({ isDefault: false })
    .where(
      and(
        eq(customerAddresses.tenantId, tenantId),
        eq(customerAddresses.customerId, customerId),
        eq(customerAddresses.isDefault, true),
      ),
    );
}

export async function deleteAddress(db: Executor, tenantId: string, customerId: string, addressId: string) {
  const deleted = await db
    .delete(customerAddresses)
    .where(
      and(
        eq(customerAddresses.tenantId, tenantId),
        eq(customerAddresses.customerId, customerId),
        eq(customerAddresses.id, addressId),
      ),
    )
    .returning({ id: customerAddresses.id });
  return deleted.length > 0;
}

/**
 * Customers that have a phone matching `where`, with the matched phone: one query, driven by a
 * customer_phones index, each match joined to its customer by primary key.
 */
function phoneMatches(db: Executor, tenantId: string, where: SQL, orderBy: SQL, limit: number) {
  return db
    .select({ ...summaryColumns, matchedPhone: customerPhones.display })
    .from(customerPhones)
    .innerJoin(
      customers,
      and(eq(customers.id, customerPhones.customerId), eq(customers.tenantId, customerPhones.tenantId)),
    )
    .where(and(eq(customerPhones.tenantId, tenantId), where))
    .orderBy(orderBy)
    .limit(limit);
}

/** Exact match on the normalised number (index customer_phones_lookup_idx). A query builder: await it. */
export function findByPhoneExact(db: Executor, tenantId: string, e164: string, limit: number) {
  return phoneMatches(db, tenantId, eq(customerPhones.e164, e164), asc(customerPhones.createdAt), limit);
}

/**
 * National numbers starting with `digits` (index customer_phones_prefix_idx, text_pattern_ops): ordered by
 * that index's own operator so that the scan stops after `limit` rows instead of sorting every match.
 * A query builder: await it.
 */
export function findByPhonePrefix(db: Executor, tenantId: string, digits: string, limit: number) {
  if (!/^\d+$/.test(digits)) throw new Error('phone prefix must be digits');
  return phoneMatches(
    db,
    tenantId,
    like(customerPhones.national, `${digits}%`),
    sql`${customerPhones.national} using ~<~`,
    limit,
  );
}

export interface PageFilter {
  /** A term search_text must contain (trigram index; CJK bigram index for two Chinese characters). */
  search?: string;
  tier?: (typeof customers.$inferSelect)['tier'];
  status?: (typeof customers.$inferSelect)['status'];
  /** Keyset: rows strictly after this (created_at, id) in (created_at desc, id desc) order. */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** A page of summaries, newest first; `cursorAt` is created_at to the microsecond, for the next cursor. */
export function findCustomerPage(db: Executor, tenantId: string, filter: PageFilter) {
  const where: SQL[] = [eq(customers.tenantId, tenantId)];
  if (filter.search) where.push(containsText(customers.searchText, customers.searchPairs, filter.search));
  if (filter.tier) where.push(eq(customers.tier, filter.tier));
  if (filter.status) where.push(eq(customers.status, filter.status));
  if (filter.after)
    where.push(
      sql`(${customers.createdAt}, ${customers.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)`,
    );
  return (
    db
      .select({
        ...summaryColumns,
        cursorAt: sql<string>`to_char(${customers.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(customers)
      .where(and(...where))
      // NULLS LAST as in customers_tenant_created_idx (Drizzle's .desc() index): with Postgres' default DESC
      // NULLS FIRST the index could not supply the order and every page would sort the whole tenant.
      .orderBy(sql`${customers.createdAt} desc nulls last`, sql`${customers.id} desc nulls last`)
      .limit(filter.limit)
  );
}
