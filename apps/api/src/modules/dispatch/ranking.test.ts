import { describe, expect, it } from 'vitest';
import type { CandidateRow } from './dispatch.repository';
import { boundingBox, distanceKm, exclusionsOf, type RankBasis, rank, scoreCandidate } from './ranking';

const now = new Date('2026-06-01T02:00:00Z');
const basis: RankBasis = {
  category: 'air_conditioner',
  ticketType: 'repair',
  tier: 'standard',
  lat: 22.5333,
  lng: 113.9304,
  cityCode: '440300',
  districtCode: '440305',
  dueAt: null,
  now,
  maxDistanceKm: 60,
};

function row(over: Partial<CandidateRow> = {}): CandidateRow {
  return {
    technicianId: over.technicianId ?? crypto.randomUUID(),
    technicianName: '李师傅',
    servicePointId: 'sp',
    servicePointName: '南山服务网点',
    ownership: 'partner',
    spActive: true,
    spLat: 22.54,
    spLng: 113.94,
    coverageRadiusKm: 30,
    coverageRegionCodes: ['440300'],
    baseLat: 22.54,
    baseLng: 113.95,
    dailyCapacity: 4,
    hasCategory: true,
    hasJobType: true,
    validCertScore: 90,
    validCertName: '空调安装维修上岗证',
    validCertExpiresOn: '2027-01-01',
    expiredCertOn: null,
    leaveUntil: null,
    calendarId: null,
    load: 0,
    ...over,
  };
}

describe('geometry', () => {
  it('measures great-circle distance (深圳 → 广州 about 100 km)', () => {
    expect(distanceKm(22.5431, 114.0579, 23.1291, 113.2644)).toBeGreaterThan(100);
    expect(distanceKm(22.5431, 114.0579, 23.1291, 113.2644)).toBeLessThan(110);
  });
  it('builds a box that contains the circle', () => {
    const b = boundingBox(22.5, 114, 10);
    expect(distanceKm(22.5, 114, b.maxLat, 114)).toBeGreaterThanOrEqual(9.9);
    expect(distanceKm(22.5, 114, 22.5, b.maxLng)).toBeGreaterThanOrEqual(9.9);
  });
});

describe('exclusions', () => {
  it('says why a technician may not take the job', () => {
    expect(exclusionsOf(row(), basis)).toEqual([]);
    expect(exclusionsOf(row({ hasCategory: false }), basis).map((w) => w.code)).toEqual(['wrong_category']);
    expect(exclusionsOf(row({ hasJobType: false }), basis).map((w) => w.code)).toEqual(['wrong_job_type']);
    expect(exclusionsOf(row({ validCertScore: null }), basis).map((w) => w.code)).toEqual([
      'no_certification',
    ]);
    expect(exclusionsOf(row({ validCertScore: null, expiredCertOn: '2026-05-01' }), basis)).toEqual([
      { code: 'certification_expired', values: { expiredOn: '2026-05-01' } },
    ]);
    expect(exclusionsOf(row({ leaveUntil: '2026-06-03' }), basis)).toEqual([
      { code: 'on_leave', values: { until: '2026-06-03' } },
    ]);
    expect(exclusionsOf(row({ spActive: false }), basis).map((w) => w.code)).toEqual([
      'service_point_inactive',
    ]);
  });
});

