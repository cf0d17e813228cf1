/** Durations of working time as the editors type them ("4:30") and as the clocks say them. */

/** The longest target the API accepts: a year of minutes. */
export const maxTargetMinutes = 60 * 24 * 365;

/** 270 → "4:30", 30 → "0:30", 3600 → "60:00". */
export function minutesToHm(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

export type ParsedDuration = { ok: true; minutes: number | null } | { ok: false };

/**
 * Reads "4:30", "4：30" (full-width colon), "4" (hours) or "0:05"; blank is "no target" (null).
 * Minutes past 59, negatives, fractions and zero are refused.
 */
export function parseHm(text: string): ParsedDuration {
  const s = text.trim().replace('：', ':');
  if (s === '') return { ok: true, minutes: null };
  const match = /^(\d{1,4})(?::(\d{1,2}))?$/.exec(s);
  if (!match) return { ok: false };
  const hours = Number(match[1]);
  const mins = match[2] === undefined ? 0 : Number(match[2]);
  if (mins > 59) return { ok: false };
  const total = hours * 60 + mins;
  if (total < 1 || total > maxTargetMinutes) return { ok: false };
  return { ok: true, minutes: total };
}

/** Whole hours and minutes of a (non-negative) number of minutes, rounded down to the minute. */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  const whole = Math.floor(Math.max(0, minutes));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/** A running countdown "h:mm:ss" from milliseconds (absolute value; the caller says early or late). */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
