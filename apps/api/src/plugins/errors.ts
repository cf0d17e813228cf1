import { type ErrorCode, errorMessage, type Lang, pickLang } from '@manyi/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError, z } from 'zod';
import { AppError } from '../lib/app-error';

/** Every error code's HTTP status. A code missing here fails to compile. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  DUPLICATE: 409,
  PHONE_INVALID: 400,
  INVALID_TRANSITION: 409,
  REFERENCE_INVALID: 422,
  UNIT_NOT_OWNED: 422,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  WEAK_PASSWORD: 400,
  CUSTOMER_STATUS_UNCHANGED: 409,
  CUSTOMER_LAST_PHONE: 409,
  CALENDAR_YEAR_UNAVAILABLE: 422,
  SERVICE_NOT_OFFERED: 422,
  LINK_INVALID: 404,
  LINK_EXPIRED: 410,
  LINK_USED: 409,
  // Visits
  VISIT_STATUS_CONFLICT: 409,
  VISIT_WINDOW_INVALID: 400,
  VISIT_TECHNICIAN_INVALID: 422,
  VISIT_INCOMPLETE: 422,
  // Surveys and follow-up calls
  FOLLOWUP_CLOSED: 409,
  CAMPAIGN_ALREADY_STARTED: 409,
  SURVEY_TEMPLATE_INACTIVE: 422,
  // Complaints
  COMPLAINT_FOLLOW_UP_REQUIRED: 409,
  COMPLAINT_STEP_OUT_OF_ORDER: 409,
  COMPLAINT_CLOSED: 409,
  COMPLAINT_CAUSE_UNKNOWN: 422,
  COMPLAINT_LEVEL_MAX: 409,
  REMEDY_OVER_LIMIT: 403,
  REMEDY_ALREADY_DECIDED: 409,
  WIN_BACK_NOT_DUE: 409,
  // Dispatch
  DISPATCH_CANDIDATE_EXCLUDED: 422,
  DISPATCH_OVERRIDE_REASON_REQUIRED: 422,
  DISPATCH_NOT_OFFERED: 409,
  DISPATCH_NO_CANDIDATE: 422,
  // Insights
  INSIGHTS_PERIOD_INVALID: 400,
  // Paid work (quotes, charges, payments) and customer property custody
  QUOTE_NOT_APPLICABLE: 422,
  QUOTE_NOT_EDITABLE: 409,
  QUOTE_EMPTY: 422,
  QUOTE_NOT_PENDING: 409,
  QUOTE_EXPIRED: 410,
  QUOTE_REQUIRED: 409,
  PRICE_ITEM_INACTIVE: 422,
  PAYMENT_EXCEEDS_BALANCE: 409,
  CUSTODY_NOT_HELD: 409,
  INCIDENT_CUSTOMER_NOT_TOLD: 409,
  INCIDENT_CLOSED: 409,
  INTERNAL: 500,
};

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Maps database constraint errors that slipped past the services to client errors (a safety net). */
function fromDatabase(err: unknown): AppError | null {
  const e = (err as { cause?: unknown }).cause ?? err;
  const code = (e as PgLikeError).code;
  if (typeof code !== 'string' || code.length !== 5) return null;
  const constraint = (e as PgLikeError).constraint;
  if (code === '23505')
    return new AppError('DUPLICATE', {
      constraint,
      ...(constraint && uniqueFields[constraint] ? { field: uniqueFields[constraint] } : {}),
    });
  if (code === '23503') return new AppError('REFERENCE_INVALID', { constraint });
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22003' || code === '22001')
    return new AppError('VALIDATION_FAILED', { database: code });
  return null;
}

const zodLocales = { zh: z.locales.zhCN(), en: z.locales.en() };

/** A field message in the caller's language: Zod's own wording for its checks; ours (as written) for custom ones. */
function localiseIssue(
  lang: Lang,
  keyword: string,
  params: Record<string, unknown>,
  fallback: string,
): string {
  if (keyword === 'custom') return fallback;
  try {
    const out = zodLocales[lang].localeError({ code: keyword, ...params } as never);
    const text = typeof out === 'string' ? out : out?.message;
    return text || fallback;
  } catch {
    return fallback;
  }
}

/** Which field a unique constraint guards, so that a duplicate can be shown next to it. */
const uniqueFields: Record<string, string> = {
  users_email_uq: 'email',
  teams_tenant_name_uq: 'name',
  product_models_code_uq: 'code',
  warranty_policies_name_uq: 'name',
  units_serial_uq: 'serialNumber',
  service_agreements_code_uq: 'code',
  business_calendars_name_uq: 'name',
  customer_phones_customer_uq: 'number',
};

function toAppError(err: unknown, lang: Lang): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    return new AppError(
      'VALIDATION_FAILED',
      err.validation.map((v) => ({
        in: where,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: localiseIssue(lang, v.keyword, (v.params ?? {}) as Record<string, unknown>, v.message ?? ''),
      })),
    );
  }
  if (err instanceof ZodError) {
    return new AppError(
      'VALIDATION_FAILED',
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const fe = err as FastifyError;
  if (fe?.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('PAYLOAD_TOO_LARGE');
  if (fe?.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new AppError('BAD_REQUEST', { reason: fe.message });
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError('BAD_REQUEST', { reason: fe.message });
  return fromDatabase(err);
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  const lang = pickLang(request.headers['accept-language']);
  return reply.status(httpStatusOf[appError.code]).send({
    error: {
      code: appError.code,
      message: errorMessage(appError.code, lang),
      ...(appError.details === undefined ? {} : { details: appError.details }),
    },
  });
}

/** One place where errors become `{ error: { code, message, details } }` in the caller's language. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err, pickLang(request.headers['accept-language']));
    if (appError && appError.code !== 'INTERNAL') return sendError(request, reply, appError);
    if (isResponseSerializationError(err))
      request.log.error({ err, issues: err.cause }, 'response did not match its contract');
    else request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, new AppError('INTERNAL', { requestId: request.id }));
  });
});
