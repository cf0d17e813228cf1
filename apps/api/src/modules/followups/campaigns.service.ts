import type { Campaign, CampaignFilter, CampaignPreview, campaignCreateBody } from '@manyi/contracts';
import { ticketCreateBody } from '@manyi/contracts';
import type { Database, Executor } from '@manyi/db';
import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../lib/app-error';
import { inTransaction, type ServiceContext, SYSTEM_USER_ID, systemPrincipal } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { iso, requireUpdated } from '../../lib/versioned';
import { recordAudit } from '../audit/audit.service';
import { inviteCampaignCustomers } from '../surveys/survey-triggers';
import { openTicket } from '../tickets/tickets.service';
import * as repo from './followups.repository';

export const CAMPAIGN_QUEUE = 'campaign-run';
/** Units handled per step: one set-based insert per batch, progress saved after each. */
const BATCH = 2_000;

/**
 * Where campaign runs go: the pg-boss instance of this process when jobs run here (registered by the jobs
 * plugin), else they run in the caller's request (tests, jobs switched off).
 */
const runtime: { boss: PgBoss | null } = { boss: null };

/** Registers the campaign queue with this instance's pg-boss (called once from plugins/jobs.ts). */
export async function startCampaignJobs(
  boss: PgBoss,
  database: Database,
  config: Config | null,
  log: FastifyBaseLogger,
) {
  await boss.createQueue(CAMPAIGN_QUEUE);
  await boss.work<{ campaignId: string }>(CAMPAIGN_QUEUE, async (jobs) => {
    for (const job of jobs) {
      const result = await runCampaign(database, config, job.data.campaignId);
      log.info({ campaignId: job.data.campaignId, ...result }, 'campaign run');
    }
  });
  runtime.boss = boss;
}

export function stopCampaignJobs() {
  runtime.boss = null;
}

