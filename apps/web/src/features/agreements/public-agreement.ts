import type { CommitmentMetric, PublicAgreement, TicketType } from '@manyi/contracts';
import { commitmentMetrics, ticketTypes } from '@manyi/contracts';

type Promises = NonNullable<PublicAgreement['agreement']>['promises'];
type Hours = NonNullable<PublicAgreement['agreement']>['serviceHours'];
type T = (key: string, options?: Record<string, unknown>) => string;

export interface PromiseRow {
  ticketType: TicketType;
  minutes: Partial<Record<CommitmentMetric, number>>;
}

/**
 * The promises a customer reads: one row per work-order type at normal priority (what an ordinary request gets),
 * in the product's order of types and metrics.
 */
export function publicPromiseRows(promises: Promises): PromiseRow[] {
  const rows: PromiseRow[] = [];
  for (const ticketType of ticketTypes) {
    const mine = promises.filter((p) => p.ticketType === ticketType && p.priority === 'normal');
    if (mine.length === 0) continue;
    const minutes: PromiseRow['minutes'] = {};
    for (const metric of commitmentMetrics) {
      const p = mine.find((x) => x.metric === metric);
      if (p) minutes[metric] = p.promiseMinutes;
    }
    rows.push({ ticketType, minutes });
  }
  return rows;
}

/** Service hours in words: "每天 08:00–20:00", or weekdays grouped by identical periods. */
export function serviceHoursLines(h: Hours, t: T): string[] {
  if (h.is24x7) return [t('publicPage.allDay')];
  const order = ['1', '2', '3', '4', '5', '6', '0'] as const;
  const text = (d: (typeof order)[number]) => h.week[d].map(([a, b]) => `${a}–${b}`).join(', ');
  const groups: { days: string[]; periods: string }[] = [];
  for (const d of order) {
    const periods = text(d);
    if (!periods) continue;
    const same = groups.find((g) => g.periods === periods);
    if (same) same.days.push(d);
    else groups.push({ days: [d], periods });
  }
  if (groups.length === 1 && groups[0]!.days.length === 7)
    return [t('publicPage.everyDay', { periods: groups[0]!.periods })];
  return groups.map((g) =>
    t('publicPage.days', {
      days: g.days.map((d) => t(`publicPage.weekday.${d}`)).join(t('common.listSeparator')),
      periods: g.periods,
    }),
  );
}
