/**
 * Every error the API can return, with its message in both languages.
 * The API maps each code to an HTTP status (apps/api/src/plugins/errors.ts); the web app shows `message`.
 */
export const errorMessages = {
  VALIDATION_FAILED: {
    zh: '提交的数据不正确，请检查标出的字段。',
    en: 'The request is invalid; check the fields listed.',
  },
  BAD_REQUEST: { zh: '请求格式不正确。', en: 'The request is malformed.' },
  UNAUTHENTICATED: { zh: '请先登录。', en: 'Please sign in first.' },
  INVALID_CREDENTIALS: { zh: '邮箱或密码不正确。', en: 'The email or password is incorrect.' },
  ACCOUNT_LOCKED: {
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试。',
    en: 'Too many failed sign-ins; the account is locked for a while. Try again later.',
  },
  ACCOUNT_DISABLED: { zh: '该账号已停用。', en: 'This account is disabled.' },
  CSRF_INVALID: {
    zh: '安全校验失败（CSRF），请刷新页面后重试。',
    en: 'Security check failed (CSRF); reload the page and try again.',
  },
  FORBIDDEN: { zh: '您的角色无权执行此操作。', en: 'Your role is not allowed to do this.' },
  NOT_FOUND: { zh: '找不到该记录。', en: 'The record was not found.' },
  ROUTE_NOT_FOUND: { zh: '接口不存在。', en: 'No such endpoint.' },
  VERSION_CONFLICT: {
    zh: '该记录已被他人修改，请刷新后重新操作。',
    en: 'Someone else changed this record; reload it and apply your change again.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '该幂等键已用于另一个不同的请求。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    zh: '使用该幂等键的请求仍在处理中，请稍后重试。',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  DUPLICATE: { zh: '已存在相同的记录。', en: 'A record like this already exists.' },
  PHONE_INVALID: { zh: '电话号码无效。', en: 'The phone number is not valid.' },
  INVALID_TRANSITION: {
    zh: '工单当前状态不允许此操作。',
    en: 'This action is not allowed in the work order’s current status.',
  },
  REFERENCE_INVALID: {
    zh: '引用的记录不存在或不属于本租户。',
    en: 'A referenced record does not exist or belongs to another tenant.',
  },
  UNIT_NOT_OWNED: { zh: '该产品不属于此客户。', en: 'This product is not registered to this customer.' },
  ATTACHMENT_TOO_LARGE: { zh: '附件超过允许的大小。', en: 'The attachment is larger than allowed.' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { zh: '不允许上传此类型的文件。', en: 'This file type is not allowed.' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大。', en: 'The request body is too large.' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; slow down and try again.' },
  WEAK_PASSWORD: {
    zh: '密码至少需要 10 个字符，且不能与邮箱相同。',
    en: 'The password needs at least 10 characters and must differ from the email.',
  },
  CUSTOMER_STATUS_UNCHANGED: {
    zh: '客户已处于该状态（已流失或已恢复），无需重复操作。',
    en: 'The customer is already in that status (churned or active).',
  },
  CUSTOMER_LAST_PHONE: {
    zh: '客户至少需要保留一个电话号码。',
    en: 'A customer keeps at least one phone number.',
  },
  CALENDAR_YEAR_UNAVAILABLE: {
    zh: '内置节假日数据中没有该年份，请按国务院办公厅通知手工导入该年的放假和调休安排。',
    en: 'The bundled holiday data has no such year; import that year’s holidays and adjusted working days by hand.',
  },
  SERVICE_NOT_OFFERED: {
    zh: '服务协议中既不包含也不提供此项服务，无法受理。',
    en: 'The service agreement neither includes nor offers this service.',
  },
  LINK_INVALID: {
    zh: '链接无效或已被撤销，请联系客服重新获取。',
    en: 'This link is not valid or was withdrawn; ask us for a new one.',
  },
  LINK_EXPIRED: { zh: '链接已过期，请联系客服重新获取。', en: 'This link has expired; ask us for a new one.' },
  LINK_USED: { zh: '该链接已使用过，不能重复提交。', en: 'This link has already been used.' },
  INTERNAL: { zh: '服务器内部错误，请稍后重试。', en: 'Internal server error; please try again.' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export type Lang = 'zh' | 'en';

/** Picks zh or en from an Accept-Language header; Chinese is the default. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'zh';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return errorMessages[code][lang];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
