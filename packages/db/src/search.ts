/**
 * Pure helpers for the application-maintained search columns (searched with pg_trgm `ILIKE '%…%'`).
 * Shared by the API services and the seed factories so that both write the same text.
 */

export interface CustomerSearchSource {
  name: string;
  companyName?: string | null;
  email?: string | null;
  phones: readonly { e164: string; national: string }[];
}

/**
 * The text a customer is found by: name, company, email and, for each phone, its national digits and its
 * E.164 form, lower-cased and separated by single spaces. Digits let an agent search "13800138000" or
 * "86012345"; E.164 lets a pasted "+86138…" match.
 */
export function customerSearchText(source: CustomerSearchSource): string {
  const parts: string[] = [source.name, source.companyName ?? '', source.email ?? ''];
  for (const p of source.phones) parts.push(p.national, p.e164);
  return parts
    .map((p) => p.replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((p) => p.length > 0)
    .join(' ');
}

/** Escapes LIKE / ILIKE wildcards (`%`, `_`) and the escape character itself, so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` with the text escaped: a literal "contains" pattern for `ILIKE`. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
