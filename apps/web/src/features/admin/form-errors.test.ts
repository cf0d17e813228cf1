import { tenantSettingsChangeBody, userCreateBody } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../shared/api-client';
import { issuesToFields, placeServerError, toNamePath, zodRule } from './form-errors';
import { adminT } from './test-i18n';

const zh = adminT('zh-CN');
const en = adminT('en');

async function check(rule: ReturnType<typeof zodRule>, value: unknown): Promise<string | null> {
  if (typeof rule !== 'object' || !rule.validator) throw new Error('not a validator rule');
  try {
    await rule.validator({}, value, () => {});
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('zodRule: the contract’s own schema as an antd rule, in the UI language', () => {
  test('required, lengths and formats', async () => {
    expect(await check(zodRule(userCreateBody.shape.displayName, zh), '')).toBe('请填写此项');
    expect(await check(zodRule(userCreateBody.shape.displayName, zh), undefined)).toBe('请填写此项');
    expect(await check(zodRule(userCreateBody.shape.password, zh), 'short')).toBe('至少需要 10 个字符');
    expect(await check(zodRule(userCreateBody.shape.password, en), 'short')).toBe('At least 10 characters');
    expect(await check(zodRule(userCreateBody.shape.email, zh), 'nope')).toBe('邮箱格式不正确');
    expect(await check(zodRule(userCreateBody.shape.email, zh), ' Someone@Example.com ')).toBeNull();
    expect(await check(zodRule(userCreateBody.shape.displayName, zh), 'x'.repeat(101))).toBe(
      '不能超过 100 个字符',
    );
  });

  test('overrides replace the terse regex and refine texts', async () => {
    const prefix = zodRule(tenantSettingsChangeBody.shape.ticketPrefix.unwrap(), zh, { format: '大写字母' });
    expect(await check(prefix, 'gd')).toBe('大写字母');
    expect(await check(prefix, 'GD')).toBeNull();
    const zone = zodRule(tenantSettingsChangeBody.shape.timeZone.unwrap(), zh, { custom: '无法识别' });
    expect(await check(zone, 'Mars/Olympus')).toBe('无法识别');
    expect(await check(zone, 'Asia/Shanghai')).toBeNull();
  });

  test('a whole-body parse maps onto nested field names', () => {
    const parsed = userCreateBody.safeParse({ email: 'x', displayName: '', role: 'agent', password: '1' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const fields = issuesToFields(parsed.error.issues, zh);
    expect(fields.map((f) => f.name[0]).sort()).toEqual(['displayName', 'email', 'password']);
  });
});

describe('placeServerError: the server’s complaints next to the fields', () => {
  const base = {
    fields: ['email', 'displayName', 'password', 'parts'],
    genericFieldText: '服务器未接受此项',
  };

  test('VALIDATION_FAILED details land on their fields; English details are not shown in a Chinese UI', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '提交的数据不正确', [
      { in: 'body', path: 'email', message: 'Invalid email address' },
      { in: 'body', path: 'parts.1.months', message: '太大了' },
    ]);
    expect(placeServerError(error, { ...base, lang: 'zh-CN' })).toEqual({
      placed: true,
      fieldErrors: [
        { name: ['email'], errors: ['服务器未接受此项'] },
        { name: ['parts', 1, 'months'], errors: ['太大了'] },
      ],
    });
    expect(placeServerError(error, { ...base, lang: 'en' }).fieldErrors[0]?.errors).toEqual([
      'Invalid email address',
    ]);
  });

  test('a detail about an unknown path is left for the form-level alert', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ path: 'somethingElse', message: 'x' }]);
    expect(placeServerError(error, { ...base, lang: 'zh-CN' })).toEqual({ placed: false, fieldErrors: [] });
  });

  test('DUPLICATE by constraint or field, and one-field codes, carry the server’s message', () => {
    const byConstraint = new ApiError(409, 'DUPLICATE', '已存在相同的记录。', {
      constraint: 'users_email_uq',
    });
    expect(
      placeServerError(byConstraint, { ...base, lang: 'zh-CN', constraints: { users_email_uq: 'email' } }),
    ).toEqual({ placed: true, fieldErrors: [{ name: ['email'], errors: ['已存在相同的记录。'] }] });

    const byField = new ApiError(409, 'DUPLICATE', 'dup', { field: 'displayName' });
    expect(placeServerError(byField, { ...base, lang: 'en' }).fieldErrors).toEqual([
      { name: ['displayName'], errors: ['dup'] },
    ]);

    const weak = new ApiError(400, 'WEAK_PASSWORD', '密码太弱');
    expect(placeServerError(weak, { ...base, lang: 'zh-CN', codes: { WEAK_PASSWORD: 'password' } })).toEqual({
      placed: true,
      fieldErrors: [{ name: ['password'], errors: ['密码太弱'] }],
    });
  });

  test('conflicts, network failures and other errors are not field errors', () => {
    expect(placeServerError(new ApiError(409, 'VERSION_CONFLICT', 'x'), { ...base, lang: 'en' }).placed).toBe(
      false,
    );
    expect(placeServerError(new ApiError(0, 'NETWORK_ERROR', ''), { ...base, lang: 'en' }).placed).toBe(
      false,
    );
    expect(placeServerError(new Error('boom'), { ...base, lang: 'en' }).placed).toBe(false);
  });

  test('dotted paths become antd name paths', () => {
    expect(toNamePath('parts.0.partClass')).toEqual(['parts', 0, 'partClass']);
    expect(toNamePath('email')).toEqual(['email']);
  });
});
