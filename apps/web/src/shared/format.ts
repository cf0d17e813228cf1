/** Locale-aware formatting that always computes in an explicit time zone (the tenant's), never the browser's. */

export type UiLanguage = 'zh-CN' | 'en';

const fallbackTimeZone = 'Asia/Shanghai';

/** A time zone Intl accepts; a bad value from the server falls back rather than crashing the page. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return fallbackTimeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return fallbackTimeZone;
  }
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A calendar date with weekday, e.g. "2025年11月23日星期日" or "Sunday, November 23, 2025". */
export function formatLongDate(value: Date | string | number, lang: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: safeTimeZone(timeZone),
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(toDate(value));
}

/** A compact date and time, e.g. "2025/11/23 14:05" or "Nov 23, 2025, 2:05 PM". */
export function formatDateTime(value: Date | string | number, lang: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: safeTimeZone(timeZone),
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(toDate(value));
}

/** The hour (0–23) on the wall clock of `timeZone`. */
export function hourIn(value: Date | string | number, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone: safeTimeZone(timeZone),
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(value));
  return Number.parseInt(hour, 10);
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Which greeting fits the local time: before noon, before 18:00, or later. */
export function partOfDay(value: Date | string | number, timeZone: string): PartOfDay {
  const hour = hourIn(value, timeZone);
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}

/** Money kept as integer fen, shown in the currency's usual form ("¥1,234.50"). */
export function formatMoney(amountFen: number, currency: string, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amountFen / 100);
}
