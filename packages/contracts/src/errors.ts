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
  LINK_EXPIRED: {
    zh: '链接已过期，请联系客服重新获取。',
    en: 'This link has expired; ask us for a new one.',
  },
  LINK_USED: { zh: '该链接已使用过，不能重复提交。', en: 'This link has already been used.' },
  // Visits (上门): appointment windows, check-in, work report, sign-off.
  VISIT_STATUS_CONFLICT: {
    zh: '上门预约当前状态不允许此操作。',
    en: 'The visit’s current status does not allow this.',
  },
  VISIT_WINDOW_INVALID: {
    zh: '预约时间段无效：结束时间须晚于开始时间，且不超过 12 小时。',
    en: 'The appointment window is invalid: it must end after it starts and last at most 12 hours.',
  },
  VISIT_TECHNICIAN_INVALID: {
    zh: '所选人员不是在职的服务工程师。',
    en: 'The person chosen is not an active technician.',
  },
  VISIT_INCOMPLETE: {
    zh: '离场前请先填写服务报告并由客户签字确认。',
    en: 'Fill in the work report and get the customer’s signature before checking out.',
  },
  // Surveys and follow-up calls (回访).
  FOLLOWUP_CLOSED: {
    zh: '该回访任务已完成或已关闭，不能再记录。',
    en: 'This follow-up call is already completed or closed.',
  },
  CAMPAIGN_ALREADY_STARTED: {
    zh: '该活动已经开始执行，不能再次启动或修改。',
    en: 'This campaign has already been started; it cannot be started or changed again.',
  },
  SURVEY_TEMPLATE_INACTIVE: {
    zh: '所选问卷模板已停用。',
    en: 'The chosen survey template is inactive.',
  },
  // Complaints (six-step handling, remedies, escalation, win-back).
  COMPLAINT_FOLLOW_UP_REQUIRED: {
    zh: '投诉需完成跟踪回访并记录客户评价（满意／部分满意／不满意）后才能解决或关闭。',
    en: 'A complaint can be resolved or closed only after the follow-up step and the customer’s verdict.',
  },
  COMPLAINT_STEP_OUT_OF_ORDER: {
    zh: '请按顺序完成投诉处理六步：倾听、控制情绪、表示理解、解决问题、达成一致、跟踪回访。',
    en: 'Do the six complaint steps in order: listen, stay calm, show understanding, solve, agree, follow up.',
  },
  COMPLAINT_CLOSED: {
    zh: '该投诉已结案，不能再修改。',
    en: 'This complaint is closed and can no longer change.',
  },
  COMPLAINT_CAUSE_UNKNOWN: {
    zh: '投诉原因不在本租户的原因列表中（或已停用）。',
    en: 'The complaint cause is not in this tenant’s list (or is inactive).',
  },
  COMPLAINT_LEVEL_MAX: {
    zh: '投诉已是最高升级级别（三级）。',
    en: 'The complaint is already at the highest level (3).',
  },
  REMEDY_OVER_LIMIT: {
    zh: '补救金额超出您角色的审批权限，请由权限更高的人员审批。',
    en: 'The remedy is above your role’s approval limit; someone with a higher limit must approve it.',
  },
  REMEDY_ALREADY_DECIDED: { zh: '该补救方案已审批过。', en: 'This remedy has already been decided.' },
  WIN_BACK_NOT_DUE: {
    zh: '投诉结案后的挽回观察期尚未结束。',
    en: 'The win-back period after the complaint was closed has not ended yet.',
  },
  // Dispatch (派工): candidates, overrides, partner offers.
  DISPATCH_CANDIDATE_EXCLUDED: {
    zh: '该技师不符合派工条件（技能、资质、请假等），不能派给他。',
    en: 'This technician is not eligible for the job (skill, certification, leave …).',
  },
  DISPATCH_OVERRIDE_REASON_REQUIRED: {
    zh: '未选择排名第一的技师，请填写改派原因。',
    en: 'You did not pick the top candidate; give the reason for overriding.',
  },
  DISPATCH_NOT_OFFERED: {
    zh: '该派工已不在待接单状态（已接单、已拒绝、已超时或已改派）。',
    en: 'This dispatch is no longer waiting for an answer (accepted, refused, expired or re-dispatched).',
  },
  DISPATCH_NO_CANDIDATE: {
    zh: '没有符合条件的技师可供自动派工，请人工派工。',
    en: 'No eligible technician for automatic dispatch; dispatch by hand.',
  },
  // Insights (dashboards, exports, monthly report).
  INSIGHTS_PERIOD_INVALID: {
    zh: '统计区间不正确：结束日期不能早于开始日期，且区间不能超过 3 年。',
    en: 'Invalid period: the end may not be before the start, and it may span at most 3 years.',
  },
  // Paid work (quotes, charges, payments) and customer property custody
  QUOTE_NOT_APPLICABLE: {
    zh: '只有维修、安装、保养工单可以报价。',
    en: 'Only repair, installation and maintenance work orders can be quoted.',
  },
  QUOTE_NOT_EDITABLE: {
    zh: '报价已发出或已有结果，不能再修改。',
    en: 'This quote was sent or decided; it can no longer be edited.',
  },
  QUOTE_EMPTY: { zh: '报价至少需要一项。', en: 'A quote needs at least one line.' },
  QUOTE_NOT_PENDING: {
    zh: '该报价不在待客户确认状态（可能尚未发出或已有结果）。',
    en: 'This quote is not awaiting the customer’s decision (not sent yet, or already decided).',
  },
  QUOTE_EXPIRED: { zh: '报价已过有效期，请重新报价。', en: 'This quote has expired; issue a new one.' },
  QUOTE_REQUIRED: {
    zh: '该项需收费：须先向客户报价并经客户同意后才能施工。',
    en: 'This is chargeable: quote it and have the customer accept before doing the work.',
  },
  PRICE_ITEM_INACTIVE: { zh: '价目表中的该项已停用。', en: 'This price-list item is no longer active.' },
  PAYMENT_EXCEEDS_BALANCE: {
    zh: '收款金额超过应收余额。',
    en: 'The payment is more than the balance due.',
  },
  CUSTODY_NOT_HELD: {
    zh: '该客户财产已归还或已丢失，不能再移交或归还。',
    en: 'This customer property was already returned or lost; it cannot be moved or returned.',
  },
  INCIDENT_CUSTOMER_NOT_TOLD: {
    zh: '尚未记录已告知客户（方式、时间、告知人、内容），不能关闭该事件。',
    en: 'Record that the customer was told (how, when, by whom, what was said) before closing this incident.',
  },
  INCIDENT_CLOSED: { zh: '该事件已关闭。', en: 'This incident is already closed.' },
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
