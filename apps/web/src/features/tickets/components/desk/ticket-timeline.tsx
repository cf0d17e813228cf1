import {
  CarOutlined,
  ClockCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  FileAddOutlined,
  LockOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  SendOutlined,
  SwapOutlined,
  TagsOutlined,
  TransactionOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { TimelineEntry } from '@manyi/contracts';
import { Alert, Button, Empty, Flex, Skeleton, Tag, Timeline, type TimelineProps, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../app/i18n';
import { errorText } from '../../../../shared/api-errors';
import { formatDateTime } from '../../../../shared/format';
import { attachmentUrl, useTimeline } from '../../api';
import { formatDuration } from '../../ticket-logic';
import { authorLabel, describeEntry, type EntrySentence } from '../../timeline-sentences';
import { describeValue, fieldLabel } from './describe-values';
import { type Desk, useDesk } from './desk-context';

type TimelineItemType = NonNullable<TimelineProps['items']>[number];

const commitmentMetricKeys = ['first_response', 'on_site', 'resolution'] as const;
const commitmentEventKeys = [
  'started',
  'paused',
  'resumed',
  'stopped',
  'cancelled',
  'retargeted',
  'status',
  'first_response',
] as const;
const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The work order's history, oldest first (newest next to the composer); each kind looks like what it is. */
export function TicketTimeline() {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const desk = useDesk();
  const timeline = useTimeline(desk.ticket.id);

  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (timeline.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('timeline.loadFailed')}
        description={errorText(timeline.error, tc)}
        action={
          <Button size="small" onClick={() => void timeline.refetch()}>
            {tc('errors.retry')}
          </Button>
        }
      />
    );
  if (timeline.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;

  return (
    <Timeline
      data-testid="timeline"
      items={timeline.data.map((entry) => timelineItem(entry, desk, t))}
      style={{ paddingTop: 8 }}
    />
  );
}

function timelineItem(entry: TimelineEntry, desk: Desk, t: TFunction<'tickets'>): TimelineItemType {
  const author = authorLabel(entry, t);
  const time = formatDateTime(entry.createdAt, currentLanguage(), desk.timeZone);
  const d = entry.data;
  const head = (text: ReactNode, extra?: ReactNode) => (
    <Flex align="baseline" gap={8} wrap>
      <Typography.Text>{text}</Typography.Text>
      {extra}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {time}
      </Typography.Text>
    </Flex>
  );
  const base = { key: entry.id };
  const wrap = (kind: string, content: ReactNode) => (
    <div data-kind={kind} data-visibility={entry.visibility} data-testid="timeline-entry">
      {content}
    </div>
  );

  // Dispatch, visit, quote and complaint entries: one localised sentence from `data`, then the details.
  const sentence = describeEntry(entry, {
    t,
    lang: currentLanguage(),
    timeZone: desk.timeZone,
    userName: (id) => desk.usersById.get(id)?.displayName,
    teamName: (id) => desk.teamsById.get(id)?.name,
  });
  if (sentence) return sentenceItem(entry, sentence, base, wrap, head);

  switch (entry.kind) {
    case 'reply':
      return {
        ...base,
        color: 'blue',
        icon: <MessageOutlined style={{ fontSize: 16, color: '#1677ff' }} />,
        content: wrap(
          'reply',
          <>
            {head(
              t('timeline.reply', { author }),
              <Tag color="blue" icon={<EyeOutlined />} style={{ marginInlineEnd: 0 }}>
                {t('timeline.publicBadge')}
              </Tag>,
            )}
            <div className="tickets-bubble tickets-bubble-public">{entry.body}</div>
          </>,
        ),
      };
    case 'note':
      return {
        ...base,
        color: 'gold',
        icon: <LockOutlined style={{ fontSize: 16, color: '#d48806' }} />,
        content: wrap(
          'note',
          <>
            {head(
              t('timeline.note', { author }),
              <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
                {t('timeline.internalBadge')}
              </Tag>,
            )}
            <div className="tickets-bubble tickets-bubble-internal">{entry.body}</div>
          </>,
        ),
      };
    case 'call': {
      const inbound = d['direction'] === 'inbound';
      const duration = typeof d['durationSec'] === 'number' ? formatDuration(d['durationSec']) : null;
      return {
        ...base,
        color: 'green',
        icon: <PhoneOutlined style={{ fontSize: 16, color: '#389e0d' }} rotate={inbound ? 0 : 90} />,
        content: wrap(
          'call',
          <>
            {head(
              t('timeline.callTitle', {
                author,
                direction: inbound ? t('timeline.callInbound') : t('timeline.callOutbound'),
              }),
              duration && (
                <Tag color="green" icon={<PhoneOutlined />} style={{ marginInlineEnd: 0 }}>
                  {t('timeline.callDuration', { duration })}
                </Tag>
              ),
            )}
            {entry.body && <div className="tickets-bubble tickets-bubble-call">{entry.body}</div>}
          </>,
        ),
      };
    }
    case 'status_changed': {
      const from = str(d['from']);
      const to = str(d['to']);
      return {
        ...base,
        color: to === 'resolved' || to === 'closed' ? 'green' : to === 'cancelled' ? 'red' : 'gray',
        icon: <SwapOutlined />,
        content: wrap(
          'status_changed',
          <>
            {head(
              <Typography.Text type="secondary">
                {t('timeline.statusChanged', {
                  author,
                  from: from ? describeValue('status', from, desk, t) : '—',
                  to: to ? describeValue('status', to, desk, t) : '—',
                })}
              </Typography.Text>,
            )}
            {entry.body && (
              <div className="tickets-bubble tickets-bubble-plain">
                {t('timeline.statusNote', { note: entry.body })}
              </div>
            )}
          </>,
        ),
      };
    }
    case 'assigned': {
      const target = (d['to'] ?? {}) as { teamId?: unknown; assigneeId?: unknown };
      const assigneeId = str(target.assigneeId);
      const teamId = str(target.teamId);
      const person =
        str(d['assigneeName']) ?? (assigneeId ? desk.usersById.get(assigneeId)?.displayName : null);
      const team = teamId ? desk.teamsById.get(teamId)?.name : null;
      const label = [person, team ? `（${team}）` : null].filter(Boolean).join('');
      return {
        ...base,
        color: 'gray',
        icon: <UserSwitchOutlined />,
        content: wrap(
          'assigned',
          head(
            <Typography.Text type="secondary">
              {label
                ? t('timeline.assigned', { author, target: label })
                : t('timeline.unassigned', { author })}
            </Typography.Text>,
          ),
        ),
      };
    }
    case 'tags_changed': {
      const added = strings(d['added']);
      const removed = strings(d['removed']);
      return {
        ...base,
        color: 'gray',
        icon: <TagsOutlined />,
        content: wrap(
          'tags_changed',
          <Flex vertical gap={4}>
            {added.length > 0 &&
              head(
                <Typography.Text type="secondary">{t('timeline.tagsAdded', { author })}</Typography.Text>,
                <Flex gap={4} wrap>
                  {added.map((tag) => (
                    <Tag key={tag} color="green" style={{ marginInlineEnd: 0 }}>
                      +{tag}
                    </Tag>
                  ))}
                </Flex>,
              )}
            {removed.length > 0 &&
              head(
                <Typography.Text type="secondary">{t('timeline.tagsRemoved', { author })}</Typography.Text>,
                <Flex gap={4} wrap>
                  {removed.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 0, textDecoration: 'line-through' }}>
                      {tag}
                    </Tag>
                  ))}
                </Flex>,
              )}
          </Flex>,
        ),
      };
    }
    case 'fields_changed': {
      const changes = (d['changes'] ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      return {
        ...base,
        color: 'gray',
        icon: <EditOutlined />,
        content: wrap(
          'fields_changed',
          <>
            {head(
              <Typography.Text type="secondary">{t('timeline.fieldsChanged', { author })}</Typography.Text>,
            )}
            <Flex vertical gap={2} style={{ marginTop: 4 }}>
              {Object.entries(changes).map(([field, change]) => (
                <Typography.Text key={field} style={{ fontSize: 13 }}>
                  {t('conflict.fieldChange', {
                    field: fieldLabel(field, t),
                    from: describeValue(field, change?.from, desk, t),
                    to: describeValue(field, change?.to, desk, t),
                  })}
                </Typography.Text>
              ))}
            </Flex>
          </>,
        ),
      };
    }
    case 'attachment_added': {
      const id = str(d['attachmentId']);
      const name = str(d['fileName']) ?? '';
      return {
        ...base,
        color: 'gray',
        icon: <FileAddOutlined />,
        content: wrap(
          'attachment_added',
          head(
            <Typography.Text type="secondary">
              {t('timeline.attachment', { author })}{' '}
              {id ? (
                <a href={attachmentUrl(id)} target="_blank" rel="noopener noreferrer">
                  {name}
                </a>
              ) : (
                name
              )}
            </Typography.Text>,
          ),
        ),
      };
    }
    case 'commitment': {
      const clocks = Array.isArray(d['clocks']) ? (d['clocks'] as Array<Record<string, unknown>>) : [];
      const lines = clocks.map((clock) => {
        const metric = str(clock['metric']);
        const event = str(clock['event']) ?? str(d['event']);
        const due = str(clock['promiseDueAt']);
        return [
          metric && isOneOf(commitmentMetricKeys, metric) ? t(`timeline.commitmentMetric.${metric}`) : metric,
          event && isOneOf(commitmentEventKeys, event) ? t(`timeline.commitmentEvent.${event}`) : event,
          due
            ? t('timeline.commitmentDue', { time: formatDateTime(due, currentLanguage(), desk.timeZone) })
            : null,
        ]
          .filter(Boolean)
          .join(' · ');
      });
      return {
        ...base,
        color: 'gray',
        icon: <ClockCircleOutlined />,
        content: wrap(
          'commitment',
          <>
            {head(<Typography.Text type="secondary">{t('timeline.commitment')}</Typography.Text>)}
            {lines.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {lines.join('；')}
              </Typography.Text>
            )}
          </>,
        ),
      };
    }
    case 'created': {
      const type = str(d['type']);
      const channel = str(d['channel']);
      return {
        ...base,
        color: 'blue',
        icon: <PlusCircleOutlined />,
        content: wrap(
          entry.kind,
          head(
            <Typography.Text type="secondary">
              {t('timeline.created', {
                author,
                type: type ? describeValue('type', type, desk, t) : '—',
                channel: channel ? describeValue('channel', channel, desk, t) : '—',
              })}
            </Typography.Text>,
          ),
        ),
      };
    }
    default:
      // A kind this screen does not know yet (the API grew): show it plainly rather than hide it.
      return {
        ...base,
        color: 'gray',
        content: wrap(
          String(entry.kind),
          <>
            {head(
              <Typography.Text type="secondary">{`${author} · ${t('timeline.otherEvent')}`}</Typography.Text>,
            )}
            {entry.body && <div className="tickets-bubble tickets-bubble-plain">{entry.body}</div>}
          </>,
        ),
      };
  }
}

