import { describe, expect, test } from 'vitest';
import { formatRelativeTime } from './relative-time';

const now = new Date('2026-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  test('under a minute is "now" in both languages', () => {
    expect(formatRelativeTime(ago(20), now, 'en')).toBe('now');
    expect(formatRelativeTime(ago(20), now, 'zh-CN')).toBe('现在');
  });

  test('picks the largest whole unit', () => {
    expect(formatRelativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600 + 59 * 60), now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(ago(2 * 86400), now, 'zh-CN')).toBe('前天');
    expect(formatRelativeTime(ago(3 * 86400), now, 'zh-CN')).toBe('3天前');
    expect(formatRelativeTime(ago(400 * 86400), now, 'en')).toBe('last year');
  });

  test('future times read as "in …", and ISO strings are accepted', () => {
    expect(formatRelativeTime(new Date(now.getTime() + 2 * 3600 * 1000).toISOString(), now, 'en')).toBe(
      'in 2 hours',
    );
  });
});
