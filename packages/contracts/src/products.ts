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
export type WarrantyStart = (typeof warrantyStarts)[number];

/** A calendar date a unit's record or a warranty question can carry (keeps the arithmetic in range). */
export const unitDate = isoDate.refine((d) => d >= '1900-01-01' && d <= '2999-12-31', {
  message: 'expected a date between 1900-01-01 and 2999-12-31',
});

export const partPeriod = z.object({
  partClass: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z][a-z0-9_]*$/),
  months: z.int().min(0).max(240),
});

const partPeriods = z
  .array(partPeriod)
  .max(30)
  .refine((parts) => new Set(parts.map((p) => p.partClass)).size === parts.length, {
    message: 'each part class may appear once',
  });

// Change bodies are built from these fields WITHOUT defaults: a default inside .partial() would still
// apply and silently reset a field the client did not send.
const warrantyPolicyFields = {
  name: text(100),
  startsFrom: z.enum(warrantyStarts),
  wholeUnitMonths: z.int().min(0).max(240),
  parts: partPeriods,
  notes: text(1000),
};
export const warrantyPolicyBody = z.object({
  ...warrantyPolicyFields,
  startsFrom: warrantyPolicyFields.startsFrom.default('purchase'),
  parts: partPeriods.default([]),
  notes: warrantyPolicyFields.notes.optional(),
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
export const warrantyPolicyChangeBody = z.object({
  version,
  name: warrantyPolicyFields.name.optional(),
  startsFrom: warrantyPolicyFields.startsFrom.optional(),
  wholeUnitMonths: warrantyPolicyFields.wholeUnitMonths.optional(),
  parts: partPeriods.optional(),
  notes: warrantyPolicyFields.notes.nullable().optional(),
});
export const warrantyPolicyList = z.object({ items: z.array(warrantyPolicy) });

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
export const productModelChangeBody = z.object({
  version,
  code: text(60).optional(),
  name: text(120).optional(),
  category: z.enum(productCategories).optional(),
  brand: text(60).nullable().optional(),
  warrantyPolicyId: uuid.nullable().optional(),
});
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
  /** The recorded date the period counts from (null when none is known). */
  startsFrom: z.enum(warrantyStarts).nullable(),
  /** What the policy asks for; differs from `startsFrom` when that date was missing and a fallback was used. */
  policyStartsFrom: z.enum(warrantyStarts).nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  months: z.int().nullable(),
});
export type WarrantyStatus = z.infer<typeof warrantyStatus>;

export const unitBody = z
  .object({
    modelId: uuid,
    serialNumber: text(80),
    purchaseDate: unitDate.optional(),
    deliveryDate: unitDate.optional(),
    installDate: unitDate.optional(),
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
  purchaseDate: unitDate.nullable().optional(),
  deliveryDate: unitDate.nullable().optional(),
  installDate: unitDate.nullable().optional(),
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

/** `date` defaults to today in the tenant's time zone; `part` (a part class) defaults to the whole unit. */
export const warrantyQuery = z.object({
  date: unitDate.optional(),
  part: z.string().trim().toLowerCase().min(1).max(50).optional(),
});

export const customerUnitsParams = z.object({ customerId: uuid });
/** A customer's units, newest first. */
export const unitPage = pageOf(unit);
/** Exact serial-number lookup (the serial as printed on the nameplate, trimmed). */
export const unitSerialQuery = z.object({ serial: text(80) });
export const unitList = z.object({ items: z.array(unit) });
