import { describe, expect, it } from 'vitest';
import { localDate, minutesOfDay, navigationUrl, windowLabel, zonedInstant } from './visit-format';

describe('visit formatting', () => {
  it('turns a wall-clock time in the tenant zone into the instant', () => {
    expect(zonedInstant('2026-11-24', '09:30', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-24T01:30:00.000Z',
    );
    // Summer time in Berlin: +02:00.
    expect(zonedInstant('2026-07-01', '08:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
  });

  it('places a moment on the local day and time axis', () => {
    expect(localDate(new Date('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(minutesOfDay('2026-11-24T01:30:00Z', 'Asia/Shanghai')).toBe(9 * 60 + 30);
  });

  it('labels a window with the day and both times', () => {
    expect(windowLabel('2026-11-24T01:00:00Z', '2026-11-24T03:00:00Z', 'zh-CN', 'Asia/Shanghai')).toMatch(
      /11月24日.*09:00–11:00$/,
    );
  });

  it('navigates by coordinates, else by address, else not at all', () => {
    expect(
      navigationUrl({ lat: 22.54, lng: 113.93, address: '深圳市南山区', customerName: '钱芳' }),
    ).toContain('position=113.93,22.54');
    expect(navigationUrl({ lat: null, lng: null, address: '深圳市南山区', customerName: '钱芳' })).toContain(
      'keyword=',
    );
    expect(navigationUrl({ lat: null, lng: null, address: null, customerName: '钱芳' })).toBeNull();
  });
});
