import type { TicketPriority } from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import { schema } from '@manyi/db';
import type { EscalationAction } from '@manyi/db/schema/agreements';
import { eq } from 'drizzle-orm';
import { type Config, loadConfig } from '../../config';
import { AppError } from '../../lib/app-error';
import { type ServiceContext, systemPrincipal } from '../../lib/context';
import { requireUpdated } from '../../lib/versioned';
import { insertAudit } from '../audit/audit.repository';
import { diff, recordAudit } from '../audit/audit.service';
import { announceTicketAfterCommit } from '../live/live-hub';
import * as ticketsRepo from '../tickets/tickets.repository';
import * as tickets from '../tickets/tickets.service';
import * as repo from './commitments.repository';
import { forgetCommitmentConfig } from './commitments.service';

type RuleInput = {
  name: string;
  metric: 'first_response' | 'on_site' | 'resolution';
  trigger: 'at_risk' | 'breached';
  thresholdPct: number;
  actions: EscalationAction[];
  active?: boolean;
};

/**
 * A new tenant's rules: warn the assignee when three quarters of an on-site or resolution promise is used;
 * when a promise is broken, alert the supervisors (and for on-site and resolution, raise the priority).
 */
export async function createDefaultEscalationRules(db: Executor, tenantId: string) {
  const rules: RuleInput[] = [
    {
      name: '上门承诺将到期：提醒处理人',
      metric: 'on_site',
      trigger: 'at_risk',
      thresholdPct: 75,
      actions: [{ type: 'notify_assignee' }],
    },
    {
      name: '解决承诺将到期：提醒处理人',
      metric: 'resolution',
      trigger: 'at_risk',
      thresholdPct: 75,
      actions: [{ type: 'notify_assignee' }],
    },
    {
      name: '首次响应超时：通知主管',
      metric: 'first_response',
      trigger: 'breached',
      thresholdPct: 100,
      actions: [{ type: 'alert_supervisors' }],
    },
    {
      name: '上门超时：通知主管并升级优先级',
      metric: 'on_site',
      trigger: 'breached',
      thresholdPct: 100,
      actions: [{ type: 'alert_supervisors' }, { type: 'raise_priority' }],
    },
    {
      name: '解决超时：通知主管并升级优先级',
      metric: 'resolution',
      trigger: 'breached',
      thresholdPct: 100,
      actions: [{ type: 'alert_supervisors' }, { type: 'raise_priority' }],
    },
  ];
  for (const r of rules) await repo.insertRule(db, { tenantId, against: 'promise', ...r });
}

