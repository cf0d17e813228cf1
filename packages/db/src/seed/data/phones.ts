/**
 * Mainland China phone numbers as people type them. Generators return raw strings in one of the common
 * written forms, chosen at random; the system normalises them (see @manyi/contracts normalisePhone).
 */
import type { Random } from './random';
import type { City } from './regions';

/** [3-digit mobile prefix, weight]: the 13x and 15x ranges are the oldest and most common. */
export const mobilePrefixes: readonly (readonly [string, number])[] = [
  // 130–139
  ['130', 4],
  ['131', 4],
  ['132', 4],
  ['133', 4],
  ['134', 3],
  ['135', 6],
  ['136', 6],
  ['137', 6],
  ['138', 7],
  ['139', 7],
  // 150–153, 155–159 (154 was never issued)
  ['150', 4],
  ['151', 4],
  ['152', 3],
  ['153', 3],
  ['155', 3],
  ['156', 3],
  ['157', 2],
  ['158', 4],
  ['159', 4],
  ['166', 2],
  // 170/171 are virtual operators; 173 telecom, 175/176 unicom, 177 telecom, 178 mobile
  ['170', 1],
  ['171', 1],
  ['173', 2],
  ['175', 1],
  ['176', 2],
  ['177', 2],
  ['178', 2],
  // 180–189
  ['180', 3],
  ['181', 3],
  ['182', 3],
  ['183', 3],
  ['184', 1],
  ['185', 3],
  ['186', 4],
  ['187', 3],
  ['188', 3],
  ['189', 4],
  ['191', 1],
  ['198', 2],
  ['199', 2],
];

/** A bare 11-digit mobile number, e.g. 13800138000. */
export function mobileDigits(rng: Random): string {
  return rng.weighted(mobilePrefixes) + rng.digits(8);
}

export type MobileFormat = 'plain' | 'spaced' | 'dashed' | 'intl_spaced' | 'intl_dashed' | 'e164' | 'intl_00';

/** Formats 11 mobile digits in one of the common written forms. */
export function formatMobile(digits: string, format: MobileFormat): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 7);
  const c = digits.slice(7);
  switch (format) {
    case 'plain':
      return digits;
    case 'spaced':
      return `${a} ${b} ${c}`;
    case 'dashed':
      return `${a}-${b}-${c}`;
    case 'intl_spaced':
      return `+86 ${a} ${b} ${c}`;
    case 'intl_dashed':
      return `+86 ${a}-${b}-${c}`;
    case 'e164':
      return `+86${digits}`;
    case 'intl_00':
      return `0086 ${a} ${b} ${c}`;
  }
}

const mobileFormats: readonly (readonly [MobileFormat, number])[] = [
  ['plain', 45],
  ['spaced', 20],
  ['dashed', 10],
  ['intl_spaced', 8],
  ['intl_dashed', 7],
  ['e164', 7],
  ['intl_00', 3],
];

/** A mobile number as someone would type it: "13800138000", "138 0013 8000", "+86 138-0013-8000" … */
export function mobile(rng: Random): string {
  return formatMobile(mobileDigits(rng), rng.weighted(mobileFormats));
}

export type LandlineFormat = 'dashed' | 'spaced' | 'parens' | 'plain' | 'intl' | 'dashed_split';

/** Formats a landline (area code with its 0, local number) in one of the common written forms. */
export function formatLandline(areaCode: string, local: string, format: LandlineFormat): string {
  const half = local.length === 8 ? 4 : 3;
  const l1 = local.slice(0, half);
  const l2 = local.slice(half);
  switch (format) {
    case 'dashed':
      return `${areaCode}-${local}`;
    case 'spaced':
      return `${areaCode} ${l1} ${l2}`;
    case 'parens':
      return `(${areaCode})${local}`;
    case 'plain':
      return areaCode + local;
    case 'intl':
      return `+86 ${areaCode.slice(1)} ${l1} ${l2}`;
    case 'dashed_split':
      return `${areaCode}-${l1}-${l2}`;
  }
}

const landlineFormats: readonly (readonly [LandlineFormat, number])[] = [
  ['dashed', 45],
  ['spaced', 15],
  ['parens', 10],
  ['plain', 15],
  ['intl', 10],
  ['dashed_split', 5],
];

/** A local landline number: never starts with 0, 1 or 9 (those are prefixes and service numbers). */
export function landlineLocalDigits(rng: Random, localDigits: 7 | 8 = 8): string {
  return String(rng.int(2, 8)) + rng.digits(localDigits - 1);
}

/**
 * A landline in the area as someone would type it: "0755-86012345", "(021)64381234", "+86 10 6552 9988" …
 * `areaCode` includes its leading 0.
 */
export function landline(rng: Random, areaCode: string, localDigits: 7 | 8 = 8): string {
  if (!/^0\d{2,3}$/.test(areaCode)) throw new RangeError(`not a mainland area code: ${areaCode}`);
  return formatLandline(areaCode, landlineLocalDigits(rng, localDigits), rng.weighted(landlineFormats));
}

/** A landline in the city (its area code and local number length). */
export function cityLandline(rng: Random, city: City): string {
  return landline(rng, city.areaCode, city.localDigits);
}
