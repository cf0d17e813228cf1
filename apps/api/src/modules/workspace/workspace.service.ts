import {
  type Overview,
  openStatuses,
  type QueueCounts,
  type SavedView,
  savedViewQuery,
  ticketChannels,
  ticketStatuses,
  ticketTypes,
} from '@manyi/contracts';
import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { requireUpdated } from '../../lib/versioned';
import { diff, recordAudit } from '../audit/audit.service';
import { forgetPrincipals } from '../auth/auth.service';
import { VIP_TIERS, visibilityOf } from '../tickets/tickets.service';
import * as repo from './workspace.repository';

const RECENT_DAYS = 7;

/** The raw-SQL form of what the caller may see, for aggregate queries over `tickets`. */
function visibilitySql(ctx: ServiceContext) {
  const v = visibilityOf(ctx);
  if (v.kind === 'team') return v.teamId ? sql`team_id = ${v.teamId}` : sql`false`;
  if (v.kind === 'assignee') return sql`assignee_id = ${v.userId}`;
  return sql`true`;
}

/** How many work orders each queue view holds now; what the caller may not see is not counted. */
export async function countQueues(ctx: ServiceContext): Promise<QueueCounts> {
  const since = new Date(ctx.now().getTime() - RECENT_DAYS * 86_400_000);
  const rows = await repo.countQueues(
    ctx.db,
    ctx.principal.tenantId,
    visibilitySql(ctx),
    { userId: ctx.principal.userId, teamId: ctx.principal.teamId },
    openStatuses,
    since,
  );
  const views = {
    mine: 0,
    team: 0,
    unassigned: 0,
    vip: await repo.countOpenOfTiers(
      ctx.db,
      ctx.principal.tenantId,
      visibilitySql(ctx),
      openStatuses,
      VIP_TIERS,
    ),
    waiting: 0,
    resolved: 0,
  };
  const byStatus = Object.fromEntries(openStatuses.map((s) => [s, 0])) as QueueCounts['byStatus'];
  for (const r of rows) {
    views.mine += r.mine;
    views.team += r.team;
    views.unassigned += r.unassigned;
    views.resolved += r.resolved;
    if (r.status === 'waiting_customer' || r.status === 'waiting_parts') views.waiting += r.open;
    if (r.open > 0) byStatus[r.status as keyof QueueCounts['byStatus']] = r.open;
  }
  return { views, byStatus };
}

const serialiseView = (v: Awaited<ReturnType<typeof repo.findSavedViews>>[number]): SavedView => ({
  ...v,
  createdAt: v.createdAt.toISOString(),
});

/** Checks that a saved view's query is one the queue endpoint would accept. */
function checkQuery(query: Record<string, unknown>) {
  const parsed = savedViewQuery.safeParse(query);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: ['query', ...i.path].join('.'), message: i.message })),
    );
}

export async function findSavedViews(ctx: ServiceContext) {
  return (await repo.findSavedViews(ctx.db, ctx.principal.tenantId, ctx.principal.userId)).map(serialiseView);
}

export async function saveView(
  ctx: ServiceContext,
  input: { name: string; query: Record<string, unknown>; shared: boolean },
) {
  checkQuery(input.query);
  const v = await repo.insertSavedView(ctx.db, {
    tenantId: ctx.principal.tenantId,
    ownerId: ctx.principal.userId,
    ...input,
  });
  await recordAudit(ctx, {
    action: 'saved_view.created',
    entityType: 'saved_view',
    entityId: v.id,
    changes: input,
  });
  return serialiseView(v);
}

async function requireOwnView(ctx: ServiceContext, id: string) {
  const v = await repo.getSavedViewRow(ctx.db, ctx.principal.tenantId, id);
  if (!v || (v.ownerId !== ctx.principal.userId && !v.shared))
    throw new AppError('NOT_FOUND', { entity: 'saved_view', id });
  if (v.ownerId !== ctx.principal.userId) throw new AppError('FORBIDDEN', { reason: 'not_owner' });
  return v;
}

