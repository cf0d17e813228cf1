import { describe, expect, it } from 'vitest';
import { gapOf, meanOf, npsOf, rateOf } from './insights.scores';

describe('score formulas', () => {
  it('NPS is promoters % minus detractors %', () => {
    // 10 answers: 9, 10, 10, 9 (4 promoters), 7, 8 (passives), 0, 3, 5, 6 (4 detractors) → 0.
    expect(npsOf(4, 4, 10)).toBe(0);
    // 5 promoters, 1 detractor of 8 → 62.5 − 12.5 = 50.
    expect(npsOf(5, 1, 8)).toBe(50);
    expect(npsOf(0, 3, 3)).toBe(-100);
    expect(npsOf(1, 0, 3)).toBe(33.3);
    expect(npsOf(0, 0, 0)).toBeNull();
  });

  it('means, rates and gaps round as shown and are null without answers', () => {
    expect(meanOf(14, 4)).toBe(3.5);
    expect(meanOf(10, 3)).toBe(3.33);
    expect(rateOf(2, 3)).toBe(0.6667);
    expect(rateOf(1, 0)).toBeNull();
    // expectation 6 and 7, perception 4 and 5 → gap −2.
    expect(gapOf(13, 9, 2)).toBe(-2);
    expect(gapOf(0, 0, 0)).toBeNull();
  });
});
