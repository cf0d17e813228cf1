import type { Customer, CustomerTier } from '@manyi/contracts';

/** The editable fields of a customer as the edit form holds them (money in yuan, empty text as ''). */
export interface CustomerDraft {
  name: string;
  companyName: string;
  email: string;
  tier: CustomerTier;
  valueYuan: number;
  notes: string;
  consentServiceCalls: boolean;
  consentSurveys: boolean;
  consentMarketing: boolean;
}

export type DraftField = keyof CustomerDraft;

export const draftFields: readonly DraftField[] = [
  'name',
  'companyName',
  'email',
  'tier',
  'valueYuan',
  'notes',
  'consentServiceCalls',
  'consentSurveys',
  'consentMarketing',
];

export function draftFrom(customer: Customer): CustomerDraft {
  return {
    name: customer.name,
    companyName: customer.companyName ?? '',
    email: customer.email ?? '',
    tier: customer.tier,
    valueYuan: customer.valueFen / 100,
    notes: customer.notes ?? '',
    consentServiceCalls: customer.consent.serviceCalls,
    consentSurveys: customer.consent.surveys,
    consentMarketing: customer.consent.marketing,
  };
}

/** A form value normalised the way the API stores it, so " a " and "a" count as the same. */
function normalised(
  field: DraftField,
  value: CustomerDraft[DraftField] | undefined,
): string | number | boolean {
  if (typeof value === 'string') return field === 'email' ? value.trim().toLowerCase() : value.trim();
  if (field === 'valueYuan') return Math.round(Number(value ?? 0) * 100);
  return value ?? '';
}

function same(field: DraftField, a: CustomerDraft, b: CustomerDraft): boolean {
  return normalised(field, a[field]) === normalised(field, b[field]);
}

/** The fields the user changed relative to what they started from. */
export function changedFields(base: CustomerDraft, draft: CustomerDraft): DraftField[] {
  return draftFields.filter((field) => !same(field, base, draft));
}

export interface CustomerChange {
  name?: string;
  companyName?: string | null;
  email?: string | null;
  tier?: CustomerTier;
  valueFen?: number;
  notes?: string | null;
  consent?: { serviceCalls: boolean; surveys: boolean; marketing: boolean };
}

/** The PATCH body (without version) for what the user changed: only those fields, '' clears a text. */
export function changeBody(base: CustomerDraft, draft: CustomerDraft): CustomerChange {
  const body: CustomerChange = {};
  const changed = new Set(changedFields(base, draft));
  const textOrNull = (value: string) => (value.trim() === '' ? null : value.trim());
  if (changed.has('name')) body.name = draft.name.trim();
  if (changed.has('companyName')) body.companyName = textOrNull(draft.companyName);
  if (changed.has('email')) body.email = textOrNull(draft.email);
  if (changed.has('tier')) body.tier = draft.tier;
  if (changed.has('valueYuan')) body.valueFen = Math.round(Number(draft.valueYuan) * 100);
  if (changed.has('notes')) body.notes = textOrNull(draft.notes);
  if (changed.has('consentServiceCalls') || changed.has('consentSurveys') || changed.has('consentMarketing'))
    body.consent = {
      serviceCalls: draft.consentServiceCalls,
      surveys: draft.consentSurveys,
      marketing: draft.consentMarketing,
    };
  return body;
}

export interface Rebased {
  /** The user's changes laid over the latest version. */
  draft: CustomerDraft;
  /** Fields someone else changed since the user started. */
  theirs: DraftField[];
  /** Fields both changed, to different values: the user's value wins in the draft, but they should look. */
  clashes: DraftField[];
}

/**
 * After a version conflict: start from the latest version and re-apply what the user changed, field by
 * field. Nothing the user typed is lost; what only the other person changed is kept too.
 */
export function rebaseDraft(base: CustomerDraft, latest: CustomerDraft, draft: CustomerDraft): Rebased {
  const mine = new Set(changedFields(base, draft));
  const theirs = changedFields(base, latest);
  const next: CustomerDraft = { ...latest };
  for (const field of mine) Object.assign(next, { [field]: draft[field] });
  const clashes = theirs.filter((field) => mine.has(field) && !same(field, latest, draft));
  return { draft: next, theirs, clashes };
}
