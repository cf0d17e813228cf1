import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeWarranty,
  nextDay,
  todayIn,
  type UnitDates,
  type WarrantyTerms,
  warrantyEndDate,
  warrantyStart,
} from './warranty';

const oneYear: WarrantyTerms = { startsFrom: 'purchase', wholeUnitMonths: 12, parts: [] };
/** The national rule for air conditioners: whole unit 1 year, main parts 3 years. */
const national: WarrantyTerms = {
  startsFrom: 'purchase',
  wholeUnitMonths: 12,
  parts: [
    { partClass: 'compressor', months: 36 },
    { partClass: 'remote_control', months: 6 },
  ],
};
/** A maker going beyond the rule: 6 years whole unit, 10 years compressor, counted from installation. */
const maker: WarrantyTerms = {
  startsFrom: 'install',
  wholeUnitMonths: 72,
  parts: [{ partClass: 'compressor', months: 120 }],
};
const bought = (purchaseDate: string): UnitDates => ({ purchaseDate, deliveryDate: null, installDate: null });
const none: UnitDates = { purchaseDate: null, deliveryDate: null, installDate: null };

describe('warrantyEndDate', () => {
  it('ends the day before the same day N months later', () => {
    expect(warrantyEndDate('2025-01-31', 12)).toBe('2026-01-30');
    expect(warrantyEndDate('2025-03-15', 12)).toBe('2026-03-14');
    expect(warrantyEndDate('2025-01-01', 12)).toBe('2025-12-31');
    expect(warrantyEndDate('2025-12-31', 1)).toBe('2026-01-30');
    expect(warrantyEndDate('2025-03-01', 1)).toBe('2025-03-31');
  });

  it('ends on the month end when the later month has no such day', () => {
    expect(warrantyEndDate('2024-02-29', 12)).toBe('2025-02-28');
    expect(warrantyEndDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(warrantyEndDate('2025-01-29', 1)).toBe('2025-02-28');
    expect(warrantyEndDate('2023-12-31', 2)).toBe('2024-02-29');
    expect(warrantyEndDate('2025-08-31', 1)).toBe('2025-09-30');
    // A later start never ends earlier: the 28th ends on the 27th, the 29th–31st on the month's last day.
    expect(warrantyEndDate('2025-01-28', 1)).toBe('2025-02-27');
  });

  it('counts leap days: four years from a leap day ends on the day before the next leap day', () => {
    expect(warrantyEndDate('2024-02-29', 48)).toBe('2028-02-28');
    expect(warrantyEndDate('2024-03-01', 12)).toBe('2025-02-28');
    expect(warrantyEndDate('2023-03-01', 12)).toBe('2024-02-29');
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => warrantyEndDate('2025-02-29', 12)).toThrow(RangeError);
    expect(() => warrantyEndDate('2025-1-01', 12)).toThrow(RangeError);
  });
});

