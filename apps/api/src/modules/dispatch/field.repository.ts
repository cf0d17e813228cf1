import { type Executor, schema } from '@manyi/db';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';

const {
  teams,
  users,
  servicePointProfiles: spp,
  technicianProfiles: tp,
  technicianCertifications: certs,
  technicianLeave: leave,
  dispatchSettings,
} = schema;

// ---- service points ----

const profileColumns = {
  ownership: spp.ownership,
  provinceCode: spp.provinceCode,
  cityCode: spp.cityCode,
  districtCode: spp.districtCode,
  province: spp.province,
  city: spp.city,
  district: spp.district,
  addressDetail: spp.addressDetail,
  lat: spp.lat,
  lng: spp.lng,
  coverageRegionCodes: spp.coverageRegionCodes,
  coverageRadiusKm: spp.coverageRadiusKm,
  categories: spp.categories,
  contactName: spp.contactName,
  contactPhone: spp.contactPhone,
  active: spp.active,
  version: spp.version,
};

export async function findServicePoints(db: Executor, tenantId: string, id?: string) {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      createdAt: teams.createdAt,
      teamVersion: teams.version,
      hasProfile: sql<boolean>`${spp.teamId} IS NOT NULL`,
      ...profileColumns,
      technicianCount: sql<number>`(SELECT count(*)::int FROM users tu WHERE tu.team_id = ${teams.id} AND tu.role = 'technician' AND tu.active)`,
    })
    .from(teams)
    .leftJoin(spp, eq(spp.teamId, teams.id))
    .where(
      and(eq(teams.tenantId, tenantId), eq(teams.kind, 'service_point'), id ? eq(teams.id, id) : undefined),
    )
    .orderBy(asc(teams.name));
  return rows;
}
export type ServicePointRow = Awaited<ReturnType<typeof findServicePoints>>[number];

export async function insertServicePointTeam(db: Executor, tenantId: string, name: string) {
  const [t] = await db
    .insert(teams)
    .values({ tenantId, name, kind: 'service_point' })
    .returning({ id: teams.id });
  return t!;
}

export async function teamNameTaken(db: Executor, tenantId: string, name: string, exceptId?: string) {
  const [t] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.name, name)));
  return Boolean(t && t.id !== exceptId);
}

export async function renameTeam(db: Executor, tenantId: string, id: string, name: string) {
  await db
    .update(teams)
    .set({ name, version: sql`${teams.version} + 1` })
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)));
}

export async function insertServicePointProfile(db: Executor, row: typeof spp.$inferInsert) {
  await db.insert(spp).values(row);
}

export async function updateServicePointProfile(
  db: Executor,
  tenantId: string,
  teamId: string,
  expectedVersion: number,
  patch: Partial<typeof spp.$inferInsert>,
  now: Date,
) {
  const [r] = await db
    .update(spp)
    .set({ ...patch, updatedAt: now, version: sql`${spp.version} + 1` })
    .where(and(eq(spp.tenantId, tenantId), eq(spp.teamId, teamId), eq(spp.version, expectedVersion)))
    .returning({ version: spp.version });
  return r ?? null;
}

// ---- technicians ----

export async function findTechnicians(
  db: Executor,
  tenantId: string,
  filter: { id?: string; servicePointId?: string | null; q?: string },
) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      active: users.active,
      servicePointId: users.teamId,
      servicePointName: teams.name,
      hasProfile: sql<boolean>`${tp.userId} IS NOT NULL`,
      categories: tp.categories,
      jobTypes: tp.jobTypes,
      baseLat: tp.baseLat,
      baseLng: tp.baseLng,
      baseAddress: tp.baseAddress,
      dailyCapacity: tp.dailyCapacity,
      calendarId: tp.calendarId,
      phone: tp.phone,
      version: tp.version,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(tp, eq(tp.userId, users.id))
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.role, 'technician'),
        filter.id ? eq(users.id, filter.id) : undefined,
        filter.servicePointId !== undefined
          ? filter.servicePointId
            ? eq(users.teamId, filter.servicePointId)
            : sql`false`
          : undefined,
        filter.q ? sql`${users.displayName} ILIKE ${`%${filter.q.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
      ),
    )
    .orderBy(asc(teams.name), asc(users.displayName))
    .limit(1000);
}
export type TechnicianRow = Awaited<ReturnType<typeof findTechnicians>>[number];

export async function insertTechnicianProfile(db: Executor, row: typeof tp.$inferInsert) {
  await db.insert(tp).values(row);
}

export async function updateTechnicianProfile(
  db: Executor,
  tenantId: string,
  userId: string,
  expectedVersion: number,
  patch: Partial<typeof tp.$inferInsert>,
  now: Date,
) {
  const [r] = await db
    .update(tp)
    .set({ ...patch, updatedAt: now, version: sql`${tp.version} + 1` })
    .where(and(eq(tp.tenantId, tenantId), eq(tp.userId, userId), eq(tp.version, expectedVersion)))
    .returning({ version: tp.version });
  return r ?? null;
}

