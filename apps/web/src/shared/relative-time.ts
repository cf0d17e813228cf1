/** "3 minutes ago" / "3分钟前" in the UI language, for lists where the exact time matters less than its age. */

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * How long ago (or until) `value` is from `now`, in the largest whole unit; under a minute reads "just now".
 * Pure: pass `now` so a list renders the same text for every row and tests need no clock.
 */
export function formatRelativeTime(
  value: Date | string | number,
  now: Date | number,
  lang: 'zh-CN' | 'en',
): string {
  const then = value instanceof Date ? value.getTime() : new Date(value).getTime();
  const nowMs = now instanceof Date ? now.getTime() : now;
  const seconds = Math.round((then - nowMs) / 1000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
