import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { text as boundedText, emailInput, isoDateTime, pageOf, pageQuery, uuid, version } from './common';
import { normalisePhone } from './phone';

/** Bounded text that PostgreSQL can store: a NUL character is refused here rather than by the database. */
const text = (max: number, min = 1) =>
  boundedText(max, min).refine((s) => !s.includes('\u0000'), { message: 'must not contain NUL characters' });

export const customerKinds = ['person', 'company'] as const;
export const customerTiers = ['standard', 'silver', 'gold', 'vip'] as const;
export const customerStatuses = ['active', 'churned'] as const;
export type CustomerTier = (typeof customerTiers)[number];

/** A phone as typed by a person; it must normalise to a valid number. */
export const phoneInput = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .refine((s) => normalisePhone(s) !== null, { message: 'PHONE_INVALID' });

/** The national significant number of an E.164 number, without country code: +8613800138000 → 13800138000. */
export function phoneNational(e164: string): string {
  // Country calling codes are prefix-free, so +86 is always China's.
  if (e164.startsWith('+86')) return e164.slice(3);
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? e164.replace(/\D/g, '');
}

export const phone = z.object({
  id: uuid,
  e164: z.string(),
  display: z.string(),
  kind: z.enum(['mobile', 'landline', 'other']),
  label: z.string().nullable(),
  isPrimary: z.boolean(),
});

/** GB/T 2260 region codes: 6 digits, e.g. 440305 (广东省 深圳市 南山区). */
const regionCode = z.string().regex(/^\d{6}$/);

export const addressInput = z.object({
  label: text(50).optional(),
  provinceCode: regionCode,
  cityCode: regionCode,
  districtCode: regionCode.optional(),
  province: text(50),
  city: text(50),
  district: text(50).optional(),
  detail: text(200),
  postalCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  isDefault: z.boolean().default(false),
});

export const address = addressInput.extend({
  id: uuid,
  label: z.string().nullable(),
  districtCode: z.string().nullable(),
  district: z.string().nullable(),
  postalCode: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type Address = z.infer<typeof address>;

export const consent = z.object({
  serviceCalls: z.boolean().default(true),
  surveys: z.boolean().default(true),
  marketing: z.boolean().default(false),
});

export const customerSummary = z.object({
  id: uuid,
  kind: z.enum(customerKinds),
  name: z.string(),
  tier: z.enum(customerTiers),
  status: z.enum(customerStatuses),
  primaryPhone: z.string().nullable(),
  city: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const customer = z.object({
  id: uuid,
  kind: z.enum(customerKinds),
  name: z.string(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  tier: z.enum(customerTiers),
  valueFen: z.int(),
  status: z.enum(customerStatuses),
  churnReason: z.string().nullable(),
  churnedAt: isoDateTime.nullable(),
  consent,
  notes: z.string().nullable(),
  phones: z.array(phone),
  addresses: z.array(address),
  version: z.int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Customer = z.infer<typeof customer>;

export const customerCreateBody = z.object({
  kind: z.enum(customerKinds).default('person'),
  name: text(100),
  companyName: text(200).optional(),
  email: emailInput.optional(),
  tier: z.enum(customerTiers).default('standard'),
  valueFen: z.int().min(0).max(1e13).default(0),
  consent: consent.default({ serviceCalls: true, surveys: true, marketing: false }),
  notes: text(2000).optional(),
  phones: z
    .array(z.object({ number: phoneInput, label: text(30).optional() }))
    .min(1)
    .max(10),
  addresses: z.array(addressInput).max(10).default([]),
});
export type CustomerCreateBody = z.infer<typeof customerCreateBody>;

export const customerChangeBody = z.object({
  version,
  name: text(100).optional(),
  companyName: text(200).nullable().optional(),
  email: emailInput.nullable().optional(),
  tier: z.enum(customerTiers).optional(),
  valueFen: z.int().min(0).max(1e13).optional(),
  consent: consent.optional(),
  notes: text(2000).nullable().optional(),
});

export const phoneAddBody = z.object({ version, number: phoneInput, label: text(30).optional() });
export const addressAddBody = addressInput.extend({ version });
export const churnBody = z.object({ version, reason: text(500) });
export const reactivateBody = z.object({ version });

/** `?version=` of a DELETE: the customer's version as read by the client. */
export const versionQuery = z.object({ version: z.coerce.number().pipe(version) });
export const customerPhoneParams = z.object({ id: uuid, phoneId: uuid });
export const customerAddressParams = z.object({ id: uuid, addressId: uuid });

export const customerListQuery = pageQuery.extend({
  /** Name, company, e-mail or phone digits; a number typed with spaces or dashes is searched by its digits. */
  q: z
    .string()
    .trim()
    .max(100)
    .refine((s) => !s.includes('\u0000'), { message: 'must not contain NUL characters' })
    .optional(),
  tier: z.enum(customerTiers).optional(),
  status: z.enum(customerStatuses).optional(),
});
export const customerPage = pageOf(customerSummary);

/** Phone lookup while the phone rings: exact number, or the digits typed so far (at least 4). */
export const phoneLookupQuery = z.object({ phone: z.string().trim().min(4).max(40) });
export const phoneLookupResponse = z.object({
  normalised: z.string().nullable(),
  matches: z.array(customerSummary.extend({ matchedPhone: z.string() })),
});
