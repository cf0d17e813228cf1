import { z } from 'zod';
import { isoDate, isoDateTime, text, uuid, version } from './common';
import { productCategories } from './products';
import { ticketTypes } from './tickets';

/** Field service: service points (服务网点), technicians, certifications, leave and dispatch (派工). */

export const servicePointOwnerships = ['own', 'partner'] as const;
export const dispatchStatuses = ['offered', 'assigned', 'refused', 'expired', 'superseded'] as const;
export type DispatchStatus = (typeof dispatchStatuses)[number];
export const autoDispatchModes = ['off', 'top_candidate'] as const;

/** Certifications expiring within this many days are flagged. */
export const CERT_WARNING_DAYS = 30;

const regionCode = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 code');
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const categories = z
  .array(z.enum(productCategories))
  .max(productCategories.length)
  .refine((xs) => new Set(xs).size === xs.length, 'listed twice');
const jobTypes = z
  .array(z.enum(ticketTypes))
  .max(ticketTypes.length)
  .refine((xs) => new Set(xs).size === xs.length, 'listed twice');

const servicePointFields = {
  name: text(100),
  ownership: z.enum(servicePointOwnerships),
  provinceCode: regionCode,
  cityCode: regionCode,
  districtCode: regionCode.nullable(),
  province: text(40),
  city: text(40),
  district: text(40).nullable(),
  addressDetail: text(200),
  lat,
  lng,
  coverageRegionCodes: z.array(regionCode).max(200),
  coverageRadiusKm: z.int().min(0).max(500),
  categories,
  contactName: text(60).nullable(),
  contactPhone: text(40).nullable(),
  active: z.boolean(),
};

export const servicePointBody = z.object({
  ...servicePointFields,
  districtCode: servicePointFields.districtCode.default(null),
  district: servicePointFields.district.default(null),
  coverageRegionCodes: servicePointFields.coverageRegionCodes.default([]),
  coverageRadiusKm: servicePointFields.coverageRadiusKm.default(30),
  categories: servicePointFields.categories.default([]),
  contactName: servicePointFields.contactName.default(null),
  contactPhone: servicePointFields.contactPhone.default(null),
  active: servicePointFields.active.default(true),
});
export type ServicePointBody = z.infer<typeof servicePointBody>;

/** Changes a service point; `version` is the profile's (0 when it has none yet). */
export const servicePointChangeBody = servicePointBody.extend({
  version: z.int().min(0).max(2_147_483_647),
});
export type ServicePointChangeBody = z.infer<typeof servicePointChangeBody>;

