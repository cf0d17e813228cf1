import type { QueueRow, User } from '@manyi/contracts';
import { Empty, Flex, Grid, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { formatDateTime } from '../../../shared/format';
import { formatRelativeTime } from '../../../shared/relative-time';
import { QueueDue } from '../../agreements/components/queue-due';
import { queueToneClass } from '../../agreements/queue-tone';
import { PriorityTag, StatusTag, TierBadge } from './ticket-badges';

export type RowFlash = 'created' | 'changed';

/** The dense queue table: one work order per row; a click or Enter opens it. */
export function QueueTable({
  rows,
  loading,
  usersById,
  selectedId,
  flashing,
  now,
  timeZone,
  empty,
  onSelect,
  onOpen,
}: {
  rows: QueueRow[];
  loading: boolean;
  usersById: ReadonlyMap<string, User>;
  selectedId: string | undefined;
  flashing: ReadonlyMap<string, RowFlash>;
  now: Date;
  timeZone: string;
  empty: ReactNode;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('tickets');
  const lang = currentLanguage();
  // Tags next to the subject only where there is room for both.
  const showTags = Grid.useBreakpoint().xl === true;

  const columns: TableColumnsType<QueueRow> = [
    {
      key: 'number',
      title: t('queue.columns.number'),
      dataIndex: 'number',
      width: 132,
      render: (number: string, row) => (
        <Flex align="center" gap={4}>
          <Link
            to={`/tickets/${row.id}`}
            onClick={(e) => e.stopPropagation()}
            style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
          >
            {number}
          </Link>
          {flashing.get(row.id) === 'created' && (
            <Tag color="red" style={{ marginInlineEnd: 0, paddingInline: 4, lineHeight: '18px' }}>
              {t('queue.newBadge')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'subject',
      title: t('queue.columns.subject'),
      dataIndex: 'subject',
      ellipsis: { showTitle: false },
      render: (subject: string, row) => (
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Tooltip title={subject} placement="topLeft">
            <Typography.Text ellipsis style={{ flex: '0 1 auto', minWidth: 48 }}>
              {subject}
            </Typography.Text>
          </Tooltip>
          {showTags && row.tags.length > 0 && (
            // Tags give way first when the column is narrow; the subject keeps its room.
            <Flex gap={4} style={{ flex: '0 100 auto', minWidth: 0, overflow: 'hidden' }}>
              {row.tags.slice(0, 2).map((tag) => (
                <Tag key={tag} style={{ marginInlineEnd: 0, fontSize: 12 }} variant="filled">
                  {tag}
                </Tag>
              ))}
            </Flex>
          )}
        </Flex>
      ),
    },
    {
      key: 'customer',
      title: t('queue.columns.customer'),
      width: 150,
      render: (_, row) => (
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Typography.Text ellipsis style={{ minWidth: 0 }}>
            {row.customerName}
          </Typography.Text>
          <TierBadge tier={row.customerTier} />
        </Flex>
      ),
    },
    {
      key: 'type',
      title: t('queue.columns.type'),
      dataIndex: 'type',
      width: lang === 'en' ? 92 : 64,
      responsive: ['xl'],
      render: (type: QueueRow['type']) => t(`type.${type}`),
    },
    {
      key: 'priority',
      title: t('queue.columns.priority'),
      dataIndex: 'priority',
      width: lang === 'en' ? 84 : 72,
      render: (priority: QueueRow['priority']) => <PriorityTag priority={priority} />,
    },
    {
      key: 'status',
      title: t('queue.columns.status'),
      dataIndex: 'status',
      width: lang === 'en' ? 140 : 100,
      render: (status: QueueRow['status']) => <StatusTag status={status} />,
    },
    {
      key: 'assignee',
      title: t('queue.columns.assignee'),
      dataIndex: 'assigneeId',
      width: 92,
      ellipsis: true,
      render: (assigneeId: string | null) =>
        assigneeId ? (
          (usersById.get(assigneeId)?.displayName ?? t('queue.unknownUser'))
        ) : (
          <Typography.Text type="secondary">{t('queue.unassigned')}</Typography.Text>
        ),
    },
    {
      key: 'due',
      title: t('queue.columns.due'),
      dataIndex: 'nextDueAt',
      width: lang === 'en' ? 108 : 100,
      responsive: ['lg'],
      // Agreements: coloured by the share of the promise used (green, orange at risk, red broken).
      render: (_: unknown, row: QueueRow) => <QueueDue row={row} now={now} timeZone={timeZone} />,
    },
    {
      key: 'updated',
      title: t('queue.columns.updated'),
      dataIndex: 'updatedAt',
      width: lang === 'en' ? 116 : 100,
      responsive: ['lg'],
      render: (updatedAt: string) => (
        <Tooltip title={formatDateTime(updatedAt, lang, timeZone)}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatRelativeTime(updatedAt, now, lang)}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<QueueRow>
      className="tickets-table"
      aria-label={t('queue.tableLabel')}
      data-testid="queue-table"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      tableLayout="fixed"
      sticky={{ offsetHeader: 64 }}
      locale={{ emptyText: loading ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description=" " /> : empty }}
      rowClassName={(row) =>
        [
          'tickets-row',
          row.id === selectedId ? 'tickets-row-selected' : '',
          flashing.has(row.id) ? 'tickets-row-flash' : '',
          queueToneClass(row, now.getTime()),
        ].join(' ')
      }
      onRow={(row) => ({
        onClick: () => {
          onSelect(row.id);
          onOpen(row.id);
        },
        'aria-selected': row.id === selectedId,
        'data-ticket-number': row.number,
      })}
    />
  );
}
