import { describe, expect, test } from 'vitest';
import { busiestMetric, rowsOf, type StatsRow, statsChartOption } from './stats-chart';

const row = (patch: Partial<StatsRow>): StatsRow => ({
  key: 'repair',
  label: null,
  metric: 'on_site',
  total: 10,
  metPromise: 9,
  metInternal: 6,
  breached: 1,
  metPromiseRate: 0.9,
  beatPromiseRate: 0.6,
  avgMarginMinutes: 42,
  ...patch,
});

describe('commitment measures chart', () => {
  const rows = [
    row({}),
    row({ key: 'installation', total: 30 }),
    row({ metric: 'resolution', total: 50 }),
    row({ metric: 'first_response', total: 5, metPromiseRate: null, beatPromiseRate: null }),
  ];

  test('the busiest metric is shown first; rows of a metric busiest first', () => {
    expect(busiestMetric(rows)).toBe('resolution');
    expect(busiestMetric([])).toBe('on_site');
    expect(rowsOf(rows, 'on_site').map((r) => r.key)).toEqual(['installation', 'repair']);
  });

  test('kept and beat rates as percent bars', () => {
    const option = statsChartOption(rowsOf(rows, 'on_site'), {
      label: (r) => r.key ?? '?',
      kept: 'kept',
      beat: 'beat',
    }) as { xAxis: { data: string[] }; series: { data: (number | null)[] }[] };
    expect(option.xAxis.data).toEqual(['installation', 'repair']);
    expect(option.series[0]?.data).toEqual([90, 90]);
    expect(option.series[1]?.data).toEqual([60, 60]);
    const empty = statsChartOption(rowsOf(rows, 'first_response'), {
      label: () => '',
      kept: 'k',
      beat: 'b',
    }) as {
      series: { data: (number | null)[] }[];
    };
    expect(empty.series[0]?.data).toEqual([null]);
  });
});
