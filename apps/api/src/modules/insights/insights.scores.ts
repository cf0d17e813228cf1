import { npsFromCounts } from '@manyi/contracts/survey-scores';

/**
 * Score formulas of the satisfaction dashboards, in one place. The rollups count answers against these
 * thresholds in SQL; the figures are computed from the counts here. NPS comes from the surveys' shared
 * formulas (`packages/contracts/src/survey-scores.ts`, computed on counts as a rollup stores them).
 */
export const SCORE = {
  /** CSAT 1–5: 4 and 5 count as satisfied. */
  csatSatisfiedMin: 4,
  /** NPS 0–10: 9–10 promoters, 0–6 detractors. */
  npsPromoterMin: 9,
  npsDetractorMax: 6,
  /** CES 1–7 (effort: higher is harder, as in the surveys' dissatisfaction threshold): 1–3 count as easy. */
  cesEasyMax: 3,
  cesHardMin: 5,
} as const;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** NPS = promoters % − detractors %, −100 … 100 (one decimal). */
export function npsOf(promoters: number, detractors: number, n: number): number | null {
  return npsFromCounts(promoters, detractors, n);
}

/** Mean of a score (two decimals). */
export function meanOf(sum: number, n: number): number | null {
  return n ? round(sum / n, 2) : null;
}

/** A share 0–1 (four decimals). */
export function rateOf(part: number, whole: number): number | null {
  return whole ? round(part / whole, 4) : null;
}

/** Gap = perception − expectation, per dimension (two decimals). */
export function gapOf(expSum: number, percSum: number, n: number): number | null {
  return n ? round((percSum - expSum) / n, 2) : null;
}
