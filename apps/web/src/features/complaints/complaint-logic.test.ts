import { describe, expect, it } from 'vitest';
import { countdown, fenToYuan, yuanToFen } from './complaint-logic';

describe('countdown', () => {
  const start = '2026-05-01T00:00:00Z';
  const due = '2026-05-01T10:00:00Z';
  it('counts the time left, warning in the last fifth', () => {
    expect(countdown(start, due, null, Date.parse('2026-05-01T02:00:00Z'))).toEqual({
      tone: 'ok',
      minutes: 480,
    });
    expect(countdown(start, due, null, Date.parse('2026-05-01T09:00:00Z'))).toEqual({
      tone: 'soon',
      minutes: 60,
    });
  });
  it('counts the time over once due', () => {
    expect(countdown(start, due, null, Date.parse('2026-05-01T11:30:00Z'))).toEqual({
      tone: 'over',
      minutes: 90,
    });
  });
  it('says met or late once done', () => {
    expect(countdown(start, due, '2026-05-01T09:59:00Z', 0).tone).toBe('met');
    expect(countdown(start, due, '2026-05-01T10:01:00Z', 0).tone).toBe('late');
  });
});

describe('money', () => {
  it('turns yuan into integer fen', () => {
    expect(yuanToFen(200)).toBe(20_000);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(-1)).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(fenToYuan(20_000)).toBe(200);
  });
});
