import {
  type InsightBreakdown,
  type InsightDim,
  type InsightDrillQuery,
  type InsightKpis,
  type InsightOverview,
  type MonthlyReport,
  serviceDimensions,
} from '@manyi/contracts';
import { provinces } from '@manyi/db/seed/data/regions';
import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error';
import type { ServiceContext } from '../../lib/context';
import * as repo from './insights.repository';
import { refreshTenant } from './insights.rollup';
import { gapOf, meanOf, npsOf, rateOf } from './insights.scores';

const DAY = 86_400_000;
const MAX_DAYS = 3 * 366;
const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));

const FALLBACK_CAUSES: Record<string, { zh: string; en: string }> = {
  product_quality: { zh: '产品质量', en: 'Product quality' },
  service_manner: { zh: '服务态度', en: 'Service manner' },
  slowness: { zh: '处理太慢', en: 'Slowness' },
  poor_workmanship: { zh: '维修质量差', en: 'Poor workmanship' },
  poor_communication: { zh: '沟通不畅', en: 'Poor communication' },
};

const SEVERITY: Record<string, { zh: string; en: string }> = {
  minor: { zh: '一般', en: 'minor' },
  serious: { zh: '严重', en: 'serious' },
  major: { zh: '重大', en: 'major' },
};

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
}

function checkFilter(dim: unknown, key: unknown) {
  if (!dim !== !key) throw new AppError('VALIDATION_FAILED', { key: 'dim and key go together' });
}

function checkPeriod(from: string, to: string) {
  const n = daysBetween(from, to);
  if (!(n >= 1 && n <= MAX_DAYS)) throw new AppError('INSIGHTS_PERIOD_INVALID', { from, to });
  return n;
}

const emptySums = (): repo.RollupSums => ({
  tickets: 0,
  complaints: 0,
  compliments: 0,
  suggestions: 0,
  repairs: 0,
  complaintsClosed: 0,
  complaintHandlingMinutes: 0,
  complaintsVerdict: 0,
  complaintsWinbackKnown: 0,
  complaintsWonBack: 0,
  followupsDone: 0,
  followupsReached: 0,
  responses: 0,
  csatN: 0,
  csatSum: 0,
  csatSatisfied: 0,
  npsN: 0,
  npsPromoters: 0,
  npsDetractors: 0,
  cesN: 0,
  cesSum: 0,
  cesEasy: 0,
});

function addInto(acc: repo.RollupSums, x: repo.RollupSums) {
  for (const k of Object.keys(acc) as (keyof repo.RollupSums)[]) acc[k] += Number(x[k]);
}

/** Headline figures from summed counts (formulas in insights.scores.ts). */
export function kpisOf(s: repo.RollupSums): InsightKpis {
  return {
    tickets: s.tickets,
    responses: s.responses,
    csat: meanOf(s.csatSum, s.csatN),
    csatSatisfiedRate: rateOf(s.csatSatisfied, s.csatN),
    nps: npsOf(s.npsPromoters, s.npsDetractors, s.npsN),
    npsN: s.npsN,
    promoters: s.npsPromoters,
    detractors: s.npsDetractors,
    ces: meanOf(s.cesSum, s.cesN),
    complaints: s.complaints,
    complaintsClosed: s.complaintsClosed,
    complaintsVerdict: s.complaintsVerdict,
    avgHandlingHours: s.complaintsClosed
      ? Math.round((s.complaintHandlingMinutes / s.complaintsClosed / 60) * 10) / 10
      : null,
    winBackRate: rateOf(s.complaintsWonBack, s.complaintsWinbackKnown),
    winBackKnown: s.complaintsWinbackKnown,
    followupsDone: s.followupsDone,
    followupReachRate: rateOf(s.followupsReached, s.followupsDone),
    compliments: s.compliments,
    suggestions: s.suggestions,
  };
}

function bucketOf(day: string, grain: 'day' | 'week' | 'month') {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7; // ISO week starts on Monday
  return new Date(d.getTime() - back * DAY).toISOString().slice(0, 10);
}

async function causeLabels(ctx: ServiceContext) {
  const lang = ctx.lang;
  const causes = await repo.findComplaintCauses(ctx.db, ctx.principal.tenantId);
  const map = new Map<string, string>();
  for (const [code, l] of Object.entries(FALLBACK_CAUSES)) map.set(code, l[lang]);
  for (const c of causes ?? []) map.set(c.code, c[lang]);
  return map;
}

