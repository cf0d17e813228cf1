import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ProductCategory,
  type ProductModel,
  productCategories,
  type WarrantyPolicy,
} from '@manyi/contracts';
import { Button, Flex, Input, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useProductModels, useWarrantyPolicies } from '../api';
import { describePolicy } from '../warranty-words';
import { LoadError } from './load-error';
import { ProductModelFormModal } from './product-model-form-modal';

function isCategory(value: string | null): value is ProductCategory {
  return value !== null && (productCategories as readonly string[]).includes(value);
}

/** The product models of the catalog, searchable by code, name or brand and filterable by category. */
export function ProductModelsSection({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() || undefined;
  const rawCategory = params.get('category');
  const category = isCategory(rawCategory) ? rawCategory : undefined;
  const models = useProductModels({ q, category });
  const policies = useWarrantyPolicies();
  const [editing, setEditing] = useState<ProductModel | 'new' | undefined>();
  const [searchText, setSearchText] = useState(q ?? '');

  const policyById = useMemo(
    () => new Map((policies.data ?? []).map((policy) => [policy.id, policy])),
    [policies.data],
  );
  const rows = useMemo(() => models.data?.pages.flatMap((page) => page.items) ?? [], [models.data]);

  const setFilter = (key: 'q' | 'category', value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (models.isError && rows.length === 0)
    return <LoadError error={models.error} onRetry={() => void models.refetch()} />;

  const columns: TableColumnsType<ProductModel> = [
    {
      key: 'code',
      title: t('catalog.models.columns.code'),
      dataIndex: 'code',
      width: 200,
      render: (code: string) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Typography.Text>
      ),
    },
    { key: 'name', title: t('catalog.models.columns.name'), dataIndex: 'name', ellipsis: true },
    {
      key: 'category',
      title: t('catalog.models.columns.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: ProductCategory) => <Tag>{t(`catalog.categories.${c}`)}</Tag>,
    },
    {
      key: 'brand',
      title: t('catalog.models.columns.brand'),
      dataIndex: 'brand',
      width: 100,
      responsive: ['lg'],
      render: (brand: string | null) => brand ?? '—',
    },
    {
      key: 'policy',
      title: t('catalog.models.columns.policy'),
      dataIndex: 'warrantyPolicyId',
      render: (id: string | null) => (
        <PolicyCell policy={id ? policyById.get(id) : undefined} hasId={id !== null} />
      ),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 72,
            align: 'end' as const,
            fixed: 'end' as const,
            render: (_: unknown, model: ProductModel) => (
              <Tooltip title={t('common.edit')}>
                <Button
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('catalog.models.editAria', { code: model.code })}
                  onClick={() => setEditing(model)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  const filtered = q !== undefined || category !== undefined;

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Input.Search
          allowClear
          value={searchText}
          placeholder={t('catalog.models.searchPlaceholder')}
          aria-label={t('catalog.models.searchPlaceholder')}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (e.target.value === '') setFilter('q', undefined);
          }}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 300 }}
          loading={models.isFetching && !models.isFetchingNextPage}
        />
        <Select<ProductCategory>
          allowClear
          placeholder={t('catalog.models.allCategories')}
          aria-label={t('catalog.models.categoryFilter')}
          value={category}
          onChange={(value) => setFilter('category', value)}
          style={{ width: 180 }}
          options={productCategories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
        />
        {canWrite && (
          <Flex flex={1} justify="flex-end">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('catalog.models.create')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Table<ProductModel>
        rowKey="id"
        size="middle"
        data-testid="models-table"
        loading={models.isPending}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 860 }}
        pagination={false}
        locale={{ emptyText: filtered ? t('catalog.models.noMatch') : t('catalog.models.empty') }}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={16}>
          <Typography.Text type="secondary">
            {t('catalog.models.shown', { count: rows.length })}
          </Typography.Text>
          {models.hasNextPage && (
            <Button onClick={() => void models.fetchNextPage()} loading={models.isFetchingNextPage}>
              {t('catalog.models.loadMore')}
            </Button>
          )}
        </Flex>
      )}
      <ProductModelFormModal
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== undefined}
        model={editing === 'new' ? undefined : editing}
        policies={policies.data ?? []}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}

function PolicyCell({ policy, hasId }: { policy: WarrantyPolicy | undefined; hasId: boolean }) {
  const { t } = useTranslation('admin');
  if (!policy)
    return <Typography.Text type="secondary">{hasId ? '…' : t('catalog.models.noPolicy')}</Typography.Text>;
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      <Typography.Text ellipsis={{ tooltip: policy.name }}>{policy.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
        {describePolicy(policy, t)}
      </Typography.Text>
    </Flex>
  );
}
