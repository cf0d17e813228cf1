import {
  date,
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
import { customerAddresses, customers } from './customers';
import { tenants } from './tenants';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const warrantyStartEnum = pgEnum('warranty_start', ['purchase', 'delivery', 'install']);

export const warrantyPolicies = pgTable(
  'warranty_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    startsFrom: warrantyStartEnum('starts_from').notNull().default('purchase'),
    wholeUnitMonths: integer('whole_unit_months').notNull(),
    /** [{ partClass: 'compressor', months: 72 }] — longer periods for named part classes. */
    parts: jsonb('parts').$type<{ partClass: string; months: number }[]>().notNull().default([]),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warranty_policies_name_uq').on(t.tenantId, t.name)],
);

export const productModels = pgTable(
  'product_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    brand: text('brand'),
    warrantyPolicyId: uuid('warranty_policy_id').references(() => warrantyPolicies.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('product_models_code_uq').on(t.tenantId, t.code),
    index('product_models_category_idx').on(t.tenantId, t.category),
  ],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    modelId: uuid('model_id')
      .notNull()
      .references(() => productModels.id),
    serialNumber: text('serial_number').notNull(),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    deliveryDate: date('delivery_date', { mode: 'string' }),
    installDate: date('install_date', { mode: 'string' }),
    dealer: text('dealer'),
    invoiceNo: text('invoice_no'),
    addressId: uuid('address_id').references(() => customerAddresses.id),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_serial_uq').on(t.tenantId, t.serialNumber),
    index('units_customer_idx').on(t.customerId),
  ],
);
