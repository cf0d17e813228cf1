import type { Database, Executor } from '@manyi/db';
import { type SQL, sql } from 'drizzle-orm';
import { SCORE } from './insights.scores';

/**
 * Keeps `insight_daily` current. Each run looks, per tenant, at rows of the sources changed since the
 * tenant's watermark less an overlap (a transaction that began earlier but committed later is still seen),
 * collects the local days they count on, and rewrites those (tenant, day) rows whole from the sources in one
 * transaction that also advances the watermark. Rewriting whole days (never `+= 1`) makes a repeated or
 * overlapping run harmless: a day is always equal to a recomputation from the sources.
 */
const OVERLAP_MINUTES = 10;
export const ROLLUP_SOURCES = ['tickets', 'complaints', 'followups', 'responses'] as const;

type Rows<T> = { rows: T[] };
const rowsOf = <T>(r: unknown) => (r as Rows<T>).rows;

/**
 * A filter on a timestamp column: its local day (tenant zone) is one of `days` (null = every day). The list is
 * unnested in a sub-select (a hashed set): `= ANY(array)` re-parsed the array per row, seconds for many days.
 */
function onDays(col: SQL, tz: string, days: string[] | null): SQL {
  if (!days) return sql`${col} IS NOT NULL`;
  const sorted = [...days].sort();
  const list = sorted.join(',');
  return sql`${col} >= (${sorted[0]}::date::timestamp AT TIME ZONE ${tz})
    AND ${col} < ((${sorted[sorted.length - 1]}::date + 1)::timestamp AT TIME ZONE ${tz})
    AND (${col} AT TIME ZONE ${tz})::date IN (SELECT unnest(string_to_array(${list}, ',')::date[]))`;
}

const localDay = (col: SQL, tz: string) => sql`(${col} AT TIME ZONE ${tz})::date`;

/** Category and province of a work order (its unit's model; the unit's address, else the customer's). */
const dimJoins = (ticket: SQL, unit: SQL, customer: SQL) => sql`
  LEFT JOIN units u ON u.id = coalesce(${unit}, ${ticket}.unit_id)
  LEFT JOIN product_models pm ON pm.id = u.model_id
  LEFT JOIN customer_addresses ua ON ua.id = u.address_id
  LEFT JOIN LATERAL (SELECT a.province_code FROM customer_addresses a WHERE a.customer_id = ${customer}
    ORDER BY a.is_default DESC, a.created_at LIMIT 1) ca ON ua.id IS NULL`;

const dimCols = (team: SQL, tech: SQL) => sql`
  coalesce(${team}::text, '-') AS k_team, coalesce(${tech}::text, '-') AS k_tech,
  coalesce(pm.category, '-') AS k_cat, coalesce(ua.province_code, ca.province_code, '-') AS k_prov`;

const groupSets = sql`GROUPING SETS ((day), (day, k_team), (day, k_tech), (day, k_cat), (day, k_prov))`;
const dimOut = sql`
  CASE WHEN grouping(k_team) = 0 THEN 'team' WHEN grouping(k_tech) = 0 THEN 'technician'
    WHEN grouping(k_cat) = 0 THEN 'category' WHEN grouping(k_prov) = 0 THEN 'province' ELSE 'all' END AS dim,
  CASE WHEN grouping(k_team) = 0 THEN k_team WHEN grouping(k_tech) = 0 THEN k_tech
    WHEN grouping(k_cat) = 0 THEN k_cat WHEN grouping(k_prov) = 0 THEN k_prov ELSE '' END AS dim_key`;

const SUMMED = [
  'tickets',
  'complaints',
  'compliments',
  'suggestions',
  'repairs',
  'complaints_closed',
  'complaint_handling_minutes',
  'complaints_verdict',
  'complaints_winback_known',
  'complaints_won_back',
  'followups_done',
  'followups_reached',
  'responses',
  'csat_n',
  'csat_sum',
  'csat_satisfied',
  'nps_n',
  'nps_promoters',
  'nps_detractors',
  'ces_n',
  'ces_sum',
  'ces_easy',
];
const JSONB = ['complaint_causes', 'gap_n', 'gap_exp_sum', 'gap_perc_sum'];
interface Part {
  cols: string[];
  select: SQL;
}
const part = (cols: string[], select: SQL): Part => ({ cols, select });

/**
 * One INSERT for all sources: each source's rows (its own columns, NULL for the others) are stacked and
 * summed per (day, dim, key), so every rollup row is written once (no update churn, no dead tuples).
 */
