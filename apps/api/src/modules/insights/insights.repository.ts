import type { InsightDim, InsightMetric } from '@manyi/contracts';
import type { Executor } from '@manyi/db';
import { type SQL, sql } from 'drizzle-orm';
import { SCORE } from './insights.scores';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** One rollup row's additive figures (as summed over days or keys). */
export interface RollupSums {
  tickets: number;
  complaints: number;
  compliments: number;
  suggestions: number;
  repairs: number;
  complaintsClosed: number;
  complaintHandlingMinutes: number;
  complaintsVerdict: number;
  complaintsWinbackKnown: number;
  complaintsWonBack: number;
  followupsDone: number;
  followupsReached: number;
  responses: number;
  csatN: number;
  csatSum: number;
  csatSatisfied: number;
  npsN: number;
  npsPromoters: number;
  npsDetractors: number;
  cesN: number;
  cesSum: number;
  cesEasy: number;
}
export interface DailyRow extends RollupSums {
  day: string;
  complaintCauses: Record<string, number>;
  gapN: Record<string, number>;
  gapExpSum: Record<string, number>;
  gapPercSum: Record<string, number>;
}

const sums = sql.raw(`
  tickets, complaints, compliments, suggestions, repairs,
  complaints_closed AS "complaintsClosed", complaint_handling_minutes::float8 AS "complaintHandlingMinutes",
  complaints_verdict AS "complaintsVerdict", complaints_winback_known AS "complaintsWinbackKnown",
  complaints_won_back AS "complaintsWonBack", followups_done AS "followupsDone",
  followups_reached AS "followupsReached", responses, csat_n AS "csatN", csat_sum AS "csatSum",
  csat_satisfied AS "csatSatisfied", nps_n AS "npsN", nps_promoters AS "npsPromoters",
  nps_detractors AS "npsDetractors", ces_n AS "cesN", ces_sum AS "cesSum", ces_easy AS "cesEasy"`);

const summed = sql.raw(
  [
    'tickets',
    'complaints',
    'compliments',
    'suggestions',
    'repairs',
    ['complaints_closed', 'complaintsClosed'],
    ['complaint_handling_minutes', 'complaintHandlingMinutes'],
    ['complaints_verdict', 'complaintsVerdict'],
    ['complaints_winback_known', 'complaintsWinbackKnown'],
    ['complaints_won_back', 'complaintsWonBack'],
    ['followups_done', 'followupsDone'],
    ['followups_reached', 'followupsReached'],
    'responses',
    ['csat_n', 'csatN'],
    ['csat_sum', 'csatSum'],
    ['csat_satisfied', 'csatSatisfied'],
    ['nps_n', 'npsN'],
    ['nps_promoters', 'npsPromoters'],
    ['nps_detractors', 'npsDetractors'],
    ['ces_n', 'cesN'],
    ['ces_sum', 'cesSum'],
    ['ces_easy', 'cesEasy'],
  ]
    .map((c) => (Array.isArray(c) ? `sum(${c[0]})::float8 AS "${c[1]}"` : `sum(${c})::float8 AS "${c}"`))
    .join(', '),
);

