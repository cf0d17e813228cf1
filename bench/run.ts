/**
 * `npm run bench` — scale and load figures of the real server on PostgreSQL and PGlite: seeding, work-order
 * creation under load, queue pages and phone lookups at 1,000,000 rows, and the server's memory.
 * See bench/README.md for the options.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchOptions, type DatabaseKind, parseBenchArgs } from './args';
import { ADMIN_EMAIL, prepareDatabase, type WorkingDatabase } from './database';
import { type Explained, explainLookup, explainQueue } from './explain';
import { type Figure, FigureList, formatTable, type Measured, met } from './figures';
import { measurePgliteFootprint } from './footprint';
import {
  createPhase,
  lookupPhase,
  memoryFigures,
  type PhaseContext,
  queuePhase,
  type SlowRequest,
  seedFigures,
  targets,
} from './phases';
import { createApiToken, type RunningServer, repoRoot, startServer } from './server';

const benchDir = path.join(repoRoot, 'bench');
const resultsFile = path.join(benchDir, 'results.json');
const explainFile = path.join(benchDir, 'explain.txt');

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let running: RunningServer | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    say(`\n${signal}: stopping the server…`);
    void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });

/**
 * Runs the phases against the server on the run's database. Reads over target are explained (PostgreSQL)
 * before the creation load, so that the plans see the data the reads saw.
 */
async function measureServer(
  kind: DatabaseKind,
  options: BenchOptions,
  working: WorkingDatabase,
  figures: FigureList,
): Promise<Explained[]> {
  const attachmentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-attachments-'));
  say(`### ${kind}: starting the server`);
  const started = performance.now();
  const server = await startServer(working.serverEnv, attachmentDir);
  running = server;
  try {
    figures.add('server start (until /api/health answers)', (performance.now() - started) / 1000, 's');
    await sleep(2000);
    figures.add('RSS idle after start', server.memory.sample() ?? 0, 'MB', {
      target: { op: '<', value: targets.rssMb },
    });
    const idleLoad = os.loadavg()[0]!;
    const token = await createApiToken(server.baseUrl, ADMIN_EMAIL);
    const ctx: PhaseContext = { kind, server, token, samples: working.samples, figures, hostLoad: [], say };
    const slow = [...(await queuePhase(ctx)), ...(await lookupPhase(ctx))];
    const explained = working.url ? await explainSlow(working.url, working, slow, figures) : [];
    await createPhase(ctx, options.duration);
    memoryFigures(ctx, idleLoad);
    return explained;
  } finally {
    await server.stop();
    running = null;
    fs.rmSync(attachmentDir, { recursive: true, force: true });
  }
}

/** EXPLAIN ANALYZE (PostgreSQL) of each request over its target; the summary goes into the figure's notes. */
async function explainSlow(url: string, working: WorkingDatabase, slow: SlowRequest[], figures: FigureList) {
  const explained: Explained[] = [];
  for (const { kind, qs, figure } of slow) {
    try {
      const e =
        kind === 'queue'
          ? await explainQueue(url, working.samples, qs)
          : await explainLookup(url, working.samples, qs);
      explained.push(e);
      say(`\nEXPLAIN ANALYZE ${e.what}\n${e.summary}`);
      figures.annotate(figure, `plan of the slowest (${qs}): ${e.summary.replace(/\n\s*/g, ' | ')}`);
    } catch (err) {
      say(`  EXPLAIN of ${kind} ${qs} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return explained;
}

async function benchDatabase(kind: DatabaseKind, options: BenchOptions, explained: Explained[]) {
  const figures = new FigureList(kind === 'pg' ? 'postgres' : 'pglite', options.tickets, options.customers);
  say(`\n### ${kind}: preparing the database`);
  const { seed, reused, working } = await prepareDatabase(kind, options);
  seedFigures(figures, seed, reused);
  if (!working) return figures.items;
  try {
    explained.push(...(await measureServer(kind, options, working, figures)));
    if (working.dataDir) {
      say(`### ${kind}: PGlite footprint`);
      const fp = await measurePgliteFootprint(working.dataDir, working.samples.tenantId);
      figures.add('PGlite footprint (data folder open)', fp.openMb - fp.baselineMb, 'MB', {
        notes: `bare node ${fp.baselineMb.toFixed(1)} MB vs bare node with PGlite open ${fp.openMb.toFixed(1)} MB`,
      });
      figures.add('PGlite footprint (after index reads)', fp.afterQueriesMb - fp.baselineMb, 'MB', {
        notes: `after 20 queue pages and 500 phone look-ups: ${fp.afterQueriesMb.toFixed(1)} MB`,
      });
    }
  } finally {
    say(`### ${kind}: removing the database of this run${options.keep ? ' (the seeded one is kept)' : ''}`);
    await working.remove();
  }
  return figures.items;
}

function writeResults(figures: readonly Measured[]) {
  const plain: Figure[] = figures.map(({ target: _target, ...f }) => f);
  fs.writeFileSync(resultsFile, `${JSON.stringify(plain, null, 2)}\n`);
}

async function main() {
  const options = parseBenchArgs(process.argv.slice(2));
  say(
    `Manyi bench: ${options.databases.join(' + ')}, ${options.tickets.toLocaleString('en-US')} work orders, ` +
      `${options.customers.toLocaleString('en-US')} customers, ${options.duration} s per load phase` +
      `${options.keep ? ', keeping the database' : ''} (${os.cpus().length} cores)`,
  );
  const all: Measured[] = [];
  const explained: Explained[] = [];
  for (const kind of options.databases) {
    all.push(...(await benchDatabase(kind, options, explained)));
    writeResults(all);
  }
  if (explained.length)
    fs.writeFileSync(explainFile, explained.map((e) => `## ${e.what}\n\n${e.sql}\n\n${e.plan}\n`).join('\n'));
  say(formatTable(all));
  const missed = all.filter((f) => met(f) === false);
  if (options.seedOnly) say('\nSeeded and kept: measure with the same sizes and --keep.');
  else if (missed.length === 0) say('\nAll targets met.');
  else
    say(`\n${missed.length} target(s) missed: ${missed.map((f) => `${f.database} ${f.name}`).join('; ')}.`);
  say(
    `Results: ${path.relative(process.cwd(), resultsFile)}${explained.length ? `, query plans: ${path.relative(process.cwd(), explainFile)}` : ''}`,
  );
}

main().catch(async (err) => {
  process.stderr.write(`\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await running?.stop();
  process.exit(1);
});