function insertParts(tenantId: string, parts: Part[]): SQL {
  const all = [...SUMMED, ...JSONB];
  const stacked = sql.join(
    parts.map(({ cols, select }) => {
      const list = all
        .map((c) => (cols.includes(c) ? c : `NULL::${JSONB.includes(c) ? 'jsonb' : 'bigint'} AS ${c}`))
        .join(', ');
      return sql`SELECT day, dim, dim_key, ${sql.raw(list)} FROM (${select}) s`;
    }),
    sql` UNION ALL `,
  );
  const agg = sql.raw(
    [
      ...SUMMED.map((c) => `coalesce(sum(${c}), 0)`),
      ...JSONB.map((c) => `coalesce((array_agg(${c}) FILTER (WHERE ${c} IS NOT NULL))[1], '{}'::jsonb)`),
    ].join(', '),
  );
  return sql`INSERT INTO insight_daily (tenant_id, day, dim, dim_key, ${sql.raw(all.join(', '))})
    SELECT ${tenantId}::uuid, day, dim, dim_key, ${agg} FROM (${stacked}) u GROUP BY day, dim, dim_key`;
}

/** Rewrites the given local days (null: all of them) of one tenant from the sources. */
export async function rebuildDays(db: Executor, tenantId: string, tz: string, days: string[] | null) {
  if (days && days.length === 0) return;
  const dayList = days ? [...days].sort().join(',') : null;
  await db.execute(
    dayList
      ? sql`DELETE FROM insight_daily WHERE tenant_id = ${tenantId}
          AND day IN (SELECT unnest(string_to_array(${dayList}, ',')::date[]))`
      : sql`DELETE FROM insight_daily WHERE tenant_id = ${tenantId}`,
  );

  const parts: Part[] = [];
  // Work orders created that day.
  parts.push(
    part(
      ['tickets', 'complaints', 'compliments', 'suggestions', 'repairs'],
      sql`SELECT day, ${dimOut}, count(*)::int AS tickets,
          count(*) FILTER (WHERE type = 'complaint')::int AS complaints,
          count(*) FILTER (WHERE type = 'compliment')::int AS compliments,
          count(*) FILTER (WHERE type = 'suggestion')::int AS suggestions,
          count(*) FILTER (WHERE type = 'repair')::int AS repairs
        FROM (SELECT ${localDay(sql`t.created_at`, tz)} AS day, t.type, ${dimCols(sql`t.team_id`, sql`t.assignee_id`)}
          FROM tickets t ${dimJoins(sql`t`, sql`NULL::uuid`, sql`t.customer_id`)}
          WHERE t.tenant_id = ${tenantId} AND ${onDays(sql`t.created_at`, tz, days)}) x
        GROUP BY ${groupSets}`,
    ),
  );

  // Complaint causes by the day the complaint was opened.
  parts.push(
    part(
      ['complaint_causes'],
      sql`SELECT day, dim, dim_key, jsonb_object_agg(cause, n) AS complaint_causes FROM (
          SELECT day, cause, ${dimOut}, count(*)::int AS n
          FROM (SELECT ${localDay(sql`c.created_at`, tz)} AS day, c.cause,
              ${dimCols(sql`t.team_id`, sql`t.assignee_id`)}
            FROM complaints c JOIN tickets t ON t.id = c.ticket_id
            ${dimJoins(sql`t`, sql`c.about_unit_id`, sql`c.customer_id`)}
            WHERE c.tenant_id = ${tenantId} AND ${onDays(sql`c.created_at`, tz, days)}) x
          GROUP BY GROUPING SETS ((day, cause), (day, cause, k_team), (day, cause, k_tech), (day, cause, k_cat),
            (day, cause, k_prov))) y
        GROUP BY day, dim, dim_key`,
    ),
  );

  // Complaints closed that day: handling time, verdict, win-back.
  parts.push(
    part(
      [
        'complaints_closed',
        'complaint_handling_minutes',
        'complaints_verdict',
        'complaints_winback_known',
        'complaints_won_back',
      ],
      sql`SELECT day, ${dimOut}, count(*)::int AS complaints_closed,
          coalesce(sum(minutes), 0)::bigint AS complaint_handling_minutes,
          count(*) FILTER (WHERE verdict IS NOT NULL)::int AS complaints_verdict,
          count(*) FILTER (WHERE win_back IS NOT NULL)::int AS complaints_winback_known,
          count(*) FILTER (WHERE win_back IN ('active', 'bought_again'))::int AS complaints_won_back
        FROM (SELECT ${localDay(sql`c.closed_at`, tz)} AS day, c.verdict, c.win_back,
            round(extract(epoch FROM c.closed_at - c.created_at) / 60)::bigint AS minutes,
            ${dimCols(sql`t.team_id`, sql`t.assignee_id`)}
          FROM complaints c JOIN tickets t ON t.id = c.ticket_id
          ${dimJoins(sql`t`, sql`c.about_unit_id`, sql`c.customer_id`)}
          WHERE c.tenant_id = ${tenantId} AND ${onDays(sql`c.closed_at`, tz, days)}) x
        GROUP BY ${groupSets}`,
    ),
  );

  // Follow-up calls completed that day (reached, or given up as unreachable).
  parts.push(
    part(
      ['followups_done', 'followups_reached'],
      sql`SELECT day, ${dimOut}, count(*)::int AS followups_done,
          count(*) FILTER (WHERE reached)::int AS followups_reached
        FROM (SELECT ${localDay(sql`f.completed_at`, tz)} AS day, coalesce(f.reached, false) AS reached,
            ${dimCols(sql`t.team_id`, sql`t.assignee_id`)}
          FROM followups f LEFT JOIN tickets t ON t.id = f.ticket_id
          ${dimJoins(sql`t`, sql`f.unit_id`, sql`f.customer_id`)}
          WHERE f.tenant_id = ${tenantId} AND f.status IN ('done', 'unreachable')
            AND ${onDays(sql`f.completed_at`, tz, days)}) x
        GROUP BY ${groupSets}`,
    ),
  );

  // Survey responses submitted that day.
  const dims = ['tangibles', 'empathy', 'professionalism', 'speed', 'credibility'] as const;
  const gapObj = (f: (d: string) => string) =>
    sql.raw(`jsonb_build_object(${dims.map((d) => `'${d}', ${f(d)}`).join(', ')})`);
  parts.push(
    part(
      [
        'responses',
        'csat_n',
        'csat_sum',
        'csat_satisfied',
        'nps_n',
        'nps_promoters',
        'nps_detractors',
        'ces_n',
        'ces_sum',
        'ces_easy',
        'compliments',
        'suggestions',
        'gap_n',
        'gap_exp_sum',
        'gap_perc_sum',
      ],
      sql`SELECT day, ${dimOut}, count(*)::int AS responses,
          count(csat)::int AS csat_n, coalesce(sum(csat), 0)::int AS csat_sum,
          count(*) FILTER (WHERE csat >= ${SCORE.csatSatisfiedMin})::int AS csat_satisfied,
          count(nps)::int AS nps_n,
          count(*) FILTER (WHERE nps >= ${SCORE.npsPromoterMin})::int AS nps_promoters,
          count(*) FILTER (WHERE nps <= ${SCORE.npsDetractorMax})::int AS nps_detractors,
          count(ces)::int AS ces_n, coalesce(sum(ces), 0)::int AS ces_sum,
          count(*) FILTER (WHERE ces <= ${SCORE.cesEasyMax})::int AS ces_easy,
          count(*) FILTER (WHERE comment_kind = 'compliment')::int AS compliments,
          count(*) FILTER (WHERE comment_kind = 'suggestion')::int AS suggestions,
          ${gapObj((d) => `count(*) FILTER (WHERE exp_${d} IS NOT NULL AND per_${d} IS NOT NULL)`)} AS gap_n,
          ${gapObj((d) => `coalesce(sum(exp_${d}) FILTER (WHERE per_${d} IS NOT NULL), 0)`)} AS gap_exp_sum,
          ${gapObj((d) => `coalesce(sum(per_${d}) FILTER (WHERE exp_${d} IS NOT NULL), 0)`)} AS gap_perc_sum
        FROM (SELECT ${localDay(sql`r.responded_at`, tz)} AS day, r.csat, r.nps, r.ces, r.comment_kind,
            ${sql.raw(dims.map((d) => `r.exp_${d}, r.per_${d}`).join(', '))},
            ${dimCols(sql`r.team_id`, sql`r.assignee_id`)}
          FROM survey_responses r LEFT JOIN tickets t ON t.id = r.ticket_id
          ${dimJoins(sql`t`, sql`NULL::uuid`, sql`r.customer_id`)}
          WHERE r.tenant_id = ${tenantId} AND ${onDays(sql`r.responded_at`, tz, days)}) x
        GROUP BY ${groupSets}`,
    ),
  );
  await db.execute(insertParts(tenantId, parts));
}

