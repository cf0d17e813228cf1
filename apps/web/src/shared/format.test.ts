import { describe, expect, test } from 'vitest';
import { formatLongDate, formatMoney, hourIn, partOfDay, safeTimeZone } from './format';

// 2025-11-23 17:30 UTC is already the 24th, 01:30, in Shanghai.
const instant = '2025-11-23T17:30:00Z';

describe('format', () => {
  test('dates are computed in the given time zone, not the machine’s', () => {
    expect(formatLongDate(instant, 'zh-CN', 'Asia/Shanghai')).toContain('11月24日');
    expect(formatLongDate(instant, 'en', 'America/New_York')).toContain('November 23, 2025');
    expect(formatLongDate(instant, 'en', 'Asia/Shanghai')).toMatch(/^Monday/);
  });

  test('hour and part of day follow the tenant’s wall clock', () => {
    expect(hourIn(instant, 'Asia/Shanghai')).toBe(1);
    expect(partOfDay('2025-11-23T01:00:00Z', 'Asia/Shanghai')).toBe('morning');
    expect(partOfDay('2025-11-23T06:00:00Z', 'Asia/Shanghai')).toBe('afternoon');
    expect(partOfDay('2025-11-23T12:00:00Z', 'Asia/Shanghai')).toBe('evening');
  });

  test('an unknown time zone falls back instead of throwing', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('Asia/Shanghai');
    expect(() => formatLongDate(instant, 'en', 'Mars/Olympus')).not.toThrow();
  });

  test('money is integer fen', () => {
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
  });
});
