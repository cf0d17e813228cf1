import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '@manyi/db';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { fromPglite, PgBoss } from 'pg-boss';
import { recomputeCalendarClocks } from '../modules/commitments/commitments.service';
import { sweepCommitments } from '../modules/commitments/escalation.service';

export const SWEEP_QUEUE = 'commitment-sweep';
export const RECOMPUTE_QUEUE = 'calendar-recompute';

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
