import {
  type Overview,
  type TicketChannel,
  type TicketStatus,
  type TicketType,
  ticketChannels,
  ticketStatuses,
} from '@manyi/contracts';
import type { EChartsCoreOption } from 'echarts/core';

export type AgeBucket = Overview['openByAge'][number]['bucket'];

/** The words the charts show, already in the UI language. */
export interface ChartText {
  type: (type: TicketType) => string;
  status: (status: TicketStatus) => string;
  channel: (channel: TicketChannel) => string;
  age: (bucket: AgeBucket) => string;
  urgent: string;
  otherOpen: string;
  tickets: string;
  /** A calendar day (YYYY-MM-DD) as a short axis label. */
  day: (day: string) => string;
}

/** Stacking order: the work that costs a visit at the bottom, the voice of the customer on top. */
export const typeOrder: readonly TicketType[] = [
  'repair',
  'installation',
  'maintenance',
  'inquiry',
  'complaint',
  'suggestion',
  'compliment',
];

export const typeColour: Record<TicketType, string> = {
  repair: '#1668dc',
  installation: '#13a8a8',
  maintenance: '#52c41a',
  inquiry: '#8c9bb5',
  complaint: '#f5222d',
  suggestion: '#722ed1',
  compliment: '#faad14',
};

const statusColour: Partial<Record<TicketStatus, string>> = {
  new: '#69b1ff',
  open: '#1668dc',
  reopened: '#eb2f96',
  scheduled: '#13a8a8',
  in_progress: '#2f54eb',
  waiting_customer: '#faad14',
  waiting_parts: '#fa8c16',
};

/** Older open work gets warmer colours: green for fresh, deep red for over a month. */
export const ageColour: Record<AgeBucket, string> = {
  lt1d: '#73d13d',
  '1to3d': '#fadb14',
  '3to7d': '#ffa940',
  '7to30d': '#fa541c',
  gt30d: '#a8071a',
};

export const channelColour: Record<TicketChannel, string> = {
  phone: '#1668dc',
  walk_in: '#13a8a8',
  web: '#722ed1',
  email: '#faad14',
  api: '#8c9bb5',
};

const closedStatuses: readonly TicketStatus[] = ['resolved', 'closed', 'cancelled'];

/** Open statuses in workflow order, with their counts (statuses with none are left out). */
export function openStatusRows(overview: Overview): { status: TicketStatus; count: number }[] {
  return ticketStatuses
    .filter((status) => !closedStatuses.includes(status))
    .map((status) => ({ status, count: overview.openByStatus[status] ?? 0 }))
    .filter((row) => row.count > 0);
}

/** Channels with at least one work order, biggest first. */
export function channelRows(overview: Overview): { channel: TicketChannel; count: number }[] {
  return ticketChannels
    .map((channel) => ({ channel, count: overview.byChannel[channel] ?? 0 }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count);
}

const axisText = { color: '#5b6478' };
const splitLine = { lineStyle: { color: '#eef1f6' } };

export function incomingOption(overview: Overview, text: ChartText): EChartsCoreOption {
  const days = overview.incomingByDay;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', icon: 'roundRect', itemWidth: 12, itemHeight: 12 },
    grid: { left: 8, right: 12, top: 40, bottom: 4 },
    xAxis: {
      type: 'category',
      data: days.map((d) => text.day(d.day)),
      axisLabel: { ...axisText, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    series: typeOrder.map((type) => ({
      type: 'bar',
      name: text.type(type),
      stack: 'incoming',
      barMaxWidth: 28,
      itemStyle: { color: typeColour[type] },
      emphasis: { focus: 'series' },
      data: days.map((d) => d.byType[type] ?? 0),
    })),
  };
}

export function openByStatusOption(overview: Overview, text: ChartText): EChartsCoreOption {
  const rows = openStatusRows(overview);
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 40, top: 8, bottom: 4 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => text.status(r.status)),
      axisLabel: { ...axisText, fontSize: 13 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: text.tickets,
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: '#1f2937' },
        data: rows.map((r) => ({
          value: r.count,
          itemStyle: { color: statusColour[r.status] ?? '#1668dc' },
        })),
      },
    ],
  };
}

export function openByAgeOption(overview: Overview, text: ChartText): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 8, top: 24, bottom: 4 },
    xAxis: {
      type: 'category',
      data: overview.openByAge.map((b) => text.age(b.bucket)),
      // Five labels in a third of the page: wrap ("Over 30 / days") rather than overlap.
      axisLabel: { ...axisText, interval: 0, width: 64, overflow: 'break', lineHeight: 14 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    series: [
      {
        type: 'bar',
        name: text.tickets,
        barMaxWidth: 48,
        label: { show: true, position: 'top', color: '#1f2937' },
        data: overview.openByAge.map((b) => ({
          value: b.count,
          itemStyle: { color: ageColour[b.bucket], borderRadius: [4, 4, 0, 0] },
        })),
      },
    ],
  };
}

export function channelOption(overview: Overview, text: ChartText): EChartsCoreOption {
  const rows = channelRows(overview);
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10 },
    series: [
      {
        type: 'pie',
        name: text.tickets,
        radius: ['42%', '64%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        percentPrecision: 0,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{b}\n{d}%', color: '#1f2937', overflow: 'none' },
        data: rows.map((r) => ({
          name: text.channel(r.channel),
          value: r.count,
          itemStyle: { color: channelColour[r.channel] },
        })),
      },
    ],
  };
}

/** Rows of the workload chart: height grows with the number of people so names never overlap. */
export function agentLoadHeight(overview: Overview): number {
  return Math.max(200, overview.agentLoad.length * 24 + 56);
}

export function agentLoadOption(overview: Overview, text: ChartText): EChartsCoreOption {
  const rows = overview.agentLoad;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12 },
    grid: { left: 8, right: 36, top: 32, bottom: 4 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { ...axisText, width: 96, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: text.urgent,
        stack: 'load',
        barMaxWidth: 18,
        itemStyle: { color: '#f5222d' },
        data: rows.map((r) => r.urgent),
      },
      {
        type: 'bar',
        name: text.otherOpen,
        stack: 'load',
        barMaxWidth: 18,
        itemStyle: { color: '#1668dc' },
        label: {
          show: true,
          position: 'right',
          color: '#1f2937',
          // The total at the end of each bar, so nobody has to add the two parts.
          formatter: (p: { dataIndex: number }) => String(rows[p.dataIndex]?.open ?? ''),
        },
        data: rows.map((r) => Math.max(0, r.open - r.urgent)),
      },
    ],
  };
}

/** Short day labels for the x axis ("11/23", "Nov 23"); the day is a calendar date, so UTC keeps it as is. */
export function formatDay(day: string, lang: 'zh-CN' | 'en'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang, {
    timeZone: 'UTC',
    month: lang === 'en' ? 'short' : 'numeric',
    day: 'numeric',
  }).format(date);
}
