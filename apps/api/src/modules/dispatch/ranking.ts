import type { Candidate, ExcludedCandidate, RankReason } from '@manyi/contracts';
import type { CandidateRow } from './dispatch.repository';

/** Pure ranking rules: who may take a job, and in which order (no database here, unit-tested). */

export interface RankBasis {
  category: string | null;
  ticketType: string;
  tier: string;
  lat: number | null;
  lng: number | null;
  cityCode: string | null;
  districtCode: string | null;
  dueAt: Date | null;
  now: Date;
  maxDistanceKm: number;
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A box that contains every point within `km` of (lat, lng): what the index prefilters on. */
export function boundingBox(lat: number, lng: number, km: number) {
  const dLat = km / 111.2;
  const dLng = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** Weights: distance matters most, then free capacity; VIP work leans on the best-certified. */
export const WEIGHTS = {
  distance: 35,
  load: 25,
  certification: 10,
  skill: 10,
  coverage: 10,
  /** Due soon: an own service point starts at once, a partner first has to accept. */
  dueOwnBonus: 10,
  dueSoonHours: 8,
  vipCertification: 10,
  fullPenalty: -15,
  /** Off today by their working calendar, but back before the job's due time. */
  offTodayPenalty: -20,
} as const;

const round = (n: number) => Math.round(n * 10) / 10;
const VIP = new Set(['vip', 'gold']);

/**
 * Off today by their calendar (holiday, day off): they may still take the job when they are back at work
 * before it is due (or nothing is due); otherwise they cannot.
 */
function backInTime(row: CandidateRow, b: Pick<RankBasis, 'dueAt'>): boolean {
  const next = row.offToday?.nextWorkingAt;
  if (!next) return false;
  return b.dueAt === null || new Date(next).getTime() <= b.dueAt.getTime();
}

/** Why a technician may not take the job; empty when they may. */
export function exclusionsOf(row: CandidateRow, b: Pick<RankBasis, 'dueAt'>): ExcludedCandidate['why'] {
  const why: ExcludedCandidate['why'] = [];
  if (row.spActive === false) why.push({ code: 'service_point_inactive', values: {} });
  if (!row.hasCategory) why.push({ code: 'wrong_category', values: {} });
  if (!row.hasJobType) why.push({ code: 'wrong_job_type', values: {} });
  if (row.validCertScore === null) {
    if (row.expiredCertOn)
      why.push({ code: 'certification_expired', values: { expiredOn: row.expiredCertOn } });
    else why.push({ code: 'no_certification', values: {} });
  }
  if (row.leaveUntil) why.push({ code: 'on_leave', values: { until: row.leaveUntil } });
  if (row.offToday && !backInTime(row, b))
    why.push({ code: 'off_duty', values: { nextWorkingAt: row.offToday.nextWorkingAt } });
  return why;
}

function coveredBy(row: CandidateRow, b: RankBasis): boolean {
  const codes = row.coverageRegionCodes ?? [];
  if (b.districtCode && codes.includes(b.districtCode)) return true;
  if (b.cityCode && codes.includes(b.cityCode)) return true;
  if (b.lat !== null && b.lng !== null && row.spLat !== null && row.spLng !== null)
    return distanceKm(row.spLat, row.spLng, b.lat, b.lng) <= (row.coverageRadiusKm ?? 0);
  return false;
}

/** Scores an eligible technician; each factor's points are listed as a reason. */
export function scoreCandidate(row: CandidateRow, b: RankBasis) {
  const reasons: RankReason[] = [];
  const km = b.lat !== null && b.lng !== null ? distanceKm(row.baseLat, row.baseLng, b.lat, b.lng) : null;
  reasons.push({
    factor: 'distance',
    points: km === null ? 0 : round(WEIGHTS.distance * Math.max(0, 1 - km / b.maxDistanceKm)),
    values: { km: km === null ? null : round(km) },
  });
  reasons.push({
    factor: 'skill',
    points: WEIGHTS.skill,
    values: { category: b.category, jobType: b.ticketType },
  });
  const certScore = row.validCertScore ?? 0;
  reasons.push({
    factor: 'certification',
    points: round((WEIGHTS.certification * certScore) / 100),
    values: { name: row.validCertName, examScore: certScore, expiresOn: row.validCertExpiresOn },
  });
  const capacity = Math.max(1, row.dailyCapacity);
  const full = row.load >= capacity;
  reasons.push({
    factor: 'load',
    points: full ? WEIGHTS.fullPenalty : round(WEIGHTS.load * (1 - row.load / capacity)),
    values: { load: row.load, capacity, full },
  });
  const hoursLeft = b.dueAt ? (b.dueAt.getTime() - b.now.getTime()) / 3_600_000 : null;
  const dueSoon = hoursLeft !== null && hoursLeft < WEIGHTS.dueSoonHours;
  reasons.push({
    factor: 'due',
    points: dueSoon && row.ownership === 'own' ? WEIGHTS.dueOwnBonus : 0,
    values: {
      hoursLeft: hoursLeft === null ? null : round(hoursLeft),
      dueSoon,
      ownership: row.ownership ?? 'partner',
    },
  });
  const vip = VIP.has(b.tier);
  reasons.push({
    factor: 'tier',
    points: vip ? round((WEIGHTS.vipCertification * certScore) / 100) : 0,
    values: { tier: b.tier },
  });
  const covered = coveredBy(row, b);
  reasons.push({ factor: 'coverage', points: covered ? WEIGHTS.coverage : 0, values: { covered } });
  if (row.offToday)
    reasons.push({
      factor: 'calendar',
      points: WEIGHTS.offTodayPenalty,
      values: { offToday: true, nextWorkingAt: row.offToday.nextWorkingAt },
    });
  const score = round(reasons.reduce((s, r) => s + r.points, 0));
  return { km, score, reasons };
}

function base(row: CandidateRow, km: number | null) {
  return {
    technicianId: row.technicianId,
    technicianName: row.technicianName,
    servicePointId: row.servicePointId,
    servicePointName: row.servicePointName,
    ownership: row.ownership ?? 'partner',
    distanceKm: km === null ? null : round(km),
    load: row.load,
    capacity: row.dailyCapacity,
  };
}

/** Ranks rows: eligible ones by score (ties: nearer, then name), the rest listed with why. */
export function rank(
  rows: CandidateRow[],
  b: RankBasis,
  limits = { candidates: 50, excluded: 30 },
): { candidates: Candidate[]; excluded: ExcludedCandidate[] } {
  const scored: (Omit<Candidate, 'rank'> & { km: number })[] = [];
  const excluded: (ExcludedCandidate & { km: number })[] = [];
  for (const row of rows) {
    const km = b.lat !== null && b.lng !== null ? distanceKm(row.baseLat, row.baseLng, b.lat, b.lng) : null;
    // The bounding box is a square: drop its corners beyond the search radius.
    if (km !== null && km > b.maxDistanceKm) continue;
    const why = exclusionsOf(row, b);
    if (why.length) {
      excluded.push({ ...base(row, km), why, km: km ?? Number.POSITIVE_INFINITY });
      continue;
    }
    const s = scoreCandidate(row, b);
    scored.push({ ...base(row, km), score: s.score, reasons: s.reasons, km: km ?? Number.POSITIVE_INFINITY });
  }
  scored.sort(
    (x, y) => y.score - x.score || x.km - y.km || x.technicianName.localeCompare(y.technicianName, 'zh'),
  );
  excluded.sort((x, y) => x.km - y.km || x.technicianName.localeCompare(y.technicianName, 'zh'));
  return {
    candidates: scored.slice(0, limits.candidates).map(({ km: _km, ...c }, i) => ({ ...c, rank: i + 1 })),
    excluded: excluded.slice(0, limits.excluded).map(({ km: _km, ...e }) => e),
  };
}
