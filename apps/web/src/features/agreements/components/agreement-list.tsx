import { PlusOutlined } from '@ant-design/icons';
import type { Agreement } from '@manyi/contracts';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../auth/api';
import { useAgreements, useCalendars, useCustomerName } from '../api';
import { coverageText } from '../words';
import { LoadError } from './load-error';

/** The agreements at a glance: code, name, coverage in words, calendar, rank and whether it is in force. */
export function AgreementList({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('agreements');
  const navigate = useNavigate();
  const agreements = useAgreements();
  const calendars = useCalendars();
  const calendarNames = useMemo(
    () => new Map((calendars.data ?? []).map((c) => [c.id, c.name])),
    [calendars.data],
  );
  // Highest rank first: the order in which intake tries them.
  const rows = useMemo(
    () => [...(agreements.data ?? [])].sort((a, b) => b.rank - a.rank || a.code.localeCompare(b.code)),
    [agreements.data],
  );

  if (agreements.isError && !agreements.data)
    return <LoadError error={agreements.error} onRetry={() => void agreements.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('list.help')}</Typography.Text>
        {canEdit && (
          <Link to="/agreements/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-agreement">
              {t('list.new')}
            </Button>
          </Link>
        )}
      </Flex>
      <Table<Agreement>
        data-testid="agreement-list"
        rowKey="id"
        size="middle"
        loading={agreements.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(record) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest('a,button')) return;
            navigate(`/agreements/${record.id}`);
          },
          style: { cursor: 'pointer' },
        })}
        locale={{
          emptyText: (
            <Empty description={t('list.empty')}>
              <Typography.Paragraph type="secondary">{t('list.emptyHint')}</Typography.Paragraph>
              {canEdit && (
                <Link to="/agreements/new">
                  <Button type="primary" icon={<PlusOutlined />}>
                    {t('list.new')}
                  </Button>
                </Link>
              )}
            </Empty>
          ),
        }}
        columns={[
          {
            key: 'code',
            title: t('list.code'),
            width: 110,
            render: (_, a) => (
              <Link to={`/agreements/${a.id}`} data-testid={`agreement-${a.code}`}>
                <Typography.Text code>{a.code}</Typography.Text>
              </Link>
            ),
          },
          {
            key: 'name',
            title: t('list.name'),
            render: (_, a) => (
              <Flex vertical>
                <Typography.Text strong>{a.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('list.serviceCounts', {
                    included: a.included.length,
                    excluded: a.excluded.length,
                    paid: a.paid.length,
                  })}
                  {' · '}
                  {t('list.targetCount', { count: a.targets.length })}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'coverage', title: t('list.coverage'), render: (_, a) => <CoverageCell agreement={a} /> },
          {
            key: 'calendar',
            title: t('list.calendar'),
            width: 150,
            render: (_, a) => calendarNames.get(a.calendarId) ?? t('list.unknownCalendar'),
          },
          { key: 'rank', title: t('list.rank'), dataIndex: 'rank', width: 80, align: 'right' },
          {
            key: 'active',
            title: t('list.status'),
            width: 90,
            render: (_, a) =>
              a.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}

function CoverageCell({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const user = useCurrentUser();
  const customer = useCustomerName(agreement.customerId, user.permissions.includes('customers.read'));
  return <span>{coverageText(agreement, t, customer.data?.name)}</span>;
}
