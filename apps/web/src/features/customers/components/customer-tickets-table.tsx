import { openStatuses, type QueueRow, type TicketType } from '@manyi/contracts';
import { Alert, Button, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useCustomerTickets } from '../api';
import { TicketPriorityTag, TicketStatusTag, TicketTypeTag } from './ticket-tags';

/** The customer's work orders (optionally of one type), each linking to its page; open ones first in colour. */
export function CustomerTicketsTable({
  customerId,
  type,
  empty,
}: {
  customerId: string;
  type?: TicketType;
  empty: ReactNode;
}) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const tickets = useCustomerTickets(customerId, type ? { type } : {});
  const rows = tickets.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<QueueRow> = [
    {
      key: 'number',
      title: t('tickets.number'),
      render: (_, row) => <Link to={`/tickets/${row.id}`}>{row.number}</Link>,
    },
    {
      key: 'subject',
      title: t('tickets.subject'),
      dataIndex: 'subject',
      ellipsis: true,
    },
    ...(type
      ? []
      : [
          {
            key: 'type',
            title: t('tickets.type'),
            render: (_: unknown, row: QueueRow) => <TicketTypeTag type={row.type} />,
          },
        ]),
    {
      key: 'status',
      title: t('tickets.status'),
      render: (_, row) => <TicketStatusTag status={row.status} />,
    },
    {
      key: 'priority',
      title: t('tickets.priority'),
      responsive: ['md'],
      render: (_, row) => <TicketPriorityTag priority={row.priority} />,
    },
    {
      key: 'created',
      title: t('tickets.createdAt'),
      responsive: ['lg'],
      render: (_, row) => formatDateTime(row.createdAt, lang, timeZone),
    },
  ];

  if (tickets.isError && !tickets.data)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(tickets.error, tRoot)}
        action={<Button onClick={() => void tickets.refetch()}>{t('common.retry')}</Button>}
      />
    );

  return (
    <Flex vertical gap={12}>
      <Table<QueueRow>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={tickets.isPending}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({
          style:
            row.type === 'complaint' && openStatuses.includes(row.status)
              ? { background: '#fff1f0' }
              : undefined,
        })}
        locale={{ emptyText: tickets.isPending ? ' ' : empty }}
      />
      {tickets.hasNextPage && (
        <Flex justify="center">
          <Button loading={tickets.isFetchingNextPage} onClick={() => void tickets.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

/** The plain empty state of a customer's work-order list. */
export function NoTickets({ title, hint }: { title: string; hint?: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4}>
          <Typography.Text>{title}</Typography.Text>
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        </Flex>
      }
    />
  );
}