export async function changeView(
  ctx: ServiceContext,
  id: string,
  input: { version: number; name?: string; query?: Record<string, unknown>; shared?: boolean },
) {
  const before = await requireOwnView(ctx, id);
  const { version, ...patch } = input;
  if (patch.query) checkQuery(patch.query);
  const v = await requireUpdated(
    await repo.updateSavedView(ctx.db, ctx.principal.tenantId, id, version, patch),
    'saved_view',
    id,
    () => repo.getSavedViewRow(ctx.db, ctx.principal.tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'saved_view.changed',
    entityType: 'saved_view',
    entityId: id,
    changes: diff(before, patch),
  });
  return serialiseView(v);
}

export async function deleteView(ctx: ServiceContext, id: string) {
  await requireOwnView(ctx, id);
  await repo.deleteSavedView(ctx.db, ctx.principal.tenantId, id);
  await recordAudit(ctx, { action: 'saved_view.deleted', entityType: 'saved_view', entityId: id });
}

/** The supervisor's overview of the last `days` days, in the tenant's time zone. */
export async function getOverview(ctx: ServiceContext, days: number): Promise<Overview> {
  const tz = ctx.principal.tenantTimeZone;
  const now = ctx.now();
  const dayOf = (at: Date) => localDateIn(tz, at);
  // Midnight (tenant time) of the first day: the first day is counted whole.
  const firstDay = dayOf(new Date(now.getTime() - (days - 1) * 86_400_000));
  const since = new Date(now.getTime() - days * 86_400_000 - 86_400_000);
  const q = await repo.overviewQueries(ctx.db, ctx.principal.tenantId, tz, since, openStatuses);

  const dayList: string[] = [];
  for (let i = days - 1; i >= 0; i--) dayList.push(dayOf(new Date(now.getTime() - i * 86_400_000)));
  const emptyTypes = () =>
    Object.fromEntries(ticketTypes.map((t) => [t, 0])) as Overview['incomingByDay'][number]['byType'];
  const byDay = new Map(dayList.map((d) => [d, { day: d, byType: emptyTypes(), total: 0 }]));
  let opened = 0;
  for (const r of q.incoming) {
    const entry = byDay.get(r.day);
    if (!entry || r.day < firstDay) continue;
    entry.byType[r.type as keyof typeof entry.byType] += r.n;
    entry.total += r.n;
    opened += r.n;
  }
  const byChannel = Object.fromEntries(ticketChannels.map((c) => [c, 0])) as Overview['byChannel'];
  for (const r of q.byChannel) byChannel[r.channel as keyof typeof byChannel] = r.n;
  const openByStatus = Object.fromEntries(ticketStatuses.map((s) => [s, 0])) as Overview['openByStatus'];
  const ageBuckets = ['lt1d', '1to3d', '3to7d', '7to30d', 'gt30d'] as const;
  const age = Object.fromEntries(ageBuckets.map((b) => [b, 0])) as Record<
    (typeof ageBuckets)[number],
    number
  >;
  let open = 0;
  let unassigned = 0;
  for (const r of q.openRows) {
    openByStatus[r.status as keyof typeof openByStatus] += r.n;
    age[r.age as keyof typeof age] += r.n;
    open += r.n;
    unassigned += r.unassigned;
  }
  return {
    days,
    incomingByDay: [...byDay.values()],
    openByStatus,
    openByAge: ageBuckets.map((bucket) => ({ bucket, count: age[bucket] })),
    byChannel,
    agentLoad: q.load.map((l) => ({ userId: l.user_id, name: l.name, open: l.open, urgent: l.urgent })),
    totals: { opened, resolved: q.resolved, open, unassigned },
  };
}

export async function getTenantSettings(ctx: ServiceContext) {
  const t = await repo.getTenantRow(ctx.db, ctx.principal.tenantId);
  if (!t) throw new AppError('NOT_FOUND', { entity: 'tenant' });
  return t;
}

export async function changeTenantSettings(
  ctx: ServiceContext,
  input: { version: number; name?: string; timeZone?: string; ticketPrefix?: string },
) {
  const before = await getTenantSettings(ctx);
  const { version, ...patch } = input;
  const t = await requireUpdated(
    await repo.updateTenant(ctx.db, ctx.principal.tenantId, version, patch),
    'tenant',
    before.id,
    () => repo.getTenantRow(ctx.db, ctx.principal.tenantId),
  );
  forgetPrincipals();
  await recordAudit(ctx, {
    action: 'tenant.changed',
    entityType: 'tenant',
    entityId: before.id,
    changes: diff(before, patch),
  });
  return t;
}
