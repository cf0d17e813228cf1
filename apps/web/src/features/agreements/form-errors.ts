import { isApiError } from '../../shared/api-client';

/** One complaint of the server about a field: "paid.1.priceFen" → ['paid', 1, 'priceFen']. */
export interface ServerIssue {
  path: (string | number)[];
  message: string;
}

const cjk = /[\u3400-\u9fff]/;

function toPath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The field-level complaints in an API error: VALIDATION_FAILED details ([{path, message}]),
 * REFERENCE_INVALID ({field}) and DUPLICATE ({constraint}, named through `constraints`). The schema's own
 * texts are English: in the Chinese UI they are replaced by `genericText`. Empty when the error is about no field.
 */
export function serverIssues(
  error: unknown,
  options: { lang: 'zh-CN' | 'en'; genericText: string; constraints?: Readonly<Record<string, string>> },
): ServerIssue[] {
  if (!isApiError(error)) return [];
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    const out: ServerIssue[] = [];
    for (const detail of error.details as unknown[]) {
      if (typeof detail !== 'object' || detail === null) continue;
      const { path, message } = detail as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || path === '') continue;
      const text =
        typeof message === 'string' && message && (options.lang === 'en' || cjk.test(message))
          ? message
          : options.genericText;
      out.push({ path: toPath(path), message: text });
    }
    return out;
  }
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    field?: unknown;
    constraint?: unknown;
  };
  if (error.code === 'REFERENCE_INVALID' && typeof details.field === 'string')
    return [{ path: toPath(details.field), message: error.message }];
  if (error.code === 'DUPLICATE' && typeof details.constraint === 'string') {
    const field = options.constraints?.[details.constraint];
    if (field) return [{ path: [field], message: error.message }];
  }
  return [];
}
