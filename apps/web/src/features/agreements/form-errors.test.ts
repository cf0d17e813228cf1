import { describe, expect, test } from 'vitest';
import { ApiError } from '../../shared/api-client';
import { serverIssues } from './form-errors';

const options = {
  lang: 'zh-CN' as const,
  genericText: '此项填写有误',
  constraints: { service_agreements_code_uq: 'code' },
};

describe('server errors on fields', () => {
  test('validation details become paths; English schema texts are replaced in Chinese', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '请求参数无效', [
      { path: 'targets.3.internalMinutes', message: 'the internal target must not be looser' },
      { path: 'code', message: '编号格式不正确' },
      { message: 'no path' },
    ]);
    expect(serverIssues(error, options)).toEqual([
      { path: ['targets', 3, 'internalMinutes'], message: '此项填写有误' },
      { path: ['code'], message: '编号格式不正确' },
    ]);
    expect(serverIssues(error, { ...options, lang: 'en' })[0]?.message).toBe(
      'the internal target must not be looser',
    );
  });

  test('references and duplicates name their field', () => {
    expect(
      serverIssues(new ApiError(400, 'REFERENCE_INVALID', '引用无效', { field: 'calendarId' }), options),
    ).toEqual([{ path: ['calendarId'], message: '引用无效' }]);
    expect(
      serverIssues(
        new ApiError(409, 'DUPLICATE', '已存在', { constraint: 'service_agreements_code_uq' }),
        options,
      ),
    ).toEqual([{ path: ['code'], message: '已存在' }]);
    expect(serverIssues(new ApiError(409, 'VERSION_CONFLICT', 'x'), options)).toEqual([]);
    expect(serverIssues(new Error('x'), options)).toEqual([]);
  });
});
