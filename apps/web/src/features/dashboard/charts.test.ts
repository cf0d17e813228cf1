import type { Overview } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import {
  agentLoadOption,
  type ChartText,
  channelRows,
  formatDay,
  incomingOption,
  openStatusRows,
  typeOrder,
} from './charts';

const zeroTypes = {
  inquiry: 0,
  repair: 0,
  installation: 0,
  maintenance: 0,
  complaint: 0,
  compliment: 0,
  suggestion: 0,
};

const overview: Overview = {
  days: 2,
  incomingByDay: [
    { day: '2026-11-22', byType: { ...zeroTypes, repair: 3, complaint: 1 }, total: 4 },
    { day: '2026-11-23', byType: { ...zeroTypes, installation: 2 }, total: 2 },
  ],
  openByStatus: {
    new: 1,
    open: 0,
    scheduled: 2,
    in_progress: 5,
    waiting_customer: 0,
    waiting_parts: 3,
    resolved: 9,
    closed: 9,
    reopened: 1,
    cancelled: 9,
  },
  openByAge: [
    { bucket: 'lt1d', count: 1 },
    { bucket: '1to3d', count: 2 },
    { bucket: '3to7d', count: 3 },
    { bucket: '7to30d', count: 4 },
    { bucket: 'gt30d', count: 2 },
  ],
  byChannel: { phone: 3, walk_in: 0, web: 5, email: 1, api: 0 },
  agentLoad: [
    { userId: '00000000-0000-4000-8000-000000000001', name: '李立新', open: 5, urgent: 2 },
    { userId: '00000000-0000-4000-8000-000000000002', name: '陈刚', open: 4, urgent: 0 },
  ],
  totals: { opened: 6, resolved: 3, open: 12, unassigned: 1 },
};

const text: ChartText = {
  type: (t) => `type:${t}`,
  status: (s) => `status:${s}`,
  channel: (c) => `channel:${c}`,
  age: (b) => `age:${b}`,
  urgent: 'urgent',
  otherOpen: 'other',
  tickets: 'tickets',
  day: (d) => d.slice(5),
};

describe('dashboard charts', () => {
  test('open statuses only, in workflow order, without empty ones', () => {
    expect(openStatusRows(overview).map((r) => r.status)).toEqual([
      'new',
      'scheduled',
      'in_progress',
      'waiting_parts',
      'reopened',
    ]);
  });

  test('channels with work, biggest first', () => {
    expect(channelRows(overview)).toEqual([
      { channel: 'web', count: 5 },
      { channel: 'phone', count: 3 },
      { channel: 'email', count: 1 },
    ]);
  });

  test('incoming is one stacked bar series per type, labelled in the UI language', () => {
    const option = incomingOption(overview, text) as {
      xAxis: { data: string[] };
      series: { name: string; stack: string; data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['11-22', '11-23']);
    expect(option.series.map((s) => s.name)).toEqual(typeOrder.map((t) => `type:${t}`));
    expect(option.series.every((s) => s.stack === 'incoming')).toBe(true);
    expect(option.series.find((s) => s.name === 'type:repair')?.data).toEqual([3, 0]);
  });

  test('workload splits each person’s open work into urgent and the rest', () => {
    const option = agentLoadOption(overview, text) as { series: { name: string; data: number[] }[] };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['urgent', [2, 0]],
      ['other', [3, 4]],
    ]);
  });

  test('day labels keep the calendar date whatever the machine’s zone', () => {
    expect(formatDay('2026-11-23', 'zh-CN')).toBe('11/23');
    expect(formatDay('2026-11-23', 'en')).toBe('Nov 23');
    expect(formatDay('not-a-day', 'en')).toBe('not-a-day');
  });
});
