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
const PG_DATABASE = 'manyi_bench';

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

export interface PreparedDatabase {
  kind: DatabaseKind;
  /** Environment for the server: DATABASE_URL or DATA_DIR. */
  serverEnv: Record<string, string>;
  /** PGlite data folder (for the footprint measurement). */
  dataDir?: string;
  /** PostgreSQL connection string of the bench database. */
  url?: string;
  seed: SeedMarker;
  /** True when an existing seeded database was reused (--keep). */
  reused: boolean;
  samples: Samples;
  /** Drops the database / removes the folder (not called with --keep). */
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

/** Creates (or, with --keep, reuses) the bench database of the given kind, seeded and sampled. */
export async function prepareDatabase(kind: DatabaseKind, options: BenchOptions): Promise<PreparedDatabase> {
  return kind === 'pg' ? preparePostgres(options) : preparePglite(options);
}

async function preparePostgres(options: BenchOptions): Promise<PreparedDatabase> {
  const url = pgUrl(options.pgUrl, PG_DATABASE);
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
  const found = await adminQuery<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [PG_DATABASE],
  );
  const comment = found.rows[0]?.comment;
  const marker = options.keep && comment ? (JSON.parse(comment) as SeedMarker) : null;
  const remove = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  };
  const reused = markerMatches(marker, options);
  if (!reused) {
    if (marker) say(`The kept ${PG_DATABASE} cannot be reused: seeding it again.`);
    await remove();
    await adminQuery(`CREATE DATABASE ${PG_DATABASE}`);
  } else say(`Reusing the seeded PostgreSQL database ${PG_DATABASE} (--keep).`);
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    const seed = reused ? marker! : await seedAndAnalyze(database, options);
    if (!reused && options.keep)
      await database.exec(
        `COMMENT ON DATABASE ${PG_DATABASE} IS '${JSON.stringify(seed).replace(/'/g, "''")}'`,
      );
    const samples = await sample(database);
    return { kind: 'pg', serverEnv: { DATABASE_URL: url }, url, seed, reused, samples, remove };
  } finally {
    await database.close();
  }
}

async function preparePglite(options: BenchOptions): Promise<PreparedDatabase> {
  const root = options.keep
    ? path.join(os.tmpdir(), 'manyi-bench-pglite')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-pglite-'));
  const dataDir = path.join(root, 'data');
  const markerFile = path.join(root, 'marker.json');
  const marker = fs.existsSync(markerFile)
    ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as SeedMarker)
    : null;
  const reused = options.keep && markerMatches(marker, options);
  if (!reused) {
    if (marker) say(`The kept PGlite folder ${root} cannot be reused: seeding it again.`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(markerFile, { force: true });
    fs.mkdirSync(root, { recursive: true });
  } else say(`Reusing the seeded PGlite folder ${dataDir} (--keep).`);
  const remove = async () => fs.rmSync(root, { recursive: true, force: true });
  const database = await openDatabase({ dataDir });
  try {
    const seed = reused ? marker! : await seedAndAnalyze(database, options);
    if (!reused && options.keep) fs.writeFileSync(markerFile, JSON.stringify(seed, null, 2));
    const samples = await sample(database);
    return {
      kind: 'pglite',
      serverEnv: { DATA_DIR: dataDir, DATABASE_URL: '' },
      dataDir,
      seed,
      reused,
      samples,
      remove,
    };
  } finally {
    await database.close();
  }
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
