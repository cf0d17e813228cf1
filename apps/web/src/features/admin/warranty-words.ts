import type { WarrantyPolicy } from '@manyi/contracts';
import type { TFunction } from 'i18next';
import { zhCN } from './locales';

type AdminT = TFunction<'admin'>;
export type KnownPartClass = keyof typeof zhCN.catalog.parts;

/** Part classes the UI has names for, in the order a technician would list them. */
export const knownPartClasses = Object.keys(zhCN.catalog.parts) as KnownPartClass[];

export function isKnownPartClass(partClass: string): partClass is KnownPartClass {
  return Object.hasOwn(zhCN.catalog.parts, partClass);
}

/** A part class in words ("压缩机"); a class the UI has no name for is shown as its code. */
export function partLabel(partClass: string, t: AdminT): string {
  return isKnownPartClass(partClass) ? t(`catalog.parts.${partClass}`) : partClass;
}

/** A period in words: whole years as years ("6 年"), anything else in months ("18 个月"). */
export function describePeriod(months: number, t: AdminT): string {
  if (months > 0 && months % 12 === 0) {
    const years = months / 12;
    return t(years === 1 ? 'catalog.summary.year' : 'catalog.summary.years', { count: years });
  }
  return t(months === 1 ? 'catalog.summary.month' : 'catalog.summary.months', { count: months });
}

/** A policy in words, e.g. "整机 6 年 · 压缩机 10 年 · 自安装日起算". */
export function describePolicy(
  policy: Pick<WarrantyPolicy, 'startsFrom' | 'wholeUnitMonths' | 'parts'>,
  t: AdminT,
): string {
  const pieces = [
    t('catalog.summary.wholeUnit', { period: describePeriod(policy.wholeUnitMonths, t) }),
    ...policy.parts.map((part) =>
      t('catalog.summary.part', {
        part: partLabel(part.partClass, t),
        period: describePeriod(part.months, t),
      }),
    ),
    t(`catalog.summary.from.${policy.startsFrom}`),
  ];
  return pieces.join(' · ');
}
