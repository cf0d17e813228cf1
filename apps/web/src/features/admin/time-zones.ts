import { safeTimeZone } from '../../shared/format';

/** Time zones a Chinese after-sales organisation is likely to need, Asia/Shanghai first. */
export const commonTimeZones = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Asia/Manila',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Africa/Johannesburg',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
] as const;

/** "GMT+8" (or "GMT+0") for a zone at a given moment (offsets move with daylight saving). */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en', {
    timeZone: safeTimeZone(timeZone),
    timeZoneName: 'shortOffset',
  })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  // Engines differ on zero: "GMT" in browsers, "GMT+0" in some Node builds.
  return part?.value === 'GMT' ? 'GMT+0' : (part?.value ?? '');
}

/** The zone's name in the UI language ("中国标准时间", "China Standard Time"). */
export function zoneName(timeZone: string, lang: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat(lang, { timeZone: safeTimeZone(timeZone), timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Whether the browser (and so the API's Node) knows this IANA zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Options for the time-zone picker: the common zones with offset and local name; the current one is kept. */
export function timeZoneOptions(lang: string, current?: string, at: Date = new Date()) {
  const zones: string[] = [...commonTimeZones];
  if (current && !zones.includes(current) && isKnownTimeZone(current)) zones.push(current);
  return zones.map((zone) => ({
    value: zone,
    label: `${zone} · ${utcOffset(zone, at)} · ${zoneName(zone, lang, at)}`,
  }));
}
