/**
 * Sequential reads timed by the server itself (`server-timing: app;dur=<ms>`), so that the figure is the
 * time spent in the app and the database, not in this process or the loopback network.
 */
import type { Samples } from './database';
import { percentile } from './figures';

export interface TimedResponse {
  status: number;
  serverMs: number;
  body: unknown;
}

export async function timedGet(baseUrl: string, token: string, pathAndQuery: string): Promise<TimedResponse> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const timing = res.headers.get('server-timing') ?? '';
  const m = /app;dur=([\d.]+)/.exec(timing);
  if (!m) throw new Error(`No server-timing header on ${pathAndQuery} (${res.status})`);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, serverMs: Number(m[1]), body };
}

export interface LatencySummary {
  kind: string;
  label: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses that were not 200 (expected 0). */
  failures: number;
  /** Queue: mean rows per page; lookup: requests that found nobody (expected 0). */
  extra: number;
  /** The query string of the slowest request. */
  slowest: string;
}

function summarise(
  kind: string,
  label: string,
  times: { ms: number; query: string }[],
  failures: number,
  extra: number,
): LatencySummary {
  const ms = times.map((t) => t.ms);
  const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a), times[0] ?? { ms: 0, query: '' });
  return {
    kind,
    label,
    count: ms.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: Math.max(0, ...ms),
    failures,
    extra,
    slowest: slowest.query,
  };
}

/** The search words agents type into the queue's search box (all occur in the seeded descriptions). */
const searchWords = ['不制冷', '漏水', '异响', '不加热', '噪音', '打不着火'];

interface QueueKind {
  kind: string;
  label: string;
  /** The query string for round `i`; `cursor` is the next page of the first kind in the same round. */
  query(i: number, cursor: string | null): string | null;
}

function queueKinds(samples: Samples): QueueKind[] {
  const rot = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  return [
    { kind: 'all_updated', label: 'view=all sort=updated_desc', query: () => 'view=all&sort=updated_desc' },
    { kind: 'unassigned', label: 'view=unassigned', query: () => 'view=unassigned' },
    {
      kind: 'open_in_progress',
      label: 'status=open&status=in_progress',
      query: () => 'status=open&status=in_progress',
    },
    {
      kind: 'urgent_priority',
      label: 'priority=urgent sort=priority_desc',
      query: () => 'priority=urgent&sort=priority_desc',
    },
    {
      kind: 'repair_waiting_parts',
      label: 'type=repair status=waiting_parts',
      query: () => 'type=repair&status=waiting_parts',
    },
    {
      kind: 'assignee',
      label: 'assigneeId=<agent>',
      query: (i) => (samples.assigneeIds.length ? `assigneeId=${rot(samples.assigneeIds, i)}` : null),
    },
    {
      kind: 'customer',
      label: 'customerId=<customer>',
      query: (i) => `customerId=${rot(samples.customerIds, i)}`,
    },
    {
      kind: 'search',
      label: `q=<${searchWords.slice(0, 2).join('|')}…>`,
      query: (i) => `q=${encodeURIComponent(rot(searchWords, i))}`,
    },
    {
      kind: 'page2',
      label: 'view=all page 2 (nextCursor)',
      query: (_i, cursor) =>
        cursor ? `view=all&sort=updated_desc&cursor=${encodeURIComponent(cursor)}` : null,
    },
  ];
}

/** GET /api/v1/tickets?limit=50 with a rotating set of queue queries; server-time percentiles per kind. */
export async function measureQueue(opts: {
  baseUrl: string;
  token: string;
  samples: Samples;
  rounds: number;
  warmupRounds: number;
}): Promise<{ kinds: LatencySummary[]; overall: LatencySummary }> {
  const kinds = queueKinds(opts.samples);
  const times = new Map<string, { ms: number; query: string }[]>(kinds.map((k) => [k.kind, []]));
  const failures = new Map<string, number>();
  const rowsSeen = new Map<string, number>();
  for (let round = 0; round < opts.warmupRounds + opts.rounds; round++) {
    let cursor: string | null = null;
    for (const k of kinds) {
      const qs = k.query(round, cursor);
      if (qs === null) continue;
      const url = `/api/v1/tickets?limit=50&${qs}`;
      const r = await timedGet(opts.baseUrl, opts.token, url);
      const page = r.body as { items?: unknown[]; nextCursor?: string | null };
      if (k.kind === 'all_updated') cursor = page.nextCursor ?? null;
      if (round < opts.warmupRounds) continue;
      if (r.status !== 200) {
        failures.set(k.kind, (failures.get(k.kind) ?? 0) + 1);
        if ((failures.get(k.kind) ?? 0) === 1)
          process.stderr.write(`  ${url} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}\n`);
        continue;
      }
      times.get(k.kind)!.push({ ms: r.serverMs, query: qs });
      rowsSeen.set(k.kind, (rowsSeen.get(k.kind) ?? 0) + (page.items?.length ?? 0));
    }
  }
  const summaries = kinds.map((k) => {
    const t = times.get(k.kind)!;
    return summarise(
      k.kind,
      k.label,
      t,
      failures.get(k.kind) ?? 0,
      t.length ? (rowsSeen.get(k.kind) ?? 0) / t.length : 0,
    );
  });
  const all = [...times.values()].flat();
  const overall = summarise(
    'overall',
    'all queue queries',
    all,
    [...failures.values()].reduce((a, b) => a + b, 0),
    0,
  );
  return { kinds: summaries, overall };
}

/** GET /api/v1/customers/lookup?phone=<as typed> over the sampled numbers. */
export async function measureLookup(opts: {
  baseUrl: string;
  token: string;
  phones: readonly { e164: string; display: string }[];
  requests: number;
  warmup: number;
}): Promise<LatencySummary & { notFound404: boolean; meanMatches: number }> {
  const times: { ms: number; query: string }[] = [];
  let failures = 0;
  let misses = 0;
  let matched = 0;
  for (let i = 0; i < opts.warmup + opts.requests; i++) {
    const phone = opts.phones[i % opts.phones.length]!;
    const qs = `phone=${encodeURIComponent(phone.display)}`;
    const r = await timedGet(opts.baseUrl, opts.token, `/api/v1/customers/lookup?${qs}`);
    if (r.status === 404 && i === 0) {
      const code = (r.body as { error?: { code?: string } }).error?.code;
      if (code === 'ROUTE_NOT_FOUND')
        return { ...summarise('lookup', 'lookup', [], 0, 0), notFound404: true, meanMatches: 0 };
    }
    if (i < opts.warmup) continue;
    if (r.status !== 200) {
      if (failures++ === 0)
        process.stderr.write(`  lookup ${qs} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}\n`);
      continue;
    }
    const matches = (r.body as { matches?: { matchedPhone?: string }[] }).matches ?? [];
    if (matches.length === 0) misses++;
    matched += matches.length;
    times.push({ ms: r.serverMs, query: qs });
  }
  return {
    ...summarise('lookup', 'phone lookup', times, failures, misses),
    notFound404: false,
    meanMatches: times.length ? matched / times.length : 0,
  };
}
