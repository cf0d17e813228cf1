import type { ErrorCode } from '@manyi/contracts';

/** Codes the client itself produces when no API error body came back. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** An API failure, parsed from `{ error: { code, message, details } }`; `message` is already in the UI language. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** True when the server sent its own (translated) message, which the UI may show as is. */
  get fromServer(): boolean {
    return this.status > 0 && this.code !== 'UNEXPECTED_RESPONSE' && this.message !== '';
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const basePath = '/api/v1';
const csrfStorageKey = 'manyi.csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Kept in memory for speed and in sessionStorage so a reload in the same tab can write before /auth/me returns.
let csrfToken: string | null = readSession(csrfStorageKey);
let requestLanguage: 'zh-CN' | 'en' = 'zh-CN';

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers the CSRF token from a login or /auth/me response; `null` forgets it (sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token || null;
  try {
    if (csrfToken) sessionStorage.setItem(csrfStorageKey, csrfToken);
    else sessionStorage.removeItem(csrfStorageKey);
  } catch {
    // Memory alone still works for this page's lifetime.
  }
}

/** The language the API answers error messages in; set by the i18n module whenever the UI language changes. */
export function setRequestLanguage(lang: 'zh-CN' | 'en'): void {
  requestLanguage = lang;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  body?: unknown;
  signal?: AbortSignal;
  /** Makes a create safe to retry: the API returns the first response for a repeated key. */
  idempotencyKey?: string;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  return `${basePath}${path}${search ? `?${search}` : ''}`;
}

function isErrorBody(
  value: unknown,
): value is { error: { code: ErrorCode; message: string; details?: unknown } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Calls the API under /api/v1 with the session cookie, the UI language and (on writes) the CSRF token. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLanguage };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '', { cause: String(cause) });
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;
  if (isErrorBody(payload)) {
    throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
  }
  // A proxy or gateway answered instead of the API (e.g. 502 while the server restarts).
  throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', '');
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options),
};
