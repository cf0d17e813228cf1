/**
 * The bench database: a fresh PostgreSQL database (manyi_bench) or PGlite data folder, seeded at scale in this
 * process, analysed, sampled for the load phases and closed again before the server opens it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, migrationsFolder, openDatabase } from '@manyi/db';
import pg from 'pg';
import { seedScale } from '../apps/api/src/demo/seed-cli';
import type { BenchOptions, DatabaseKind } from './args';

export const TENANT = 'bench';
export const ADMIN_EMAIL = `agent0@${TENANT}.manyi.cn`;
/** The database a run measures; with --keep a copy of the kept seeded one. */
const PG_DATABASE = 'manyi_bench';
/** Kept seeded databases, one per size, so that a quick run with --keep does not replace a big one. */
const keptPg = (o: BenchOptions) => `manyi_bench_seeded_${o.tickets}_${o.customers}`;
const keptPglite = (o: BenchOptions) =>
  path.join(os.tmpdir(), `manyi-bench-pglite-${o.tickets}-${o.customers}`);

/** What the load phases need from the seeded data. */
export interface Samples {
  tenantId: string;
  timeZone: string;
  ticketPrefix: string;
  adminId: string;
  adminTeamId: string | null;
  customerIds: string[];
  phones: { e164: string; display: string }[];
  /** Agents with work orders assigned to them (technicians when no agent has any). */
  assigneeIds: string[];
}

/** How the data got there; kept in a marker so that a `--keep` re-run can skip seeding. */
export interface SeedMarker {
  tickets: number;
  customers: number;
  seconds: number;
  rows: Record<string, number>;
  analyzeSeconds: number;
  seededAt: string;
  /** The migrations the data was created under (`tag@when`); a regenerated one makes the data stale. */
  migrations?: string[];
}

/** The seeded data and, unless --seed-only, the database a run measures. */
export interface PreparedDatabase {
  seed: SeedMarker;
  /** True when an existing seeded database was reused (--keep). */
  reused: boolean;
  working: WorkingDatabase | null;
}

export interface WorkingDatabase {
  kind: DatabaseKind;
  /** Environment for the server: DATABASE_URL or DATA_DIR. */
  serverEnv: Record<string, string>;
  /** PGlite data folder (for the footprint measurement). */
  dataDir?: string;
  /** PostgreSQL connection string of the bench database. */
  url?: string;
  samples: Samples;
  /** Drops the database / removes the folder the run used (a kept seeded one stays). */
  remove(): Promise<void>;
}

type Queryable = { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };

async function rows<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  return (await (database.raw as unknown as Queryable).query(text, params)).rows as T[];
}

function pgUrl(base: string, databaseName: string): string {
  const u = new URL(base);
  u.pathname = `/${databaseName}`;
  return u.toString();
}

const say = (msg: string) => process.stdout.write(`${msg}\n`);

function currentMigrations(): string[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((e) => `${e.tag}@${e.when}`);
}

/** Whether a kept database can be reused: same sizes, and none of its migrations regenerated since. */
function markerMatches(marker: SeedMarker | null, options: BenchOptions): marker is SeedMarker {
  if (!marker || marker.tickets !== options.tickets || marker.customers !== options.customers) return false;
  const now = new Set(currentMigrations());
  const stale = (marker.migrations ?? []).filter((m) => !now.has(m));
  if (stale.length)
    say(`The kept database was migrated with ${stale.join(', ')}, since regenerated: seeding again.`);
  return stale.length === 0;
}

/**
 * Seeds the bench database of the given kind (or, with --keep, reuses the kept seeded one) and returns a
 * database to run against, sampled and closed. With --keep the seeded database stays untouched as a template
 * and each run gets a fresh copy of it, so that work orders created by one run do not change the next.
 * With --seed-only nothing is copied or sampled (`working` is null).
 */
export async function prepareDatabase(kind: DatabaseKind, options: BenchOptions): Promise<PreparedDatabase> {
  return kind === 'pg' ? preparePostgres(options) : preparePglite(options);
}

async function sampleAndClose(database: Database): Promise<Samples> {
  try {
    return await sample(database);
  } finally {
    await database.close();
  }
}

async function preparePostgres(options: BenchOptions): Promise<PreparedDatabase> {
  /** Runs one statement on the server's maintenance database (CREATE / DROP DATABASE cannot run in ours). */
  const adminQuery = async <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: pgUrl(options.pgUrl, 'postgres') });
    await c.connect();
    try {
      return await c.query<R>(text, params);
    } finally {
      await c.end();
    }
  };
  const recreate = async (name: string, template?: string) => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  };
  const seededPg = keptPg(options);
  const seededName = options.keep ? seededPg : PG_DATABASE;
  let marker: SeedMarker | null = null;
  if (options.keep) {
    const found = await adminQuery<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [seededPg],
    );
    const comment = found.rows[0]?.comment;
    marker = comment ? (JSON.parse(comment) as SeedMarker) : null;
  }
  const reused = markerMatches(marker, options);
  if (reused) say(`Reusing the seeded PostgreSQL database ${seededPg} (--keep).`);
  else {
    if (marker) say(`The kept ${seededPg} cannot be reused: seeding it again.`);
    await recreate(seededName);
  }
  // Opening applies any migration added since the data was seeded.
  const seeded = await openDatabase({ url: pgUrl(options.pgUrl, seededName), poolSize: 4 });
  let seed: SeedMarker;
  try {
    seed = reused ? marker! : await seedAndAnalyze(seeded, options);
    if (!reused && options.keep)
      await seeded.exec(`COMMENT ON DATABASE ${seededPg} IS '${JSON.stringify(seed).replace(/'/g, "''")}'`);
  } finally {
    await seeded.close();
  }
  if (options.seedOnly) return { seed, reused, working: null };
  if (options.keep) {
    say(`Copying ${seededPg} to ${PG_DATABASE}…`);
    await recreate(PG_DATABASE, seededPg);
  }
  const url = pgUrl(options.pgUrl, PG_DATABASE);
  const samples = await sampleAndClose(await openDatabase({ url, poolSize: 4 }));
  const remove = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  };
  return { seed, reused, working: { kind: 'pg', serverEnv: { DATABASE_URL: url }, url, samples, remove } };
}