describe('scoring', () => {
  it('prefers the nearer technician, all else equal', () => {
    const near = scoreCandidate(row(), basis);
    const far = scoreCandidate(row({ baseLat: 22.8, baseLng: 114.2 }), basis);
    expect(near.score).toBeGreaterThan(far.score);
  });
  it('penalises a full day', () => {
    const free = scoreCandidate(row({ load: 0 }), basis);
    const half = scoreCandidate(row({ load: 2 }), basis);
    const full = scoreCandidate(row({ load: 4 }), basis);
    expect(free.score).toBeGreaterThan(half.score);
    expect(half.score).toBeGreaterThan(full.score);
    expect(full.reasons.find((r) => r.factor === 'load')).toMatchObject({
      points: -15,
      values: { full: true },
    });
  });
  it('gives an own service point the edge when the on-site promise is close', () => {
    const soon = { ...basis, dueAt: new Date(now.getTime() + 3 * 3_600_000) };
    const own = scoreCandidate(row({ ownership: 'own' }), soon);
    const partner = scoreCandidate(row({ ownership: 'partner' }), soon);
    expect(own.score - partner.score).toBe(10);
    // Far from due: no difference.
    expect(scoreCandidate(row({ ownership: 'own' }), basis).score).toBe(scoreCandidate(row(), basis).score);
  });
  it('leans on the best-certified for VIP customers', () => {
    const vip = { ...basis, tier: 'vip' };
    const strong = scoreCandidate(row({ validCertScore: 98 }), vip);
    const weak = scoreCandidate(row({ validCertScore: 62 }), vip);
    const gapVip = strong.score - weak.score;
    const gapStd =
      scoreCandidate(row({ validCertScore: 98 }), basis).score -
      scoreCandidate(row({ validCertScore: 62 }), basis).score;
    expect(gapVip).toBeGreaterThan(gapStd);
  });
  it('credits coverage by region code or radius', () => {
    const inRegion = scoreCandidate(row(), basis).reasons.find((r) => r.factor === 'coverage');
    expect(inRegion?.values.covered).toBe(true);
    const outside = scoreCandidate(row({ coverageRegionCodes: [], spLat: 23.5, spLng: 113.3 }), basis);
    expect(outside.reasons.find((r) => r.factor === 'coverage')?.values.covered).toBe(false);
  });
});

describe('rank', () => {
  it('orders by score, numbers the ranks, drops the box corners and lists the excluded', () => {
    const rows = [
      row({ technicianName: '王师傅', baseLat: 22.6, baseLng: 114.0 }),
      row({ technicianName: '李师傅' }),
      row({ technicianName: '赵师傅', validCertScore: null, expiredCertOn: '2026-05-01' }),
      row({ technicianName: '远师傅', baseLat: 23.0, baseLng: 114.5 }), // in the box, beyond 60 km
    ];
    const r = rank(rows, basis);
    expect(r.candidates.map((c) => [c.rank, c.technicianName])).toEqual([
      [1, '李师傅'],
      [2, '王师傅'],
    ]);
    expect(r.excluded.map((e) => e.technicianName)).toEqual(['赵师傅']);
  });
  it('ranks without coordinates (region only): distance counts for nothing', () => {
    const r = rank([row()], { ...basis, lat: null, lng: null });
    expect(r.candidates[0]?.distanceKm).toBeNull();
    expect(r.candidates[0]?.reasons.find((x) => x.factor === 'distance')?.points).toBe(0);
  });
});

describe('working calendar', () => {
  const off = (nextWorkingAt: string | null) => row({ calendarId: 'cal', offToday: { nextWorkingAt } });

  it('off today and back only after the job is due: excluded with the next working moment', () => {
    const due = { ...basis, dueAt: new Date('2026-06-01T10:00:00Z') };
    expect(exclusionsOf(off('2026-06-02T01:00:00.000Z'), due)).toEqual([
      { code: 'off_duty', values: { nextWorkingAt: '2026-06-02T01:00:00.000Z' } },
    ]);
    const r = rank([off('2026-06-02T01:00:00.000Z'), row()], due);
    expect(r.candidates).toHaveLength(1);
    expect(r.excluded[0]?.why.map((w) => w.code)).toEqual(['off_duty']);
  });

  it('a calendar that never works again excludes whatever is due', () => {
    expect(exclusionsOf(off(null), basis).map((w) => w.code)).toEqual(['off_duty']);
  });

  it('off today but back before the due time (or nothing due): ranked lower, with the reason', () => {
    const due = { ...basis, dueAt: new Date('2026-06-03T10:00:00Z') };
    for (const b of [due, basis]) {
      const away = off('2026-06-02T01:00:00.000Z');
      expect(exclusionsOf(away, b)).toEqual([]);
      const s = scoreCandidate(away, b);
      expect(s.reasons.find((x) => x.factor === 'calendar')).toEqual({
        factor: 'calendar',
        points: -20,
        values: { offToday: true, nextWorkingAt: '2026-06-02T01:00:00.000Z' },
      });
      expect(s.score).toBe(scoreCandidate(row(), b).score - 20);
      const r = rank(
        [
          { ...away, technicianName: '甲' },
          { ...row(), technicianName: '乙' },
        ],
        b,
      );
      expect(r.candidates.map((c) => c.technicianName)).toEqual(['乙', '甲']);
    }
  });

  it('working today: no calendar reason', () => {
    expect(
      scoreCandidate(row({ calendarId: 'cal' }), basis).reasons.some((x) => x.factor === 'calendar'),
    ).toBe(false);
  });
});
