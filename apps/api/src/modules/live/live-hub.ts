import type { PGlite } from '@electric-sql/pglite';
import type { LiveEvent } from '@manyi/contracts';
import type { Database } from '@manyi/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { ServiceContext } from '../../lib/context';
import type { Visibility } from '../tickets/tickets.repository';

export const LIVE_CHANNEL = 'manyi_live';

/** What travels through Postgres NOTIFY: enough to decide who may hear of it, and nothing more. */
export interface LiveNotice {
  tenantId: string;
  ticketId: string;
  /** Teams and assignees before and after the change: everyone whose queue gains or loses it hears of it. */
  teamIds: (string | null)[];
  assigneeIds: (string | null)[];
  type: LiveEvent['type'];
  at: string;
}

/**
 * Notices waiting to go out per database, sent as one statement: while one batch is on its way, the next
 * collects. Under load that is one round trip for many work orders instead of one each.
 */
class Outbox {
  private pending: { payload: string; done: () => void }[] = [];
  private busy = false;

  constructor(private readonly database: Database) {}

  send(payload: string): Promise<void> {
    return new Promise((done) => {
      this.pending.push({ payload, done });
      if (!this.busy) void this.drain();
    });
  }

  private async drain() {
    this.busy = true;
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      const payloads = JSON.stringify(batch.map((b) => b.payload));
      try {
        await this.database.db.execute(
          sql`SELECT pg_notify(${LIVE_CHANNEL}, p) FROM json_array_elements_text(${payloads}::json) AS p`,
        );
      } catch {
        // The change itself is committed; a lost notice only delays a refresh (the next change or reload).
      }
      for (const b of batch) b.done();
    }
    this.busy = false;
  }
}
const outboxes = new WeakMap<Database, Outbox>();

/**
 * Publishes a work-order change after the caller's transaction commits (at once outside a transaction): NOTIFY
 * inside a transaction takes a database-wide lock at commit, which serialises every committing writer.
 */
export async function announceTicketAfterCommit(ctx: ServiceContext, notice: Omit<LiveNotice, 'at'>) {
  const send = sender(ctx.database, notice);
  if (ctx.afterCommit) ctx.afterCommit(send);
  else await send();
}

/** Publishes changes whose transaction has already committed (work that runs outside a service context). */
export async function announceTickets(database: Database, notices: Omit<LiveNotice, 'at'>[]) {
  await Promise.all(notices.map((notice) => sender(database, notice)()));
}

function sender(database: Database, notice: Omit<LiveNotice, 'at'>): () => Promise<void> {
  const payload = JSON.stringify({ ...notice, at: new Date().toISOString() } satisfies LiveNotice);
  const box = outboxes.get(database) ?? new Outbox(database);
  outboxes.set(database, box);
  return () => box.send(payload);
}

export interface LiveSubscriber {
  tenantId: string;
  visibility: Visibility;
  send(event: LiveEvent): void;
}

function mayHear(s: LiveSubscriber, n: LiveNotice) {
  if (s.tenantId !== n.tenantId) return false;
  const v = s.visibility;
  if (v.kind === 'team') return v.teamId !== null && n.teamIds.includes(v.teamId);
  if (v.kind === 'assignee') return n.assigneeIds.includes(v.userId);
  return true;
}

/**
 * One per app instance: LISTENs on the database (a dedicated connection on PostgreSQL, the embedded instance on
 * PGlite) and fans notices out to this instance's open event streams, each filtered by tenant and visibility.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start() {
    const onNotice = (payload: string) => {
      let n: LiveNotice;
      try {
        n = JSON.parse(payload) as LiveNotice;
      } catch {
        return;
      }
      for (const s of this.subscribers) {
        if (mayHear(s, n)) s.send({ type: n.type, ticketId: n.ticketId, at: n.at });
      }
    };
    if (this.database.kind === 'pglite') {
      const unsubscribe = await (this.database.raw as PGlite).listen(LIVE_CHANNEL, onNotice);
      this.stop = unsubscribe;
      return;
    }
    const pool = this.database.raw as pg.Pool;
    const connect = async (): Promise<void> => {
      const client = new pg.Client(pool.options);
      client.on('notification', (m) => m.payload && onNotice(m.payload));
      let closed = false;
      client.on('error', () => {
        // The connection dropped (database restart): listen again shortly.
        if (!closed) setTimeout(() => void connect().catch(() => {}), 1000);
      });
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      this.stop = async () => {
        closed = true;
        await client.end();
      };
    };
    await connect();
  }

  subscribe(s: LiveSubscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  get size() {
    return this.subscribers.size;
  }

  async close() {
    this.subscribers.clear();
    await this.stop?.();
  }
}
