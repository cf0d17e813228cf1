import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '@manyi/db';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { fromPglite, PgBoss } from 'pg-boss';
import { recomputeCalendarClocks } from '../modules/commitments/commitments.service';
import { sweepCommitments } from '../modules/commitments/escalation.service';
import { sweepComplaintDeadlines } from '../modules/complaints/complaints.service';
import { sweepDispatches } from '../modules/dispatch/dispatch.service';
import { startCampaignJobs } from '../modules/followups/campaigns.service';
import { refreshAllTenants } from '../modules/insights/insights.rollup';

export const SWEEP_QUEUE = 'commitment-sweep';
export const RECOMPUTE_QUEUE = 'calendar-recompute';
/** Complaint deadlines (acknowledge / resolve): automatic escalation, once per deadline. */
export const COMPLAINT_SWEEP_QUEUE = 'complaint-sweep';
/** Insights: keeps the dashboards' daily rollups current. */
export const INSIGHTS_QUEUE = 'insights-refresh';
/** Dispatch: partner offers past their deadline go back to the dispatchers; auto-dispatch where it is on. */
export const DISPATCH_SWEEP_QUEUE = 'dispatch-sweep';

export interface Jobs {
  /** Recompute the due times of a calendar's clocks in the background (after a calendar edit). */
  recomputeCalendar(calendarId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Background work as jobs in Postgres (pg-boss): the escalation sweep runs every minute on exactly one of the
 * instances sharing the database, and survives restarts; calendar recomputes are queued, not run in requests.
 */
export async function startJobs(database: Database, log: FastifyBaseLogger): Promise<Jobs> {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.raw as PGlite), backend: 'pglite' })
      : new PgBoss({ connectionString: (database.raw as pg.Pool).options.connectionString, max: 3 });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(SWEEP_QUEUE, { policy: 'singleton' });
  await boss.createQueue(RECOMPUTE_QUEUE);
  await boss.schedule(SWEEP_QUEUE, '* * * * *');
  await boss.work(SWEEP_QUEUE, async () => {
    const handled = await sweepCommitments(database);
    if (handled) log.info({ handled }, 'commitment escalations');
  });
  await boss.createQueue(COMPLAINT_SWEEP_QUEUE, { policy: 'singleton' });
  await boss.schedule(COMPLAINT_SWEEP_QUEUE, '* * * * *');
  await boss.work(COMPLAINT_SWEEP_QUEUE, async () => {
    const handled = await sweepComplaintDeadlines(database);
    if (handled) log.info({ handled }, 'complaint deadline escalations');
  });
  await boss.createQueue(DISPATCH_SWEEP_QUEUE, { policy: 'singleton' });
  await boss.schedule(DISPATCH_SWEEP_QUEUE, '* * * * *');
  await boss.work(DISPATCH_SWEEP_QUEUE, async () => {
    const r = await sweepDispatches(database);
    if (r.expired || r.autoDispatched) log.info(r, 'dispatch sweep');
  });
  // Insights: dashboard rollups follow the sources every minute; nightly, the last 40 days are rewritten whole
  // (catches a day a reopened complaint or a long transaction left behind).
  await boss.createQueue(INSIGHTS_QUEUE, { policy: 'singleton' });
  await boss.schedule(INSIGHTS_QUEUE, '* * * * *');
  await boss.schedule(INSIGHTS_QUEUE, '17 3 * * *', { recentDays: 40 }, { key: 'nightly' });
  await boss.work<{ recentDays?: number }>(INSIGHTS_QUEUE, async (jobs) => {
    for (const job of jobs) {
      const days = await refreshAllTenants(database, { recentDays: job.data?.recentDays });
      if (days) log.debug({ days }, 'insights rollups refreshed');
    }
  });
  // Campaign runs: follow-ups or work orders in bulk over the installed base.
  await startCampaignJobs(boss, database, null, log);
  await boss.work<{ calendarId: string }>(RECOMPUTE_QUEUE, async (jobs) => {
    for (const job of jobs) {
      const n = await recomputeCalendarClocks(database.db, job.data.calendarId);
      log.info({ calendarId: job.data.calendarId, clocks: n }, 'due times recomputed');
    }
  });
  return {
    recomputeCalendar: async (calendarId) => {
      await boss.send(RECOMPUTE_QUEUE, { calendarId });
    },
    stop: () => boss.stop({ graceful: true, timeout: 5_000 }),
  };
}
