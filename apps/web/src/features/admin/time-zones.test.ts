import { describe, expect, test } from 'vitest';
import { isKnownTimeZone, timeZoneOptions, utcOffset } from './time-zones';

const winter = new Date('2026-01-15T00:00:00Z');

describe('time-zone choices', () => {
  test('Asia/Shanghai comes first, with its offset and local name', () => {
    const [first] = timeZoneOptions('zh-CN', undefined, winter);
    expect(first?.value).toBe('Asia/Shanghai');
    expect(first?.label).toContain('GMT+8');
    expect(first?.label).toMatch(/中国/);
  });

  test('a tenant’s own, less common zone stays in the list; an invalid one does not', () => {
    expect(
      timeZoneOptions('en', 'America/Anchorage', winter).some((o) => o.value === 'America/Anchorage'),
    ).toBe(true);
    expect(timeZoneOptions('en', 'Nowhere/Land', winter).some((o) => o.value === 'Nowhere/Land')).toBe(false);
  });

  test('offsets follow daylight saving', () => {
    expect(utcOffset('Europe/London', winter)).toBe('GMT+0');
    expect(utcOffset('Europe/London', new Date('2026-07-01T00:00:00Z'))).toBe('GMT+1');
    expect(isKnownTimeZone('Asia/Urumqi')).toBe(true);
  });
});
