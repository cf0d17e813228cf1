import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

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

const cjkChar = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u;

/** Exactly two Chinese characters (漏水, 陈明): trigram indexes cannot serve such a term, cjk_bigrams() can. */
export function isCjkPair(term: string): boolean {
  const chars = [...term];
  return chars.length === 2 && chars.every((c) => cjkChar.test(c));
}

/**
 * "`text` contains `term`" (case-insensitive), written so that an index serves it: for a two-character
 * Chinese term, `pairs` (the stored cjk_bigrams() of the text, GIN-indexed) overlaps `{term}`; otherwise
 * `text ILIKE '%term%'` (trigram GIN index). The same rows either way: two Chinese characters are in the text
 * exactly when they are one of its pairs. `&&` (not `@>`) needs no recheck of the heap rows.
 * Both LIKE and ILIKE are served by the trigram index.
 */
export function containsText(text: AnyColumn, pairs: AnyColumn, term: string): SQL {
  if (isCjkPair(term)) return sql`${pairs} && ARRAY[${term}]::text[]`;
  // A term without upper/lower case (Chinese, digits) matches the same rows with LIKE, which unlike ILIKE
  // does not lower-case every row it tests: several times cheaper when a queue is read in its own order.
  if (term.toLowerCase() === term.toUpperCase()) return sql`${text} LIKE ${containsPattern(term)}`;
  return sql`${text} ILIKE ${containsPattern(term)}`;
}
