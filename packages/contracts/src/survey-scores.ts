/**
 * Satisfaction score formulas, pure and shared (API, reports, web). Every function ignores missing answers
 * (null/undefined) and returns null when nothing was answered, so "no data" never reads as a score of 0.
 */

export const surveyDimensions = ['tangibles', 'empathy', 'professionalism', 'speed', 'credibility'] as const;
export type SurveyDimension = (typeof surveyDimensions)[number];

type Score = number | null | undefined;
const answered = (xs: readonly Score[]) => xs.filter((x): x is number => typeof x === 'number');

/** Percentage with one decimal place (half away from zero). */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const v = (part / whole) * 100;
  return (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10;
}

/** Mean with two decimal places. */
export function meanOf(xs: readonly Score[]): number | null {
  const a = answered(xs);
  if (a.length === 0) return null;
  return Math.round((a.reduce((s, x) => s + x, 0) / a.length) * 100) / 100;
}

/** CSAT % — the share of 4s and 5s among CSAT answers on a 1–5 scale. */
export function csatPercent(xs: readonly Score[]): number | null {
  const a = answered(xs);
  return percentOf(a.filter((x) => x >= 4).length, a.length);
}

export interface NpsBreakdown {
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
  /** promoters % − detractors %, −100…100 (one decimal). */
  nps: number | null;
}

/** NPS on 0–10: promoters 9–10, passives 7–8, detractors 0–6; NPS = promoters % − detractors %. */
export function npsOf(xs: readonly Score[]): NpsBreakdown {
  const a = answered(xs);
  const promoters = a.filter((x) => x >= 9).length;
  const detractors = a.filter((x) => x <= 6).length;
  const total = a.length;
  return {
    promoters,
    passives: total - promoters - detractors,
    detractors,
    total,
    nps: npsFromCounts(promoters, detractors, total),
  };
}

/** NPS from counts (what a rollup stores): computed on counts, not on rounded percentages. */
export function npsFromCounts(promoters: number, detractors: number, total: number): number | null {
  return percentOf(promoters - detractors, total);
}

/** CES — the average effort score on 1–7 (lower is easier). */
export function cesAverage(xs: readonly Score[]): number | null {
  return meanOf(xs);
}

/** Gap of one answer: perception − expectation (negative: the service fell short of what was expected). */
export function gapOf(expectation: Score, perception: Score): number | null {
  if (typeof expectation !== 'number' || typeof perception !== 'number') return null;
  return perception - expectation;
}

export type DimensionAnswers = Partial<
  Record<SurveyDimension, { expectation?: number | null; perception?: number | null }>
>;

export interface DimensionSummary {
  dimension: SurveyDimension;
  expectation: number | null;
  perception: number | null;
  /** Mean of per-answer gaps over answers that gave both numbers. */
  gap: number | null;
  n: number;
}

/** Averages of expectation, perception and gap (perception − expectation) for each of the five dimensions. */
export function dimensionSummary(responses: readonly DimensionAnswers[]): DimensionSummary[] {
  return surveyDimensions.map((dimension) => {
    const pairs = responses.map((r) => r[dimension]).filter(Boolean);
    const gaps = pairs.map((p) => gapOf(p?.expectation, p?.perception));
    return {
      dimension,
      expectation: meanOf(pairs.map((p) => p?.expectation)),
      perception: meanOf(pairs.map((p) => p?.perception)),
      gap: meanOf(gaps),
      n: answered(gaps).length,
    };
  });
}

export interface DissatisfactionThresholds {
  csatMax: number;
  npsMax: number;
  cesMin: number;
  gapMax: number;
}

export const defaultThresholds: DissatisfactionThresholds = { csatMax: 2, npsMax: 6, cesMin: 5, gapMax: -2 };

/** Which thresholds one response crosses (empty: not dissatisfied): 'csat', 'nps', 'ces', 'gap:<dimension>'. */
export function dissatisfactionReasons(
  r: { csat?: Score; nps?: Score; ces?: Score; dimensions?: DimensionAnswers },
  t: DissatisfactionThresholds,
): string[] {
  const out: string[] = [];
  if (typeof r.csat === 'number' && r.csat <= t.csatMax) out.push('csat');
  if (typeof r.nps === 'number' && r.nps <= t.npsMax) out.push('nps');
  if (typeof r.ces === 'number' && r.ces >= t.cesMin) out.push('ces');
  for (const d of surveyDimensions) {
    const g = gapOf(r.dimensions?.[d]?.expectation, r.dimensions?.[d]?.perception);
    if (g !== null && g <= t.gapMax) out.push(`gap:${d}`);
  }
  return out;
}
