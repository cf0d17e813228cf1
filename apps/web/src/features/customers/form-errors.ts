import { isApiError } from '../../shared/api-client';

export type FieldName = (string | number)[];

export interface FieldError {
  name: FieldName;
  errors: string[];
}

interface Problem {
  path: string;
  message: string;
}

function problemsOf(details: unknown): Problem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((item): Problem[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/**
 * The field errors of a VALIDATION_FAILED (details [{path, message}]) or a DUPLICATE ({field}) answer, placed
 * on the form's own field names by `mapPath` (null: the form has no such field). `describe` turns the API's
 * message into text for the user. Problems no field can show are returned in `unplaced`.
 */
export function fieldErrorsFrom(
  error: unknown,
  mapPath: (path: string) => FieldName | null,
  describe: (message: string) => string,
): { fields: FieldError[]; unplaced: string[] } {
  const fields: FieldError[] = [];
  const unplaced: string[] = [];
  if (isApiError(error, 'VALIDATION_FAILED')) {
    for (const problem of problemsOf(error.details)) {
      const name = mapPath(problem.path);
      if (name) fields.push({ name, errors: [describe(problem.message)] });
      else unplaced.push(describe(problem.message));
    }
  } else if (isApiError(error, 'DUPLICATE')) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    const name = typeof field === 'string' ? mapPath(field) : null;
    if (name) fields.push({ name, errors: [error.message] });
  }
  return { fields, unplaced };
}

const cjk = /[\u3400-\u9fff]/;

/**
 * Server validation messages come from the schema library in English. In the Chinese UI an English message
 * would be the only foreign text on screen, so it is replaced by a plain local one; known codes get their text.
 */
export function localFieldMessage(
  message: string,
  lang: 'zh-CN' | 'en',
  known: Record<string, string>,
  fallback: string,
): string {
  const knownText = known[message];
  if (knownText) return knownText;
  if (lang === 'zh-CN' && !cjk.test(message)) return fallback;
  return message;
}
