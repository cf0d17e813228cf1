import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { businessCalendars } from './agreements';
import { teams, tenants, users } from './tenants';
import { tickets } from './tickets';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The brand's own service point, or an authorised partner (特约维修站) that accepts or refuses dispatches. */
export const servicePointOwnershipEnum = pgEnum('service_point_ownership', ['own', 'partner']);

/** What makes a `teams` row of kind service_point a service point (服务网点): where it is and what it serves. */
export const servicePointProfiles = pgTable(
  'service_point_profiles',
  {
    teamId: uuid('team_id')
      .primaryKey()
      .references(() => teams.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ownership: servicePointOwnershipEnum('ownership').notNull().default('partner'),
    provinceCode: text('province_code').notNull(),
    cityCode: text('city_code').notNull(),
    districtCode: text('district_code'),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district'),
    addressDetail: text('address_detail').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** GB/T 2260 codes (province, city or district) it covers, besides the radius around it. */
    coverageRegionCodes: text('coverage_region_codes').array().notNull().default(sql`'{}'::text[]`),
    coverageRadiusKm: integer('coverage_radius_km').notNull().default(30),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('service_point_profiles_geo_idx').on(t.tenantId, t.lat, t.lng),
    index('service_point_profiles_coverage_gin').using('gin', t.coverageRegionCodes),
  ],
);

/** What makes a user with role technician dispatchable: skills, base, capacity, calendar. */
export const technicianProfiles = pgTable(
  'technician_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Product categories they may work on (productCategories). */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    /** Job types (ticket types: repair, installation, maintenance …). */
    jobTypes: text('job_types').array().notNull().default(sql`'{}'::text[]`),
    baseLat: doublePrecision('base_lat').notNull(),
    baseLng: doublePrecision('base_lng').notNull(),
    baseAddress: text('base_address'),
    dailyCapacity: integer('daily_capacity').notNull().default(6),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id),
    phone: text('phone'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Ranking prefilter: a bounding box on the base location, then the skills through the GIN indexes.
    index('technician_profiles_geo_idx').on(t.tenantId, t.baseLat, t.baseLng),
    index('technician_profiles_categories_gin').using('gin', t.categories),
    index('technician_profiles_job_types_gin').using('gin', t.jobTypes),
  ],
);

/** A certificate a technician earned by exam (上岗证); it covers one product category, or all when null. */
export const technicianCertifications = pgTable(
  'technician_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    category: text('category'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    examScore: integer('exam_score').notNull(),
    issuer: text('issuer').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('technician_certifications_user_idx').on(t.userId, t.expiresOn),
    index('technician_certifications_expiry_idx').on(t.tenantId, t.expiresOn),
  ],
);

/** Days a technician is away (inclusive local dates). */
export const technicianLeave = pgTable(
  'technician_leave',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('technician_leave_user_idx').on(t.userId, t.endsOn)],
);

export const autoDispatchEnum = pgEnum('auto_dispatch', ['off', 'top_candidate']);

/** A tenant's dispatch rules. */
export const dispatchSettings = pgTable('dispatch_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  autoDispatch: autoDispatchEnum('auto_dispatch').notNull().default('off'),
  /** How long a partner service point has to accept or refuse an offered job. */
  partnerResponseMinutes: integer('partner_response_minutes').notNull().default(120),
  /** Candidates are searched within this distance of the customer. */
  maxDistanceKm: integer('max_distance_km').notNull().default(60),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * offered: waiting for a partner's answer (until respond_by); assigned: in the hands of the service point
 * (own points at once, partners after accepting); refused / expired: back to the dispatcher;
 * superseded: replaced by a re-dispatch.
 */
export const dispatchStatusEnum = pgEnum('dispatch_status', [
  'offered',
  'assigned',
  'refused',
  'expired',
  'superseded',
]);

/** Each dispatch of a work order (派工), with why this technician was chosen. */
export const dispatches = pgTable(
  'dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    servicePointId: uuid('service_point_id')
      .notNull()
      .references(() => teams.id),
    technicianId: uuid('technician_id').references(() => users.id),
    status: dispatchStatusEnum('status').notNull(),
    mode: text('mode').notNull().default('manual'),
    /** The pick's rank among the candidates (1 = top) and its score when dispatched. */
    rank: integer('rank'),
    score: real('score'),
    overrideReason: text('override_reason'),
    respondBy: ts('respond_by'),
    respondedAt: ts('responded_at'),
    respondedById: uuid('responded_by_id'),
    refusalReason: text('refusal_reason'),
    createdById: uuid('created_by_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('dispatches_ticket_idx').on(t.ticketId, t.createdAt),
    index('dispatches_point_idx').on(t.tenantId, t.servicePointId, t.status, t.createdAt.desc()),
    // At most one live dispatch per work order: a concurrent second dispatch fails instead of doubling up.
    uniqueIndex('dispatches_live_uq').on(t.ticketId).where(sql`status IN ('offered', 'assigned')`),
    index('dispatches_respond_by_idx').on(t.respondBy).where(sql`status = 'offered'`),
  ],
);
