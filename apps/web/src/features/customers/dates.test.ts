import { expect, test } from 'vitest';
import { formatIsoDate, todayIn } from './dates';

test('a stored calendar date reads the same in every time zone', () => {
  expect(formatIsoDate('2032-04-26', 'zh-CN')).toBe('2032年4月26日');
  expect(formatIsoDate('2032-04-26', 'en')).toBe('Apr 26, 2032');
  expect(formatIsoDate('not a date', 'en')).toBe('not a date');
});

test('today is the tenant’s calendar day, not the machine’s', () => {
  const lateUtc = new Date('2026-11-23T20:30:00Z');
  expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2026-11-24');
  expect(todayIn('UTC', lateUtc)).toBe('2026-11-23');
  expect(todayIn('America/Los_Angeles', lateUtc)).toBe('2026-11-23');
});
