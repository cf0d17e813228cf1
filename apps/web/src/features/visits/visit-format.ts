import type { VisitStatus } from '@manyi/contracts';

type Lang = 'zh-CN' | 'en';
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeZone, hour12: false, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "11月24日 周二 09:00–11:00" / "Tue, Nov 24 09:00–11:00" in the tenant's time zone. */
export function windowLabel(start: string, end: string, lang: Lang, timeZone: string): string {
  const day = fmt(lang, timeZone, { month: 'short', day: 'numeric', weekday: 'short' }).format(
    new Date(start),
  );
  return `${day} ${timeLabel(start, lang, timeZone)}–${timeLabel(end, lang, timeZone)}`;
}

/** "09:00" in the time zone. */
export function timeLabel(at: string, lang: Lang, timeZone: string): string {
  return fmt(lang, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** The calendar date (YYYY-MM-DD) of a moment in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = fmt('en', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Minutes since local midnight of a moment in a time zone (for placing blocks on the board's time axis). */
export function minutesOfDay(at: string, timeZone: string): number {
  const parts = fmt('en', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(at),
  );
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * The UTC instant of a wall-clock time on a date in a time zone (what a dispatcher types into the plan form).
 * Two passes settle the zone's offset at that instant (DST-safe away from the gap itself).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (t: number) => {
    const parts = fmt('en', timeZone, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(new Date(t));
    const get = (k: string) => Number(parts.find((p) => p.type === k)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - t;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

export const statusColor: Record<VisitStatus, string> = {
  proposed: 'gold',
  confirmed: 'blue',
  checked_in: 'processing',
  completed: 'green',
  missed: 'red',
  cancelled: 'default',
};

/** An amap (高德) navigation URI: by coordinates when known, else a search by the address text. */
export function navigationUrl(v: {
  lat: number | null;
  lng: number | null;
  address: string | null;
  customerName: string;
}) {
  if (v.lat !== null && v.lng !== null)
    return `https://uri.amap.com/marker?position=${v.lng},${v.lat}&name=${encodeURIComponent(v.address ?? v.customerName)}&callnative=1`;
  if (v.address) return `https://uri.amap.com/search?keyword=${encodeURIComponent(v.address)}&callnative=1`;
  return null;
}
