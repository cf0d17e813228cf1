import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '@manyi/contracts';
import type { TFunction } from 'i18next';
import type { FieldDifference, TicketField } from '../../ticket-logic';
import type { Desk } from './desk-context';

type Value = FieldDifference['from'] | undefined;

/** A field's value as a person reads it: labels for codes, names for ids, tags joined. */
export function describeValue(
  field: TicketField | string,
  value: Value | unknown,
  desk: Pick<Desk, 'usersById' | 'teamsById'>,
  t: TFunction<'tickets'>,
): string {
  if (value === null || value === undefined || value === '') return t('conflict.empty');
  if (Array.isArray(value)) return value.length ? value.join('、') : t('conflict.empty');
  const text = String(value);
  switch (field) {
    case 'priority':
      return t(`priority.${text as TicketPriority}`, { defaultValue: text });
    case 'type':
      return t(`type.${text as TicketType}`, { defaultValue: text });
    case 'status':
      return t(`status.${text as TicketStatus}`, { defaultValue: text });
    case 'channel':
      return t(`channel.${text as TicketChannel}`, { defaultValue: text });
    case 'assigneeId':
      return desk.usersById.get(text)?.displayName ?? t('queue.unknownUser');
    case 'teamId':
      return desk.teamsById.get(text)?.name ?? t('queue.unknownUser');
    default:
      return text;
  }
}

const fieldKeys = [
  'subject',
  'priority',
  'type',
  'description',
  'unitId',
  'status',
  'assigneeId',
  'teamId',
  'tags',
] as const;

/** The label of a field name as the timeline and conflict messages show it. */
export function fieldLabel(field: string, t: TFunction<'tickets'>): string {
  return (fieldKeys as readonly string[]).includes(field)
    ? t(`timeline.field.${field as (typeof fieldKeys)[number]}`)
    : field;
}
