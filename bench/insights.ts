/**
 * Satisfaction dashboards at scale: seeds work orders, complaints, follow-ups and survey responses with plain
 * SQL (generate_series; deterministic ids from md5), builds the daily rollups, then measures the insights
 * endpoints in-process (`app.inject`, the server's own time) and prints p50 / p95 per endpoint.
 *
 *   npx tsx bench/insights.ts                                   # PostgreSQL, 5,000,000 work orders, 1,000,000 responses
 *   npx tsx bench/insights.ts --tickets 200000 --responses 40000 --db pglite
 *   npx tsx bench/insights.ts --keep                           # reuse the seeded database of that size
 *   npx tsx bench/insights.ts --keep --rebuild                 # … and rebuild its rollups first
 *
 * Writes bench/insights-results.json (git-ignored with the other results).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '@manyi/db';
import { provinces } from '@manyi/db/seed/data/regions';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { insertApiToken } from '../apps/api/src/modules/auth/auth.repository';
import { sha256 } from '../apps/api/src/modules/auth/auth.service';
import { refreshTenant } from '../apps/api/src/modules/insights/insights.rollup';
import { createTenant } from '../apps/api/src/modules/users/users.service';
import { percentile, round } from './figures';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pg' },
    tickets: { type: 'string', default: '5000000' },
    responses: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    /** With --keep: rebuild the rollups of the kept data (after a change to how they are computed). */
    rebuild: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'pg';
