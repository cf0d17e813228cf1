/**
 * EXPLAIN ANALYZE of the SQL the app really runs for a slow request: the service function is called in this
 * process on a drizzle instance whose logger captures the statement, which is then explained on PostgreSQL.
 */
import { schema } from '@manyi/db';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Samples } from './database';

export interface Explained {
  what: string;
  sql: string;
  plan: string;
  /** A few lines: the plan's nodes with their actual times, and the execution time. */
  summary: string;
}

type Call = (ctx: unknown) => Promise<unknown>;

/** Query string → the object Fastify hands to the route (repeated keys become arrays). */
function queryObject(qs: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : [...[prev].flat(), v];
  }
  return out;
}

function summarise(plan: string): string {
  const lines = plan.split('\n');
  const nodes = lines
    .filter((l, i) => i === 0 || l.includes('->'))
    .slice(0, 10)
    .map((l) =>
      l
        .replace(/\s+\(cost=[^)]*\)/, '')
        .replace(/^\s*->\s*/, '-> ')
        .trim(),
    );
  const conds = lines
    .filter((l) => /(Index Cond|Filter|Rows Removed by Filter|Recheck Cond|Heap Blocks):/.test(l))
    .slice(0, 6)
    .map((l) => `   ${l.trim()}`);
  const timing = lines.filter((l) => /Execution Time|Planning Time/.test(l)).map((l) => l.trim());
  return [...nodes, ...conds, ...timing].join('\n');
}

async function explainCall(
  url: string,
  samples: Samples,
  what: string,
  call: Call,
  pick: RegExp,
): Promise<Explained> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const captured: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(pool, {
      schema,
      logger: { logQuery: (sql: string, params: unknown[]) => void captured.push({ sql, params }) },
    });
    const { loadConfig } = await import('../apps/api/src/config');
    const ctx = {
      db,
      database: { db, kind: 'postgres', raw: pool, exec: async () => {}, close: async () => {} },
      config: loadConfig({ NODE_ENV: 'production' }),
      principal: {
        kind: 'session',
        tenantId: samples.tenantId,
        tenantTimeZone: samples.timeZone,
        ticketPrefix: samples.ticketPrefix,
        userId: samples.adminId,
        role: 'admin',
        teamId: samples.adminTeamId,
        credentialId: 'bench',
      },
      lang: 'zh',
      requestId: 'bench-explain',
      now: () => new Date(),
    };
    await call(ctx);
    const target = captured.find((q) => pick.test(q.sql)) ?? captured.at(-1);
    if (!target) throw new Error(`${what}: the service ran no SQL`);
    const res = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${target.sql}`,
      target.params as unknown[],
    );
    const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
    return { what, sql: target.sql, plan, summary: summarise(plan) };
  } finally {
    await pool.end();
  }
}

/** Explains GET /api/v1/tickets?<qs> as the bench admin sees it. */
export async function explainQueue(url: string, samples: Samples, qs: string): Promise<Explained> {
  const [{ ticketListQuery }, service] = await Promise.all([
    import('@manyi/contracts'),
    import('../apps/api/src/modules/tickets/tickets.service'),
  ]);
  const query = ticketListQuery.parse({ limit: '50', ...queryObject(qs) });
  return explainCall(
    url,
    samples,
    `GET /api/v1/tickets?limit=50&${qs}`,
    (ctx) => service.findTickets(ctx as Parameters<typeof service.findTickets>[0], query),
    /from "tickets"/,
  );
}

/** Explains GET /api/v1/customers/lookup?<qs>. */
export async function explainLookup(url: string, samples: Samples, qs: string): Promise<Explained> {
  const service = await import('../apps/api/src/modules/customers/customers.service');
  const phone = new URLSearchParams(qs).get('phone') ?? '';
  return explainCall(
    url,
    samples,
    `GET /api/v1/customers/lookup?${qs}`,
    (ctx) => service.lookupByPhone(ctx as Parameters<typeof service.lookupByPhone>[0], phone),
    /from "customer_phones"/,
  );
}
