import i18n from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { en, zhCN } from './locales';
import { coverageText, durationText, notificationText, ticketNumberText } from './words';

beforeAll(async () => {
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { agreements: zhCN }, en: { agreements: en } },
    interpolation: { escapeValue: false },
  });
});

const tZh = () => i18n.getFixedT('zh-CN', 'agreements');
const tEn = () => i18n.getFixedT('en', 'agreements');

describe('agreements in words', () => {
  test('durations', () => {
    expect(durationText(125.7, tZh())).toBe('2 小时 5 分');
    expect(durationText(120, tZh())).toBe('2 小时');
    expect(durationText(-45, tEn())).toBe('45 min');
  });

  test('coverage', () => {
    const base = { tiers: [], categories: [], customerId: null, validFrom: null, validTo: null };
    expect(coverageText(base, tZh())).toBe('全部客户；全部产品；长期有效');
    expect(
      coverageText(
        { ...base, tiers: ['vip', 'gold'], categories: ['air_conditioner'], validTo: '2027-12-31' },
        tZh(),
      ),
    ).toBe('贵宾、金卡客户；空调；至 2027-12-31');
    expect(coverageText({ ...base, customerId: 'x', validFrom: '2027-01-01' }, tEn(), 'ACME')).toBe(
      'only for ACME; all products; from 2027-01-01',
    );
  });

  test('notifications', () => {
    expect(ticketNumberText(100123)).toBe('GD-100123');
    expect(ticketNumberText('GD-100123')).toBe('GD-100123');
    const n = { kind: 'commitment.at_risk', data: { metric: 'on_site', number: 100123 } };
    expect(notificationText(n, tZh())).toBe('工单 GD-100123 上门承诺即将到期');
    expect(notificationText({ ...n, kind: 'commitment.breached' }, tEn())).toBe(
      'Work order GD-100123: on-site promise broken',
    );
    expect(notificationText({ kind: 'other', data: { number: 7 } }, tZh())).toBe('工单 GD-7 有新的提醒');
  });
});