async function preparePglite(options: BenchOptions): Promise<PreparedDatabase> {
  const root = options.keep
    ? keptPglite(options)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-pglite-'));
  const seededDir = path.join(root, 'data');
  const markerFile = path.join(root, 'marker.json');
  const marker =
    options.keep && fs.existsSync(markerFile)
      ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as SeedMarker)
      : null;
  const reused = markerMatches(marker, options);
  if (reused) say(`Reusing the seeded PGlite folder ${seededDir} (--keep).`);
  else {
    if (marker) say(`The kept PGlite folder ${root} cannot be reused: seeding it again.`);
    fs.rmSync(seededDir, { recursive: true, force: true });
    fs.rmSync(markerFile, { force: true });
    fs.mkdirSync(root, { recursive: true });
  }
  const seeded = await openDatabase({ dataDir: seededDir });
  let seed: SeedMarker;
  try {
    seed = reused ? marker! : await seedAndAnalyze(seeded, options);
  } finally {
    await seeded.close();
  }
  if (!reused && options.keep) fs.writeFileSync(markerFile, JSON.stringify(seed, null, 2));
  if (options.seedOnly) return { seed, reused, working: null };
  let runRoot = root;
  if (options.keep) {
    runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-pglite-run-'));
    say(`Copying ${seededDir} to ${runRoot}…`);
    fs.cpSync(seededDir, path.join(runRoot, 'data'), { recursive: true });
  }
  const dataDir = path.join(runRoot, 'data');
  const samples = await sampleAndClose(await openDatabase({ dataDir }));
  const remove = async () => fs.rmSync(runRoot, { recursive: true, force: true });
  return {
    seed,
    reused,
    working: { kind: 'pglite', serverEnv: { DATA_DIR: dataDir, DATABASE_URL: '' }, dataDir, samples, remove },
  };
}

const countedTables = [
  'customers',
  'customer_phones',
  'customer_addresses',
  'units',
  'tickets',
  'ticket_events',
] as const;

async function seedAndAnalyze(database: Database, options: BenchOptions): Promise<SeedMarker> {
  say(
    `Seeding ${options.customers.toLocaleString('en-US')} customers and ${options.tickets.toLocaleString('en-US')} ` +
      `work orders (${database.kind})…`,
  );
  const started = performance.now();
  await seedScale(database, {
    tickets: options.tickets,
    customers: options.customers,
    tenant: TENANT,
    full: false,
  });
  const seconds = (performance.now() - started) / 1000;
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const [r] = await rows<{ n: number | string }>(database, `SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(r?.n ?? 0);
  }
  say(`Seeded in ${seconds.toFixed(1)} s; VACUUM ANALYZE…`);
  const analyzeStarted = performance.now();
  // VACUUM as well as ANALYZE: a freshly bulk-loaded table has no visibility map yet, which autovacuum
  // would otherwise build in the middle of the load phases.
  await database.exec('VACUUM (ANALYZE)');
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  say(`VACUUM ANALYZE took ${analyzeSeconds.toFixed(1)} s.`);
  return {
    tickets: options.tickets,
    customers: options.customers,
    seconds,
    rows: counts,
    analyzeSeconds,
    seededAt: new Date().toISOString(),
    migrations: currentMigrations(),
  };
}

async function sample(database: Database): Promise<Samples> {
  const [tenant] = await rows<{ id: string; time_zone: string; ticket_prefix: string }>(
    database,
    'SELECT id, time_zone, ticket_prefix FROM tenants WHERE slug = $1',
    [TENANT],
  );
  if (!tenant) throw new Error(`The bench database has no tenant "${TENANT}"`);
  const [adminUser] = await rows<{ id: string; team_id: string | null }>(
    database,
    'SELECT id, team_id FROM users WHERE tenant_id = $1 AND email = $2',
    [tenant.id, ADMIN_EMAIL],
  );
  if (!adminUser) throw new Error(`The bench tenant has no user ${ADMIN_EMAIL}`);
  const customerIds = (
    await rows<{ id: string }>(
      database,
      'SELECT id FROM customers WHERE tenant_id = $1 ORDER BY random() LIMIT 2000',
      [tenant.id],
    )
  ).map((r) => r.id);
  const phones = await rows<{ e164: string; display: string }>(
    database,
    'SELECT e164, display FROM customer_phones WHERE tenant_id = $1 ORDER BY random() LIMIT 2000',
    [tenant.id],
  );
  const withWork = (role: string) =>
    rows<{ id: string }>(
      database,
      `SELECT u.id FROM users u WHERE u.tenant_id = $1 AND u.role = $2
         AND EXISTS (SELECT 1 FROM tickets t WHERE t.tenant_id = $1 AND t.assignee_id = u.id) ORDER BY u.email`,
      [tenant.id, role],
    );
  let assignees = await withWork('agent');
  if (assignees.length === 0) assignees = await withWork('technician');
  return {
    tenantId: tenant.id,
    timeZone: tenant.time_zone,
    ticketPrefix: tenant.ticket_prefix,
    adminId: adminUser.id,
    adminTeamId: adminUser.team_id,
    customerIds,
    phones,
    assigneeIds: assignees.map((r) => r.id),
  };
}