describe('computeWarranty', () => {
  it('covers the whole unit through the end date and not a day longer', () => {
    const unit = bought('2025-01-31');
    expect(computeWarranty(oneYear, unit, '2026-01-30')).toEqual({
      onDate: '2026-01-30',
      partClass: null,
      covered: true,
      reason: 'covered_whole_unit',
      startsFrom: 'purchase',
      policyStartsFrom: 'purchase',
      startDate: '2025-01-31',
      endDate: '2026-01-30',
      months: 12,
    });
    expect(computeWarranty(oneYear, unit, '2026-01-31')).toMatchObject({ covered: false, reason: 'expired' });
    expect(computeWarranty(oneYear, unit, '2025-01-31')).toMatchObject({ covered: true });
  });

  it('is not started before the start date', () => {
    expect(computeWarranty(oneYear, bought('2025-06-01'), '2025-05-31')).toMatchObject({
      covered: false,
      reason: 'not_started',
      startDate: '2025-06-01',
      endDate: '2026-05-31',
    });
  });

  it('gives a part its own longer period, and says the whole unit has run out', () => {
    const unit = bought('2024-02-29');
    expect(computeWarranty(national, unit, '2025-02-28', 'compressor')).toMatchObject({
      covered: true,
      reason: 'covered_whole_unit',
      months: 36,
      endDate: '2027-02-28',
    });
    expect(computeWarranty(national, unit, '2025-03-01', 'compressor')).toMatchObject({
      covered: true,
      reason: 'covered_part',
      partClass: 'compressor',
      months: 36,
    });
    expect(computeWarranty(national, unit, '2027-03-01', 'compressor')).toMatchObject({
      covered: false,
      reason: 'expired',
      endDate: '2027-02-28',
    });
    // The whole unit alone on the same day has expired.
    expect(computeWarranty(national, unit, '2025-03-01')).toMatchObject({
      covered: false,
      reason: 'expired',
      months: 12,
      endDate: '2025-02-28',
    });
  });

  it('applies the whole-unit period to a part that is not listed or has a shorter period', () => {
    const unit = bought('2025-01-10');
    expect(computeWarranty(national, unit, '2025-12-01', 'fan_motor')).toMatchObject({
      covered: true,
      reason: 'covered_whole_unit',
      partClass: 'fan_motor',
      months: 12,
    });
    expect(computeWarranty(national, unit, '2026-01-10', 'fan_motor')).toMatchObject({
      covered: false,
      reason: 'expired',
    });
    // Listed at 6 months, but the 12-month whole-unit period is longer and applies.
    expect(computeWarranty(national, unit, '2025-11-01', 'remote_control')).toMatchObject({
      covered: true,
      reason: 'covered_whole_unit',
      months: 12,
    });
  });

  it("a maker's 6-year unit and 10-year compressor, counted from installation", () => {
    const unit: UnitDates = {
      purchaseDate: '2020-05-01',
      deliveryDate: '2020-05-03',
      installDate: '2020-05-06',
    };
    expect(computeWarranty(maker, unit, '2026-05-05')).toMatchObject({
      covered: true,
      reason: 'covered_whole_unit',
      startsFrom: 'install',
      startDate: '2020-05-06',
      endDate: '2026-05-05',
      months: 72,
    });
    expect(computeWarranty(maker, unit, '2026-05-06')).toMatchObject({ covered: false, reason: 'expired' });
    expect(computeWarranty(maker, unit, '2026-05-06', 'compressor')).toMatchObject({
      covered: true,
      reason: 'covered_part',
      endDate: '2030-05-05',
      months: 120,
    });
    expect(computeWarranty(maker, unit, '2030-05-06', 'compressor')).toMatchObject({
      covered: false,
      reason: 'expired',
    });
    // Delivered but not yet installed on the day asked: the recorded install date still starts the period.
    expect(computeWarranty(maker, unit, '2020-05-04')).toMatchObject({
      covered: false,
      reason: 'not_started',
    });
  });

  it('falls back to another recorded date when the policy’s date is missing, and says which', () => {
    const noInstall: UnitDates = {
      purchaseDate: '2025-01-05',
      deliveryDate: '2025-01-08',
      installDate: null,
    };
    expect(computeWarranty(maker, noInstall, '2025-02-01')).toMatchObject({
      covered: true,
      startsFrom: 'delivery',
      policyStartsFrom: 'install',
      startDate: '2025-01-08',
    });
    expect(computeWarranty(maker, bought('2025-01-05'), '2025-02-01')).toMatchObject({
      startsFrom: 'purchase',
      policyStartsFrom: 'install',
      startDate: '2025-01-05',
    });
    // A purchase-based policy without a purchase date takes the delivery, then the install date.
    const installedOnly: UnitDates = { purchaseDate: null, deliveryDate: null, installDate: '2025-04-02' };
    expect(computeWarranty(oneYear, installedOnly, '2025-04-01')).toMatchObject({
      covered: false,
      reason: 'not_started',
      startsFrom: 'install',
      policyStartsFrom: 'purchase',
    });
    expect(
      warrantyStart('purchase', {
        purchaseDate: null,
        deliveryDate: '2025-03-01',
        installDate: '2025-03-09',
      }),
    ).toEqual({ startsFrom: 'delivery', startDate: '2025-03-01' });
    // A delivery-based policy without a delivery date: install first (the latest the delivery can have been).
    expect(
      warrantyStart('delivery', {
        purchaseDate: '2025-03-01',
        deliveryDate: null,
        installDate: '2025-03-09',
      }),
    ).toEqual({ startsFrom: 'install', startDate: '2025-03-09' });
    expect(warrantyStart('delivery', bought('2025-03-01'))).toEqual({
      startsFrom: 'purchase',
      startDate: '2025-03-01',
    });
  });

  it('without any date: no_start_date, not covered', () => {
    expect(computeWarranty(national, none, '2025-06-01', 'compressor')).toEqual({
      onDate: '2025-06-01',
      partClass: 'compressor',
      covered: false,
      reason: 'no_start_date',
      startsFrom: null,
      policyStartsFrom: 'purchase',
      startDate: null,
      endDate: null,
      months: 36,
    });
  });

  it('without a policy: no_policy, not covered', () => {
    expect(computeWarranty(null, bought('2025-01-01'), '2025-06-01')).toMatchObject({
      covered: false,
      reason: 'no_policy',
      startDate: null,
      endDate: null,
      months: null,
    });
  });

  it('a 0-month period covers nothing', () => {
    const zero: WarrantyTerms = { startsFrom: 'purchase', wholeUnitMonths: 0, parts: [] };
    expect(computeWarranty(zero, bought('2025-01-01'), '2025-01-01')).toMatchObject({
      covered: false,
      reason: 'expired',
      endDate: '2024-12-31',
    });
  });
});

describe('server time zone', () => {
  it('does not matter, even for a day a zone skipped (Apia skipped 2011-12-30)', () => {
    expect(warrantyEndDate('2011-12-30', 1)).toBe('2012-01-29');
    expect(nextDay('2011-12-29')).toBe('2011-12-30');
    expect(warrantyEndDate('0050-06-15', 12)).toBe('0051-06-14');
  });
});

describe('todayIn', () => {
  it("takes the calendar date in the tenant's zone, not the server's", () => {
    const instant = new Date('2025-12-31T17:30:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-01-01');
    expect(todayIn('UTC', instant)).toBe('2025-12-31');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2025-12-31');
  });
});

describe('properties', () => {
  const startDate = fc
    .date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const months = fc.integer({ min: 1, max: 240 });

  it('the end date is covered and the next day is not', () => {
    fc.assert(
      fc.property(startDate, months, (start, m) => {
        const terms: WarrantyTerms = { startsFrom: 'purchase', wholeUnitMonths: m, parts: [] };
        const atEnd = computeWarranty(terms, bought(start), warrantyEndDate(start, m));
        expect(atEnd.covered).toBe(true);
        expect(atEnd.endDate).toBe(warrantyEndDate(start, m));
        expect(computeWarranty(terms, bought(start), nextDay(atEnd.endDate!))).toMatchObject({
          covered: false,
          reason: 'expired',
        });
        expect(computeWarranty(terms, bought(start), start).covered).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a later start never ends earlier, and the period is N average months long, give or take 4 days', () => {
    fc.assert(
      fc.property(startDate, months, (start, m) => {
        const end = warrantyEndDate(start, m);
        expect(warrantyEndDate(nextDay(start), m) >= end).toBe(true);
        const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
        expect(Math.abs(days - (m * 365.2425) / 12)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 500 },
    );
  });
});
