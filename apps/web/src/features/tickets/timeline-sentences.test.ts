import type { TimelineEntry } from '@manyi/contracts';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import * as tickets from './locales';
import { authorLabel, describeEntry, SYSTEM_AUTHOR_ID } from './timeline-sentences';

function ticketsT(lang: 'zh-CN' | 'en'): TFunction<'tickets'> {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    resources: { 'zh-CN': { tickets: tickets.zhCN }, en: { tickets: tickets.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.getFixedT(lang, 'tickets');
}

const agent = '11111111-1111-4111-8111-111111111111';
const tech = '22222222-2222-4222-8222-222222222222';
const entry = (
  kind: TimelineEntry['kind'],
  data: Record<string, unknown>,
  extra: Partial<TimelineEntry> = {},
) =>
  ({
    id: '1',
    kind,
    visibility: 'internal',
    authorId: agent,
    authorName: '王丽',
    body: null,
    data,
    createdAt: '2026-11-23T02:00:00.000Z',
    ...extra,
  }) as TimelineEntry;

const say = (lang: 'zh-CN' | 'en', e: TimelineEntry) => {
  const s = describeEntry(e, {
    t: ticketsT(lang),
    lang,
    timeZone: 'Asia/Shanghai',
    userName: (id) => (id === tech ? '赵师傅' : undefined),
    teamName: () => '海淀服务网点',
  });
  if (!s) throw new Error('no sentence');
  // Every key resolved: no raw key leaks into what people read.
  expect(`${s.sentence} ${s.details.join(' ')}`).not.toMatch(/timeline\.|\{\{/);
  return s;
};

describe('timeline sentences', () => {
  test('system-authored entries read "系统"/"System", a vanished user "有人"/"Someone"', () => {
    expect(authorLabel({ authorId: SYSTEM_AUTHOR_ID, authorName: null }, ticketsT('zh-CN'))).toBe('系统');
    expect(authorLabel({ authorId: SYSTEM_AUTHOR_ID, authorName: null }, ticketsT('en'))).toBe('System');
    expect(authorLabel({ authorId: null, authorName: null }, ticketsT('en'))).toBe('System');
    expect(authorLabel({ authorId: agent, authorName: null }, ticketsT('en'))).toBe('Someone');
    expect(authorLabel({ authorId: agent, authorName: '王丽' }, ticketsT('zh-CN'))).toBe('王丽');
  });

  test('dispatch: offers, refusals with reason, expiry; technician and point named from data', () => {
    const offer = entry(
      'dispatch',
      {
        action: 'dispatched',
        status: 'offered',
        mode: 'manual',
        servicePointName: '顺达家电维修',
        technicianName: '孙强',
        rank: 2,
        respondBy: '2026-11-23T04:00:00.000Z',
      },
      { body: '客户指定' },
    );
    expect(say('zh-CN', offer).sentence).toBe('王丽 派工给合作网点 顺达家电维修（孙强），等待接单');
    expect(say('zh-CN', offer).details).toEqual([
      '推荐排名第 2',
      '须在 2026年11月23日 12:00 前答复',
      '未选推荐首位的理由：客户指定',
    ]);
    expect(say('en', offer).sentence).toBe(
      '王丽 offered the work order to partner 顺达家电维修 (孙强), awaiting an answer',
    );
    const own = entry('dispatch', {
      action: 'dispatched',
      status: 'assigned',
      mode: 'auto',
      technicianId: tech,
      servicePointId: 'x',
    });
    expect(say('zh-CN', own).sentence).toBe('王丽 派工给 赵师傅（海淀服务网点）');
    expect(say('en', own).details).toEqual(['Automatic dispatch']);
    const refused = entry(
      'dispatch',
      { action: 'refused', servicePointName: '顺达家电维修' },
      { body: '师傅休假' },
    );
    expect(say('zh-CN', refused)).toMatchObject({
      sentence: '顺达家电维修 拒绝接单，工单退回派工台',
      details: ['原因：师傅休假'],
      tone: 'red',
    });
    expect(say('en', refused).details).toEqual(['Reason: 师傅休假']);
    const expired = entry(
      'dispatch',
      { action: 'expired', servicePointId: 'sp' },
      { authorId: SYSTEM_AUTHOR_ID, authorName: null },
    );
    expect(say('en', expired).sentence).toMatch(/^海淀服务网点 did not answer in time/);
    expect(say('zh-CN', entry('dispatch', { action: 'accepted', servicePointName: '顺达' })).sentence).toBe(
      '顺达 已接单',
    );
    expect(say('en', entry('dispatch', { action: 'superseded' })).sentence).toBe(
      'The earlier dispatch was replaced by a new one',
    );
  });

  test('visit: booked window, customer confirmation, missed with reason, result', () => {
    const planned = entry('visit', {
      action: 'planned',
      technicianId: tech,
      windowStart: '2026-11-24T01:00:00.000Z',
      windowEnd: '2026-11-24T03:00:00.000Z',
    });
    expect(say('zh-CN', planned).sentence).toBe('王丽 预约上门 2026年11月24日 09:00–11:00');
    expect(say('zh-CN', planned).details).toEqual(['工程师：赵师傅']);
    expect(say('en', planned).sentence).toMatch(/^王丽 booked a visit for Nov 24, 2026, 9:00\sAM–11:00\sAM$/);
    const byCustomer = entry(
      'visit',
      { action: 'confirmed', by: 'customer' },
      { authorId: null, authorName: null },
    );
    expect(say('zh-CN', byCustomer).sentence).toBe('客户通过链接确认了上门时间');
    expect(say('en', byCustomer).sentence).toBe('The customer confirmed the visit time through the link');
    const missed = entry('visit', { action: 'missed', reason: '家中无人' });
    expect(say('zh-CN', missed)).toMatchObject({
      sentence: '王丽 上门未遇',
      details: ['原因：家中无人'],
      tone: 'red',
    });
    expect(say('en', entry('visit', { action: 'completed', result: 'needs_revisit' })).details).toEqual([
      'Result: needs a return visit',
    ]);
    expect(say('zh-CN', entry('visit', { action: 'checked_in', lat: 39.9, lng: 116.3 })).details).toEqual([
      '定位 39.90000, 116.30000',
    ]);
    expect(say('en', entry('visit', { action: 'signed', signedByName: '钱芳' })).sentence).toBe(
      'The customer 钱芳 signed off',
    );
  });

  test('quote_offered: service, code and price in ¥ by locale', () => {
    const e = entry('quote_offered', {
      code: 'S-CLEAN',
      name: '深度清洗',
      priceFen: 12_000,
      agreementCode: 'AG-7',
    });
    expect(say('zh-CN', e)).toMatchObject({
      sentence: '王丽 向客户提出付费服务：深度清洗（S-CLEAN）',
      details: ['金额 ¥120.00', '依据服务协议 AG-7'],
    });
    expect(say('en', e).sentence).toBe('王丽 offered a paid service: 深度清洗 (S-CLEAN)');
    expect(say('en', e).details[0]).toBe('Amount CN¥120.00');
  });

  test('quote: sent, accepted by link, declined on site with reason, payment recorded', () => {
    const sent = entry('quote', {
      action: 'sent',
      totalFen: 5_000,
      currency: 'CNY',
      validUntil: '2026-11-30T15:59:00.000Z',
    });
    expect(say('zh-CN', sent)).toMatchObject({
      sentence: '王丽 向客户发送报价，合计 ¥50.00',
      details: ['有效期至 2026年11月30日 23:59'],
    });
    const accepted = entry(
      'quote',
      { action: 'accepted', via: 'link', customerName: '钱芳', totalFen: 5_000, currency: 'CNY' },
      { authorId: null, authorName: null },
    );
    expect(say('zh-CN', accepted)).toMatchObject({
      sentence: '客户 钱芳 通过链接接受了报价，合计 ¥50.00',
      tone: 'green',
    });
    expect(say('en', accepted).sentence).toBe(
      'The customer 钱芳 accepted the quote for CN¥50.00 through the link',
    );
    const declined = entry(
      'quote',
      { action: 'declined', via: 'on_site', customerName: '钱芳', totalFen: 5_000 },
      { body: '太贵了' },
    );
    expect(say('zh-CN', declined)).toMatchObject({
      sentence: '客户 钱芳 在现场拒绝了报价（¥50.00，王丽 记录）',
      details: ['原因：太贵了'],
    });
    const paid = entry('quote', {
      action: 'payment_recorded',
      method: 'wechat',
      amountFen: 3_000,
      currency: 'CNY',
    });
    expect(say('zh-CN', paid)).toMatchObject({ sentence: '王丽 登记收款 ¥30.00', details: ['微信支付'] });
    expect(say('en', paid)).toMatchObject({
      sentence: '王丽 recorded a payment of CN¥30.00',
      details: ['WeChat Pay'],
    });
  });

  test('complaint notes: steps, verdicts and automatic escalation by the system; plain notes are left alone', () => {
    const step = entry('note', { complaint: true, event: 'step', step: 'empathise' });
    expect(say('zh-CN', step).sentence).toBe('王丽 完成投诉处理第 3/6 步：共情');
    expect(say('en', step).sentence).toBe('王丽 completed complaint step 3/6: empathise');
    const verdict = entry('note', { complaint: true, event: 'verdict', verdict: 'partly' });
    expect(say('zh-CN', verdict).sentence).toBe('王丽 完成投诉回访，客户评价：基本满意');
    const auto = entry(
      'note',
      { complaint: true, event: 'escalated', reason: 'acknowledge_overdue', from: 1, to: 2, notified: 3 },
      { authorId: SYSTEM_AUTHOR_ID, authorName: null },
    );
    expect(say('zh-CN', auto)).toMatchObject({
      sentence: '投诉超时，自动从 1 级升级到 2 级',
      details: ['已通知 3 人'],
    });
    expect(say('en', auto).details).toEqual(['3 people notified']);
    const remedy = entry('note', { complaint: true, event: 'remedy_requested', amountFen: 20_000 });
    expect(say('en', remedy)).toMatchObject({
      sentence: '王丽 asked for a remedy, awaiting approval',
      details: ['Amount CN¥200.00'],
    });
    const t = ticketsT('zh-CN');
    expect(describeEntry(entry('note', {}), { t, lang: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBeNull();
    expect(describeEntry(entry('reply', {}), { t, lang: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBeNull();
  });
});