/** Causes sorted by count with the running share: the Pareto chart. */
async function paretoOf(ctx: ServiceContext, counts: Record<string, number>) {
  const labels = await causeLabels(ctx);
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = entries.reduce((s, [, n]) => s + n, 0);
  let run = 0;
  return entries.map(([cause, count]) => {
    run += count;
    return {
      cause,
      label: labels.get(cause) ?? cause,
      count,
      cumulativeShare: Math.round((run / total) * 10_000) / 10_000,
    };
  });
}

function gapsOf(rows: repo.DailyRow[]) {
  return serviceDimensions.map((d) => {
    let n = 0;
    let e = 0;
    let p = 0;
    for (const r of rows) {
      n += r.gapN[d] ?? 0;
      e += r.gapExpSum[d] ?? 0;
      p += r.gapPercSum[d] ?? 0;
    }
    return {
      dimension: d,
      n,
      expectation: meanOf(e, n),
      perception: meanOf(p, n),
      gap: gapOf(e, p, n),
    };
  });
}

function mergeCauses(rows: repo.DailyRow[]) {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.complaintCauses)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Dashboard figures of a period, whole tenant or one dimension key, as a series and totals. */
export async function getOverview(
  ctx: ServiceContext,
  q: { from: string; to: string; grain?: 'day' | 'week' | 'month'; dim?: InsightDim; key?: string },
): Promise<InsightOverview> {
  checkFilter(q.dim, q.key);
  const n = checkPeriod(q.from, q.to);
  const grain = q.grain ?? (n <= 45 ? 'day' : n <= 200 ? 'week' : 'month');
  const tenantId = ctx.principal.tenantId;
  const rows = await repo.findDailyRows(ctx.db, tenantId, q.from, q.to, q.dim ?? null, q.key ?? null);
  const total = emptySums();
  const buckets = new Map<string, repo.RollupSums>();
  for (const r of rows) {
    addInto(total, r);
    const b = bucketOf(r.day, grain);
    const acc = buckets.get(b) ?? emptySums();
    buckets.set(b, acc);
    addInto(acc, r);
  }
  // Every bucket of the period appears, empty ones too, so charts keep their time axis.
  const series: InsightOverview['series'] = [];
  const seen = new Set<string>();
  for (let t = Date.parse(`${q.from}T00:00:00Z`); t <= Date.parse(`${q.to}T00:00:00Z`); t += DAY) {
    const b = bucketOf(new Date(t).toISOString().slice(0, 10), grain);
    if (seen.has(b)) continue;
    seen.add(b);
    series.push({ bucket: b, ...kpisOf(buckets.get(b) ?? emptySums()) });
  }
  const refreshedAt = await repo.findRefreshedAt(ctx.db, tenantId);
  return {
    from: q.from,
    to: q.to,
    grain,
    dim: q.dim ?? null,
    key: q.key ?? null,
    kpis: kpisOf(total),
    series,
    gaps: gapsOf(rows),
    causes: await paretoOf(ctx, mergeCauses(rows)),
    refreshedAt: refreshedAt?.toISOString() ?? null,
  };
}

/** Readable names of dimension keys (team and user names, province names; categories are names already). */
async function labelsFor(ctx: ServiceContext, by: InsightDim, keys: string[]) {
  const ids = keys.filter((k) => k !== '-');
  const none = ctx.lang === 'zh' ? '（未指定）' : '(none)';
  const map =
    by === 'team'
      ? await repo.findTeamNames(ctx.db, ctx.principal.tenantId, ids)
      : by === 'technician'
        ? await repo.findUserNames(ctx.db, ctx.principal.tenantId, ids)
        : by === 'province'
          ? new Map(ids.map((k) => [k, provinceNames.get(k) ?? k]))
          : new Map(ids.map((k) => [k, k]));
  return (k: string) => (k === '-' ? none : (map.get(k) ?? k));
}

/** The period's figures per team, technician, category or province (the dashboards' table). */
export async function getBreakdown(
  ctx: ServiceContext,
  q: { from: string; to: string; by: InsightDim },
): Promise<InsightBreakdown> {
  checkPeriod(q.from, q.to);
  const rows = await repo.findBreakdown(ctx.db, ctx.principal.tenantId, q.from, q.to, q.by);
  const label = await labelsFor(
    ctx,
    q.by,
    rows.map((r) => r.key),
  );
  return {
    by: q.by,
    rows: rows.map((r) => {
      const s = emptySums();
      addInto(s, r);
      return { key: r.key, label: label(r.key), ...kpisOf(s) };
    }),
  };
}

