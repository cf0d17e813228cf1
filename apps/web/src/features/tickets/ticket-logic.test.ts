import type { TicketDetail } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import {
  attachmentKind,
  fieldsOf,
  fieldsPatch,
  formatBytes,
  formatDuration,
  isValidTag,
  normaliseTags,
  orderTransitions,
  otherChanges,
  stillApplicable,
  transitionVerb,
} from './ticket-logic';

describe('formatDuration', () => {
  test('m:ss under an hour, h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('transitions', () => {
  test('going back to "open" from work under way reads differently from accepting new work', () => {
    expect(transitionVerb('new', 'open')).toBe('open');
    expect(transitionVerb('reopened', 'open')).toBe('open');
    expect(transitionVerb('in_progress', 'open')).toBe('reopen_to_open');
    expect(transitionVerb('open', 'resolved')).toBe('resolved');
  });

  test('forward moves come first, stepping back and cancelling last', () => {
    expect(orderTransitions('new', ['cancelled', 'resolved', 'open', 'in_progress'])).toEqual([
      'open',
      'in_progress',
      'resolved',
      'cancelled',
    ]);
    expect(
      orderTransitions('waiting_parts', ['open', 'scheduled', 'in_progress', 'resolved', 'cancelled']),
    ).toEqual(['in_progress', 'scheduled', 'open', 'resolved', 'cancelled']);
  });
});

describe('tags', () => {
  test('follow the API rule: 1–30 characters, no comma, no leading space', () => {
    expect(isValidTag('差评风险')).toBe(true);
    expect(isValidTag('a,b')).toBe(false);
    expect(isValidTag('x'.repeat(31))).toBe(false);
    expect(isValidTag('   ')).toBe(false);
  });

  test('normalise trims and drops duplicates and blanks', () => {
    expect(normaliseTags([' 保内 ', '保内', '', 'VIP'])).toEqual(['保内', 'VIP']);
  });
});

const ticket = (overrides: Partial<TicketDetail>): TicketDetail =>
  ({
    subject: '空调不制冷',
    priority: 'normal',
    type: 'repair',
    status: 'open',
    assigneeId: null,
    teamId: null,
    tags: [],
    allowedTransitions: ['in_progress', 'resolved'],
    ...overrides,
  }) as TicketDetail;

describe('conflicts', () => {
  test('a form sends only the fields the user changed', () => {
    const base = ticket({});
    expect(fieldsPatch(base, { subject: ' 空调不制冷 ', priority: 'high', type: 'repair' })).toEqual({
      priority: 'high',
    });
    expect(fieldsPatch(base, { subject: base.subject, priority: 'normal', type: 'repair' })).toEqual({});
  });

  test('lists what someone else changed among the fields a pending change touches', () => {
    const base = ticket({ priority: 'normal', subject: 'a' });
    const latest = ticket({ priority: 'urgent', subject: 'b', tags: ['x'] });
    const change = { kind: 'fields' as const, patch: { priority: 'high' as const } };
    expect(fieldsOf(change)).toEqual(['priority']);
    expect(otherChanges(base, latest, fieldsOf(change))).toEqual([
      { field: 'priority', from: 'normal', to: 'urgent' },
    ]);
    expect(otherChanges(base, latest, fieldsOf({ kind: 'tags', tags: [] }))).toEqual([
      { field: 'tags', from: [], to: ['x'] },
    ]);
  });

  test('a status move can be re-applied only if the latest status still allows it', () => {
    const latest = ticket({ status: 'resolved', allowedTransitions: ['closed', 'reopened'] });
    expect(stillApplicable({ kind: 'transition', to: 'in_progress' }, latest)).toBe(false);
    expect(stillApplicable({ kind: 'transition', to: 'closed' }, latest)).toBe(true);
    expect(stillApplicable({ kind: 'fields', patch: { priority: 'high' } }, latest)).toBe(true);
  });
});

describe('attachments', () => {
  test('sizes read naturally', () => {
    expect(formatBytes(820, 'en')).toBe('820 B');
    expect(formatBytes(12_800, 'en')).toBe('12.5 KB');
    expect(formatBytes(3_355_443, 'zh-CN')).toBe('3.2 MB');
  });

  test('kinds decide how a file is shown', () => {
    expect(attachmentKind('image/png')).toBe('image');
    expect(attachmentKind('application/pdf')).toBe('pdf');
    expect(attachmentKind('audio/mpeg')).toBe('audio');
    expect(attachmentKind('text/plain')).toBe('other');
  });
});
