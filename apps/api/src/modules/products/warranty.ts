import { UTCDate } from '@date-fns/utc';
import type { WarrantyStatus } from '@manyi/contracts';
import { addDays, addMonths, format, getDate } from 'date-fns';
import { localDateIn } from '../../lib/local-date';

/**
 * Warranty arithmetic, pure: no database, no clock, no time zone. Every date is a calendar date
 * (YYYY-MM-DD) in the tenant's zone; the caller decides which day "today" is (see `todayIn`).
 *
 * THE RULES
 * 1. Start date. The policy says which date the period counts from (purchase, delivery or install).
 *    When the unit lacks that date, we give the customer the benefit of the doubt and take the LATEST
 *    date the missing event could have happened given what is recorded. The events happen in the order
 *    purchase ≤ delivery ≤ install, so the next later recorded date bounds the missing one from above;
 *    when there is no later one, the nearest earlier recorded date is the best evidence left:
 *      purchase → delivery → install   (三包 counts from the invoice date; without an invoice, the
 *                                        first later evidence that the customer had the product)
 *      delivery → install → purchase
 *      install  → delivery → purchase
 *    The status reports the date actually used in `startsFrom` and the policy's in `policyStartsFrom`;
 *    when they differ, a fallback was used. No date at all → `no_start_date`, not covered.
 * 2. End date, inclusive: the day before the same day-of-month N months later (2025-01-31 + 12 months
 *    → through 2026-01-30). When that month has no such day (a 29th–31st start), the period ends on that
 *    month's last day (2024-02-29 + 12 → through 2025-02-28; 2025-01-31 + 1 → through 2025-02-28), the
 *    month-end rule of 民法典 第二百零二条. So no start day ever gets a shorter period than an earlier
 *    start day.
 * 3. Part classes. Asked about a part with its own period LONGER than the whole unit's, that period
 *    applies (a 6-year unit with a 10-year compressor). An unlisted part, or a listed one with a shorter
 *    period, falls under the whole unit. `months`/`endDate` describe the period that applies; `reason` is
 *    `covered_whole_unit` while the whole unit is still covered and `covered_part` once only the part's
 *    longer period covers the date.
 * 4. A date before the start → `not_started`; after the end → `expired`; a model without a policy →
 *    `no_policy`. A period of 0 months covers nothing (it ends the day before it starts).
 */

export type WarrantyStart = 'purchase' | 'delivery' | 'install';

export interface WarrantyTerms {
  startsFrom: WarrantyStart;
  wholeUnitMonths: number;
  parts: readonly { partClass: string; months: number }[];
}

export interface UnitDates {
  purchaseDate: string | null;
  deliveryDate: string | null;
  installDate: string | null;
}

/** Which recorded date to try, in order, for each kind of policy start (rule 1 above). */
export const startFallbacks: Record<WarrantyStart, readonly WarrantyStart[]> = {
  purchase: ['purchase', 'delivery', 'install'],
  delivery: ['delivery', 'install', 'purchase'],
  install: ['install', 'delivery', 'purchase'],
};

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as a UTCDate: date-fns then does its arithmetic in UTC, which has no DST gaps and no
 * skipped days, so the server's own time zone can never shift a result.
 */
function toDate(iso: string): Date {
  const m = isoDatePattern.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const d = new UTCDate(2000, Number(m[2]) - 1, Number(m[3]));
  d.setFullYear(Number(m[1])); // the Date constructor maps years 0–99 to 1900–1999
  if (format(d, 'yyyy-MM-dd') !== iso) throw new RangeError(`not a calendar date: ${iso}`);
  return d;
}

const toIso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The next calendar day. */
export function nextDay(iso: string): string {
  return toIso(addDays(toDate(iso), 1));
}

/** The last day covered by a period of `months` calendar months starting on `start` (rule 2). */
export function warrantyEndDate(start: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`bad months: ${months}`);
  const from = toDate(start);
  const sameDayLater = addMonths(from, months);
  // date-fns clamps a missing day to the month's last day; that day is then the period's last day.
  if (getDate(sameDayLater) !== getDate(from)) return toIso(sameDayLater);
  return toIso(addDays(sameDayLater, -1));
}

function dateOf(unit: UnitDates, kind: WarrantyStart): string | null {
  if (kind === 'purchase') return unit.purchaseDate;
  if (kind === 'delivery') return unit.deliveryDate;
  return unit.installDate;
}

/** The date the period counts from and which recorded date it is (rule 1), or null when none is known. */
export function warrantyStart(
  policyStart: WarrantyStart,
  unit: UnitDates,
): { startsFrom: WarrantyStart; startDate: string } | null {
  for (const kind of startFallbacks[policyStart]) {
    const date = dateOf(unit, kind);
    if (date) return { startsFrom: kind, startDate: date };
  }
  return null;
}

/**
 * Is the unit (or one part class of it) under warranty on `onDate`, and why. `onDate` is a calendar date
 * in the tenant's time zone; `partClass` null or omitted asks about the whole unit.
 */
export function computeWarranty(
  policy: WarrantyTerms | null,
  unit: UnitDates,
  onDate: string,
  partClass: string | null = null,
): WarrantyStatus {
  toDate(onDate);
  const base = { onDate, partClass };
  if (!policy)
    return {
      ...base,
      covered: false,
      reason: 'no_policy',
      startsFrom: null,
      policyStartsFrom: null,
      startDate: null,
      endDate: null,
      months: null,
    };

  const partMonths = partClass ? policy.parts.find((p) => p.partClass === partClass)?.months : undefined;
  const months = Math.max(policy.wholeUnitMonths, partMonths ?? 0);
  const start = warrantyStart(policy.startsFrom, unit);
  if (!start)
    return {
      ...base,
      covered: false,
      reason: 'no_start_date',
      startsFrom: null,
      policyStartsFrom: policy.startsFrom,
      startDate: null,
      endDate: null,
      months,
    };

  const endDate = warrantyEndDate(start.startDate, months);
  const period = {
    ...base,
    startsFrom: start.startsFrom,
    policyStartsFrom: policy.startsFrom,
    startDate: start.startDate,
    endDate,
    months,
  };
  // YYYY-MM-DD strings order like the dates they name.
  if (onDate < start.startDate) return { ...period, covered: false, reason: 'not_started' };
  if (onDate > endDate) return { ...period, covered: false, reason: 'expired' };
  const wholeUnitCovers = onDate <= warrantyEndDate(start.startDate, policy.wholeUnitMonths);
  return { ...period, covered: true, reason: wholeUnitCovers ? 'covered_whole_unit' : 'covered_part' };
}

/** Today's calendar date in a time zone (IANA name), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  return localDateIn(timeZone, now);
}
