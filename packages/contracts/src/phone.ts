import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface NormalisedPhone {
  /** E.164, e.g. +8613800138000 — the one form we store and look up by. */
  e164: string;
  kind: PhoneKind;
  /** How a person reads it, e.g. 138 0013 8000 or 010 6552 9988. */
  display: string;
}

/**
 * Normalises a phone number typed in any common form ("138 0013 8000", "+86 138-0013-8000",
 * "13800138000", "010-65529988", "0086 755 8888 1234"); mainland China is the default region.
 * Returns null when it is not a valid number.
 */
export function normalisePhone(raw: string, defaultCountry: 'CN' = 'CN'): NormalisedPhone | null {
  const cleaned = raw
    .trim()
    .replace(/^00/, '+')
    .replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'));
  if (cleaned.length < 3 || cleaned.length > 40) return null;
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed?.isValid()) return null;
  const national = parsed.nationalNumber;
  let kind: PhoneKind = 'other';
  if (parsed.countryCallingCode === '86') kind = /^1\d{10}$/.test(national) ? 'mobile' : 'landline';
  return { e164: parsed.number, kind, display: parsed.formatNational() };
}

/**
 * A prefix of digits to search by while the agent is still typing; keeps only digits and maps a leading
 * 0086/86 country prefix away so that "138001" finds +86138001… numbers.
 */
export function phoneSearchDigits(raw: string): string {
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length > 11) digits = digits.slice(2);
  return digits;
}
