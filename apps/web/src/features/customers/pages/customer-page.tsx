import { ArrowLeftOutlined } from '@ant-design/icons';
import { openStatuses } from '@manyi/contracts';
import { Alert, Badge, Button, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { CustomerSatisfaction } from '../../surveys/components/customer-satisfaction';
import { useCustomer, useCustomerTickets, useCustomerUnits } from '../api';
import { ContactsSection } from '../components/contacts-section';
import { CustomerAgreement } from '../components/customer-agreement';
import { CustomerHeader } from '../components/customer-header';
import { CustomerTicketsTable, NoTickets } from '../components/customer-tickets-table';
import { UnitsSection } from '../components/units-section';

const tabKeys = ['contacts', 'units', 'tickets', 'agreements', 'surveys', 'complaints'] as const;
type TabKey = (typeof tabKeys)[number];
const isTab = (value: string | null): value is TabKey => (tabKeys as readonly string[]).includes(value ?? '');

/** Customer 360: who they are, how to reach them, what they own, and every work order and complaint. */
export function CustomerPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const customer = useCustomer(id);
  const units = useCustomerUnits(id);
  // The same query the complaints tab shows, so opening the tab costs nothing.
  const complaints = useCustomerTickets(id, { type: 'complaint' });
  const openComplaints =
    complaints.data?.pages.flatMap((page) => page.items).filter((row) => openStatuses.includes(row.status))
      .length ?? 0;
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'contacts';
  const canWrite = user.permissions.includes('customers.write');

  const showTab = (key: TabKey) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', key);
        return next;
      },
      { replace: true },
    );

  const back = (
    <Link to="/customers">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('common.backToList')}
      </Button>
    </Link>
  );

  if (customer.isPending) {
    return (
      <Flex vertical gap={16}>
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      </Flex>
    );
  }
  if (!customer.data) {
    const notFound =
      isApiError(customer.error, 'NOT_FOUND') || isApiError(customer.error, 'VALIDATION_FAILED');
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('common.notFoundTitle') : t('common.loadFailed')}
          subTitle={notFound ? t('common.notFoundDescription') : errorText(customer.error, tRoot)}
          extra={[
            !notFound && (
              <Button key="retry" type="primary" onClick={() => void customer.refetch()}>
                {t('common.retry')}
              </Button>
            ),
            <Link key="back" to="/customers">
              <Button>{t('common.backToList')}</Button>
            </Link>,
          ]}
        />
      </Card>
    );
  }

  const data = customer.data;
  const unitCount = units.data?.items.length;
  return (
    <Flex vertical gap={16}>
      {back}
      {customer.isError && <Alert type="warning" showIcon title={errorText(customer.error, tRoot)} />}
      <CustomerHeader customer={data} />
      {openComplaints > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="open-complaints"
          title={t('complaints.openCount', { count: openComplaints })}
          action={
            <Button danger size="small" onClick={() => showTab('complaints')}>
              {t('complaints.view')}
            </Button>
          }
        />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => showTab(key as TabKey)}
          items={[
            {
              key: 'contacts',
              label: t('detail.tabs.contacts'),
              children: <ContactsSection customer={data} canWrite={canWrite} />,
            },
            {
              key: 'units',
              label: (
                <Flex align="center" gap={6}>
                  {t('detail.tabs.units')}
                  {unitCount !== undefined && (
                    <Badge count={unitCount} showZero color="#8c8c8c" size="small" />
                  )}
                </Flex>
              ),
              children: <UnitsSection customer={data} canWrite={canWrite} />,
            },
            {
              key: 'tickets',
              label: t('detail.tabs.tickets'),
              children: (
                <CustomerTicketsTable customerId={data.id} empty={<NoTickets title={t('tickets.empty')} />} />
              ),
            },
            {
              key: 'agreements',
              label: t('detail.tabs.agreements'),
              children: <CustomerAgreement customerId={data.id} />,
            },
            {
              key: 'surveys',
              label: t('detail.tabs.surveys'),
              children: <CustomerSatisfaction customerId={data.id} />,
            },
            {
              key: 'complaints',
              label: (
                <Flex align="center" gap={6}>
                  {t('detail.tabs.complaints')}
                  {openComplaints > 0 && <Badge count={openComplaints} size="small" />}
                </Flex>
              ),
              children: (
                <CustomerTicketsTable
                  customerId={data.id}
                  type="complaint"
                  empty={<NoTickets title={t('complaints.empty')} hint={t('complaints.emptyHint')} />}
                />
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