const serialiseRule = (r: repo.RuleRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function findRules(ctx: ServiceContext) {
  return (await repo.findRules(ctx.db, ctx.principal.tenantId)).map(serialiseRule);
}

async function checkActions(ctx: ServiceContext, actions: EscalationAction[]) {
  for (const a of actions) {
    if (a.type !== 'reassign') continue;
    if (!a.teamId && !a.assigneeId)
      throw new AppError('VALIDATION_FAILED', [
        { path: 'actions', message: 'reassign needs a team or a person' },
      ]);
    if (a.teamId && !(await ticketsRepo.teamExists(ctx.db, ctx.principal.tenantId, a.teamId)))
      throw new AppError('REFERENCE_INVALID', { field: 'actions.teamId' });
    if (a.assigneeId && !(await ticketsRepo.getActiveUser(ctx.db, ctx.principal.tenantId, a.assigneeId)))
      throw new AppError('REFERENCE_INVALID', { field: 'actions.assigneeId' });
  }
}

export async function createRule(ctx: ServiceContext, input: RuleInput) {
  await checkActions(ctx, input.actions);
  const r = await repo.insertRule(ctx.db, { tenantId: ctx.principal.tenantId, against: 'promise', ...input });
  forgetCommitmentConfig(ctx.principal.tenantId);
  await recordAudit(ctx, {
    action: 'escalation_rule.created',
    entityType: 'escalation_rule',
    entityId: r.id,
    changes: input,
  });
  return (await findRules(ctx)).find((x) => x.id === r.id)!;
}

export async function changeRule(
  ctx: ServiceContext,
  id: string,
  input: Partial<RuleInput> & { version: number },
) {
  const before = (await findRules(ctx)).find((x) => x.id === id);
  if (!before) throw new AppError('NOT_FOUND', { entity: 'escalation_rule', id });
  const { version, ...patch } = input;
  if (patch.actions) await checkActions(ctx, patch.actions);
  await requireUpdated(
    await repo.updateRule(ctx.db, ctx.principal.tenantId, id, version, patch),
    'escalation_rule',
    id,
    async () => (await findRules(ctx)).find((x) => x.id === id) ?? null,
  );
  forgetCommitmentConfig(ctx.principal.tenantId);
  await recordAudit(ctx, {
    action: 'escalation_rule.changed',
    entityType: 'escalation_rule',
    entityId: id,
    changes: diff(before, patch),
  });
  return (await findRules(ctx)).find((x) => x.id === id)!;
}

const raised: Record<TicketPriority, TicketPriority> = {
  low: 'normal',
  normal: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

/**
 * The sweep acts as the system, through the same ticket service as a person: a raised priority is a
 * fields_changed entry (and moves the due times), a reassignment an `assigned` entry, and the live hub tells the
 * old and the new team. The system is a supervisor for visibility; its author id is the nil UUID (no user).
 */
async function systemContext(
  database: Database,
  db: Executor,
  config: Config,
  tenantId: string,
  now: Date,
  afterCommit: (task: () => Promise<void>) => void,
): Promise<ServiceContext | null> {
  const [t] = await db
    .select({ timeZone: schema.tenants.timeZone, ticketPrefix: schema.tenants.ticketPrefix })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  if (!t) return null;
  return {
    db,
    database,
    config,
    lang: 'zh',
    requestId: `escalation-sweep-${now.toISOString()}`,
    now: () => now,
    afterCommit,
    principal: systemPrincipal({ id: tenantId, ...t }, 'system', { credentialId: 'escalation-sweep' }),
  };
}

/**
 * One sweep over every tenant: claims the clocks that crossed their at-risk point or broke their promise since
 * the last sweep (each exactly once, whichever instance sweeps) and runs the tenant's rules for them, writing
 * each action on the work order's timeline. Returns how many events it handled.
 */
export async function sweepCommitments(
  database: Database,
  now = new Date(),
  config: Config = loadConfig({}),
): Promise<number> {
  let handled = 0;
  for (const kind of ['breached', 'at_risk'] as const) {
    for (;;) {
      // Live notices go out after the commit (as inTransaction does for a person's change).
      const tasks: (() => Promise<void>)[] = [];
      const afterCommit = (task: () => Promise<void>) => void tasks.push(task);
      const n = await database.db.transaction(async (tx) => {
        const claimed = await repo.claimCrossed(tx, kind, now);
        const rulesByTenant = new Map<string, repo.RuleRow[]>();
        const ctxByTenant = new Map<string, ServiceContext | null>();
        for (const c of claimed) {
          let rules = rulesByTenant.get(c.tenantId);
          if (!rules) {
            rules = await repo.findRules(tx, c.tenantId);
            rulesByTenant.set(c.tenantId, rules);
          }
          if (!ctxByTenant.has(c.tenantId))
            ctxByTenant.set(
              c.tenantId,
              await systemContext(database, tx, config, c.tenantId, now, afterCommit),
            );
          const ctx = ctxByTenant.get(c.tenantId);
          if (!ctx) continue;
          await escalate(
            ctx,
            c,
            kind,
            rules.filter((r) => r.active && r.trigger === kind && r.metric === c.metric),
          );
        }
        return claimed.length;
      });
      for (const task of tasks) await task();
      handled += n;
      if (n < 500) break;
    }
  }
  return handled;
}

async function escalate(
  ctx: ServiceContext,
  clock: { tenantId: string; ticketId: string; metric: string },
  kind: 'at_risk' | 'breached',
  rules: repo.RuleRow[],
) {
  const db = ctx.db;
  const now = ctx.now();
  let ticket = await ticketsRepo.getTicketRow(db, clock.tenantId, clock.ticketId, { kind: 'all' });
  if (!ticket) return;
  const ticketId = ticket.id;
  const event = async (data: Record<string, unknown>) =>
    ticketsRepo.insertEvent(db, {
      tenantId: clock.tenantId,
      ticketId,
      kind: 'commitment',
      authorId: null,
      data,
      createdAt: now,
    });
  await event({ event: kind, metric: clock.metric, rules: rules.map((r) => r.name) });
  const note = { metric: clock.metric, event: kind, number: ticket.number, subject: ticket.subject };
  const announced = { teamId: ticket.teamId, assigneeId: ticket.assigneeId };
  for (const rule of rules) {
    for (const action of rule.actions) {
      if (action.type === 'notify_assignee' && ticket.assigneeId) {
        await repo.insertNotifications(db, [
          {
            tenantId: clock.tenantId,
            userId: ticket.assigneeId,
            ticketId,
            kind: `commitment.${kind}`,
            data: note,
          },
        ]);
        await event({ event: 'escalated', action: action.type, rule: rule.name });
      } else if (action.type === 'alert_supervisors') {
        const sups = await repo.findSupervisors(db, clock.tenantId);
        await repo.insertNotifications(
          db,
          sups.map((s) => ({
            tenantId: clock.tenantId,
            userId: s.id,
            ticketId,
            kind: `commitment.${kind}`,
            data: note,
          })),
        );
        await event({ event: 'escalated', action: action.type, rule: rule.name, notified: sups.length });
      } else if (action.type === 'raise_priority' && ticket.priority !== 'urgent') {
        const from = ticket.priority;
        const to = raised[from];
        const failed = await attempt(() =>
          tickets.changeTicket(ctx, ticketId, { version: ticket!.version, priority: to }),
        );
        await event({ event: 'escalated', action: action.type, rule: rule.name, from, to, ...failed });
      } else if (action.type === 'reassign') {
        const teamId = action.teamId ?? ticket.teamId;
        const assigneeId = action.assigneeId ?? null;
        const failed = await attempt(() =>
          tickets.assignTicket(ctx, ticketId, { version: ticket!.version, teamId, assigneeId }),
        );
        await event({
          event: 'escalated',
          action: action.type,
          rule: rule.name,
          teamId,
          assigneeId,
          ...failed,
        });
      }
      // The next action works on the work order as it now is (version, priority, assignee).
      ticket = (await ticketsRepo.getTicketRow(db, clock.tenantId, ticketId, { kind: 'all' })) ?? ticket;
    }
  }
  await recordAuditSystem(db, clock.tenantId, ticketId, kind, rules);
  // Changes above announced themselves; this tells whoever held the work before the sweep about the escalation.
  await announceTicketAfterCommit(ctx, {
    tenantId: clock.tenantId,
    ticketId,
    type: 'ticket.changed',
    teamIds: [...new Set([announced.teamId, ticket.teamId])],
    assigneeIds: [...new Set([announced.assigneeId, ticket.assigneeId])],
  });
}

/** Runs a ticket change; a refusal (e.g. the rule's team was removed) is written on the timeline, not thrown. */
async function attempt(fn: () => Promise<unknown>): Promise<{ failed?: string }> {
  try {
    await fn();
    return {};
  } catch (err) {
    if (err instanceof AppError) return { failed: err.code };
    throw err;
  }
}

async function recordAuditSystem(
  db: Executor,
  tenantId: string,
  ticketId: string,
  kind: string,
  rules: repo.RuleRow[],
) {
  await insertAudit(db, {
    tenantId,
    actorUserId: null,
    actorKind: 'system',
    action: `ticket.commitment_${kind}`,
    entityType: 'ticket',
    entityId: ticketId,
    changes: { rules: rules.map((r) => r.name) },
    requestId: null,
  });
}

export async function findNotifications(ctx: ServiceContext, limit: number) {
  const rows = await repo.findNotifications(ctx.db, ctx.principal.tenantId, ctx.principal.userId, limit);
  const unread = await repo.countUnreadNotifications(ctx.db, ctx.principal.tenantId, ctx.principal.userId);
  return {
    items: rows.map((n) => ({
      ...n,
      data: n.data as Record<string, unknown>,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    unread,
  };
}

export async function markNotificationsRead(ctx: ServiceContext, ids: string[]) {
  await repo.markNotificationsRead(ctx.db, ctx.principal.tenantId, ctx.principal.userId, ids, ctx.now());
}

export async function markAllNotificationsRead(ctx: ServiceContext) {
  await repo.markAllNotificationsRead(ctx.db, ctx.principal.tenantId, ctx.principal.userId, ctx.now());
}