const TICKETS = Number(values.tickets.replace(/_/g, ''));
const RESPONSES = Number(values.responses.replace(/_/g, ''));
const RUNS = Number(values.runs);
const CUSTOMERS = Math.max(1000, Math.round(TICKETS / 10));
const TEAMS = 30;
const TECHS = 200;
const MODELS = 32;
const categories = ['空调', '冰箱', '洗衣机', '热水器', '燃气灶', '油烟机', '电视', '净水器'];
const causes = ['product_quality', 'service_manner', 'slowness', 'poor_workmanship', 'poor_communication'];
const log = (msg: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
/** A whole number written into the statement (typed, unlike a parameter PostgreSQL must guess). */
const N = (x: number) => sql.raw(String(Math.trunc(x)));

async function openBenchDatabase(): Promise<{
  database: Database;
  fresh: boolean;
  drop: () => Promise<void>;
}> {
  const name = `manyi_bench_insights_${TICKETS}_${RESPONSES}`;
  if (kind === 'pglite') {
    const dir = path.join(os.tmpdir(), `manyi-bench-insights-pglite-${TICKETS}-${RESPONSES}`);
    const fresh = !(values.keep && fs.existsSync(path.join(dir, 'seeded')));
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    return {
      database,
      fresh,
      drop: async () => {
        if (fresh && values.keep) fs.writeFileSync(path.join(dir, 'seeded'), new Date().toISOString());
        if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: `${values['pg-url']}/postgres` });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  const fresh = !(values.keep && exists);
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const database = await openDatabase({ url: `${values['pg-url']}/${name}`, poolSize: 4 });
  return {
    database,
    fresh,
    drop: async () => {
      if (values.keep) return;
      const a = new pg.Client({ connectionString: `${values['pg-url']}/postgres` });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Runs a statement in chunks of `step` over 1..n (a progress line per chunk). */
async function chunked(
  db: Database['db'],
  what: string,
  n: number,
  step: number,
  q: (lo: number, hi: number) => ReturnType<typeof sql>,
) {
  const started = Date.now();
  for (let lo = 1; lo <= n; lo += step) {
    const hi = Math.min(n, lo + step - 1);
    await db.execute(q(lo, hi));
    if (n > step) log(`  ${what}: ${hi.toLocaleString()} / ${n.toLocaleString()}`);
  }
  log(`${what}: ${n.toLocaleString()} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function seed(database: Database): Promise<string> {
  const db = database.db;
  // Deterministic ids from a number, valid RFC 4122 version-4 uuids (the API's response schemas check them).
  await db.execute(sql`CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql
    AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`);
  const tenant = await createTenant(db, { slug: 'bench-insights', name: '美达家电售后（压测）' });
  const tid = tenant.id;
  const tenantSql = sql`${tid}::uuid`;
  await db.execute(sql`
    INSERT INTO teams (id, tenant_id, name, kind)
    SELECT bench_uuid('team' || k), ${tenantSql}, CASE WHEN k < 10 THEN '呼叫中心' || k || '组' ELSE '服务网点' || k END,
      (CASE WHEN k < 10 THEN 'internal' ELSE 'service_point' END)::team_kind
    FROM generate_series(0, ${N(TEAMS - 1)}) k`);
  await db.execute(sql`
    INSERT INTO users (id, tenant_id, email, display_name, password_hash, role, team_id)
    SELECT bench_uuid('tech' || k), ${tenantSql}, 'tech' || k || '@bench-insights.test', '工程师' || k, 'x',
      'technician', bench_uuid('team' || (10 + k % 20))
    FROM generate_series(0, ${N(TECHS - 1)}) k`);
  await db.execute(sql`
    INSERT INTO warranty_policies (id, tenant_id, name, whole_unit_months) VALUES (bench_uuid('wp'), ${tenantSql}, '整机三年', 36)`);
  const cats = `{${categories.join(',')}}`;
  await db.execute(sql`
    INSERT INTO product_models (id, tenant_id, code, name, category, warranty_policy_id)
    SELECT bench_uuid('m' || k), ${tenantSql}, 'M-' || k, '型号 ' || k, (${cats}::text[])[1 + k % ${N(categories.length)}],
      bench_uuid('wp')
    FROM generate_series(0, ${N(MODELS - 1)}) k`);
  const provs = `{${provinces.map((p) => p.code).join(',')}}`;
  const provNames = `{${provinces.map((p) => p.name).join(',')}}`;
  const np = provinces.length;
  const step = kind === 'pglite' ? 50_000 : 250_000;
  await chunked(
    db,
    'customers + addresses + units',
    CUSTOMERS,
    step,
    (lo, hi) => sql`
    WITH c AS (
      INSERT INTO customers (id, tenant_id, name, search_text, status, churned_at, churn_reason)
      SELECT bench_uuid('c' || i), ${tenantSql}, '客户' || i, '客户' || i,
        (CASE WHEN i % 97 = 0 THEN 'churned' ELSE 'active' END)::customer_status,
        CASE WHEN i % 97 = 0 THEN now() - (i % 365) * interval '1 day' END,
        CASE WHEN i % 97 = 0 THEN '改用其他品牌' END
      FROM generate_series(${N(lo)}, ${N(hi)}) i RETURNING 1
    ), a AS (
      INSERT INTO customer_addresses (id, tenant_id, customer_id, province_code, city_code, province, city, detail, is_default)
      SELECT bench_uuid('a' || i), ${tenantSql}, bench_uuid('c' || i), (${provs}::text[])[1 + i % ${N(np)}],
        left((${provs}::text[])[1 + i % ${N(np)}], 4) || '00', (${provNames}::text[])[1 + i % ${N(np)}],
        (${provNames}::text[])[1 + i % ${N(np)}], '幸福路 ' || i || ' 号', true
      FROM generate_series(${N(lo)}, ${N(hi)}) i RETURNING 1
    )
    INSERT INTO units (id, tenant_id, customer_id, model_id, serial_number, purchase_date, address_id)
    SELECT bench_uuid('u' || i), ${tenantSql}, bench_uuid('c' || i), bench_uuid('m' || (i % ${N(MODELS)})), 'SN' || i,
      (current_date - (i % 2000))::date, bench_uuid('a' || i)
    FROM generate_series(${N(lo)}, ${N(hi)}) i`,
  );

  // Secondary indexes of tickets are rebuilt after the bulk load (much faster than maintaining them row by row).
  const idx = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'tickets' AND indexname NOT IN ('tickets_pkey')`),
  );
  for (const i of idx) await db.execute(sql.raw(`DROP INDEX ${i.name}`));
  await chunked(
    db,
    'work orders',
    TICKETS,
    step,
    (lo, hi) => sql`
    INSERT INTO tickets (id, tenant_id, number, type, channel, status, priority, priority_rank, subject, description,
      customer_id, unit_id, team_id, assignee_id, created_at, updated_at, resolved_at, closed_at)
    SELECT bench_uuid('t' || i), ${tenantSql}, i,
      (CASE WHEN r < 0.55 THEN 'repair' WHEN r < 0.70 THEN 'installation' WHEN r < 0.80 THEN 'maintenance'
        WHEN r < 0.90 THEN 'inquiry' WHEN r < 0.95 THEN 'complaint' WHEN r < 0.98 THEN 'compliment'
        ELSE 'suggestion' END)::ticket_type,
      'phone', 'closed', 'normal', 1, '空调不制冷', '客户反映设备故障，需要上门检修',
      bench_uuid('c' || (1 + i % ${N(CUSTOMERS)})), bench_uuid('u' || (1 + i % ${N(CUSTOMERS)})),
      bench_uuid('team' || (10 + (i % ${N(TECHS)}) % 20)), bench_uuid('tech' || (i % ${N(TECHS)})),
      ts, ts, ts + interval '1 day', ts + interval '2 days'
    FROM (SELECT i, random() AS r, now() - random() * interval '1095 days' AS ts
      FROM generate_series(${N(lo)}, ${N(hi)}) i) s`,
  );
  const t0 = Date.now();
  for (const i of idx) await db.execute(sql.raw(i.def));
  log(`work-order indexes rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await db.execute(sql`
    INSERT INTO complaints (id, tenant_id, ticket_id, customer_id, verbatim, severity, cause, acknowledge_due_at,
      resolve_due_at, created_at, updated_at, closed_at, verdict, win_back)
    SELECT bench_uuid('k' || t.number), t.tenant_id, t.id, t.customer_id, '太慢了', 'serious',
      (${`{${causes.join(',')}}`}::text[])[1 + floor(power(random(), 1.8) * 5)::int], t.created_at,
      t.created_at + interval '1 day', t.created_at, t.created_at, c.closed,
      (CASE WHEN c.closed IS NULL THEN NULL WHEN random() < 0.7 THEN 'satisfied' WHEN random() < 0.6 THEN 'partly'
        ELSE 'not_satisfied' END)::complaint_verdict,
      (CASE WHEN c.closed IS NULL THEN NULL WHEN random() < 0.75 THEN 'active' WHEN random() < 0.5 THEN 'bought_again'
        ELSE 'churned' END)::complaint_win_back
    FROM tickets t CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.9
      THEN t.created_at + random() * interval '96 hours' END AS closed) c
    WHERE t.tenant_id = ${tenantSql} AND t.type = 'complaint'`);
  log('complaints seeded');

  await db.execute(sql`
    INSERT INTO survey_templates (id, tenant_id, name, measures)
    VALUES (bench_uuid('tpl'), ${tenantSql}, '满意度', '{csat,nps,ces,dimensions}')`);
  const every = Math.max(1, Math.floor(TICKETS / RESPONSES));
  await chunked(
    db,
    'survey invitations + responses',
    TICKETS,
    step,
    (lo, hi) => sql`
    WITH src AS (
      SELECT t.id, t.number, t.customer_id, t.team_id, t.assignee_id,
        least(t.created_at + interval '3 days', now()) AS at, random() AS r, random() AS q
      FROM tickets t WHERE t.tenant_id = ${tenantSql} AND t.number BETWEEN ${N(lo)} AND ${N(hi)} AND t.number % ${N(every)} = 0
      LIMIT ${N(RESPONSES)}
    ), inv AS (
      INSERT INTO survey_invitations (id, tenant_id, template_id, customer_id, ticket_id, trigger, source_key, status,
        expires_at, created_at)
      SELECT bench_uuid('i' || number), ${tenantSql}, bench_uuid('tpl'), customer_id, id, 'resolution',
        'bench:' || number, 'answered', at + interval '14 days', at FROM src RETURNING 1
    )
    INSERT INTO survey_responses (id, tenant_id, invitation_id, template_id, customer_id, ticket_id, trigger, team_id,
      assignee_id, csat, nps, ces, exp_tangibles, per_tangibles, exp_empathy, per_empathy, exp_professionalism,
      per_professionalism, exp_speed, per_speed, exp_credibility, per_credibility, comment_kind, responded_at)
    SELECT bench_uuid('r' || number), ${tenantSql}, bench_uuid('i' || number), bench_uuid('tpl'), customer_id, id,
      'resolution', team_id, assignee_id,
      CASE WHEN r < 0.05 THEN 1 WHEN r < 0.12 THEN 2 WHEN r < 0.25 THEN 3 WHEN r < 0.60 THEN 4 ELSE 5 END,
      CASE WHEN r < 0.08 THEN floor(q * 5)::int WHEN r < 0.25 THEN 5 + floor(q * 3)::int
        WHEN r < 0.45 THEN 8 ELSE 9 + floor(q * 2)::int END,
      1 + floor(power(q, 1.6) * 7)::int,
      CASE WHEN q < 0.4 THEN 5 + floor(r * 3)::int END, CASE WHEN q < 0.4 THEN 4 + floor(q * 9)::int END,
      CASE WHEN q < 0.4 THEN 5 + floor(r * 3)::int END, CASE WHEN q < 0.4 THEN 3 + floor(q * 10)::int END,
      CASE WHEN q < 0.4 THEN 6 END, CASE WHEN q < 0.4 THEN 5 + floor(r * 3)::int END,
      CASE WHEN q < 0.4 THEN 6 + floor(r * 2)::int END, CASE WHEN q < 0.4 THEN 3 + floor(r * 5)::int END,
      CASE WHEN q < 0.4 THEN 5 + floor(q * 3)::int END, CASE WHEN q < 0.4 THEN 5 + floor(r * 3)::int END,
      CASE WHEN r > 0.97 THEN 'compliment' WHEN r < 0.02 THEN 'suggestion' END, at
    FROM src`,
  );
  await db.execute(sql`
    INSERT INTO followups (id, tenant_id, customer_id, ticket_id, reason, resolved_at, due_at, status, reached,
      completed_at, created_at, updated_at)
    SELECT bench_uuid('f' || t.number), t.tenant_id, t.customer_id, t.id, 'resolution', t.resolved_at,
      t.resolved_at + interval '1 day', (CASE WHEN r < 0.8 THEN 'done' ELSE 'unreachable' END)::followup_status,
      r < 0.8, least(t.resolved_at + interval '1 day', now()), t.resolved_at, t.resolved_at
    FROM (SELECT t.*, random() AS r FROM tickets t WHERE t.tenant_id = ${tenantSql} AND t.number % 10 = 1) t`);
  log('follow-ups seeded');
  await db.execute(sql`ANALYZE`);
  return tid;
}

async function main() {
  log(
    `insights bench on ${kind}: ${TICKETS.toLocaleString()} work orders, ${RESPONSES.toLocaleString()} responses`,
  );
  const { database, fresh, drop } = await openBenchDatabase();
  const figures: { name: string; value: number; unit: string; target?: string }[] = [];
  try {
    let tenantId: string;
    if (fresh) {
      const t0 = Date.now();
      tenantId = await seed(database);
      figures.push({ name: 'seed', value: round((Date.now() - t0) / 1000, 1), unit: 's' });
      const r0 = Date.now();
      const days = await refreshTenant(database, tenantId, { full: true });
      figures.push({ name: 'rollup full rebuild', value: round((Date.now() - r0) / 1000, 1), unit: 's' });
      log(`rollups built: ${days} days in ${((Date.now() - r0) / 1000).toFixed(1)} s`);
    } else {
      tenantId = rowsOf<{ id: string }>(
        await database.db.execute(sql`SELECT id FROM tenants WHERE slug = 'bench-insights'`),
      )[0]!.id;
      if (values.rebuild) {
        const r0 = Date.now();
        await refreshTenant(database, tenantId, { full: true });
        await database.db.execute(sql`VACUUM ANALYZE insight_daily`);
        figures.push({ name: 'rollup full rebuild', value: round((Date.now() - r0) / 1000, 1), unit: 's' });
      }
    }
    const counts = rowsOf<{ tickets: number; responses: number; rollup: number }>(
      await database.db.execute(sql`SELECT (SELECT count(*) FROM tickets)::int AS tickets,
        (SELECT count(*) FROM survey_responses)::int AS responses, (SELECT count(*) FROM insight_daily)::int AS rollup`),
    )[0]!;
    log(`rows: ${JSON.stringify(counts)}`);

    // Incremental refresh after a burst of writes: 2,000 recent work orders (last 30 days) reassigned at once.
    await database.db.execute(sql`UPDATE tickets SET updated_at = now(), team_id = bench_uuid('team11')
      WHERE id IN (SELECT id FROM tickets WHERE tenant_id = ${tenantId} AND created_at > now() - interval '30 days'
        ORDER BY random() LIMIT 2000)`);
    const i0 = Date.now();
    const dirty = await refreshTenant(database, tenantId);
    figures.push({
      name: 'rollup incremental refresh (2,000 changed work orders)',
      value: Date.now() - i0,
      unit: 'ms',
    });
    log(`incremental refresh: ${dirty} days in ${Date.now() - i0} ms`);

    const config = loadConfig(
      { NODE_ENV: 'production', LOG_LEVEL: 'silent' },
      {
        attachmentDir: fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-att-')),
        webDist: '/nonexistent',
        jobs: false,
      },
    );
    const app = await buildApp({ config, database });
    await app.ready();
    const qm = rowsOf<{ id: string }>(
      await database.db.execute(sql`
        INSERT INTO users (tenant_id, email, display_name, password_hash, role)
        VALUES (${tenantId}, ${`qm-${randomBytes(4).toString('hex')}@bench-insights.test`}, '质量经理', 'x', 'quality_manager')
        RETURNING id`),
    )[0]!.id;
    const token = `mny_bench_${randomBytes(16).toString('hex')}`;
    await insertApiToken(database.db, {
      tenantId,
      userId: qm,
      name: 'bench',
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      expiresAt: null,
    });
    const today = new Date().toISOString().slice(0, 10);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const month = ago(31).slice(0, 7);
    const tech = rowsOf<{ id: string }>(
      await database.db.execute(sql`SELECT bench_uuid('tech7')::text AS id`),
    )[0]!.id;
    const team = rowsOf<{ id: string }>(
      await database.db.execute(sql`SELECT bench_uuid('team12')::text AS id`),
    )[0]!.id;
    const endpoints: [string, string][] = [
      ['overview · 12 months, whole tenant', `/insights/overview?from=${ago(364)}&to=${today}`],
      ['overview · 3 years by month', `/insights/overview?from=${ago(1094)}&to=${today}&grain=month`],
      [
        'overview · 90 days, one service point',
        `/insights/overview?from=${ago(89)}&to=${today}&dim=team&key=${team}`,
      ],
      [
        'overview · 12 months, one technician',
        `/insights/overview?from=${ago(364)}&to=${today}&dim=technician&key=${tech}`,
      ],
      [
        'overview · 12 months, one province',
        `/insights/overview?from=${ago(364)}&to=${today}&dim=province&key=440000`,
      ],
      [
        'breakdown · 12 months by technician',
        `/insights/breakdown?from=${ago(364)}&to=${today}&by=technician`,
      ],
      ['breakdown · 12 months by province', `/insights/breakdown?from=${ago(364)}&to=${today}&by=province`],
      [
        'drill · detractors, 30 days, first page',
        `/insights/drill?from=${ago(29)}&to=${today}&metric=detractors`,
      ],
      [
        'drill · complaints of one cause, 30 days',
        `/insights/drill?from=${ago(29)}&to=${today}&metric=complaints&cause=slowness`,
      ],
      ['monthly report', `/insights/report/${month}`],
    ];
    for (const [name, url] of endpoints) {
      const times: number[] = [];
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const r = await app.inject({ url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
        const ms = performance.now() - t0;
        if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body.slice(0, 300)}`);
        if (i >= 5) times.push(ms);
      }
      figures.push({ name: `${name} p50`, value: round(percentile(times, 50), 1), unit: 'ms' });
      figures.push({
        name: `${name} p95`,
        value: round(percentile(times, 95), 1),
        unit: 'ms',
        target: '< 500',
      });
      log(`${name}: p50 ${percentile(times, 50).toFixed(1)} ms · p95 ${percentile(times, 95).toFixed(1)} ms`);
    }
    await app.close();
    const out = path.join(import.meta.dirname, 'insights-results.json');
    fs.writeFileSync(
      out,
      JSON.stringify({ database: kind, tickets: TICKETS, responses: RESPONSES, counts, figures }, null, 2),
    );
    process.stdout.write(
      `\n${figures.map((f) => `${f.name.padEnd(62)} ${String(f.value).padStart(10)} ${f.unit}${f.target ? `  (target ${f.target} ${f.unit}: ${f.value < 500 ? 'met' : 'NOT met'})` : ''}`).join('\n')}\n`,
    );
  } finally {
    await database.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
