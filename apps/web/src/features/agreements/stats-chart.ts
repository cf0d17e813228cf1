import type { CommitmentMetric } from '@manyi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import type { CommitmentStats } from './api';

export type StatsRow = CommitmentStats['rows'][number];

export const keptColour = '#1668dc';
export const beatColour = '#52c41a';

/** The metric with the most finished clocks (the one worth showing first); on-site when there are none. */
export function busiestMetric(rows: readonly StatsRow[]): CommitmentMetric {
  const totals = new Map<CommitmentMetric, number>();
  for (const r of rows) totals.set(r.metric, (totals.get(r.metric) ?? 0) + r.total);
  let best: CommitmentMetric = 'on_site';
  let most = 0;
  for (const [metric, total] of totals)
    if (total > most) {
      best = metric;
      most = total;
    }
  return best;
}

/** The rows of one metric, busiest group first. */
export function rowsOf(rows: readonly StatsRow[], metric: CommitmentMetric): StatsRow[] {
  return rows.filter((r) => r.metric === metric).sort((a, b) => b.total - a.total);
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * Grouped bars, one group per row: the share of promises kept and the share that beat the promise (done
 * within the internal target), in percent.
 */
export function statsChartOption(
  rows: readonly StatsRow[],
  text: { label: (row: StatsRow) => string; kept: string; beat: string },
): EChartsCoreOption {
  return {
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    legend: { top: 0, data: [text.kept, text.beat] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    xAxis: {
      type: 'category',
      data: rows.map(text.label),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: text.kept,
        type: 'bar',
        data: rows.map((r) => pct(r.metPromiseRate)),
        itemStyle: { color: keptColour },
        barMaxWidth: 28,
      },
      {
        name: text.beat,
        type: 'bar',
        data: rows.map((r) => pct(r.beatPromiseRate)),
        itemStyle: { color: beatColour },
        barMaxWidth: 28,
      },
    ],
  };
}