/** Local days touched by rows of each source changed after `since`. */
async function dirtyDays(db: Executor, tenantId: string, tz: string, since: Date): Promise<string[]> {
  const s = since.toISOString();
  const d = (col: string) =>
    sql.raw(`to_char((${col} AT TIME ZONE '${tz.replace(/'/g, "''")}')::date, 'YYYY-MM-DD')`);
  const r = await db.execute(sql`
    SELECT DISTINCT day FROM (
      SELECT ${d('created_at')} AS day FROM tickets WHERE tenant_id = ${tenantId} AND updated_at > ${s}::timestamptz
      UNION SELECT ${d('created_at')} FROM complaints WHERE tenant_id = ${tenantId} AND updated_at > ${s}::timestamptz
      UNION SELECT ${d('closed_at')} FROM complaints
        WHERE tenant_id = ${tenantId} AND updated_at > ${s}::timestamptz AND closed_at IS NOT NULL
      UNION SELECT ${d('completed_at')} FROM followups
        WHERE tenant_id = ${tenantId} AND updated_at > ${s}::timestamptz AND completed_at IS NOT NULL
      UNION SELECT ${d('responded_at')} FROM survey_responses
        WHERE tenant_id = ${tenantId} AND responded_at > ${s}::timestamptz
    ) x WHERE day IS NOT NULL ORDER BY 1`);
  return rowsOf<{ day: string }>(r).map((x) => x.day);
}

