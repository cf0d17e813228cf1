import { describe, expect, test } from 'vitest';
import { ApiError } from '../../shared/api-client';
import { fieldErrorsFrom, localFieldMessage } from './form-errors';

const identity = (message: string) => message;

describe('fieldErrorsFrom', () => {
  test('VALIDATION_FAILED problems land on the mapped fields; the rest are unplaced', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { path: 'name', message: 'Too small' },
      { path: 'phones.0.number', message: 'PHONE_INVALID' },
      { path: 'mystery', message: 'odd' },
      'not a problem',
    ]);
    const result = fieldErrorsFrom(
      error,
      (path) => (path === 'name' ? ['name'] : path.startsWith('phones') ? ['phone'] : null),
      identity,
    );
    expect(result.fields).toEqual([
      { name: ['name'], errors: ['Too small'] },
      { name: ['phone'], errors: ['PHONE_INVALID'] },
    ]);
    expect(result.unplaced).toEqual(['odd']);
  });

  test('DUPLICATE shows its message on the field it names', () => {
    const error = new ApiError(409, 'DUPLICATE', '已存在相同的记录。', { field: 'serialNumber' });
    expect(fieldErrorsFrom(error, (path) => [path], identity).fields).toEqual([
      { name: ['serialNumber'], errors: ['已存在相同的记录。'] },
    ]);
  });

  test('other errors place nothing', () => {
    const error = new ApiError(409, 'VERSION_CONFLICT', 'changed');
    expect(fieldErrorsFrom(error, (path) => [path], identity)).toEqual({ fields: [], unplaced: [] });
    expect(fieldErrorsFrom(new Error('x'), (path) => [path], identity)).toEqual({ fields: [], unplaced: [] });
  });
});

describe('localFieldMessage', () => {
  const known = { PHONE_INVALID: '电话号码无效' };
  test('known codes get their text in either language', () => {
    expect(localFieldMessage('PHONE_INVALID', 'zh-CN', known, '此项填写不正确')).toBe('电话号码无效');
    expect(localFieldMessage('PHONE_INVALID', 'en', { PHONE_INVALID: 'Invalid phone' }, 'x')).toBe(
      'Invalid phone',
    );
  });
  test('an English schema message is not shown in the Chinese UI', () => {
    expect(localFieldMessage('Too small: expected string', 'zh-CN', known, '此项填写不正确')).toBe(
      '此项填写不正确',
    );
    expect(localFieldMessage('Too small: expected string', 'en', known, 'x')).toBe(
      'Too small: expected string',
    );
    expect(localFieldMessage('姓名不能为空', 'zh-CN', known, 'x')).toBe('姓名不能为空');
  });
});
