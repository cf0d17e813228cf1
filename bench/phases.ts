/** The measured phases against a running server, each adding its figures to the list. */
import os from 'node:os';
import type { DatabaseKind } from './args';
import type { Samples, SeedMarker } from './database';
import type { FigureList } from './figures';
import { type LatencySummary, measureLookup, measureQueue } from './latency';
import { loadTicketCreation } from './load';
import type { RunningServer } from './server';

/** What each database is held to. */
export const targets = {
  pg: { createRps: 1500, queueP95: 10 },
  pglite: { createRps: 500, queueP95: 30 },
  createP99: 50,
  lookupP95: 5,
  rssMb: 400,
};

/** A request over its target, to be explained on PostgreSQL; `figure` gets the plan summary. */
export interface SlowRequest {
  kind: 'queue' | 'lookup';
  qs: string;
  figure: string;
}

export interface PhaseContext {
  kind: DatabaseKind;
  server: RunningServer;
  token: string;
  samples: Samples;
  figures: FigureList;
  /** 1-minute load average at each phase start, for the notes. */
  hostLoad: string[];
  say(msg: string): void;
}

function enter(ctx: PhaseContext, phase: string) {
  ctx.say(`### ${ctx.kind}: ${phase}`);
  ctx.server.memory.enter(phase);
  ctx.hostLoad.push(`${phase} ${os.loadavg()[0]!.toFixed(1)}`);
}

const fmt = (s: LatencySummary) =>
  `p50 ${s.p50.toFixed(2)}  p95 ${s.p95.toFixed(2)}  p99 ${s.p99.toFixed(2)} ms`;

function addLatency(
  figures: FigureList,
  prefix: string,
  s: LatencySummary,
  p95Target: number,
  notes: string,
) {
  figures.add(`${prefix}: p50`, s.p50, 'ms');
  figures.add(`${prefix}: p95`, s.p95, 'ms', { target: { op: '<', value: p95Target }, notes });
  figures.add(`${prefix}: p99`, s.p99, 'ms');
}

