import type { Customer } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { type CustomerDraft, changeBody, changedFields, draftFrom, rebaseDraft } from './customer-change';

const customer = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'person',
  name: '王芳',
  companyName: null,
  email: 'wf@example.cn',
  tier: 'gold',
  valueFen: 123_456,
  status: 'active',
  churnReason: null,
  churnedAt: null,
  consent: { serviceCalls: true, surveys: true, marketing: false },
  notes: null,
  phones: [],
  addresses: [],
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as unknown as Customer;

const base = draftFrom(customer);

describe('draftFrom', () => {
  test('money in yuan, missing text as empty, consent flattened', () => {
    expect(base).toEqual({
      name: '王芳',
      companyName: '',
      email: 'wf@example.cn',
      tier: 'gold',
      valueYuan: 1234.56,
      notes: '',
      consentServiceCalls: true,
      consentSurveys: true,
      consentMarketing: false,
    });
  });
});

describe('changeBody', () => {
  test('nothing changed, nothing sent (spaces and e-mail case do not count)', () => {
    expect(changeBody(base, { ...base, name: ' 王芳 ', email: 'WF@example.cn' })).toEqual({});
  });

  test('only what changed; cleared text becomes null; money back in fen; consent as a whole', () => {
    const draft: CustomerDraft = {
      ...base,
      email: '  ',
      tier: 'vip',
      valueYuan: 99.99,
      notes: ' 常年住院 ',
      consentMarketing: true,
    };
    expect(changeBody(base, draft)).toEqual({
      email: null,
      tier: 'vip',
      valueFen: 9999,
      notes: '常年住院',
      consent: { serviceCalls: true, surveys: true, marketing: true },
    });
  });

  test('a float that rounds to the same fen is not a change', () => {
    expect(changedFields(base, { ...base, valueYuan: 1234.560000001 })).toEqual([]);
  });
});

describe('rebaseDraft after a version conflict', () => {
  test('keeps every change of mine and every other change of theirs', () => {
    const latest: CustomerDraft = { ...base, email: 'new@example.cn', consentSurveys: false };
    const mine: CustomerDraft = { ...base, tier: 'vip', notes: '优先上门' };
    const rebased = rebaseDraft(base, latest, mine);
    expect(rebased.draft).toEqual({
      ...base,
      email: 'new@example.cn',
      consentSurveys: false,
      tier: 'vip',
      notes: '优先上门',
    });
    expect(rebased.theirs).toEqual(['email', 'consentSurveys']);
    expect(rebased.clashes).toEqual([]);
  });

  test('both changed the same field differently: mine wins in the form, the clash is reported', () => {
    const latest: CustomerDraft = { ...base, tier: 'silver' };
    const mine: CustomerDraft = { ...base, tier: 'vip' };
    const rebased = rebaseDraft(base, latest, mine);
    expect(rebased.draft.tier).toBe('vip');
    expect(rebased.clashes).toEqual(['tier']);
  });

  test('both made the same change: no clash', () => {
    const latest: CustomerDraft = { ...base, tier: 'vip' };
    expect(rebaseDraft(base, latest, { ...base, tier: 'vip' }).clashes).toEqual([]);
  });

  test('a change body from the rebased draft against the latest version sends only my changes', () => {
    const latest: CustomerDraft = { ...base, email: 'new@example.cn' };
    const mine: CustomerDraft = { ...base, name: '王芳芳' };
    const rebased = rebaseDraft(base, latest, mine);
    expect(changeBody(latest, rebased.draft)).toEqual({ name: '王芳芳' });
  });
});
