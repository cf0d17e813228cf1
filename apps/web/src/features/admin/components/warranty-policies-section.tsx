import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { WarrantyPolicy } from '@manyi/contracts';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { useWarrantyPolicies } from '../api';
import { describePeriod, partLabel } from '../warranty-words';
import { LoadError } from './load-error';
import { WarrantyPolicyFormModal } from './warranty-policy-form-modal';

/** Warranty policies (三包政策): whole-unit months, longer periods for main parts, the date they count from. */
export function WarrantyPoliciesSection({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation('admin');
  const policies = useWarrantyPolicies();
  const [editing, setEditing] = useState<WarrantyPolicy | 'new' | undefined>();
  const lang = currentLanguage();

  if (policies.isError) return <LoadError error={policies.error} onRetry={() => void policies.refetch()} />;

  const columns: TableColumnsType<WarrantyPolicy> = [
    {
      key: 'name',
      title: t('catalog.policies.columns.name'),
      dataIndex: 'name',
      width: 240,
      sorter: (a, b) => a.name.localeCompare(b.name, lang),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'periods',
      title: t('catalog.policies.columns.periods'),
      render: (_, policy) => (
        <Flex gap={4} wrap>
          <Tag color="blue">
            {t('catalog.summary.wholeUnit', { period: describePeriod(policy.wholeUnitMonths, t) })}
          </Tag>
          {policy.parts.map((part) => (
            <Tag key={part.partClass} color="geekblue" variant="outlined">
              {t('catalog.summary.part', {
                part: partLabel(part.partClass, t),
                period: describePeriod(part.months, t),
              })}
            </Tag>
          ))}
          <Tag variant="outlined">{t(`catalog.summary.from.${policy.startsFrom}`)}</Tag>
        </Flex>
      ),
    },
    {
      key: 'notes',
      title: t('catalog.policies.columns.notes'),
      dataIndex: 'notes',
      responsive: ['xl'],
      ellipsis: { showTitle: false },
      render: (notes: string | null) =>
        notes ? (
          <Tooltip title={notes}>
            <Typography.Text type="secondary">{notes}</Typography.Text>
          </Tooltip>
        ) : null,
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 72,
            align: 'end' as const,
            render: (_: unknown, policy: WarrantyPolicy) => (
              <Tooltip title={t('common.edit')}>
                <Button
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('catalog.policies.editAria', { name: policy.name })}
                  onClick={() => setEditing(policy)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Typography.Text type="secondary" style={{ maxWidth: 760 }}>
          {t('catalog.policies.intro')}
        </Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('catalog.policies.create')}
          </Button>
        )}
      </Flex>
      <Table<WarrantyPolicy>
        rowKey="id"
        size="middle"
        data-testid="policies-table"
        loading={policies.isPending}
        columns={columns}
        dataSource={policies.data ?? []}
        pagination={false}
        locale={{ emptyText: t('catalog.policies.empty') }}
      />
      <WarrantyPolicyFormModal
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== undefined}
        policy={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
