import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';

/**
 * Clocks stopped in the period, grouped by team, work-order type or customer tier: how many promises were
 * kept, how many beat the internal target ("beat the promise"), how many broke, and the average margin
 * (working minutes to spare; negative when late).
 */
export async function commitmentStatsFor(ctx: ServiceContext, days: number, by: 'team' | 'type' | 'tier') {
  const since = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  const key = by === 'team' ? sql`t.team_id::text` : by === 'type' ? sql`t.type::text` : sql`cu.tier::text`;
  const label = by === 'team' ? sql`tm.name` : sql`NULL`;
  const r = await ctx.db.execute(sql`
    SELECT ${key} AS key, ${label} AS label, c.metric::text AS metric,
      count(*)::int AS total,
      count(*) FILTER (WHERE c.met_promise)::int AS "metPromise",
      count(*) FILTER (WHERE c.met_internal)::int AS "metInternal",
      count(*) FILTER (WHERE NOT c.met_promise)::int AS breached,
      avg(c.margin_minutes)::float8 AS "avgMarginMinutes"
    FROM ticket_commitments c
    JOIN tickets t ON t.id = c.ticket_id
    JOIN customers cu ON cu.id = t.customer_id
    LEFT JOIN teams tm ON tm.id = t.team_id
    WHERE c.tenant_id = ${ctx.principal.tenantId} AND c.state = 'stopped' AND c.met_promise IS NOT NULL
      AND c.stopped_at >= ${since}::timestamptz
    GROUP BY 1, 2, 3 ORDER BY 3, 4 DESC`);
  const rows = (
    r as unknown as {
      rows: {
        key: string | null;
        label: string | null;
        metric: 'first_response' | 'on_site' | 'resolution';
        total: number;
        metPromise: number;
        metInternal: number;
        breached: number;
        avgMarginMinutes: number | null;
      }[];
    }
  ).rows;
  return {
    days,
    by,
    rows: rows.map((x) => ({
      ...x,
      metPromiseRate: x.total ? x.metPromise / x.total : null,
      beatPromiseRate: x.total ? x.metInternal / x.total : null,
      avgMarginMinutes: x.avgMarginMinutes === null ? null : Math.round(x.avgMarginMinutes * 10) / 10,
    })),
  };
}