const toneColor: Record<EntrySentence['tone'], string> = {
  blue: '#1677ff',
  green: '#389e0d',
  red: '#cf1322',
  gray: '#8c8c8c',
  gold: '#d48806',
  orange: '#d46b08',
};

const familyIcon: Record<EntrySentence['family'], typeof SendOutlined> = {
  dispatch: SendOutlined,
  visit: CarOutlined,
  quote_offered: TransactionOutlined,
  quote: TransactionOutlined,
  complaint: ExclamationCircleOutlined,
};

function sentenceItem(
  entry: TimelineEntry,
  s: EntrySentence,
  base: { key: string },
  wrap: (kind: string, content: ReactNode) => ReactNode,
  head: (text: ReactNode, extra?: ReactNode) => ReactNode,
): TimelineItemType {
  const Icon = familyIcon[s.family];
  const color = toneColor[s.tone];
  // Complaint notes keep their text (it carries the handler's own words); the others are fully worded from data.
  const body =
    s.family === 'complaint' || (s.family === 'visit' && s.action === 'reported') ? entry.body : null;
  return {
    ...base,
    color: s.tone,
    icon: <Icon style={{ fontSize: 16, color }} />,
    content: (
      <div data-action={s.action}>
        {wrap(
          entry.kind,
          <>
            {head(<Typography.Text>{s.sentence}</Typography.Text>)}
            {s.details.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="timeline-details">
                {s.details.join(' · ')}
              </Typography.Text>
            )}
            {body && <div className="tickets-bubble tickets-bubble-internal">{body}</div>}
          </>,
        )}
      </div>
    ),
  };
}
