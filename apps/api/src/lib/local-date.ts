// One formatter per time zone: building an Intl.DateTimeFormat is costly and this runs on every work order.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of a moment in a time zone (IANA name), as YYYY-MM-DD. */
export function localDateIn(timeZone: string, at: Date): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
