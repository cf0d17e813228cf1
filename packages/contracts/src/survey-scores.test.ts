import { describe, expect, it } from 'vitest';
import {
  cesAverage,
  csatPercent,
  defaultThresholds,
  dimensionSummary,
  dissatisfactionReasons,
  gapOf,
  meanOf,
  npsFromCounts,
  npsOf,
} from './survey-scores';

describe('score formulas (hand-computed cases)', () => {
  it('CSAT % is the share of 4s and 5s', () => {
    // 5,4,4,3,1 → three of five satisfied = 60 %
    expect(csatPercent([5, 4, 4, 3, 1])).toBe(60);
    // 5,5,2 → 2/3 = 66.666… → 66.7
    expect(csatPercent([5, 5, 2])).toBe(66.7);
    expect(csatPercent([null, 4, undefined])).toBe(100);
    expect(csatPercent([])).toBeNull();
  });

  it('NPS = promoters % − detractors % (9–10 vs 0–6)', () => {
    // 10 answers: promoters 10,10,9,9 (4), passives 8,7 (2), detractors 6,5,3,0 (4) → 40 − 40 = 0
    expect(npsOf([10, 10, 9, 9, 8, 7, 6, 5, 3, 0])).toEqual({
      promoters: 4,
      passives: 2,
      detractors: 4,
      total: 10,
      nps: 0,
    });
    // 9,9,9,8,2: 60 % − 20 % = 40
    expect(npsOf([9, 9, 9, 8, 2]).nps).toBe(40);
    // 6,7: 0 % − 50 % = −50
    expect(npsOf([6, 7]).nps).toBe(-50);
    // 1 promoter, 2 detractors of 3: 33.3 − 66.7 = −33.3 (computed on counts, not rounded percentages)
    expect(npsOf([10, 0, 1]).nps).toBe(-33.3);
    expect(npsFromCounts(2, 1, 3)).toBe(33.3);
    expect(npsOf([]).nps).toBeNull();
    // 7 and 8 are passives: boundary check
    expect(npsOf([7, 8]).nps).toBe(0);
  });

  it('CES is the average effort', () => {
    expect(cesAverage([1, 2, 6])).toBe(3);
    expect(cesAverage([2, 3])).toBe(2.5);
    expect(cesAverage([1, 2, 2])).toBe(1.67);
    expect(cesAverage([null])).toBeNull();
  });

  it('gap = perception − expectation, averaged per dimension', () => {
    expect(gapOf(7, 4)).toBe(-3);
    expect(gapOf(3, 5)).toBe(2);
    expect(gapOf(null, 5)).toBeNull();
    const s = dimensionSummary([
      { speed: { expectation: 7, perception: 4 }, empathy: { expectation: 5, perception: 6 } },
      { speed: { expectation: 6, perception: 5 }, empathy: { expectation: 5, perception: null } },
    ]);
    const speed = s.find((d) => d.dimension === 'speed')!;
    // expectation (7+6)/2 = 6.5, perception (4+5)/2 = 4.5, gaps −3, −1 → −2
    expect(speed).toEqual({ dimension: 'speed', expectation: 6.5, perception: 4.5, gap: -2, n: 2 });
    const empathy = s.find((d) => d.dimension === 'empathy')!;
    // only the first answer has both: gap +1, n 1; expectation averages both answers (5)
    expect(empathy).toMatchObject({ expectation: 5, perception: 6, gap: 1, n: 1 });
    expect(s.find((d) => d.dimension === 'tangibles')).toMatchObject({ gap: null, n: 0 });
    expect(meanOf([1, 2, 3, 4])).toBe(2.5);
  });

  it('dissatisfaction thresholds: CSAT ≤ 2, NPS ≤ 6, CES ≥ 5, gap ≤ −2', () => {
    const t = defaultThresholds;
    expect(dissatisfactionReasons({ csat: 3, nps: 7, ces: 4 }, t)).toEqual([]);
    expect(dissatisfactionReasons({ csat: 2 }, t)).toEqual(['csat']);
    expect(dissatisfactionReasons({ nps: 6, ces: 5 }, t)).toEqual(['nps', 'ces']);
    expect(
      dissatisfactionReasons(
        {
          dimensions: {
            speed: { expectation: 7, perception: 5 },
            empathy: { expectation: 6, perception: 5 },
          },
        },
        t,
      ),
    ).toEqual(['gap:speed']);
    expect(dissatisfactionReasons({ csat: 3 }, { ...t, csatMax: 3 })).toEqual(['csat']);
  });
});
