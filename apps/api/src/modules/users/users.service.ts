import type { Role, User } from '@manyi/contracts';
import { createTicketSequence, type Executor } from '@manyi/db';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { iso, requireUpdated } from '../../lib/versioned';
import { createDefaultAgreements } from '../agreements/agreements.service';
import { diff, recordAudit } from '../audit/audit.service';
import { forgetPrincipals } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { createDefaultEscalationRules } from '../commitments/escalation.service';
import * as repo from './users.repository';

/** Creates a tenant with its work-order number sequence, a service calendar, agreements and escalation rules. Used by first start, demo data and tests. */
export async function createTenant(
  db: Executor,
  input: { slug: string; name: string; timeZone?: string; ticketPrefix?: string },
) {
  const tenant = await repo.insertTenant(db, input);
  await createTicketSequence(db, tenant.id);
  await createDefaultAgreements(db, tenant.id);
  await createDefaultEscalationRules(db, tenant.id);
  return tenant;
}

export function checkPassword(email: string, password: string) {
  if (password.length < 10 || password.toLowerCase() === email.toLowerCase())
    throw new AppError('WEAK_PASSWORD');
}

/** Creates a user in a tenant (no principal needed: first start, demo data, tests). */
export async function createUserInTenant(
  db: Executor,
  tenantId: string,
  input: {
    email: string;
    displayName: string;
    role: Role;
    password: string;
    teamId?: string | null;
    locale?: string;
  },
) {
  checkPassword(input.email, input.password);
  return repo.insertUser(db, {
    tenantId,
    email: input.email.toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    teamId: input.teamId ?? null,
    locale: input.locale ?? 'zh-CN',
    passwordHash: await hashPassword(input.password),
  });
}

export function serialiseUser(u: repo.UserRow): User {
  return {
    ...u,
    role: u.role as Role,
    locale: u.locale === 'en' ? 'en' : 'zh-CN',
    lockedUntil: iso(u.lockedUntil),
    createdAt: u.createdAt.toISOString(),
  };
}

async function requireTeam(ctx: ServiceContext, teamId: string | null | undefined) {
  if (!teamId) return;
  if (!(await repo.getTeamRow(ctx.db, ctx.principal.tenantId, teamId)))
    throw new AppError('REFERENCE_INVALID', { field: 'teamId' });
}

export async function createUser(
  ctx: ServiceContext,
  input: {
    email: string;
    displayName: string;
    role: Role;
    password: string;
    teamId: string | null;
    locale: 'zh-CN' | 'en';
  },
) {
  await requireTeam(ctx, input.teamId);
  const u = await createUserInTenant(ctx.db, ctx.principal.tenantId, input);
  await recordAudit(ctx, {
    action: 'user.created',
    entityType: 'user',
    entityId: u.id,
    changes: { email: u.email, role: u.role, teamId: u.teamId },
  });
  return serialiseUser(u);
}

export async function findUsers(ctx: ServiceContext) {
  return (await repo.findUsers(ctx.db, ctx.principal.tenantId)).map(serialiseUser);
}

export async function changeUser(
  ctx: ServiceContext,
  id: string,
  input: {
    version: number;
    displayName?: string;
    role?: Role;
    teamId?: string | null;
    locale?: 'zh-CN' | 'en';
    active?: boolean;
  },
) {
  const { version, ...patch } = input;
  const before = await repo.getUserRow(ctx.db, ctx.principal.tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'user', id });
  await requireTeam(ctx, patch.teamId);
  if (id === ctx.principal.userId && (patch.active === false || (patch.role && patch.role !== 'admin')))
    throw new AppError('FORBIDDEN', { reason: 'cannot_demote_or_disable_self' });
  const updated = await requireUpdated(
    await repo.updateUser(ctx.db, ctx.principal.tenantId, id, version, patch),
    'user',
    id,
    () => repo.getUserRow(ctx.db, ctx.principal.tenantId, id),
  );
  forgetPrincipals();
  await recordAudit(ctx, {
    action: 'user.changed',
    entityType: 'user',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialiseUser(updated);
}

export async function resetUserPassword(
  ctx: ServiceContext,
  id: string,
  input: { version: number; password: string },
) {
  const before = await repo.getUserRow(ctx.db, ctx.principal.tenantId, id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'user', id });
  checkPassword(before.email, input.password);
  const updated = await requireUpdated(
    await repo.updateUser(ctx.db, ctx.principal.tenantId, id, input.version, {
      passwordHash: await hashPassword(input.password),
      failedLogins: 0,
      lockedUntil: null,
    }),
    'user',
    id,
    () => repo.getUserRow(ctx.db, ctx.principal.tenantId, id),
  );
  await recordAudit(ctx, { action: 'user.password_reset', entityType: 'user', entityId: id });
  return serialiseUser(updated);
}

const serialiseTeam = (t: Awaited<ReturnType<typeof repo.findTeams>>[number]) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
});

export async function findTeams(ctx: ServiceContext) {
  return (await repo.findTeams(ctx.db, ctx.principal.tenantId)).map(serialiseTeam);
}

export async function createTeam(
  ctx: ServiceContext,
  input: { name: string; kind: 'internal' | 'service_point' },
) {
  const t = await repo.insertTeam(ctx.db, { tenantId: ctx.principal.tenantId, ...input });
  await recordAudit(ctx, { action: 'team.created', entityType: 'team', entityId: t.id, changes: input });
  return serialiseTeam(t);
}

export async function renameTeam(ctx: ServiceContext, id: string, input: { name: string; version: number }) {
  const updated = await requireUpdated(
    await repo.renameTeam(ctx.db, ctx.principal.tenantId, id, input.version, input.name),
    'team',
    id,
    () => repo.getTeamRow(ctx.db, ctx.principal.tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'team.renamed',
    entityType: 'team',
    entityId: id,
    changes: { name: input.name },
  });
  return serialiseTeam(updated);
}
