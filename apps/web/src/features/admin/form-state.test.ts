import { describe, expect, test } from 'vitest';
import { changedFields, mergeReloaded } from './form-state';
import { tokenState } from './tokens';

describe('reload and re-apply', () => {
  const before = { name: 'A', role: 'agent', teamId: null as string | null, version: 1 };
  const after = { name: 'B', role: 'agent', teamId: 't1', version: 2 };

  test('lists what someone else changed', () => {
    expect(changedFields(before, after, ['name', 'role', 'teamId'])).toEqual(['name', 'teamId']);
  });

  test('takes the latest values only for fields the user did not touch', () => {
    expect(mergeReloaded(after, ['name', 'role', 'teamId'], (f) => f === 'name')).toEqual({
      role: 'agent',
      teamId: 't1',
    });
  });
});

describe('API token state', () => {
  const token = {
    id: '00000000-0000-4000-8000-000000000000',
    name: 'CTI',
    prefix: 'mny_ab',
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  };
  const now = Date.parse('2026-06-01T00:00:00Z');

  test('active, expired, revoked', () => {
    expect(tokenState(token, now)).toBe('active');
    expect(tokenState({ ...token, expiresAt: '2026-05-01T00:00:00Z' }, now)).toBe('expired');
    expect(
      tokenState({ ...token, revokedAt: '2026-02-01T00:00:00Z', expiresAt: '2026-05-01T00:00:00Z' }, now),
    ).toBe('revoked');
  });
});
