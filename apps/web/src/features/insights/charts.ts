import type { InsightOverview, ServiceDimension } from '@manyi/contracts';
import type { EChartsCoreOption } from 'echarts/core';

/** The words the charts show, already in the UI language. */
export interface InsightChartText {
  bucket: (day: string) => string;
  dimension: (d: ServiceDimension) => string;
  expectation: string;
  perception: string;
  gap: string;
  count: string;
  cumulative: string;
  avgHours: string;
  winBackRate: string;
  reachRate: string;
  satisfiedRate: string;
  compliments: string;
  suggestions: string;
  complaints: string;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const grid = { left: 48, right: 56, top: 40, bottom: 32 };

/** CSAT (1–5) and CES (1–7) on the left axis, NPS (−100…100) on the right. */
export function scoresOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  const x = o.series.map((s) => t.bucket(s.bucket));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: [
      { type: 'value', min: 0, max: 7, name: 'CSAT / CES' },
      { type: 'value', min: -100, max: 100, name: 'NPS', splitLine: { show: false } },
    ],
    series: [
      { name: 'CSAT', type: 'line', data: o.series.map((s) => s.csat), connectNulls: true, color: '#1668dc' },
      { name: 'CES', type: 'line', data: o.series.map((s) => s.ces), connectNulls: true, color: '#fa8c16' },
      {
        name: 'NPS',
        type: 'line',
        yAxisIndex: 1,
        data: o.series.map((s) => s.nps),
        connectNulls: true,
        color: '#52c41a',
        areaStyle: { opacity: 0.08 },
      },
    ],
  };
}

/** Expectation vs perception per dimension, on the 1–7 scale. */
export function gapsOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  return {
    tooltip: {},
    legend: { top: 0 },
    radar: {
      indicator: o.gaps.map((g) => ({
        name: `${t.dimension(g.dimension)}\n${t.gap} ${g.gap === null ? '—' : g.gap > 0 ? `+${g.gap}` : g.gap}`,
        min: 1,
        max: 7,
      })),
      radius: '62%',
      center: ['50%', '56%'],
    },
    series: [
      {
        type: 'radar',
        data: [
          {
            name: t.expectation,
            value: o.gaps.map((g) => g.expectation ?? 0),
            lineStyle: { type: 'dashed' },
            itemStyle: { color: '#8c9bb5' },
          },
          {
            name: t.perception,
            value: o.gaps.map((g) => g.perception ?? 0),
            itemStyle: { color: '#1668dc' },
            areaStyle: { opacity: 0.15 },
          },
        ],
      },
    ],
  };
}

/** Causes by count, most first, with the running share on the right axis and the 80 % line. */
export function paretoOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'category', data: o.causes.map((c) => c.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: [
      { type: 'value', name: t.count, minInterval: 1 },
      { type: 'value', min: 0, max: 100, name: '%', splitLine: { show: false } },
    ],
    series: [
      { name: t.count, type: 'bar', data: o.causes.map((c) => c.count), color: '#f5222d', barMaxWidth: 48 },
      {
        name: t.cumulative,
        type: 'line',
        yAxisIndex: 1,
        data: o.causes.map((c) => pct(c.cumulativeShare)),
        color: '#faad14',
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          data: [{ yAxis: 80 }],
          lineStyle: { type: 'dashed' },
        },
      },
    ],
  };
}

/** Average complaint handling hours (bars) and win-back rate (line) per bucket. */
export function handlingOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: o.series.map((s) => t.bucket(s.bucket)) },
    yAxis: [
      { type: 'value', name: 'h' },
      { type: 'value', min: 0, max: 100, name: '%', splitLine: { show: false } },
    ],
    series: [
      { name: t.avgHours, type: 'bar', data: o.series.map((s) => s.avgHandlingHours), color: '#722ed1' },
      {
        name: t.winBackRate,
        type: 'line',
        yAxisIndex: 1,
        data: o.series.map((s) => pct(s.winBackRate)),
        connectNulls: true,
        color: '#13a8a8',
      },
    ],
  };
}

/** Follow-up reach rate and CSAT satisfied rate per bucket (%). */
export function ratesOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: o.series.map((s) => t.bucket(s.bucket)) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [
      {
        name: t.reachRate,
        type: 'line',
        data: o.series.map((s) => pct(s.followupReachRate)),
        connectNulls: true,
        color: '#1668dc',
      },
      {
        name: t.satisfiedRate,
        type: 'line',
        data: o.series.map((s) => pct(s.csatSatisfiedRate)),
        connectNulls: true,
        color: '#52c41a',
      },
    ],
  };
}

/** Compliments, suggestions and complaints per bucket. */
export function volumeOption(o: InsightOverview, t: InsightChartText): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: o.series.map((s) => t.bucket(s.bucket)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t.compliments,
        type: 'bar',
        stack: 'v',
        data: o.series.map((s) => s.compliments),
        color: '#faad14',
      },
      {
        name: t.suggestions,
        type: 'bar',
        stack: 'v',
        data: o.series.map((s) => s.suggestions),
        color: '#722ed1',
      },
      { name: t.complaints, type: 'bar', data: o.series.map((s) => s.complaints), color: '#f5222d' },
    ],
  };
}

/** The last local day of a series bucket (for drilling into one bar or point). */
export function bucketEnd(bucket: string, grain: 'day' | 'week' | 'month', periodTo: string): string {
  const d = new Date(`${bucket}T00:00:00Z`);
  let end: Date;
  if (grain === 'day') end = d;
  else if (grain === 'week') end = new Date(d.getTime() + 6 * 86_400_000);
  else end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  const s = end.toISOString().slice(0, 10);
  return s > periodTo ? periodTo : s;
}