function encodeCursor(at: Date, id: string) {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new Error();
    return { at, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', { cursor: 'invalid' });
  }
}

/** The work orders behind a figure, newest first, one keyset page. */
export async function findDrill(ctx: ServiceContext, q: InsightDrillQuery) {
  checkFilter(q.dim, q.key);
  checkPeriod(q.from, q.to);
  const rows = await repo.findDrillRows(ctx.db, {
    tenantId: ctx.principal.tenantId,
    tz: ctx.principal.tenantTimeZone,
    from: q.from,
    to: q.to,
    metric: q.metric,
    cause: q.cause,
    gapDimension: q.gapDimension,
    dim: q.dim ?? null,
    key: q.key ?? null,
    before: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  // Complaint rows carry `cause:<code>:<severity>`: shown as words of the caller's language.
  const labels = q.metric === 'complaints' ? await causeLabels(ctx) : null;
  const detailOf = (d: string | null) => {
    if (!labels || !d?.startsWith('cause:')) return d;
    const [, code = '', severity = ''] = d.split(':');
    return `${labels.get(code) ?? code} · ${SEVERITY[severity]?.[ctx.lang] ?? severity}`;
  };
  return {
    items: page.map((r) => ({
      ticketId: r.ticketId,
      number: `${ctx.principal.ticketPrefix}-${r.number}`,
      type: r.type,
      status: r.status,
      subject: r.subject,
      customerName: r.customerName,
      teamName: r.teamName,
      assigneeName: r.assigneeName,
      at: new Date(r.at).toISOString(),
      detail: detailOf(r.detail),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.at), last.rowId) : null,
  };
}

/** Brings the caller's tenant's rollups up to date now (the job does it every minute). */
export async function refreshNow(ctx: ServiceContext) {
  const days = await refreshTenant(ctx.database, ctx.principal.tenantId);
  return { days, refreshedAt: ctx.now().toISOString() };
}

function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const to = `${month}-${String(last).padStart(2, '0')}`;
  const prev = new Date(Date.UTC(y, m - 2, 1));
  const pm = prev.toISOString().slice(0, 7);
  const plast = new Date(Date.UTC(prev.getUTCFullYear(), prev.getUTCMonth() + 1, 0)).getUTCDate();
  return { from, to, prevFrom: `${pm}-01`, prevTo: `${pm}-${String(plast).padStart(2, '0')}` };
}

/** The monthly customer-satisfaction monitoring report (ISO 9001 8.2.1 / 9.1.2), tenant time zone. */
export async function getMonthlyReport(ctx: ServiceContext, month: string): Promise<MonthlyReport> {
  const { from, to, prevFrom, prevTo } = monthBounds(month);
  const tenantId = ctx.principal.tenantId;
  const [cur, prev, byTeam] = await Promise.all([
    getOverview(ctx, { from, to, grain: 'month' }),
    getOverview(ctx, { from: prevFrom, to: prevTo, grain: 'month' }),
    getBreakdown(ctx, { from, to, by: 'team' }),
  ]);
  const extras = await repo.findMonthExtras(ctx.db, tenantId, ctx.principal.tenantTimeZone, from, to);
  const t = (
    (await ctx.db.execute(sql`SELECT name FROM tenants WHERE id = ${tenantId}`)) as unknown as {
      rows: { name: string }[];
    }
  ).rows[0];
  return {
    month,
    tenantName: t?.name ?? '',
    timeZone: ctx.principal.tenantTimeZone,
    from,
    to,
    generatedAt: ctx.now().toISOString(),
    kpis: cur.kpis,
    previous: prev.kpis,
    gaps: cur.gaps,
    causes: cur.causes,
    verdicts: extras.verdicts,
    lostCustomers: extras.lost.map((l) => ({ ...l, churnedAt: new Date(l.churnedAt).toISOString() })),
    lostCount: extras.lostCount,
    warranty: {
      repairs: extras.warranty.reduce((s, w) => s + w.repairs, 0),
      inWarranty: extras.warranty.reduce((s, w) => s + w.inWarranty, 0),
      byCategory: extras.warranty,
    },
    byTeam: byTeam.rows,
  };
}
