import { describe, expect, it } from 'vitest';
import { zhCN } from './locales';
import { coverageText, type Translate, yuanToFen } from './money-words';

const t = ((key: string, vars: Record<string, unknown> = {}) => {
  const template = key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zhCN) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, k) => String(vars[k]));
}) as Translate;
const label = (p: string | null) => (p === 'compressor' ? '压缩机' : (p ?? '整机'));

describe('coverageText', () => {
  it('names the part and its years', () => {
    expect(
      coverageText(
        {
          basis: 'warranty',
          partClass: 'compressor',
          months: 120,
          endDate: '2031-05-13',
          reason: 'covered_part',
        },
        t,
        label,
      ),
    ).toBe('压缩机 10 年保修内（至 2031-05-13）');
  });
  it('falls back to months and the whole unit; the agreement; nothing when charged', () => {
    expect(
      coverageText({ basis: 'warranty', partClass: null, months: 18, endDate: null, reason: 'x' }, t, label),
    ).toBe('整机 18 个月保修内');
    expect(
      coverageText(
        { basis: 'agreement', partClass: null, months: null, endDate: null, reason: 'x' },
        t,
        label,
      ),
    ).toBe('服务协议已包含');
    expect(coverageText(null, t, label)).toBeNull();
  });
});

describe('yuanToFen', () => {
  it('reads yuan exactly, never through floating point', () => {
    expect(yuanToFen('86.5')).toBe(8650);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1200')).toBe(120000);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
});