export const servicePointProfile = z.object({
  ownership: z.enum(servicePointOwnerships),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string().nullable(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  addressDetail: z.string(),
  lat: z.number(),
  lng: z.number(),
  coverageRegionCodes: z.array(z.string()),
  coverageRadiusKm: z.int(),
  categories: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  version: z.int(),
});

/** A service point: the team row plus its profile (null until someone fills it in). */
export const servicePoint = z.object({
  id: uuid,
  name: z.string(),
  profile: servicePointProfile.nullable(),
  technicianCount: z.int(),
  createdAt: isoDateTime,
});
export type ServicePoint = z.infer<typeof servicePoint>;

export const certificationBody = z
  .object({
    name: text(100),
    category: z.enum(productCategories).nullable().default(null),
    issuedOn: isoDate,
    expiresOn: isoDate,
    examScore: z.int().min(0).max(100),
    issuer: text(100),
  })
  .refine((c) => c.issuedOn <= c.expiresOn, { message: 'expires before it was issued', path: ['expiresOn'] });

export const certificationStates = ['valid', 'expiring', 'expired'] as const;
export const certification = z.object({
  id: uuid,
  technicianId: uuid,
  name: z.string(),
  category: z.string().nullable(),
  issuedOn: isoDate,
  expiresOn: isoDate,
  examScore: z.int(),
  issuer: z.string(),
  /** expiring: within CERT_WARNING_DAYS of the tenant's today; expired: before today. */
  state: z.enum(certificationStates),
  daysLeft: z.int(),
});
export type Certification = z.infer<typeof certification>;

export const leaveBody = z
  .object({ startsOn: isoDate, endsOn: isoDate, reason: text(200).nullable().default(null) })
  .refine((l) => l.startsOn <= l.endsOn, { message: 'ends before it starts', path: ['endsOn'] });
export const leave = z.object({
  id: uuid,
  technicianId: uuid,
  startsOn: isoDate,
  endsOn: isoDate,
  reason: z.string().nullable(),
});

/** Changes a technician's profile; `version` is the profile's (0 when it has none yet). */
export const technicianChangeBody = z.object({
  version: z.int().min(0).max(2_147_483_647),
  categories,
  jobTypes,
  baseLat: lat,
  baseLng: lng,
  baseAddress: text(200).nullable().default(null),
  dailyCapacity: z.int().min(1).max(30),
  calendarId: uuid.nullable().default(null),
  phone: text(40).nullable().default(null),
});
export type TechnicianChangeBody = z.infer<typeof technicianChangeBody>;

export const technicianProfile = z.object({
  categories: z.array(z.string()),
  jobTypes: z.array(z.string()),
  baseLat: z.number(),
  baseLng: z.number(),
  baseAddress: z.string().nullable(),
  dailyCapacity: z.int(),
  calendarId: uuid.nullable(),
  phone: z.string().nullable(),
  version: z.int(),
});

export const technician = z.object({
  id: uuid,
  displayName: z.string(),
  email: z.string(),
  active: z.boolean(),
  servicePointId: uuid.nullable(),
  servicePointName: z.string().nullable(),
  profile: technicianProfile.nullable(),
  certifications: z.array(certification),
  leave: z.array(leave),
  onLeaveToday: z.boolean(),
  /** Worst certification state: what the list flags. */
  certificationWarning: z.enum(['expiring', 'expired']).nullable(),
});
export type Technician = z.infer<typeof technician>;

export const technicianListQuery = z.object({
  servicePointId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
});

export const certificationWarning = certification.extend({
  technicianName: z.string(),
  servicePointName: z.string().nullable(),
});
export type CertificationWarning = z.infer<typeof certificationWarning>;

/** One factor in a candidate's score: the web shows it as a sentence from the code and the values. */
export const rankFactors = [
  'distance',
  'skill',
  'certification',
  'load',
  'due',
  'tier',
  'ownership',
  'coverage',
  /** Off today by their working calendar, back before the job is due. */
  'calendar',
] as const;
export const rankReason = z.object({
  factor: z.enum(rankFactors),
  points: z.number(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type RankReason = z.infer<typeof rankReason>;

export const exclusionCodes = [
  'wrong_category',
  'wrong_job_type',
  'no_certification',
  'certification_expired',
  'on_leave',
  /** No working time today in their calendar (holiday, day off) and not back before the job is due. */
  'off_duty',
  'service_point_inactive',
  'no_profile',
] as const;
export type ExclusionCode = (typeof exclusionCodes)[number];
export const exclusion = z.object({
  code: z.enum(exclusionCodes),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const candidateBase = z.object({
  technicianId: uuid,
  technicianName: z.string(),
  servicePointId: uuid,
  servicePointName: z.string(),
  ownership: z.enum(servicePointOwnerships),
  distanceKm: z.number().nullable(),
  load: z.int(),
  capacity: z.int(),
});
export const candidate = candidateBase.extend({
  rank: z.int(),
  score: z.number(),
  reasons: z.array(rankReason),
});
export type Candidate = z.infer<typeof candidate>;
export const excludedCandidate = candidateBase.extend({ why: z.array(exclusion).min(1) });
export type ExcludedCandidate = z.infer<typeof excludedCandidate>;

export const dispatchCandidates = z.object({
  ticketId: uuid,
  /** What the ranking looked at. */
  basis: z.object({
    category: z.string().nullable(),
    ticketType: z.enum(ticketTypes),
    customerTier: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    cityCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    dueAt: isoDateTime.nullable(),
    maxDistanceKm: z.int(),
    day: isoDate,
  }),
  candidates: z.array(candidate),
  excluded: z.array(excludedCandidate),
});
export type DispatchCandidates = z.infer<typeof dispatchCandidates>;

export const dispatchBody = z.object({
  /** The work order's version (dispatching assigns it). */
  version,
  technicianId: uuid,
  /** Required when the pick is not the top candidate. */
  overrideReason: text(500).nullable().default(null),
});
export type DispatchBody = z.infer<typeof dispatchBody>;

export const dispatch = z.object({
  id: uuid,
  ticketId: uuid,
  ticketNumber: z.string(),
  ticketSubject: z.string(),
  servicePointId: uuid,
  servicePointName: z.string(),
  technicianId: uuid.nullable(),
  technicianName: z.string().nullable(),
  status: z.enum(dispatchStatuses),
  mode: z.enum(['manual', 'auto']),
  rank: z.int().nullable(),
  score: z.number().nullable(),
  overrideReason: z.string().nullable(),
  respondBy: isoDateTime.nullable(),
  respondedAt: isoDateTime.nullable(),
  refusalReason: z.string().nullable(),
  createdAt: isoDateTime,
  version: z.int(),
});
export type Dispatch = z.infer<typeof dispatch>;

export const acceptDispatchBody = z.object({
  version,
  /** The partner may hand the job to another of its own technicians. */
  technicianId: uuid.nullable().default(null),
});
export const refuseDispatchBody = z.object({ version, reason: text(500) });

export const dispatchInboxQuery = z.object({
  status: z.enum(['offered', 'all']).default('offered'),
});

export const dispatchSettingsSchema = z.object({
  autoDispatch: z.enum(autoDispatchModes),
  partnerResponseMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60),
  maxDistanceKm: z.int().min(1).max(1000),
  version: z.int(),
});
export type DispatchSettings = z.infer<typeof dispatchSettingsSchema>;
export const dispatchSettingsBody = dispatchSettingsSchema.extend({
  version: z.int().min(0).max(2_147_483_647),
});

export const dispatchSweepResult = z.object({ expired: z.int(), autoDispatched: z.int() });
