import type { TicketDetail, TicketStatus } from '@manyi/contracts';
import type { TicketChange } from './api';

/** A call's length as m:ss (or h:mm:ss from an hour on), the way phone systems print it. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The moves that ask for a note (resolution summary or reason); the API refuses them without one. */
export const transitionsNeedingNote: readonly TicketStatus[] = ['resolved', 'cancelled', 'reopened'];

export type TransitionVerb = TicketStatus | 'reopen_to_open';

/** Which verb labels the move to `to`: going back to `open` from work in progress reads differently from accepting new work. */
export function transitionVerb(from: TicketStatus, to: TicketStatus): TransitionVerb {
  if (to === 'open' && from !== 'new' && from !== 'reopened') return 'reopen_to_open';
  return to;
}

/** Display order of the moves: forward work first, final moves last. */
const verbOrder: readonly TicketStatus[] = [
  'open',
  'in_progress',
  'scheduled',
  'waiting_customer',
  'waiting_parts',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'new',
];

/** The moves in display order; stepping back to `open` from work under way goes after the forward moves. */
export function orderTransitions(from: TicketStatus, allowed: readonly TicketStatus[]): TicketStatus[] {
  const rank = (to: TicketStatus) =>
    transitionVerb(from, to) === 'reopen_to_open'
      ? verbOrder.indexOf('resolved') - 0.5
      : verbOrder.indexOf(to);
  return [...allowed].sort((a, b) => rank(a) - rank(b));
}

const tagPattern = /^[^,\s][^,]*$/;

/** The same rule as the API's tag schema: 1–30 characters, no comma, not starting with a space. */
export function isValidTag(tag: string): boolean {
  const trimmed = tag.trim();
  return trimmed.length >= 1 && trimmed.length <= 30 && tagPattern.test(trimmed);
}

/** Tags as the user typed them: trimmed, deduplicated, empty ones dropped. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export type TicketField = 'subject' | 'priority' | 'type' | 'status' | 'assigneeId' | 'teamId' | 'tags';

/** Which fields a pending change touches, to compare what someone else changed meanwhile. */
export function fieldsOf(change: TicketChange): TicketField[] {
  switch (change.kind) {
    case 'fields':
      return (['subject', 'priority', 'type'] as const).filter((f) => change.patch[f] !== undefined);
    case 'transition':
      return ['status'];
    case 'assign':
      return ['teamId', 'assigneeId'];
    case 'tags':
      return ['tags'];
  }
}

export interface FieldDifference {
  field: TicketField;
  from: string | string[] | null;
  to: string | string[] | null;
}

/** What changed between the version an edit started from and the latest, among the fields that matter here. */
export function otherChanges(
  base: Pick<TicketDetail, TicketField>,
  latest: Pick<TicketDetail, TicketField>,
  fields: readonly TicketField[],
): FieldDifference[] {
  return fields
    .filter((field) => JSON.stringify(base[field]) !== JSON.stringify(latest[field]))
    .map((field) => ({ field, from: base[field], to: latest[field] }));
}

/** False when a re-applied status move is no longer allowed from the latest status (e.g. someone resolved it). */
export function stillApplicable(change: TicketChange, latest: TicketDetail): boolean {
  if (change.kind === 'transition') return latest.allowedTransitions.includes(change.to);
  return true;
}

/** Only the fields of a form that differ from the work order (an unchanged field is not sent). */
export function fieldsPatch(
  ticket: Pick<TicketDetail, 'subject' | 'priority' | 'type'>,
  values: Pick<TicketDetail, 'subject' | 'priority' | 'type'>,
): Extract<TicketChange, { kind: 'fields' }>['patch'] {
  const patch: Extract<TicketChange, { kind: 'fields' }>['patch'] = {};
  const subject = values.subject.trim();
  if (subject !== ticket.subject) patch.subject = subject;
  if (values.priority !== ticket.priority) patch.priority = values.priority;
  if (values.type !== ticket.type) patch.type = values.type;
  return patch;
}

/** A file size as people read it: "820 B", "12.5 KB", "3.2 MB". */
export function formatBytes(bytes: number, lang: 'zh-CN' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export type AttachmentKind = 'image' | 'pdf' | 'audio' | 'video' | 'other';

/** How an attachment is shown: images as thumbnails with preview, PDFs in a new tab, the rest as downloads. */
export function attachmentKind(contentType: string): AttachmentKind {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.startsWith('audio/')) return 'audio';
  if (contentType.startsWith('video/')) return 'video';
  return 'other';
}
