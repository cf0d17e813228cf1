import { describe, expect, test } from 'vitest';
import { backoffMs } from './live-events';

describe('live stream reconnect back-off', () => {
  test('doubles from one second and stops growing at thirty', () => {
    const middle = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, middle))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  test('jitter keeps tabs from reconnecting in lockstep, within ±25 %', () => {
    expect(backoffMs(2, () => 0)).toBe(3000);
    expect(backoffMs(2, () => 1)).toBe(5000);
  });
});
