import type { TFunction } from 'i18next';

export type CountdownTone = 'ok' | 'soon' | 'over' | 'met' | 'late';

/**
 * Where a deadline stands: met (in time or late) once done; otherwise the time left or over, and `soon` in the
 * last fifth of the allowance (counted from `start`).
 */
export function countdown(start: string, due: string, done: string | null, now: number) {
  const dueMs = Date.parse(due);
  if (done) return { tone: (Date.parse(done) > dueMs ? 'late' : 'met') as CountdownTone, minutes: 0 };
  const minutes = Math.round((dueMs - now) / 60_000);
  if (minutes < 0) return { tone: 'over' as CountdownTone, minutes: -minutes };
  const total = (dueMs - Date.parse(start)) / 60_000;
  return { tone: (minutes <= total / 5 ? 'soon' : 'ok') as CountdownTone, minutes };
}

/** 2天3小时 / 5小时12分 / 40分钟 (or in English). */
export function durationText(minutes: number, t: TFunction<'complaints'>) {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('countdown.days', { d, h });
  if (h > 0) return t('countdown.hours', { h, m });
  return t('countdown.minutes', { m });
}

/** Yuan typed in a form to integer fen (null when not a valid amount). */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 100);
}

export const fenToYuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? null : fen / 100;
