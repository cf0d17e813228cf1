/**
 * `npx tsx bench/recompute.ts [--clocks 100000] [--db pg|pglite]`: recomputing the due times of N running
 * commitment clocks after a calendar edit (issue target: 100,000 in under 10 s on PostgreSQL). Prints the
 * figure and appends it to bench/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, schema } from '@manyi/db';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { recomputeCalendarClocks } from '../apps/api/src/modules/commitments/commitments.service';
import { createTenant } from '../apps/api/src/modules/users/users.service';

const { values } = parseArgs({
  options: { clocks: { type: 'string', default: '100000' }, db: { type: 'string', default: 'pg' } },
});
const n = Number(values.clocks);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  let url: string | undefined;
  let dataDir: string | undefined;
  if (values.db === 'pg') {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS manyi_bench_recompute WITH (FORCE)');
    await admin.query('CREATE DATABASE manyi_bench_recompute');
    await admin.end();
    const u = new URL(base);
    u.pathname = '/manyi_bench_recompute';
    url = u.toString();
  } else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-recompute-'));
  const database = await openDatabase(url ? { url } : { dataDir });
  const tenant = await createTenant(database.db, { slug: 'recompute', name: '重算基准' });
  const [cal] = await database.db
    .select()
    .from(schema.businessCalendars)
    .where(eq(schema.businessCalendars.tenantId, tenant.id));
  const [customer] = await database.db
    .insert(schema.customers)
    .values({ tenantId: tenant.id, name: '基准客户' })
    .returning({ id: schema.customers.id });
  const t0 = Date.now();
  await database.db.execute(sql`
    INSERT INTO tickets (tenant_id, number, type, channel, subject, description, customer_id, created_at, updated_at)
    SELECT ${tenant.id}, 100000 + g, 'repair', 'phone', '基准工单', '空调不制冷', ${customer!.id},
           now() - (g % 4320) * interval '1 minute', now()
    FROM generate_series(1, ${n}) g`);
  await database.db.execute(sql`
    INSERT INTO ticket_commitments (tenant_id, ticket_id, metric, calendar_id, promise_minutes, internal_minutes,
                                    state, started_at, segment_started_at, consumed_minutes)
    SELECT ${tenant.id}, id, 'resolution', ${cal!.id}, 2160, 1440, 'running', created_at, created_at, 0
    FROM tickets WHERE tenant_id = ${tenant.id}`);
  process.stdout.write(`prepared ${n} tickets and clocks in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const started = performance.now();
  const count = await recomputeCalendarClocks(database.db, cal!.id);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`recomputed ${count} due times in ${seconds.toFixed(2)} s (${database.kind})\n`);
  const file = path.join(import.meta.dirname, 'results.json');
  const results = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  results.push({
    name: 'recompute due times after a calendar edit',
    value: Math.round(seconds * 100) / 100,
    unit: 's',
    database: database.kind,
    tickets: n,
    customers: 1,
    notes: `${count} running clocks; target < 10 s on PostgreSQL`,
  });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  await database.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
