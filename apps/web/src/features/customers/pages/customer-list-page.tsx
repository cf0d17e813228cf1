import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { type CustomerSummary, customerStatuses, customerTiers } from '@manyi/contracts';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { type CustomerFilters, type CustomerStatus, useCustomerList } from '../api';
import { NewCustomerForm } from '../components/new-customer-form';
import { TierTag } from '../components/tier-tag';

const isTier = (value: string | null): value is NonNullable<CustomerFilters['tier']> =>
  (customerTiers as readonly string[]).includes(value ?? '');
const isStatus = (value: string | null): value is CustomerStatus =>
  (customerStatuses as readonly string[]).includes(value ?? '');

/** Search text typed by the user, applied to the URL (and so to the query) once they pause. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Customers: search by name, phone digits or e-mail, filter by tier and status, open one. */
export function CustomerListPage() {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  const debouncedText = useDebounced(text.trim(), 300);

  const tierParam = params.get('tier');
  const statusParam = params.get('status');
  const filters: CustomerFilters = useMemo(
    () => ({
      q: params.get('q') || undefined,
      tier: isTier(tierParam) ? tierParam : undefined,
      status: isStatus(statusParam) ? statusParam : undefined,
    }),
    [params, tierParam, statusParam],
  );

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the typed text updates the URL
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedText) setParam('q', debouncedText || undefined);
  }, [debouncedText]);

  const list = useCustomerList(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const filtered = Boolean(filters.q || filters.tier || filters.status);

  const columns: TableColumnsType<CustomerSummary> = [
    {
      key: 'name',
      title: t('list.colName'),
      render: (_, row) => (
        <Space size={8} wrap>
          <Link
            to={`/customers/${row.id}`}
            aria-label={t('list.openCustomer', { name: row.name })}
            onClick={(event) => event.stopPropagation()}
          >
            <Typography.Text strong>{row.name}</Typography.Text>
          </Link>
          <TierTag tier={row.tier} />
          {row.kind === 'company' && <Tag>{t('kind.company')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'phone',
      title: t('list.colPhone'),
      dataIndex: 'primaryPhone',
      render: (value: string | null) => value ?? t('common.none'),
    },
    {
      key: 'city',
      title: t('list.colCity'),
      dataIndex: 'city',
      responsive: ['sm'],
      render: (value: string | null) => value ?? t('common.none'),
    },
    {
      key: 'status',
      title: t('list.colStatus'),
      dataIndex: 'status',
      render: (status: CustomerStatus) =>
        status === 'churned' ? <Tag color="red">{t('status.churned')}</Tag> : <Tag>{t('status.active')}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
        </div>
        {user.permissions.includes('customers.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('list.newCustomer')}
          </Button>
        )}
      </Flex>

      <Card styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap>
          <Input
            allowClear
            size="large"
            prefix={<SearchOutlined aria-hidden />}
            aria-label={t('list.searchLabel')}
            placeholder={t('list.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            style={{ flex: '1 1 320px' }}
            data-testid="customer-search"
          />
          <Select
            size="large"
            aria-label={t('tier.label')}
            value={filters.tier ?? ''}
            onChange={(value: string) => setParam('tier', value || undefined)}
            options={[
              { value: '', label: t('list.allTiers') },
              ...customerTiers.map((tier) => ({ value: tier, label: t(`tier.${tier}`) })),
            ]}
            style={{ width: 140 }}
          />
          <Select
            size="large"
            aria-label={t('status.label')}
            value={filters.status ?? ''}
            onChange={(value: string) => setParam('status', value || undefined)}
            options={[
              { value: '', label: t('list.allStatuses') },
              ...customerStatuses.map((status) => ({ value: status, label: t(`status.${status}`) })),
            ]}
            style={{ width: 140 }}
          />
          {filtered && (
            <Button
              size="large"
              onClick={() => {
                setText('');
                setParams({}, { replace: true });
              }}
            >
              {t('list.clearFilters')}
            </Button>
          )}
        </Flex>
      </Card>

      {list.isError && !list.data ? (
        <Card>
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={errorText(list.error, tRoot)}
            action={<Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>}
          />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<CustomerSummary>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            data-testid="customer-table"
            onRow={(row) => ({
              onClick: () => navigate(`/customers/${row.id}`),
              style: { cursor: 'pointer' },
            })}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <Empty
                  description={
                    <Flex vertical gap={4}>
                      <Typography.Text>{filtered ? t('list.empty') : t('list.emptyAll')}</Typography.Text>
                      <Typography.Text type="secondary">{t('list.emptyHint')}</Typography.Text>
                    </Flex>
                  }
                >
                  {filtered && (
                    <Button
                      onClick={() => {
                        setText('');
                        setParams({}, { replace: true });
                      }}
                    >
                      {t('list.clearFilters')}
                    </Button>
                  )}
                </Empty>
              ),
            }}
          />
          {rows.length > 0 && (
            <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }} wrap gap={8}>
              <Typography.Text type="secondary">{t('list.shown', { count: rows.length })}</Typography.Text>
              {list.hasNextPage ? (
                <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('common.allLoaded')}</Typography.Text>
              )}
            </Flex>
          )}
          {list.isError && list.data && (
            <Alert
              type="error"
              showIcon
              banner
              title={errorText(list.error, tRoot)}
              action={<Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>}
            />
          )}
        </Card>
      )}

      <Modal
        open={creating}
        title={t('newCustomer.title')}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={640}
      >
        <NewCustomerForm
          onCreated={(customer) => {
            setCreating(false);
            navigate(`/customers/${customer.id}`);
          }}
          onCancel={() => setCreating(false)}
        />
      </Modal>
    </Flex>
  );
}
