import type { LineCoverage } from '@manyi/contracts';

/**
 * Why a line is free, in words: "压缩机 10 年保修内（至 2031-05-13）", "整机 6 年保修内", "服务协议已包含".
 * Whole years read as years; anything else as months.
 */
/** A translate function of the 'quotes' namespace, loosely typed so pure helpers stay testable. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export function coverageText(
  c: LineCoverage | null,
  t: Translate,
  partLabel: (part: string | null) => string,
  withDate = true,
): string | null {
  if (!c) return null;
  if (c.basis === 'agreement') return t('coverage.agreement');
  const months = c.months ?? 0;
  const years = months % 12 === 0 ? months / 12 : null;
  const base = c.partClass
    ? years !== null
      ? t('coverage.partYears', { part: partLabel(c.partClass), years })
      : t('coverage.partMonths', { part: partLabel(c.partClass), months })
    : years !== null
      ? t('coverage.wholeYears', { years })
      : t('coverage.wholeMonths', { months });
  return withDate && c.endDate ? `${base}${t('coverage.until', { date: c.endDate })}` : base;
}

/** Yuan typed by a person (e.g. "86.5") as integer fen, or null when it is not a valid amount. */
export function yuanToFen(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined || input === '') return null;
  const s = String(input).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
