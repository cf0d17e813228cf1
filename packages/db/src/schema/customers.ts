import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const customerKindEnum = pgEnum('customer_kind', ['person', 'company']);
export const customerTierEnum = pgEnum('customer_tier', ['standard', 'silver', 'gold', 'vip']);
export const customerStatusEnum = pgEnum('customer_status', ['active', 'churned']);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: customerKindEnum('kind').notNull().default('person'),
    name: text('name').notNull(),
    companyName: text('company_name'),
    email: text('email'),
    tier: customerTierEnum('tier').notNull().default('standard'),
    /** Customer value (lifetime purchases) in fen. */
    valueFen: bigint('value_fen', { mode: 'number' }).notNull().default(0),
    status: customerStatusEnum('status').notNull().default('active'),
    churnReason: text('churn_reason'),
    churnedAt: ts('churned_at'),
    consent: jsonb('consent').notNull().default({ serviceCalls: true, surveys: true, marketing: false }),
    notes: text('notes'),
    /** Kept by the application: name, company, email, phones — searched with a trigram index. */
    searchText: text('search_text').notNull().default(''),
    /** The Chinese character pairs of search_text (cjk_bigrams(), migration 0011): 2-character searches. */
    searchPairs: text('search_pairs')
      .array()
      .generatedAlwaysAs((): SQL => sql`cjk_bigrams(${customers.searchText})`),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('customers_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('customers_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // 2-character names and words (陈明, 海尔), which trigrams cannot serve.
    index('customers_search_pairs_gin').using('gin', t.searchPairs),
    // Customers lost in a month (insights monthly report): partial, only churned rows.
    index('customers_churned_idx').on(t.tenantId, t.churnedAt.desc()).where(sql`${t.status} = 'churned'`),
  ],
);

export const customerPhones = pgTable(
  'customer_phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** E.164 (+8613800138000): the one form looked up by. */
    e164: text('e164').notNull(),
    /** National significant number without country code, for prefix search while typing. */
    national: text('national').notNull(),
    kind: text('kind').notNull(),
    display: text('display').notNull(),
    label: text('label'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('customer_phones_lookup_idx').on(t.tenantId, t.e164),
    index('customer_phones_prefix_idx').on(t.tenantId, t.national.op('text_pattern_ops')),
    uniqueIndex('customer_phones_customer_uq').on(t.customerId, t.e164),
  ],
);

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label'),
    provinceCode: text('province_code').notNull(),
    cityCode: text('city_code').notNull(),
    districtCode: text('district_code'),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district'),
    detail: text('detail').notNull(),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('customer_addresses_customer_idx').on(t.customerId),
    index('customer_addresses_region_idx').on(t.tenantId, t.cityCode),
  ],
);