export async function calendarExists(db: Executor, tenantId: string, id: string) {
  const [c] = await db
    .select({ id: schema.businessCalendars.id })
    .from(schema.businessCalendars)
    .where(and(eq(schema.businessCalendars.tenantId, tenantId), eq(schema.businessCalendars.id, id)));
  return Boolean(c);
}

const certColumns = {
  id: certs.id,
  technicianId: certs.userId,
  name: certs.name,
  category: certs.category,
  issuedOn: certs.issuedOn,
  expiresOn: certs.expiresOn,
  examScore: certs.examScore,
  issuer: certs.issuer,
};

export async function findCertifications(db: Executor, tenantId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .select(certColumns)
    .from(certs)
    .where(and(eq(certs.tenantId, tenantId), inArray(certs.userId, userIds)))
    .orderBy(asc(certs.expiresOn));
}

export async function insertCertification(db: Executor, row: typeof certs.$inferInsert) {
  const [c] = await db.insert(certs).values(row).returning(certColumns);
  return c!;
}

export async function deleteCertification(db: Executor, tenantId: string, userId: string, id: string) {
  const r = await db
    .delete(certs)
    .where(and(eq(certs.tenantId, tenantId), eq(certs.userId, userId), eq(certs.id, id)))
    .returning({ id: certs.id });
  return r.length > 0;
}

/** Certifications that expired or expire by `until` (YYYY-MM-DD), with who holds them. */
export async function findExpiringCertifications(
  db: Executor,
  tenantId: string,
  until: string,
  servicePointId?: string,
) {
  return db
    .select({ ...certColumns, technicianName: users.displayName, servicePointName: teams.name })
    .from(certs)
    .innerJoin(users, eq(users.id, certs.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      and(
        eq(certs.tenantId, tenantId),
        lte(certs.expiresOn, until),
        eq(users.active, true),
        servicePointId ? eq(users.teamId, servicePointId) : undefined,
        // Only the latest certificate of a kind counts: a renewed one hides the old.
        sql`NOT EXISTS (SELECT 1 FROM technician_certifications n WHERE n.user_id = ${certs.userId}
            AND n.name = ${certs.name} AND n.expires_on > ${certs.expiresOn})`,
      ),
    )
    .orderBy(asc(certs.expiresOn))
    .limit(500);
}

const leaveColumns = {
  id: leave.id,
  technicianId: leave.userId,
  startsOn: leave.startsOn,
  endsOn: leave.endsOn,
  reason: leave.reason,
};

export async function findLeave(db: Executor, tenantId: string, userIds: string[], from: string) {
  if (!userIds.length) return [];
  return db
    .select(leaveColumns)
    .from(leave)
    .where(and(eq(leave.tenantId, tenantId), inArray(leave.userId, userIds), gte(leave.endsOn, from)))
    .orderBy(asc(leave.startsOn));
}

export async function insertLeave(db: Executor, row: typeof leave.$inferInsert) {
  const [l] = await db.insert(leave).values(row).returning(leaveColumns);
  return l!;
}

export async function deleteLeave(db: Executor, tenantId: string, userId: string, id: string) {
  const r = await db
    .delete(leave)
    .where(and(eq(leave.tenantId, tenantId), eq(leave.userId, userId), eq(leave.id, id)))
    .returning({ id: leave.id });
  return r.length > 0;
}

// ---- settings ----

export async function getDispatchSettings(db: Executor, tenantId: string) {
  const [s] = await db
    .select({
      autoDispatch: dispatchSettings.autoDispatch,
      partnerResponseMinutes: dispatchSettings.partnerResponseMinutes,
      maxDistanceKm: dispatchSettings.maxDistanceKm,
      version: dispatchSettings.version,
    })
    .from(dispatchSettings)
    .where(eq(dispatchSettings.tenantId, tenantId));
  return s ?? null;
}

export async function insertDispatchSettings(db: Executor, row: typeof dispatchSettings.$inferInsert) {
  await db.insert(dispatchSettings).values(row);
}

export async function updateDispatchSettings(
  db: Executor,
  tenantId: string,
  expectedVersion: number,
  patch: Partial<typeof dispatchSettings.$inferInsert>,
  now: Date,
) {
  const [r] = await db
    .update(dispatchSettings)
    .set({ ...patch, updatedAt: now, version: sql`${dispatchSettings.version} + 1` })
    .where(and(eq(dispatchSettings.tenantId, tenantId), eq(dispatchSettings.version, expectedVersion)))
    .returning({ version: dispatchSettings.version });
  return r ?? null;
}