/**
 * Brings one tenant's rollups up to date; returns how many days were rewritten. Two instances never rewrite
 * the same tenant at once (transaction-scoped advisory lock); a crash rolls back days and watermark together.
 */
export async function refreshTenant(
  database: Pick<Database, 'db'>,
  tenantId: string,
  opts: { full?: boolean; recentDays?: number } = {},
): Promise<number> {
  return database.db.transaction((tx) => refreshTenantIn(tx, tenantId, opts));
}

/** The same, inside a transaction the caller holds (the demo seed rebuilds at the end of its own). */
export async function refreshTenantIn(
  tx: Executor,
  tenantId: string,
  opts: { full?: boolean; recentDays?: number } = {},
): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`insights:${tenantId}`}))`);
  const t = rowsOf<{ tz: string }>(
    await tx.execute(sql`SELECT time_zone AS tz FROM tenants WHERE id = ${tenantId}`),
  )[0];
  if (!t) return 0;
  const startedAt = rowsOf<{ now: string | Date }>(await tx.execute(sql`SELECT now() AS now`))[0]!.now;
  const wm = rowsOf<{ watermark: string | Date }>(
    await tx.execute(
      sql`SELECT watermark FROM insight_watermarks WHERE tenant_id = ${tenantId} AND source = 'all'`,
    ),
  )[0];
  let days: string[] | null;
  if (opts.full || !wm) days = null;
  else {
    const since = new Date(new Date(wm.watermark).getTime() - OVERLAP_MINUTES * 60_000);
    days = await dirtyDays(tx, tenantId, t.tz, since);
    if (opts.recentDays) {
      const recent = rowsOf<{ day: string }>(
        await tx.execute(sql`SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(
          (now() AT TIME ZONE ${t.tz})::date - ${opts.recentDays}::int, (now() AT TIME ZONE ${t.tz})::date,
          interval '1 day') d`),
      ).map((x) => x.day);
      days = [...new Set([...days, ...recent])];
    }
  }
  await rebuildDays(tx, tenantId, t.tz, days);
  const count = days
    ? days.length
    : Number(
        rowsOf<{ n: number }>(
          await tx.execute(
            sql`SELECT count(DISTINCT day)::int AS n FROM insight_daily WHERE tenant_id = ${tenantId}`,
          ),
        )[0]?.n ?? 0,
      );
  await tx.execute(sql`
    INSERT INTO insight_watermarks (tenant_id, source, watermark, last_run_at, last_days)
    VALUES (${tenantId}, 'all', ${new Date(startedAt).toISOString()}::timestamptz, now(), ${count})
    ON CONFLICT (tenant_id, source) DO UPDATE
      SET watermark = excluded.watermark, last_run_at = excluded.last_run_at, last_days = excluded.last_days`);
  return count;
}

/** Refreshes every tenant (the periodic job). */
export async function refreshAllTenants(
  database: Pick<Database, 'db'>,
  opts: { recentDays?: number } = {},
): Promise<number> {
  const tenants = rowsOf<{ id: string }>(await database.db.execute(sql`SELECT id FROM tenants ORDER BY id`));
  let days = 0;
  for (const t of tenants) days += await refreshTenant(database, t.id, opts);
  return days;
}
