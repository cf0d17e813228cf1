import { z } from 'zod';
import { isoDate, isoDateTime, pageOf, pageQuery, text, uuid, version } from './common';

export const productCategories = [
  'air_conditioner',
  'refrigerator',
  'washing_machine',
  'water_heater',
  'television',
  'range_hood',
  'dishwasher',
  'water_purifier',
  'broadband',
  'meter',
  'other',
] as const;
export type ProductCategory = (typeof productCategories)[number];

/** The date a warranty period counts from. */
export const warrantyStarts = ['purchase', 'delivery', 'install'] as const;

export const partPeriod = z.object({
  partClass: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z][a-z0-9_]*$/),
  months: z.int().min(0).max(240),
});

export const warrantyPolicyBody = z.object({
  name: text(100),
  startsFrom: z.enum(warrantyStarts).default('purchase'),
  wholeUnitMonths: z.int().min(0).max(240),
  parts: z.array(partPeriod).max(30).default([]),
  notes: text(1000).optional(),
});
export const warrantyPolicy = z.object({
  id: uuid,
  name: z.string(),
  startsFrom: z.enum(warrantyStarts),
  wholeUnitMonths: z.int(),
  parts: z.array(partPeriod),
  notes: z.string().nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type WarrantyPolicy = z.infer<typeof warrantyPolicy>;
export const warrantyPolicyChangeBody = warrantyPolicyBody.partial().extend({ version });

export const productModelBody = z.object({
  code: text(60),
  name: text(120),
  category: z.enum(productCategories),
  brand: text(60).optional(),
  warrantyPolicyId: uuid.nullable().default(null),
});
export const productModel = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  category: z.enum(productCategories),
  brand: z.string().nullable(),
  warrantyPolicyId: uuid.nullable(),
  version: z.int(),
  createdAt: isoDateTime,
});
export type ProductModel = z.infer<typeof productModel>;
export const productModelChangeBody = productModelBody.partial().extend({ version });
export const productModelListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  category: z.enum(productCategories).optional(),
});
export const productModelPage = pageOf(productModel);

export const warrantyStatus = z.object({
  onDate: isoDate,
  partClass: z.string().nullable(),
  covered: z.boolean(),
  /** Machine-readable reason: covered_whole_unit, covered_part, expired, no_policy, no_start_date, not_started. */
  reason: z.enum([
    'covered_whole_unit',
    'covered_part',
    'expired',
    'no_policy',
    'no_start_date',
    'not_started',
  ]),
  startsFrom: z.enum(warrantyStarts).nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  months: z.int().nullable(),
});
export type WarrantyStatus = z.infer<typeof warrantyStatus>;

export const unitBody = z
  .object({
    modelId: uuid,
    serialNumber: text(80),
    purchaseDate: isoDate.optional(),
    deliveryDate: isoDate.optional(),
    installDate: isoDate.optional(),
    dealer: text(120).optional(),
    invoiceNo: text(80).optional(),
    addressId: uuid.optional(),
    notes: text(1000).optional(),
  })
  .refine((u) => !u.purchaseDate || !u.installDate || u.installDate >= u.purchaseDate, {
    message: 'installDate must not be before purchaseDate',
    path: ['installDate'],
  });
export const unitChangeBody = z.object({
  version,
  purchaseDate: isoDate.nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  installDate: isoDate.nullable().optional(),
  dealer: text(120).nullable().optional(),
  invoiceNo: text(80).nullable().optional(),
  addressId: uuid.nullable().optional(),
  notes: text(1000).nullable().optional(),
});

export const unit = z.object({
  id: uuid,
  customerId: uuid,
  modelId: uuid,
  modelCode: z.string(),
  modelName: z.string(),
  category: z.enum(productCategories),
  serialNumber: z.string(),
  purchaseDate: isoDate.nullable(),
  deliveryDate: isoDate.nullable(),
  installDate: isoDate.nullable(),
  dealer: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  addressId: uuid.nullable(),
  notes: z.string().nullable(),
  /** Whole-unit warranty today (in the tenant's time zone). */
  warranty: warrantyStatus,
  version: z.int(),
  createdAt: isoDateTime,
});
export type Unit = z.infer<typeof unit>;

export const warrantyQuery = z.object({ date: isoDate.optional(), part: z.string().max(50).optional() });
