import type { InsightOverview } from '@manyi/contracts';
import { describe, expect, it } from 'vitest';
import { bucketEnd, type InsightChartText, paretoOption } from './charts';

describe('insight charts', () => {
  it('ends a bucket at its last day, never past the period', () => {
    expect(bucketEnd('2026-03-02', 'day', '2026-03-31')).toBe('2026-03-02');
    expect(bucketEnd('2026-03-02', 'week', '2026-03-31')).toBe('2026-03-08');
    expect(bucketEnd('2026-02-01', 'month', '2026-12-31')).toBe('2026-02-28');
    expect(bucketEnd('2026-03-30', 'week', '2026-03-31')).toBe('2026-03-31');
  });

  it('draws the Pareto as bars in the given order with the cumulative share in percent', () => {
    const o = {
      causes: [
        { cause: 'slowness', label: '处理太慢', count: 6, cumulativeShare: 0.6 },
        { cause: 'service_manner', label: '服务态度', count: 4, cumulativeShare: 1 },
      ],
    } as unknown as InsightOverview;
    const option = paretoOption(o, { count: '件数', cumulative: '累计占比' } as InsightChartText) as {
      xAxis: { data: string[] };
      series: { data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['处理太慢', '服务态度']);
    expect(option.series[0]!.data).toEqual([6, 4]);
    expect(option.series[1]!.data).toEqual([60, 100]);
  });
});
