import type { ErrorCode } from '@manyi/contracts';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../../shared/api-client';

type AdminT = TFunction<'admin'>;
type Issue = z.core.$ZodIssue;

/** Text that replaces the generic one for an issue kind (the contracts' own texts are English and terse). */
export interface MessageOverrides {
  /** A failed regex or other string format (e.g. "1–6 capital letters"). */
  format?: string;
  /** A failed `.refine()` (e.g. "unknown time zone"). */
  custom?: string;
}

/** A form-friendly sentence for one Zod issue, in the UI language. */
export function issueMessage(issue: Issue, t: AdminT, overrides: MessageOverrides = {}): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? t('validation.required')
        : issue.expected === 'int' || issue.expected === 'number'
          ? t('validation.number')
          : t('validation.invalid');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      if (issue.origin === 'array') return t('validation.minItems', { min });
      return t('validation.min', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { max });
      if (issue.origin === 'array') return t('validation.maxItems', { max });
      return t('validation.max', { max });
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'uuid') return t('validation.invalid');
      return overrides.format ?? t('validation.format');
    case 'invalid_value':
      return t('validation.choose');
    case 'custom':
      return overrides.custom ?? t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/** What an empty antd control holds ('' from a cleared Input, null from a cleared InputNumber) means "not given". */
export function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/**
 * An antd Form rule that checks a value with a field schema from @manyi/contracts, so the browser refuses
 * exactly what the API would (same lengths, formats and ranges) before anything is sent.
 */
export function zodRule(schema: z.ZodType, t: AdminT, overrides?: MessageOverrides): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(emptyToUndefined(value));
      if (result.success) return;
      const [first] = result.error.issues;
      throw new Error(first ? issueMessage(first, t, overrides) : t('validation.invalid'));
    },
  };
}

/** Zod issues of a whole-body parse as antd field errors (used when a submit fails the contract anyway). */
export function issuesToFields(
  issues: readonly Issue[],
  t: AdminT,
  overrides: Partial<Record<string, MessageOverrides>> = {},
): FieldError[] {
  return mergeByName(
    issues.map((issue) => {
      const name = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return { name, errors: [issueMessage(issue, t, overrides[String(name[0] ?? '')])] };
    }),
  );
}

/** Shows a whole-body parse failure on the form's fields. */
export function showIssues(
  form: FormInstance,
  issues: readonly Issue[],
  t: AdminT,
  overrides?: Partial<Record<string, MessageOverrides>>,
): void {
  form.setFields(issuesToFields(issues, t, overrides));
}

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

export interface ServerErrorPlacement {
  /** Top-level names of the form's fields; errors about other paths are not placed on a field. */
  fields: readonly string[];
  /** Database unique constraints the API names in DUPLICATE details, by the field they guard. */
  constraints?: Readonly<Record<string, string>>;
  /** Codes that are always about one field (e.g. WEAK_PASSWORD → password). */
  codes?: Partial<Record<ErrorCode, string>>;
  /** Said next to a field when the server's own per-field text is not in the UI language. */
  genericFieldText: string;
  lang: 'zh-CN' | 'en';
}

const cjk = /[\u3400-\u9fff]/;

/** "parts.0.months" → ['parts', 0, 'months'] (antd name paths use numbers for list items). */
export function toNamePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function mergeByName(errors: FieldError[]): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const error of errors) {
    const key = JSON.stringify(error.name);
    const known = byName.get(key);
    if (known) known.errors.push(...error.errors.filter((e) => !known.errors.includes(e)));
    else byName.set(key, { name: error.name, errors: [...error.errors] });
  }
  return [...byName.values()];
}

/**
 * Where the server said a submitted form went wrong: VALIDATION_FAILED details ([{path, message}]),
 * DUPLICATE / REFERENCE_INVALID details ({field} or {constraint}) and one-field codes become errors on those
 * fields. `placed` is false when (part of) the error belongs to no field and must be shown above the form.
 */
export function placeServerError(
  error: unknown,
  placement: ServerErrorPlacement,
): { fieldErrors: FieldError[]; placed: boolean } {
  if (!isApiError(error)) return { fieldErrors: [], placed: false };
  const known = (name: string | undefined): name is string =>
    name !== undefined && placement.fields.includes(name);

  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    const fieldErrors: FieldError[] = [];
    let placed = true;
    for (const detail of error.details as unknown[]) {
      const path = typeof detail === 'object' && detail !== null ? (detail as { path?: unknown }).path : null;
      const message =
        typeof detail === 'object' && detail !== null ? (detail as { message?: unknown }).message : null;
      const name = typeof path === 'string' ? toNamePath(path) : [];
      if (!known(typeof name[0] === 'string' ? name[0] : undefined)) {
        placed = false;
        continue;
      }
      // The API's per-field texts come straight from the schema (English); show them only where they fit.
      const text =
        typeof message === 'string' && message && (placement.lang === 'en' || cjk.test(message))
          ? message
          : placement.genericFieldText;
      fieldErrors.push({ name, errors: [text] });
    }
    return { fieldErrors: mergeByName(fieldErrors), placed: placed && fieldErrors.length > 0 };
  }

  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    field?: unknown;
    constraint?: unknown;
  };
  const field =
    (typeof details.field === 'string' ? toNamePath(details.field) : undefined) ??
    (typeof details.constraint === 'string' && placement.constraints?.[details.constraint]
      ? [placement.constraints[details.constraint] as string]
      : undefined) ??
    (placement.codes?.[error.code as ErrorCode]
      ? [placement.codes[error.code as ErrorCode] as string]
      : undefined);
  const top = field?.[0];
  if (field && typeof top === 'string' && known(top) && error.message) {
    return { fieldErrors: [{ name: field, errors: [error.message] }], placed: true };
  }
  return { fieldErrors: [], placed: false };
}

/** Puts the server's complaints next to the fields; returns false when something is left for a form-level alert. */
export function applyServerError(
  form: FormInstance,
  error: unknown,
  placement: ServerErrorPlacement,
): boolean {
  const { fieldErrors, placed } = placeServerError(error, placement);
  if (fieldErrors.length > 0) form.setFields(fieldErrors);
  return placed;
}
