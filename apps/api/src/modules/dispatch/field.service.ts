import {
  CERT_WARNING_DAYS,
  type Certification,
  type CertificationWarning,
  can,
  type ServicePoint,
  type ServicePointBody,
  type ServicePointChangeBody,
  type Technician,
  type TechnicianChangeBody,
} from '@manyi/contracts';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { diff, recordAudit } from '../audit/audit.service';
import * as repo from './field.repository';

/** Service points (服务网点) and technicians: profiles, certifications with expiry, leave. */

function today(ctx: ServiceContext) {
  return localDateIn(ctx.principal.tenantTimeZone, ctx.now());
}

const DAY = 86_400_000;
function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function addDays(day: string, n: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** A certificate's state on a given day: expired before it, expiring within CERT_WARNING_DAYS. */
export function certificationState(expiresOn: string, day: string) {
  const daysLeft = daysBetween(day, expiresOn);
  const state = daysLeft < 0 ? 'expired' : daysLeft <= CERT_WARNING_DAYS ? 'expiring' : 'valid';
  return { state, daysLeft } as const;
}

function serialiseCert(
  c: Awaited<ReturnType<typeof repo.findCertifications>>[number],
  day: string,
): Certification {
  return { ...c, ...certificationState(c.expiresOn, day) };
}

function serialisePoint(r: repo.ServicePointRow): ServicePoint {
  return {
    id: r.id,
    name: r.name,
    technicianCount: r.technicianCount,
    createdAt: r.createdAt.toISOString(),
    profile: r.hasProfile
      ? {
          ownership: r.ownership!,
          provinceCode: r.provinceCode!,
          cityCode: r.cityCode!,
          districtCode: r.districtCode,
          province: r.province!,
          city: r.city!,
          district: r.district,
          addressDetail: r.addressDetail!,
          lat: r.lat!,
          lng: r.lng!,
          coverageRegionCodes: r.coverageRegionCodes ?? [],
          coverageRadiusKm: r.coverageRadiusKm!,
          categories: r.categories ?? [],
          contactName: r.contactName,
          contactPhone: r.contactPhone,
          active: r.active!,
          version: r.version!,
        }
      : null,
  };
}

/** A partner manager manages its own service point's people only; the dispatch desk everyone. */
function pointScope(ctx: ServiceContext): string | null | undefined {
  if (can(ctx.principal.role, 'dispatch.manage')) return undefined;
  if (ctx.principal.role === 'partner_manager') return ctx.principal.teamId;
  return null;
}

export async function findServicePoints(ctx: ServiceContext) {
  return (await repo.findServicePoints(ctx.db, ctx.principal.tenantId)).map(serialisePoint);
}

export async function getServicePoint(ctx: ServiceContext, id: string) {
  const [r] = await repo.findServicePoints(ctx.db, ctx.principal.tenantId, id);
  if (!r) throw new AppError('NOT_FOUND', { entity: 'service_point', id });
  return serialisePoint(r);
}

function checkRegions(input: { provinceCode: string; cityCode: string; districtCode: string | null }) {
  if (input.cityCode.slice(0, 2) !== input.provinceCode.slice(0, 2))
    throw new AppError('VALIDATION_FAILED', [{ path: 'cityCode', message: 'not in the province' }]);
  if (input.districtCode && input.districtCode.slice(0, 4) !== input.cityCode.slice(0, 4))
    throw new AppError('VALIDATION_FAILED', [{ path: 'districtCode', message: 'not in the city' }]);
}

/** Opens a service point: a team of kind service_point with its profile. */
export async function createServicePoint(ctx: ServiceContext, input: ServicePointBody) {
  const tenantId = ctx.principal.tenantId;
  checkRegions(input);
  if (await repo.teamNameTaken(ctx.db, tenantId, input.name))
    throw new AppError('DUPLICATE', { field: 'name' });
  const { name, ...profile } = input;
  const team = await repo.insertServicePointTeam(ctx.db, tenantId, name);
  await repo.insertServicePointProfile(ctx.db, { teamId: team.id, tenantId, ...profile });
  await recordAudit(ctx, {
    action: 'service_point.created',
    entityType: 'team',
    entityId: team.id,
    changes: { name, ownership: input.ownership },
  });
  return getServicePoint(ctx, team.id);
}

/** Changes a service point (version 0 gives an existing team its first profile). */
export async function changeServicePoint(ctx: ServiceContext, id: string, input: ServicePointChangeBody) {
  const tenantId = ctx.principal.tenantId;
  const before = await getServicePoint(ctx, id);
  checkRegions(input);
  const { version, name, ...profile } = input;
  if (name !== before.name) {
    if (await repo.teamNameTaken(ctx.db, tenantId, name, id))
      throw new AppError('DUPLICATE', { field: 'name' });
    await repo.renameTeam(ctx.db, tenantId, id, name);
  }
  if (!before.profile) {
    if (version !== 0)
      throw new AppError('VERSION_CONFLICT', { entity: 'service_point', id, currentVersion: 0 });
    await repo.insertServicePointProfile(ctx.db, { teamId: id, tenantId, ...profile });
  } else if (!(await repo.updateServicePointProfile(ctx.db, tenantId, id, version, profile, ctx.now())))
    throw new AppError('VERSION_CONFLICT', {
      entity: 'service_point',
      id,
      currentVersion: before.profile.version,
    });
  await recordAudit(ctx, {
    action: 'service_point.changed',
    entityType: 'team',
    entityId: id,
    changes: diff({ name: before.name, ...(before.profile ?? {}) } as Record<string, unknown>, {
      name,
      ...profile,
    }),
  });
  return getServicePoint(ctx, id);
}

async function assemble(ctx: ServiceContext, rows: repo.TechnicianRow[]): Promise<Technician[]> {
  const day = today(ctx);
  const ids = rows.map((r) => r.id);
  const [certs, leave] = await Promise.all([
    repo.findCertifications(ctx.db, ctx.principal.tenantId, ids),
    repo.findLeave(ctx.db, ctx.principal.tenantId, ids, addDays(day, -30)),
  ]);
  return rows.map((r) => {
    const own = certs.filter((c) => c.technicianId === r.id).map((c) => serialiseCert(c, day));
    // The latest certificate of a name counts: a renewal clears the old one's warning.
    const latest = new Map<string, Certification>();
    for (const c of own) if ((latest.get(c.name)?.expiresOn ?? '') < c.expiresOn) latest.set(c.name, c);
    const states = [...latest.values()].map((c) => c.state);
    const ownLeave = leave.filter((l) => l.technicianId === r.id);
    return {
      id: r.id,
      displayName: r.displayName,
      email: r.email,
      active: r.active,
      servicePointId: r.servicePointId,
      servicePointName: r.servicePointName,
      profile: r.hasProfile
        ? {
            categories: r.categories ?? [],
            jobTypes: r.jobTypes ?? [],
            baseLat: r.baseLat!,
            baseLng: r.baseLng!,
            baseAddress: r.baseAddress,
            dailyCapacity: r.dailyCapacity!,
            calendarId: r.calendarId,
            phone: r.phone,
            version: r.version!,
          }
        : null,
      certifications: own,
      leave: ownLeave,
      onLeaveToday: ownLeave.some((l) => l.startsOn <= day && l.endsOn >= day),
      certificationWarning: states.includes('expired')
        ? 'expired'
        : states.includes('expiring')
          ? 'expiring'
          : null,
    };
  });
}

export async function findTechnicians(ctx: ServiceContext, q: { servicePointId?: string; q?: string }) {
  const scope = pointScope(ctx);
  if (scope === null) throw new AppError('FORBIDDEN', { permission: 'dispatch.manage' });
  const servicePointId = scope === undefined ? q.servicePointId : scope;
  return assemble(
    ctx,
    await repo.findTechnicians(ctx.db, ctx.principal.tenantId, { servicePointId, q: q.q }),
  );
}

/** A technician: the dispatch desk, their service point's manager, or themselves. */
export async function getTechnician(ctx: ServiceContext, id: string) {
  const [r] = await repo.findTechnicians(ctx.db, ctx.principal.tenantId, { id });
  const scope = pointScope(ctx);
  const visible =
    r &&
    (scope === undefined || (scope !== null && r.servicePointId === scope) || ctx.principal.userId === id);
  if (!visible) throw new AppError('NOT_FOUND', { entity: 'technician', id });
  return (await assemble(ctx, [r]))[0]!;
}

async function requireManaged(ctx: ServiceContext, id: string) {
  const t = await getTechnician(ctx, id);
  if (pointScope(ctx) === null) throw new AppError('FORBIDDEN', { permission: 'dispatch.manage' });
  return t;
}

export async function changeTechnician(ctx: ServiceContext, id: string, input: TechnicianChangeBody) {
  const before = await requireManaged(ctx, id);
  const tenantId = ctx.principal.tenantId;
  if (input.calendarId && !(await repo.calendarExists(ctx.db, tenantId, input.calendarId)))
    throw new AppError('REFERENCE_INVALID', { field: 'calendarId' });
  const { version, ...profile } = input;
  if (!before.profile) {
    if (version !== 0)
      throw new AppError('VERSION_CONFLICT', { entity: 'technician', id, currentVersion: 0 });
    await repo.insertTechnicianProfile(ctx.db, { userId: id, tenantId, ...profile });
  } else if (!(await repo.updateTechnicianProfile(ctx.db, tenantId, id, version, profile, ctx.now())))
    throw new AppError('VERSION_CONFLICT', {
      entity: 'technician',
      id,
      currentVersion: before.profile.version,
    });
  await recordAudit(ctx, {
    action: 'technician.changed',
    entityType: 'user',
    entityId: id,
    changes: diff((before.profile ?? {}) as Record<string, unknown>, profile),
  });
  return getTechnician(ctx, id);
}

export async function addCertification(
  ctx: ServiceContext,
  id: string,
  input: Omit<Certification, 'id' | 'technicianId' | 'state' | 'daysLeft'>,
) {
  await requireManaged(ctx, id);
  const c = await repo.insertCertification(ctx.db, {
    tenantId: ctx.principal.tenantId,
    userId: id,
    ...input,
  });
  await recordAudit(ctx, {
    action: 'technician.certification_added',
    entityType: 'user',
    entityId: id,
    changes: { certificationId: c.id, name: c.name, expiresOn: c.expiresOn },
  });
  return serialiseCert(c, today(ctx));
}

export async function removeCertification(ctx: ServiceContext, id: string, certId: string) {
  await requireManaged(ctx, id);
  if (!(await repo.deleteCertification(ctx.db, ctx.principal.tenantId, id, certId)))
    throw new AppError('NOT_FOUND', { entity: 'certification', id: certId });
  await recordAudit(ctx, {
    action: 'technician.certification_removed',
    entityType: 'user',
    entityId: id,
    changes: { certificationId: certId },
  });
}

export async function addLeave(
  ctx: ServiceContext,
  id: string,
  input: { startsOn: string; endsOn: string; reason: string | null },
) {
  await requireManaged(ctx, id);
  const l = await repo.insertLeave(ctx.db, { tenantId: ctx.principal.tenantId, userId: id, ...input });
  await recordAudit(ctx, {
    action: 'technician.leave_added',
    entityType: 'user',
    entityId: id,
    changes: { leaveId: l.id, startsOn: l.startsOn, endsOn: l.endsOn },
  });
  return l;
}

export async function removeLeave(ctx: ServiceContext, id: string, leaveId: string) {
  await requireManaged(ctx, id);
  if (!(await repo.deleteLeave(ctx.db, ctx.principal.tenantId, id, leaveId)))
    throw new AppError('NOT_FOUND', { entity: 'leave', id: leaveId });
  await recordAudit(ctx, {
    action: 'technician.leave_removed',
    entityType: 'user',
    entityId: id,
    changes: { leaveId },
  });
}

/** Certificates expired or expiring within CERT_WARNING_DAYS (a partner sees its own people's). */
export async function findCertificationWarnings(ctx: ServiceContext): Promise<CertificationWarning[]> {
  const scope = pointScope(ctx);
  if (scope === null) throw new AppError('FORBIDDEN', { permission: 'dispatch.manage' });
  const day = today(ctx);
  const rows = await repo.findExpiringCertifications(
    ctx.db,
    ctx.principal.tenantId,
    addDays(day, CERT_WARNING_DAYS),
    scope ?? undefined,
  );
  return rows.map((r) => ({
    ...serialiseCert(r, day),
    technicianName: r.technicianName,
    servicePointName: r.servicePointName,
  }));
}
