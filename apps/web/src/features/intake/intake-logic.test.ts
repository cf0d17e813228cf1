import type { Customer } from '@manyi/contracts';
import { ticketTypes } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import {
  callDurationSec,
  callerFrom,
  callSummary,
  defaultPriority,
  digitCount,
  formatClock,
  lookupTerm,
  stepIndex,
  typeForKey,
} from './intake-logic';
import { isIntakeShortcut } from './use-intake-shortcut';

describe('lookupTerm', () => {
  test('waits for four digits, whatever the separators', () => {
    expect(lookupTerm('138')).toBeNull();
    expect(lookupTerm('+86')).toBeNull();
    expect(lookupTerm(' 13 8 ')).toBeNull();
    expect(lookupTerm('1380')).toBe('1380');
    expect(lookupTerm('  +86 138-0013-8000 ')).toBe('+86 138-0013-8000');
    expect(lookupTerm('0755-86012345')).toBe('0755-86012345');
    expect(digitCount('（0755）8601-2345')).toBe(12);
  });

  test('never sends more than the API accepts', () => {
    expect(lookupTerm('1'.repeat(60))?.length).toBe(40);
  });
});

describe('typeForKey', () => {
  test('1–7 map to the contract order; anything else to nothing', () => {
    expect(typeForKey('1', ticketTypes)).toBe('inquiry');
    expect(typeForKey('2', ticketTypes)).toBe('repair');
    expect(typeForKey('5', ticketTypes)).toBe('complaint');
    expect(typeForKey('7', ticketTypes)).toBe('suggestion');
    expect(typeForKey('8', ticketTypes)).toBeNull();
    expect(typeForKey('0', ticketTypes)).toBeNull();
    expect(typeForKey('a', ticketTypes)).toBeNull();
    expect(typeForKey('12', ticketTypes)).toBeNull();
  });
});

describe('callSummary', () => {
  test('the agent’s summary wins; else the first 200 characters of the description', () => {
    expect(callSummary('  换主板  ', 'whatever')).toBe('换主板');
    expect(callSummary('', '  空调不制冷  ')).toBe('空调不制冷');
    expect(callSummary(undefined, '热'.repeat(300))).toBe('热'.repeat(200));
  });

  test('does not cut a character outside the basic plane in half', () => {
    const summary = callSummary(undefined, `${'a'.repeat(199)}😀tail`);
    expect(Array.from(summary)).toHaveLength(200);
    expect(summary.endsWith('😀')).toBe(true);
  });
});

describe('call time', () => {
  test('rounds to whole seconds and stays within 0–86400', () => {
    expect(callDurationSec(1_000, 1_000)).toBe(0);
    expect(callDurationSec(1_000, 29_600)).toBe(29);
    expect(callDurationSec(5_000, 1_000)).toBe(0);
    expect(callDurationSec(0, 200_000_000)).toBe(86_400);
  });

  test('formats like a clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});

test('stepIndex wraps in both directions', () => {
  expect(stepIndex(0, 1, 3)).toBe(1);
  expect(stepIndex(2, 1, 3)).toBe(0);
  expect(stepIndex(0, -1, 3)).toBe(2);
  expect(stepIndex(0, 1, 0)).toBe(0);
});

test('a VIP starts at high priority', () => {
  expect(defaultPriority('vip')).toBe('high');
  expect(defaultPriority('gold')).toBe('normal');
  expect(defaultPriority('standard')).toBe('normal');
});

test('callerFrom takes the primary phone and the default address’s city', () => {
  const customer = {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'person',
    name: '李雷',
    companyName: null,
    email: null,
    tier: 'gold',
    valueFen: 0,
    status: 'active',
    churnReason: null,
    churnedAt: null,
    consent: { serviceCalls: true, surveys: true, marketing: false },
    notes: null,
    phones: [
      {
        id: 'p1',
        e164: '+8613800138000',
        display: '138 0013 8000',
        kind: 'mobile',
        label: null,
        isPrimary: false,
      },
      {
        id: 'p2',
        e164: '+8675586012345',
        display: '0755 8601 2345',
        kind: 'landline',
        label: null,
        isPrimary: true,
      },
    ],
    addresses: [
      { id: 'a1', city: '广州市', isDefault: false },
      { id: 'a2', city: '深圳市', isDefault: true },
    ],
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  } as unknown as Customer;
  expect(callerFrom(customer, '138 0013 8000')).toEqual({
    id: customer.id,
    kind: 'person',
    name: '李雷',
    tier: 'gold',
    status: 'active',
    primaryPhone: '0755 8601 2345',
    city: '深圳市',
    matchedPhone: '138 0013 8000',
  });
  expect(callerFrom({ ...customer, phones: [], addresses: [] }).primaryPhone).toBeNull();
});

test('F2 and Alt+N are the intake shortcut; Ctrl/Cmd combinations are not', () => {
  const key = (
    key: string,
    code: string,
    mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
  ) => ({
    key,
    code,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    ...mods,
  });
  expect(isIntakeShortcut(key('F2', 'F2'))).toBe(true);
  expect(isIntakeShortcut(key('n', 'KeyN', { altKey: true }))).toBe(true);
  // macOS types a dead key with Option+N; the key position still says N.
  expect(isIntakeShortcut(key('Dead', 'KeyN', { altKey: true }))).toBe(true);
  expect(isIntakeShortcut(key('n', 'KeyN'))).toBe(false);
  expect(isIntakeShortcut(key('n', 'KeyN', { altKey: true, ctrlKey: true }))).toBe(false);
  expect(isIntakeShortcut(key('F2', 'F2', { metaKey: true }))).toBe(false);
});
