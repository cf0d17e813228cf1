import type {
  CommitmentClock,
  CommitmentMetric,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import type { ServiceContext } from '../../lib/context';
import { localDateIn } from '../../lib/local-date';
import { iso } from '../../lib/versioned';
import {
  agreementsRepository as agreementsRepo,
  type CoverageFacts,
  findCoveringAgreement,
} from '../agreements/agreements.service';
import { loadCompiledCalendar } from '../agreements/calendars.service';
import {
  addWorkingTime,
  type CompiledCalendar,
  workingMinutesBetween,
  yearsWithoutHolidayData,
} from '../calendars/business-time';
// Visits decide when arrival on site is met (at check-in for field work).
import { arrivalMetAtCheckIn } from '../visits/visit-clocks';
import * as repo from './commitments.repository';

/** Statuses that stop the clocks while the ball is in the customer's or the supplier's court. */
export const DEFAULT_PAUSE_STATUSES: readonly TicketStatus[] = ['waiting_customer', 'waiting_parts'];
const DEFAULT_AT_RISK_PCT = 75;

export interface ClockPlan {
  metric: CommitmentMetric;
  promiseMinutes: number;
  internalMinutes: number;
  promiseDueAt: Date;
  internalDueAt: Date;
  atRiskDueAt: Date | null;
}

export interface CommitmentPlan {
  agreementId: string | null;
  agreementCode: string | null;
  agreementName: string | null;
  calendarId: string | null;
  clocks: ClockPlan[];
  nextDueAt: Date | null;
  /** Years the due times reach without holiday data: the clocks count those days as ordinary days. */
  missingHolidayYears: number[];
}

/** Per-tenant agreements, targets and rules, cached briefly: opening a work order must stay cheap. */
const configCache = new Map<string, { at: number; value: Promise<TenantConfig> }>();
const CONFIG_MS = 5_000;
interface TenantConfig {
  agreements: Awaited<ReturnType<typeof agreementsRepo.findAgreements>>;
  targets: Awaited<ReturnType<typeof agreementsRepo.findTargets>>;
  rules: repo.RuleRow[];
}

async function tenantConfig(db: Executor, tenantId: string, now = Date.now()): Promise<TenantConfig> {
  const hit = configCache.get(tenantId);
  if (hit && now - hit.at < CONFIG_MS) return hit.value;
  const value = (async () => {
    const agreements = await agreementsRepo.findAgreements(db, tenantId, true);
    const targets = await agreementsRepo.findTargets(
      db,
      tenantId,
      agreements.map((a) => a.id),
    );
    return { agreements, targets, rules: await repo.findRules(db, tenantId) };
  })();
  configCache.set(tenantId, { at: now, value });
  value.catch(() => configCache.delete(tenantId));
  return value;
}

/** Drops this instance's cached agreements and rules of a tenant (after an edit). */
export function forgetCommitmentConfig(tenantId: string) {
  configCache.delete(tenantId);
}

function atRiskPct(config: TenantConfig, metric: CommitmentMetric): number | null {
  const rules = config.rules.filter((r) => r.active && r.trigger === 'at_risk' && r.metric === metric);
  if (rules.length === 0) return null;
  return Math.min(...rules.map((r) => r.thresholdPct || DEFAULT_AT_RISK_PCT));
}

/** Due moments of a running clock: what is left of each target, counted on from the segment's start. */
export function dueTimes(
  cal: CompiledCalendar,
  c: { segmentStartedAt: Date; consumedMinutes: number; promiseMinutes: number; internalMinutes: number },
  riskPct: number | null,
) {
  const at = (target: number) => {
    const left = target - c.consumedMinutes;
    return left <= 0 ? c.segmentStartedAt : addWorkingTime(cal, c.segmentStartedAt, left);
  };
  return {
    promiseDueAt: at(c.promiseMinutes),
    internalDueAt: at(c.internalMinutes),
    atRiskDueAt: riskPct === null ? null : at((c.promiseMinutes * riskPct) / 100),
  };
}

/**
 * Which agreement covers a new work order and its clocks: the customer promise and the internal target of
 * each metric for its type and priority, with their due times in the agreement's business calendar.
 */
export async function planCommitments(
  ctx: ServiceContext,
  input: {
    type: TicketType;
    priority: TicketPriority;
    customerId: string;
    tier: string;
    category: string | null;
    at: Date;
  },
): Promise<CommitmentPlan> {
  const none: CommitmentPlan = {
    agreementId: null,
    agreementCode: null,
    agreementName: null,
    calendarId: null,
    clocks: [],
    nextDueAt: null,
    missingHolidayYears: [],
  };
  const config = await tenantConfig(ctx.db, ctx.principal.tenantId);
  const facts: CoverageFacts = {
    customerId: input.customerId,
    tier: input.tier,
    category: input.category,
    onDate: localDateIn(ctx.principal.tenantTimeZone, input.at),
  };
  const agreement = await findCoveringAgreement(ctx.db, ctx.principal.tenantId, facts, config.agreements);
  if (!agreement) return none;
  const cal = await loadCompiledCalendar(ctx.db, agreement.calendarId);
  const clocks = config.targets
    .filter(
      (t) => t.agreementId === agreement.id && t.ticketType === input.type && t.priority === input.priority,
    )
    .map((t) => ({
      metric: t.metric,
      promiseMinutes: t.promiseMinutes,
      internalMinutes: t.internalMinutes,
      ...dueTimes(cal, { segmentStartedAt: input.at, consumedMinutes: 0, ...t }, atRiskPct(config, t.metric)),
    }));
  const nextDueAt = clocks.length ? new Date(Math.min(...clocks.map((c) => c.promiseDueAt.getTime()))) : null;
  const furthest = clocks.length
    ? new Date(Math.max(...clocks.map((c) => c.promiseDueAt.getTime())))
    : input.at;
  return {
    agreementId: agreement.id,
    agreementCode: agreement.code,
    agreementName: agreement.name,
    calendarId: agreement.calendarId,
    clocks,
    nextDueAt,
    missingHolidayYears: yearsWithoutHolidayData(cal, input.at, furthest),
  };
}

type TimelineWriter = (event: Record<string, unknown>) => Promise<void>;

/** Stores the planned clocks of a new work order (its row already carries the agreement and next due time). */
/**
 * What starting the planned clocks of a new work order writes: the clock rows and the timeline entry's data
 * (null without an agreement). Opening a work order sends them with its own insert, in one statement.
 */
export function startingRows(
  ctx: ServiceContext,
  ticketId: string,
  plan: CommitmentPlan,
  at: Date,
): { clocks: repo.ClockInsert[]; event: Record<string, unknown> } | null {
  if (!plan.agreementId) return null;
  return {
    clocks: plan.clocks.map((c) => ({
      tenantId: ctx.principal.tenantId,
      ticketId,
      metric: c.metric,
      agreementId: plan.agreementId,
      calendarId: plan.calendarId,
      promiseMinutes: c.promiseMinutes,
      internalMinutes: c.internalMinutes,
      startedAt: at,
      segmentStartedAt: at,
      promiseDueAt: c.promiseDueAt,
      internalDueAt: c.internalDueAt,
      atRiskDueAt: c.atRiskDueAt,
    })),
    event: {
      event: 'started',
      agreement: { code: plan.agreementCode, name: plan.agreementName },
      clocks: plan.clocks.map((c) => ({
        metric: c.metric,
        promiseMinutes: c.promiseMinutes,
        internalMinutes: c.internalMinutes,
        promiseDueAt: c.promiseDueAt.toISOString(),
        internalDueAt: c.internalDueAt.toISOString(),
      })),
      ...(plan.missingHolidayYears.length ? { missingHolidayYears: plan.missingHolidayYears } : {}),
    },
  };
}

/** Stores the planned clocks of a new work order (its row already carries the agreement and next due time). */
export async function startCommitments(
  ctx: ServiceContext,
  ticketId: string,
  plan: CommitmentPlan,
  at: Date,
  timeline: TimelineWriter,
) {
  const rows = startingRows(ctx, ticketId, plan, at);
  if (!rows) return;
  await repo.insertClocks(ctx.db, rows.clocks);
  await timeline(rows.event);
}

async function calendarOf(ctx: ServiceContext, clock: repo.ClockRow) {
  return clock.calendarId ? loadCompiledCalendar(ctx.db, clock.calendarId) : null;
}

function elapsedAt(cal: CompiledCalendar | null, clock: repo.ClockRow, at: Date) {
  if (clock.state !== 'running' || !clock.segmentStartedAt || !cal) return clock.consumedMinutes;
  return clock.consumedMinutes + workingMinutesBetween(cal, clock.segmentStartedAt, at);
}

/** Stops a clock and records whether the promise and the internal target were kept, and by what margin. */
async function stopClock(ctx: ServiceContext, clock: repo.ClockRow, at: Date, evaluate: boolean) {
  const cal = await calendarOf(ctx, clock);
  const used = elapsedAt(cal, clock, at);
  const patch = evaluate
    ? {
        metPromise: used <= clock.promiseMinutes,
        metInternal: used <= clock.internalMinutes,
        marginMinutes: Math.round(clock.promiseMinutes - used),
      }
    : {};
  await repo.updateClock(ctx.db, clock.id, {
    state: 'stopped',
    stoppedAt: at,
    consumedMinutes: Math.round(used),
    segmentStartedAt: null,
    ...patch,
  });
  return {
    metric: clock.metric,
    event: evaluate ? 'stopped' : 'cancelled',
    usedMinutes: Math.round(used),
    ...patch,
  };
}

async function pauseClock(ctx: ServiceContext, clock: repo.ClockRow, at: Date) {
  const cal = await calendarOf(ctx, clock);
  const used = elapsedAt(cal, clock, at);
  await repo.updateClock(ctx.db, clock.id, {
    state: 'paused',
    consumedMinutes: Math.round(used),
    segmentStartedAt: null,
    promiseDueAt: null,
    internalDueAt: null,
    atRiskDueAt: null,
  });
  return { metric: clock.metric, event: 'paused', usedMinutes: Math.round(used) };
}

async function resumeClock(
  ctx: ServiceContext,
  clock: repo.ClockRow,
  at: Date,
  config: TenantConfig,
  event = 'resumed',
) {
  const cal = await calendarOf(ctx, clock);
  if (!cal) return null;
  const due = dueTimes(cal, { ...clock, segmentStartedAt: at }, atRiskPct(config, clock.metric));
  await repo.updateClock(ctx.db, clock.id, {
    state: 'running',
    segmentStartedAt: at,
    stoppedAt: null,
    metPromise: null,
    metInternal: null,
    marginMinutes: null,
    ...due,
  });
  return {
    metric: clock.metric,
    event,
    promiseDueAt: due.promiseDueAt.toISOString(),
    internalDueAt: due.internalDueAt.toISOString(),
  };
}

/** The statuses that pause a clock: its agreement's setting (kept when the agreement is later deactivated). */
async function pauseStatuses(
  ctx: ServiceContext,
  config: TenantConfig,
  agreementId: string | null,
): Promise<readonly string[]> {
  if (!agreementId) return DEFAULT_PAUSE_STATUSES;
  const a =
    config.agreements.find((x) => x.id === agreementId) ??
    (await agreementsRepo.getAgreementRow(ctx.db, ctx.principal.tenantId, agreementId));
  return a?.pauseStatuses ?? DEFAULT_PAUSE_STATUSES;
}

/** Moves the clocks with the work order: pause, resume, stop on arrival and resolution, resume on reopen. */
export async function onStatusChanged(
  ctx: ServiceContext,
  ticketId: string,
  from: TicketStatus,
  to: TicketStatus,
  timeline: TimelineWriter,
) {
  const clocks = await repo.findClocks(ctx.db, ctx.principal.tenantId, ticketId);
  if (clocks.length === 0) return;
  const at = ctx.now();
  const config = await tenantConfig(ctx.db, ctx.principal.tenantId);
  const changes: Record<string, unknown>[] = [];
  for (const c of clocks) {
    const pausing = await pauseStatuses(ctx, config, c.agreementId);
    const live = c.state === 'running' || c.state === 'paused';
    if (to === 'cancelled' || to === 'closed') {
      if (live) changes.push(await stopClock(ctx, c, at, to === 'closed'));
    } else if (to === 'resolved') {
      if (live) changes.push(await stopClock(ctx, c, at, true));
    } else if (to === 'reopened') {
      // The customer is back about the same problem: the resolution clock runs on from where it stopped.
      if (c.metric === 'resolution' && c.state === 'stopped') {
        const r = await resumeClock(ctx, c, at, config, 'reopened');
        if (r) changes.push(r);
      }
    } else if (
      to === 'in_progress' &&
      c.metric === 'on_site' &&
      live &&
      // Field work meets arrival at the visit's check-in (onSiteArrival), not at this status change.
      !(await arrivalMetAtCheckIn(ctx, ticketId))
    ) {
      // Work started without a visit: the arrival promise is met or missed now.
      changes.push(await stopClock(ctx, c, at, true));
    } else if (pausing.includes(to) && c.state === 'running') {
      changes.push(await pauseClock(ctx, c, at));
    } else if (!pausing.includes(to) && c.state === 'paused') {
      const r = await resumeClock(ctx, c, at, config);
      if (r) changes.push(r);
    }
  }
  if (changes.length === 0) return;
  await repo.refreshTicketDue(ctx.db, ctx.principal.tenantId, ticketId);
  await timeline({ event: 'status', from, to, clocks: changes });
}

/** A technician checked in on site (visits): the on-site arrival clock stops, met or missed, at `at`. */
export async function onSiteArrival(
  ctx: ServiceContext,
  ticketId: string,
  at: Date,
  timeline: TimelineWriter,
) {
  const clocks = await repo.findClocks(ctx.db, ctx.principal.tenantId, ticketId);
  const c = clocks.find((x) => x.metric === 'on_site' && (x.state === 'running' || x.state === 'paused'));
  if (!c) return;
  const change = await stopClock(ctx, c, at, true);
  await repo.refreshTicketDue(ctx.db, ctx.principal.tenantId, ticketId);
  await timeline({ event: 'on_site_arrival', clocks: [change] });
}

/** The first reply or outbound call stops the first-response clock. */
export async function onFirstResponse(ctx: ServiceContext, ticketId: string, timeline: TimelineWriter) {
  const clocks = await repo.findClocks(ctx.db, ctx.principal.tenantId, ticketId);
  const c = clocks.find(
    (x) => x.metric === 'first_response' && (x.state === 'running' || x.state === 'paused'),
  );
  if (!c) return;
  const change = await stopClock(ctx, c, ctx.now(), true);
  await repo.refreshTicketDue(ctx.db, ctx.principal.tenantId, ticketId);
  await timeline({ event: 'first_response', clocks: [change] });
}

/**
 * Priority, type or product changed: the targets are looked up again (the agreement too) and the due times
 * recomputed; time already used stays used.
 */
export async function retargetCommitments(
  ctx: ServiceContext,
  ticket: {
    id: string;
    type: TicketType;
    priority: TicketPriority;
    customerId: string;
    unitId: string | null;
    createdAt: Date;
  },
  reason: Record<string, unknown>,
  timeline: TimelineWriter,
) {
  const at = ctx.now();
  const facts = await repo.coverageFacts(ctx.db, ctx.principal.tenantId, ticket.customerId, ticket.unitId);
  const plan = await planCommitments(ctx, { ...ticket, ...facts, at: ticket.createdAt });
  const clocks = await repo.findClocks(ctx.db, ctx.principal.tenantId, ticket.id);
  const config = await tenantConfig(ctx.db, ctx.principal.tenantId);
  const cal = plan.calendarId ? await loadCompiledCalendar(ctx.db, plan.calendarId) : null;
  const changes: Record<string, unknown>[] = [];
  for (const target of plan.clocks) {
    const c = clocks.find((x) => x.metric === target.metric);
    if (!c) {
      // A metric the old targets did not have (e.g. on-site after a change to a repair): it starts now.
      const due = cal
        ? dueTimes(
            cal,
            { segmentStartedAt: at, consumedMinutes: 0, ...target },
            atRiskPct(config, target.metric),
          )
        : null;
      await repo.insertClocks(ctx.db, [
        {
          tenantId: ctx.principal.tenantId,
          ticketId: ticket.id,
          metric: target.metric,
          agreementId: plan.agreementId,
          calendarId: plan.calendarId,
          promiseMinutes: target.promiseMinutes,
          internalMinutes: target.internalMinutes,
          startedAt: at,
          segmentStartedAt: at,
          ...due,
        },
      ]);
      changes.push({
        metric: target.metric,
        event: 'started',
        promiseDueAt: due?.promiseDueAt.toISOString(),
      });
      continue;
    }
    if (c.state === 'stopped') continue;
    const base = {
      promiseMinutes: target.promiseMinutes,
      internalMinutes: target.internalMinutes,
      agreementId: plan.agreementId,
      calendarId: plan.calendarId,
    };
    if (c.state === 'running' && cal && c.segmentStartedAt) {
      const used = elapsedAt(await calendarOf(ctx, c), c, at);
      const due = dueTimes(
        cal,
        { segmentStartedAt: at, consumedMinutes: used, ...target },
        atRiskPct(config, c.metric),
      );
      await repo.updateClock(ctx.db, c.id, {
        ...base,
        consumedMinutes: Math.round(used),
        segmentStartedAt: at,
        ...due,
      });
      changes.push({
        metric: c.metric,
        event: 'retargeted',
        promiseMinutes: target.promiseMinutes,
        internalMinutes: target.internalMinutes,
        promiseDueAt: due.promiseDueAt.toISOString(),
        internalDueAt: due.internalDueAt.toISOString(),
      });
    } else {
      await repo.updateClock(ctx.db, c.id, base);
      changes.push({
        metric: c.metric,
        event: 'retargeted',
        promiseMinutes: target.promiseMinutes,
        internalMinutes: target.internalMinutes,
      });
    }
  }
  await repo.refreshTicketDue(ctx.db, ctx.principal.tenantId, ticket.id, plan.agreementId);
  if (changes.length)
    await timeline({
      event: 'retargeted',
      reason,
      agreement: { code: plan.agreementCode, name: plan.agreementName },
      clocks: changes,
    });
}

/** The clocks of a work order as the desk shows them, with the working time left now. */
export async function getClocks(ctx: ServiceContext, ticketId: string): Promise<CommitmentClock[]> {
  const rows = await repo.findClocks(ctx.db, ctx.principal.tenantId, ticketId);
  const now = ctx.now();
  const out: CommitmentClock[] = [];
  for (const c of rows) {
    const cal = await calendarOf(ctx, c);
    const used = c.state === 'stopped' ? null : elapsedAt(cal, c, now);
    out.push({
      metric: c.metric,
      agreementId: c.agreementId,
      calendarId: c.calendarId,
      state: c.state,
      promiseMinutes: c.promiseMinutes,
      internalMinutes: c.internalMinutes,
      startedAt: c.startedAt.toISOString(),
      promiseDueAt: iso(c.promiseDueAt),
      internalDueAt: iso(c.internalDueAt),
      stoppedAt: iso(c.stoppedAt),
      metPromise: c.metPromise,
      metInternal: c.metInternal,
      marginMinutes: c.marginMinutes,
      atRiskAt: iso(c.atRiskAt),
      breachedAt: iso(c.breachedAt),
      promiseRemainingMinutes: used === null ? null : Math.round((c.promiseMinutes - used) * 10) / 10,
      internalRemainingMinutes: used === null ? null : Math.round((c.internalMinutes - used) * 10) / 10,
    });
  }
  return out;
}

/**
 * Recomputes the due times of every running clock of a calendar after it changed: pages of work orders are
 * read in order and computed here, and their writes (clocks and the work orders' next due time, one statement
 * a page) run a few at a time on PostgreSQL while the next page is computed. Pages never share a work order.
 */
export async function recomputeCalendarClocks(
  db: Executor,
  calendarId: string,
  pageSize = 5_000,
  parallel = 4,
) {
  const cal = await loadCompiledCalendar(db, calendarId, Number.MAX_SAFE_INTEGER);
  let after: string | null = null;
  let count = 0;
  const configs = new Map<string, TenantConfig>();
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const page = await repo.findClocksOfCalendar(db, calendarId, after, pageSize);
    const rows = [];
    const ticketDue = new Map<string, Date | null>();
    for (const c of page.rows) {
      let config = configs.get(c.tenantId);
      if (!config) {
        config = await tenantConfig(db, c.tenantId);
        configs.set(c.tenantId, config);
      }
      const due = dueTimes(cal, { ...c, segmentStartedAt: c.segmentStartedAt! }, atRiskPct(config, c.metric));
      rows.push({
        id: c.id,
        promise: due.promiseDueAt,
        internal: due.internalDueAt,
        atRisk: due.atRiskDueAt,
      });
      const earliest = ticketDue.get(c.ticketId);
      if (!earliest || due.promiseDueAt < earliest) ticketDue.set(c.ticketId, due.promiseDueAt);
    }
    const write: Promise<void> = repo
      .writeDueTimes(
        db,
        rows,
        [...ticketDue].map(([ticketId, due]) => ({ ticketId, due })),
      )
      .finally(() => inFlight.delete(write));
    // A failure surfaces through race / all below (and fails the job, which is retried); no unhandled rejection.
    write.catch(() => {});
    inFlight.add(write);
    if (inFlight.size >= parallel) await Promise.race(inFlight);
    count += page.rows.length;
    after = page.last;
    if (page.done) break;
  }
  await Promise.all(inFlight);
  return count;
}