/** The daily rows of a period for the whole tenant ('all') or one dimension key: at most one row per day. */
export async function findDailyRows(
  db: Executor,
  tenantId: string,
  from: string,
  to: string,
  dim: InsightDim | null,
  key: string | null,
): Promise<DailyRow[]> {
  const r = await db.execute(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, ${sums}, complaint_causes AS "complaintCauses", gap_n AS "gapN",
      gap_exp_sum AS "gapExpSum", gap_perc_sum AS "gapPercSum"
    FROM insight_daily
    WHERE tenant_id = ${tenantId} AND dim = ${dim ?? 'all'} AND dim_key = ${key ?? ''}
      AND day BETWEEN ${from}::date AND ${to}::date
    ORDER BY day`);
  return rowsOf<DailyRow>(r).map((x) => ({
    ...x,
    complaintHandlingMinutes: Number(x.complaintHandlingMinutes),
  }));
}

/** Per key of one dimension, the period's sums. */
export async function findBreakdown(
  db: Executor,
  tenantId: string,
  from: string,
  to: string,
  by: InsightDim,
): Promise<(RollupSums & { key: string })[]> {
  const r = await db.execute(sql`
    SELECT dim_key AS key, ${summed}
    FROM insight_daily
    WHERE tenant_id = ${tenantId} AND dim = ${by} AND day BETWEEN ${from}::date AND ${to}::date
    GROUP BY dim_key ORDER BY sum(tickets) DESC, dim_key`);
  return rowsOf<RollupSums & { key: string }>(r);
}

export async function findRefreshedAt(db: Executor, tenantId: string): Promise<Date | null> {
  const r = rowsOf<{ at: string | Date }>(
    await db.execute(sql`SELECT last_run_at AS at FROM insight_watermarks WHERE tenant_id = ${tenantId}`),
  );
  return r[0]?.at ? new Date(r[0].at) : null;
}

export async function findTeamNames(db: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db.execute(
    sql`SELECT id::text AS id, name FROM teams WHERE tenant_id = ${tenantId}
      AND id::text = ANY(string_to_array(${ids.join(',')}, ','))`,
  );
  return new Map(rowsOf<{ id: string; name: string }>(r).map((x) => [x.id, x.name]));
}

export async function findUserNames(db: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db.execute(
    sql`SELECT id::text AS id, display_name AS name FROM users WHERE tenant_id = ${tenantId}
      AND id::text = ANY(string_to_array(${ids.join(',')}, ','))`,
  );
  return new Map(rowsOf<{ id: string; name: string }>(r).map((x) => [x.id, x.name]));
}

export async function findComplaintCauses(db: Executor, tenantId: string) {
  const r = await db.execute(sql`SELECT causes FROM complaint_settings WHERE tenant_id = ${tenantId}`);
  return rowsOf<{ causes: { code: string; zh: string; en: string }[] }>(r)[0]?.causes ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Drill-down: the work orders behind a figure, read from the sources with the same day and dimension rules.

export interface DrillFilter {
  tenantId: string;
  tz: string;
  from: string;
  to: string;
  metric: InsightMetric;
  cause?: string;
  gapDimension?: string;
  dim: InsightDim | null;
  key: string | null;
  /** Keyset: strictly before (at, id). */
  before: { at: string; id: string } | null;
  limit: number;
}

export interface DrillRow {
  ticketId: string;
  number: number;
  type: string;
  status: string;
  subject: string;
  customerName: string;
  teamName: string | null;
  assigneeName: string | null;
  at: string | Date;
  detail: string | null;
  rowId: string;
}

const dimJoins = (ticket: SQL, unit: SQL, customer: SQL) => sql`
  LEFT JOIN units u ON u.id = coalesce(${unit}, ${ticket}.unit_id)
  LEFT JOIN product_models pm ON pm.id = u.model_id
  LEFT JOIN customer_addresses ua ON ua.id = u.address_id
  LEFT JOIN LATERAL (SELECT a.province_code FROM customer_addresses a WHERE a.customer_id = ${customer}
    ORDER BY a.is_default DESC, a.created_at LIMIT 1) ca ON ua.id IS NULL`;

function dimWhere(f: DrillFilter, team: SQL, tech: SQL): SQL {
  if (!f.dim || f.key === null) return sql`TRUE`;
  const col =
    f.dim === 'team'
      ? sql`${team}::text`
      : f.dim === 'technician'
        ? sql`${tech}::text`
        : f.dim === 'category'
          ? sql`pm.category`
          : sql`coalesce(ua.province_code, ca.province_code)`;
  return f.key === '-' ? sql`${col} IS NULL` : sql`${col} = ${f.key}`;
}

/** One source for a metric: the timestamp it counts by, the rows that count, and what each contributed. */
function drillSource(f: DrillFilter): { from: SQL; at: SQL; id: SQL; where: SQL; detail: SQL } {
  const ticketBase = (where: SQL) => ({
    from: sql`tickets t ${dimJoins(sql`t`, sql`NULL::uuid`, sql`t.customer_id`)}`,
    at: sql`t.created_at`,
    id: sql`t.id`,
    where: sql`${where} AND ${dimWhere(f, sql`t.team_id`, sql`t.assignee_id`)}`,
    detail: sql`t.type::text`,
  });
  const complaintBase = (at: SQL, where: SQL, detail: SQL) => ({
    from: sql`complaints c JOIN tickets t ON t.id = c.ticket_id
      ${dimJoins(sql`t`, sql`c.about_unit_id`, sql`c.customer_id`)}`,
    at,
    id: sql`c.id`,
    where: sql`c.tenant_id = ${f.tenantId} AND ${where} AND ${dimWhere(f, sql`t.team_id`, sql`t.assignee_id`)}`,
    detail,
  });
  const responseBase = (where: SQL, detail: SQL) => ({
    from: sql`survey_responses r JOIN tickets t ON t.id = r.ticket_id
      ${dimJoins(sql`t`, sql`NULL::uuid`, sql`r.customer_id`)}`,
    at: sql`r.responded_at`,
    id: sql`r.id`,
    where: sql`r.tenant_id = ${f.tenantId} AND ${where} AND ${dimWhere(f, sql`r.team_id`, sql`r.assignee_id`)}`,
    detail,
  });
  const scores = sql`concat_ws(' ', 'CSAT ' || r.csat, 'NPS ' || r.nps, 'CES ' || r.ces)`;
  const followupBase = (where: SQL) => ({
    from: sql`followups f JOIN tickets t ON t.id = f.ticket_id
      ${dimJoins(sql`t`, sql`f.unit_id`, sql`f.customer_id`)}`,
    at: sql`f.completed_at`,
    id: sql`f.id`,
    where: sql`f.tenant_id = ${f.tenantId} AND f.status IN ('done', 'unreachable') AND ${where}
      AND ${dimWhere(f, sql`t.team_id`, sql`t.assignee_id`)}`,
    detail: sql`f.status::text`,
  });
  const tt = sql`t.tenant_id = ${f.tenantId}`;
  switch (f.metric) {
    case 'tickets':
      return ticketBase(tt);
    case 'compliments':
      return ticketBase(sql`${tt} AND t.type = 'compliment'`);
    case 'suggestions':
      return ticketBase(sql`${tt} AND t.type = 'suggestion'`);
    case 'complaints':
      return complaintBase(
        sql`c.created_at`,
        f.cause ? sql`c.cause = ${f.cause}` : sql`TRUE`,
        sql`'cause:' || c.cause || ':' || c.severity::text`,
      );
    case 'complaints_closed':
      return complaintBase(
        sql`c.closed_at`,
        sql`c.closed_at IS NOT NULL`,
        sql`coalesce(c.verdict::text, '-') || ' · ' || round(extract(epoch FROM c.closed_at - c.created_at) / 3600, 1) || 'h'`,
      );
    case 'won_back':
      return complaintBase(
        sql`c.closed_at`,
        sql`c.closed_at IS NOT NULL AND c.win_back IN ('active', 'bought_again')`,
        sql`c.win_back::text`,
      );
    case 'lost':
      return complaintBase(
        sql`c.closed_at`,
        sql`c.closed_at IS NOT NULL AND c.win_back = 'churned'`,
        sql`c.win_back::text`,
      );
    case 'responses':
      return responseBase(
        f.gapDimension ? sql`${sql.raw(`r.per_${f.gapDimension} < r.exp_${f.gapDimension}`)}` : sql`TRUE`,
        f.gapDimension
          ? sql.raw(`'${f.gapDimension} ' || r.exp_${f.gapDimension} || ' → ' || r.per_${f.gapDimension}`)
          : scores,
      );
    case 'promoters':
      return responseBase(sql`r.nps >= ${SCORE.npsPromoterMin}`, sql`'NPS ' || r.nps`);
    case 'detractors':
      return responseBase(sql`r.nps <= ${SCORE.npsDetractorMax}`, sql`'NPS ' || r.nps`);
    case 'csat_dissatisfied':
      return responseBase(sql`r.csat < ${SCORE.csatSatisfiedMin}`, sql`'CSAT ' || r.csat`);
    case 'ces_hard':
      return responseBase(sql`r.ces >= ${SCORE.cesHardMin}`, sql`'CES ' || r.ces`);
    case 'followups_reached':
      return followupBase(sql`f.reached`);
    case 'followups_unreached':
      return followupBase(sql`NOT coalesce(f.reached, false)`);
  }
}

export async function findDrillRows(db: Executor, f: DrillFilter): Promise<DrillRow[]> {
  const s = drillSource(f);
  const lo = sql`(${f.from}::date::timestamp AT TIME ZONE ${f.tz})`;
  const hi = sql`((${f.to}::date + 1)::timestamp AT TIME ZONE ${f.tz})`;
  const keyset = f.before
    ? sql`AND (${s.at}, ${s.id}::text) < (${f.before.at}::timestamptz, ${f.before.id})`
    : sql``;
  const r = await db.execute(sql`
    SELECT t.id AS "ticketId", t.number::float8 AS number, t.type::text AS type, t.status::text AS status,
      t.subject, cu.name AS "customerName", tm.name AS "teamName", us.display_name AS "assigneeName",
      ${s.at} AS at, ${s.detail} AS detail, ${s.id}::text AS "rowId"
    FROM ${s.from}
    JOIN customers cu ON cu.id = t.customer_id
    LEFT JOIN teams tm ON tm.id = t.team_id
    LEFT JOIN users us ON us.id = t.assignee_id
    WHERE ${s.where} AND ${s.at} >= ${lo} AND ${s.at} < ${hi} ${keyset}
    ORDER BY ${s.at} DESC, ${s.id}::text DESC
    LIMIT ${f.limit}`);
  return rowsOf<DrillRow>(r);
}

export interface MonthExtras {
  verdicts: { satisfied: number; partly: number; notSatisfied: number };
  lost: { customerId: string; name: string; churnedAt: string | Date; reason: string | null }[];
  lostCount: number;
  warranty: { category: string; repairs: number; inWarranty: number }[];
}

/**
 * Figures of the monthly report not kept in rollups (one month, read from the sources): complaint verdicts,
 * customers lost in the month, repair work orders on units still in their whole-unit warranty.
 */
export async function findMonthExtras(
  db: Executor,
  tenantId: string,
  tz: string,
  from: string,
  to: string,
): Promise<MonthExtras> {
  const lo = sql`(${from}::date::timestamp AT TIME ZONE ${tz})`;
  const hi = sql`((${to}::date + 1)::timestamp AT TIME ZONE ${tz})`;
  const v = rowsOf<{ satisfied: number; partly: number; notSatisfied: number }>(
    await db.execute(sql`
      SELECT count(*) FILTER (WHERE verdict = 'satisfied')::int AS satisfied,
        count(*) FILTER (WHERE verdict = 'partly')::int AS partly,
        count(*) FILTER (WHERE verdict = 'not_satisfied')::int AS "notSatisfied"
      FROM complaints WHERE tenant_id = ${tenantId} AND closed_at >= ${lo} AND closed_at < ${hi}`),
  )[0]!;
  const lost = rowsOf<MonthExtras['lost'][number]>(
    await db.execute(sql`
      SELECT id AS "customerId", name, churned_at AS "churnedAt", churn_reason AS reason
      FROM customers WHERE tenant_id = ${tenantId} AND status = 'churned'
        AND churned_at >= ${lo} AND churned_at < ${hi}
      ORDER BY churned_at DESC LIMIT 200`),
  );
  const lostCount = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM customers WHERE tenant_id = ${tenantId} AND status = 'churned'
        AND churned_at >= ${lo} AND churned_at < ${hi}`),
  )[0]!.n;
  const warranty = rowsOf<MonthExtras['warranty'][number]>(
    await db.execute(sql`
      SELECT coalesce(pm.category, '-') AS category, count(*)::int AS repairs,
        count(*) FILTER (WHERE wp.id IS NOT NULL AND (t.created_at AT TIME ZONE ${tz})::date <
          (CASE wp.starts_from WHEN 'install' THEN coalesce(u.install_date, u.delivery_date, u.purchase_date)
            WHEN 'delivery' THEN coalesce(u.delivery_date, u.purchase_date)
            ELSE u.purchase_date END + make_interval(months => wp.whole_unit_months)))::int AS "inWarranty"
      FROM tickets t
      LEFT JOIN units u ON u.id = t.unit_id
      LEFT JOIN product_models pm ON pm.id = u.model_id
      LEFT JOIN warranty_policies wp ON wp.id = pm.warranty_policy_id
      WHERE t.tenant_id = ${tenantId} AND t.type = 'repair' AND t.created_at >= ${lo} AND t.created_at < ${hi}
      GROUP BY 1 ORDER BY 2 DESC`),
  );
  return { verdicts: v, lost, lostCount, warranty };
}