function serialise(c: repo.CampaignRow): Campaign {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    filter: c.filter as CampaignFilter,
    action: c.action,
    ticketType: c.ticketType,
    dueAt: iso(c.dueAt),
    status: c.status,
    total: c.total,
    processed: c.processed,
    created: c.created,
    error: c.error,
    startedAt: iso(c.startedAt),
    finishedAt: iso(c.finishedAt),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The filter as the repository runs it; "older than N months" counted from `at` in the tenant's time zone. */
export function unitFilterOf(f: CampaignFilter, timeZone: string, at: Date): repo.UnitFilter {
  let sinceOnOrBefore: string | undefined;
  if (f.minAgeMonths !== undefined && f.minAgeMonths > 0) {
    const [y, m, d] = localDateIn(timeZone, at).split('-').map(Number) as [number, number, number];
    const months = y * 12 + (m - 1) - f.minAgeMonths;
    const year = Math.floor(months / 12);
    const month = (months % 12) + 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    sinceOnOrBefore = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
  }
  return {
    categories: f.categories,
    sinceOnOrBefore,
    provinceCodes: f.provinceCodes,
    cityCodes: f.cityCodes,
    tiers: f.tiers,
  };
}

export async function previewCampaign(ctx: ServiceContext, filter: CampaignFilter): Promise<CampaignPreview> {
  const f = unitFilterOf(filter, ctx.principal.tenantTimeZone, ctx.now());
  const counts = await repo.countUnits(ctx.db, ctx.principal.tenantId, f);
  const sample = await repo.sampleUnits(ctx.db, ctx.principal.tenantId, f, 8);
  return {
    ...counts,
    sample: sample.map((s) => ({
      unitId: s.unit_id,
      customerName: s.customer_name,
      productName: s.product_name,
      city: s.city,
      since: s.since,
    })),
  };
}

export async function createCampaign(ctx: ServiceContext, input: z.infer<typeof campaignCreateBody>) {
  const now = ctx.now();
  const row = await repo.insertCampaign(ctx.db, {
    tenantId: ctx.principal.tenantId,
    name: input.name,
    description: input.description ?? null,
    filter: input.filter,
    action: input.action,
    ticketType: input.action === 'ticket' ? (input.ticketType ?? 'maintenance') : null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    createdById: ctx.principal.userId,
    createdAt: now,
  });
  await recordAudit(ctx, {
    action: 'campaign.created',
    entityType: 'campaign',
    entityId: row.id,
    changes: { name: row.name, action: row.action, filter: row.filter },
  });
  return serialise(row);
}

export async function findCampaigns(ctx: ServiceContext) {
  return { items: (await repo.findCampaigns(ctx.db, ctx.principal.tenantId)).map(serialise) };
}

export async function getCampaign(ctx: ServiceContext, id: string) {
  const c = await repo.getCampaign(ctx.db, ctx.principal.tenantId, id);
  if (!c) throw new AppError('NOT_FOUND', { entity: 'campaign', id });
  return serialise(c);
}

/** Starts a draft (or resumes a failed) campaign once; a second start is CAMPAIGN_ALREADY_STARTED. */
export async function startCampaign(ctx: ServiceContext, id: string, version: number) {
  const tenantId = ctx.principal.tenantId;
  const c = await repo.getCampaign(ctx.db, tenantId, id);
  if (!c) throw new AppError('NOT_FOUND', { entity: 'campaign', id });
  if (c.status === 'running' || c.status === 'done')
    throw new AppError('CAMPAIGN_ALREADY_STARTED', { status: c.status });
  const now = ctx.now();
  const { units } = await repo.countUnits(
    ctx.db,
    tenantId,
    unitFilterOf(c.filter as CampaignFilter, ctx.principal.tenantTimeZone, now),
  );
  const started = await requireUpdated(
    await repo.claimCampaignStart(ctx.db, tenantId, id, version, units, now),
    'campaign',
    id,
    () => repo.getCampaign(ctx.db, tenantId, id),
  );
  await recordAudit(ctx, {
    action: 'campaign.started',
    entityType: 'campaign',
    entityId: id,
    changes: { total: units },
  });
  return serialise(started);
}

/** Hands a started campaign to the job queue (or runs it here when this instance runs no jobs). */
export async function dispatchCampaignRun(database: Database, config: Config | null, id: string) {
  if (runtime.boss) {
    await runtime.boss.send(CAMPAIGN_QUEUE, { campaignId: id }, { singletonKey: id });
    return;
  }
  // Inline: a failure is recorded on the campaign (status failed, error) and can be resumed with another start.
  await runCampaign(database, config, id).catch(() => undefined);
}

/**
 * Acts on every matching unit in batches, saving progress after each. Idempotent: follow-ups are unique per
 * (campaign, unit) and work orders are claimed through campaign_units first, so a retried or resumed run never
 * acts twice on a unit.
 */
export async function runCampaign(
  database: Database,
  config: Config | null,
  id: string,
  /** Another executor (the demo seed's open transaction); by default the database itself. */
  executor?: Executor,
) {
  const db = executor ?? database.db;
  const c = await repo.getCampaignById(db, id);
  if (c?.status !== 'running') return { skipped: true, created: 0 };
  const tenant = await repo.getTenantFacts(db, c.tenantId);
  const startedAt = c.startedAt ?? new Date();
  const filter = unitFilterOf(c.filter as CampaignFilter, tenant!.timeZone, startedAt);
  let processed = 0;
  let created = await repo.countCampaignResults(db, c);
  let after: string | null = null;
  // Work orders are opened as the campaign's creator would, through the same service as by hand.
  const base: ServiceContext = {
    db,
    database,
    config: config as Config,
    principal: { ...systemPrincipal(tenant!), userId: c.createdById ?? SYSTEM_USER_ID },
    lang: 'zh',
    requestId: `campaign:${c.id}`,
    now: () => new Date(),
  };
  try {
    for (;;) {
      const batch = await repo.nextUnitBatch(db, c.tenantId, filter, after, BATCH);
      if (batch.length === 0) break;
      if (c.action === 'followup') {
        const now = new Date();
        created += await repo.insertCampaignFollowups(
          db,
          batch.map((u) => ({
            tenantId: c.tenantId,
            customerId: u.customer_id,
            unitId: u.id,
            campaignId: c.id,
            reason: 'campaign' as const,
            dueAt: c.dueAt ?? startedAt,
            createdAt: now,
            updatedAt: now,
          })),
        );
      } else if (c.action === 'survey') {
        // Survey campaign: one invitation per customer (surveys/survey-triggers.ts).
        created += await inviteCampaignCustomers(
          db,
          c,
          batch.map((u) => u.customer_id),
          new Date(),
        );
      } else {
        const done = await repo.doneUnitsOf(
          db,
          c.id,
          batch.map((u) => u.id),
        );
        for (const u of batch) {
          if (done.has(u.id)) continue;
          const made = await inTransaction(base, async (ctx) => {
            if (
              !(await repo.insertCampaignUnit(ctx.db, {
                campaignId: c.id,
                unitId: u.id,
                tenantId: c.tenantId,
              }))
            )
              return false;
            const t = await openTicket(
              ctx,
              ticketCreateBody.parse({
                type: c.ticketType ?? 'maintenance',
                channel: 'api',
                subject: c.name,
                description: c.description ?? c.name,
                customerId: u.customer_id,
                unitId: u.id,
                tags: ['关怀活动'],
              }),
            );
            await repo.setCampaignUnitTicket(ctx.db, c.id, u.id, t.id);
            return true;
          });
          if (made) created += 1;
        }
      }
      processed += batch.length;
      after = batch.at(-1)!.id;
      await repo.setCampaignProgress(db, c.id, { processed, created });
    }
    await repo.setCampaignProgress(db, c.id, {
      processed,
      total: Math.max(c.total, processed),
      created: await repo.countCampaignResults(db, c),
      status: 'done',
      finishedAt: new Date(),
    });
  } catch (err) {
    await repo.setCampaignProgress(db, c.id, {
      processed,
      created,
      status: 'failed',
      error: err instanceof Error ? err.message.slice(0, 500) : String(err),
      finishedAt: new Date(),
    });
    throw err;
  }
  return { skipped: false, processed, created };
}
