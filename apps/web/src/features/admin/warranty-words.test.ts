import { describe, expect, test } from 'vitest';
import { adminT } from './test-i18n';
import { describePeriod, describePolicy, partLabel } from './warranty-words';

describe('a warranty policy in words', () => {
  const policy = {
    startsFrom: 'install' as const,
    wholeUnitMonths: 72,
    parts: [{ partClass: 'compressor', months: 120 }],
  };

  test('Chinese, as an agent would say it on the phone', () => {
    expect(describePolicy(policy, adminT('zh-CN'))).toBe('整机 6 年 · 压缩机 10 年 · 自安装日起算');
  });

  test('English', () => {
    expect(describePolicy(policy, adminT('en'))).toBe(
      'Whole unit 6 years · Compressor 10 years · from installation',
    );
  });

  test('whole years as years, the rest in months, singular where it should be', () => {
    const en = adminT('en');
    expect(describePeriod(12, en)).toBe('1 year');
    expect(describePeriod(18, en)).toBe('18 months');
    expect(describePeriod(1, en)).toBe('1 month');
    expect(describePeriod(0, adminT('zh-CN'))).toBe('0 个月');
  });

  test('an unknown part class is shown as its code', () => {
    expect(partLabel('ice_maker', adminT('zh-CN'))).toBe('ice_maker');
    expect(partLabel('pcb', adminT('zh-CN'))).toBe('主控板');
  });
});