export function seedFigures(figures: FigureList, seed: SeedMarker, reused: boolean) {
  const rows = Object.values(seed.rows).reduce((a, b) => a + b, 0);
  const counts = Object.entries(seed.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  const origin = reused ? 'from the kept database (seeding skipped this run); ' : '';
  figures.add('seed: time', seed.seconds, 's', {
    notes: `${origin}${counts}; then VACUUM ANALYZE ${seed.analyzeSeconds.toFixed(1)} s`,
  });
  figures.add('seed: rows written (all tables)', rows, 'rows');
  figures.add('seed: rate', rows / seed.seconds, 'rows/s');
  figures.add(
    'seed: customers + work orders rate',
    (seed.customers + seed.tickets) / seed.seconds,
    'records/s',
  );
}

/** Queue pages: sequential, server-timed, rotating over realistic queue queries. */
export async function queuePhase(ctx: PhaseContext): Promise<SlowRequest[]> {
  enter(ctx, 'queue');
  const { server, token, samples } = ctx;
  const queue = await measureQueue({ baseUrl: server.baseUrl, token, samples, rounds: 50, warmupRounds: 5 });
  const target = targets[ctx.kind].queueP95;
  const slow: SlowRequest[] = [];
  for (const s of [...queue.kinds, queue.overall]) {
    if (s.count === 0 && s.failures === 0) continue;
    const overall = s.kind === 'overall';
    const name = `queue ${overall ? 'overall' : `[${s.label}]`}`;
    const notes =
      `${s.count} requests, max ${s.max.toFixed(2)} ms` +
      (overall ? '' : `, ${s.extra.toFixed(1)} rows/page`) +
      (s.failures ? `, ${s.failures} non-200 responses` : '');
    addLatency(ctx.figures, name, s, target, notes);
    ctx.say(`  ${s.label.padEnd(36)} ${fmt(s)}`);
    if (!overall && s.p95 >= target) slow.push({ kind: 'queue', qs: s.slowest, figure: `${name}: p95` });
  }
  return slow;
}

/** Phone lookups with the number as an agent types it. */
export async function lookupPhase(ctx: PhaseContext): Promise<SlowRequest[]> {
  enter(ctx, 'lookup');
  const { server, token, samples } = ctx;
  const r = await measureLookup({
    baseUrl: server.baseUrl,
    token,
    phones: samples.phones,
    requests: 2000,
    warmup: 50,
  });
  if (r.notFound404) {
    ctx.say('  GET /api/v1/customers/lookup is not there (404): skipped.');
    return [];
  }
  addLatency(
    ctx.figures,
    'phone lookup',
    r,
    targets.lookupP95,
    `${r.count} requests with the number as displayed (e.g. 138 0013 8000), ${r.extra} found nobody, ` +
      `${r.meanMatches.toFixed(1)} customers per answer on average, ${r.failures} non-200, max ${r.max.toFixed(2)} ms`,
  );
  ctx.say(`  ${fmt(r)} (${r.meanMatches.toFixed(1)} customers per answer)`);
  if (r.meanMatches > 3)
    ctx.say(
      '  Warning: one number belongs to many customers: the seeded phone numbers are not varied enough.',
    );
  return r.p95 >= targets.lookupP95 ? [{ kind: 'lookup', qs: r.slowest, figure: 'phone lookup: p95' }] : [];
}

/** Work orders opened through the API under load, at 8 and at 50 connections. */
export async function createPhase(ctx: PhaseContext, seconds: number) {
  enter(ctx, 'create');
  const load = { baseUrl: ctx.server.baseUrl, token: ctx.token, customerIds: ctx.samples.customerIds };
  await loadTicketCreation({ ...load, connections: 8, seconds: 2 }); // JIT and pool warm-up, not reported
  for (const connections of [8, 50]) {
    const r = await loadTicketCreation({ ...load, connections, seconds });
    const prefix = `create ticket @${connections} conns`;
    ctx.figures.add(`${prefix}: throughput`, r.requestsPerSecond, 'req/s', {
      target: { op: '≥', value: targets[ctx.kind].createRps },
      notes: `${r.ok} created in ${r.seconds} s`,
    });
    ctx.figures.add(`${prefix}: latency p50`, r.latencyP50, 'ms');
    ctx.figures.add(`${prefix}: latency p99`, r.latencyP99, 'ms', {
      target: { op: '<', value: targets.createP99 },
    });
    ctx.figures.add(`${prefix}: non-2xx`, r.non2xx, 'responses', {
      target: { op: '=', value: 0 },
      notes:
        `${r.errors} connection errors, ${r.timeouts} timeouts` +
        (r.firstFailure ? `; first failure: ${r.firstFailure}` : ''),
    });
    ctx.say(
      `  ${connections} connections: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.latencyP50} ms, ` +
        `p99 ${r.latencyP99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
    );
    if (r.firstFailure)
      ctx.say(`  first failure: ${r.firstFailure}\n  server's last lines:\n${ctx.server.tail()}`);
  }
}

/** The server's RSS peaks per phase and overall, and how busy the machine was. */
export function memoryFigures(ctx: PhaseContext, idleLoad: number) {
  const { memory } = ctx.server;
  memory.enter('end');
  for (const [phase, peak] of memory.peaks) {
    if (phase === 'start' || phase === 'end') continue;
    ctx.figures.add(`RSS peak during ${phase}`, peak, 'MB', { target: { op: '<', value: targets.rssMb } });
  }
  ctx.figures.add('RSS peak overall', memory.overallPeak, 'MB', {
    target: { op: '<', value: targets.rssMb },
    notes: `${memory.samples} samples every 250 ms`,
  });
  ctx.figures.add('host load average (1 min) before the load phases', idleLoad, '', {
    notes:
      `${os.cpus().length} cores; at each phase start: ${ctx.hostLoad.join(', ')}. ` +
      'Other work on the machine lowers every figure.',
  });
}
