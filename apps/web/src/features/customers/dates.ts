import type { UiLanguage } from '../../shared/format';

/** A calendar date stored as YYYY-MM-DD, shown in the user's language ("2032年4月26日", "Apr 26, 2032"). */
export function formatIsoDate(isoDate: string, lang: UiLanguage): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  // The date has no time of day, so it is formatted in UTC where it was anchored: no zone can shift it.
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'medium' }).format(date);
}

/** Today's calendar date (YYYY-MM-DD) on the wall clock of `timeZone`, e.g. the tenant's. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
