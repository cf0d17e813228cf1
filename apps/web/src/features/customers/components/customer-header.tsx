import {
  CheckCircleFilled,
  CloseCircleOutlined,
  EditOutlined,
  FileAddOutlined,
  RollbackOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import type { Customer } from '@manyi/contracts';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, formatMoney, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useReactivateCustomer } from '../api';
import { useConflictReload } from '../use-conflict-reload';
import { ChurnModal } from './churn-modal';
import { EditCustomerModal } from './edit-customer-modal';
import { TierTag, vipColors } from './tier-tag';

function ConsentTag({ on, label }: { on: boolean; label: string }) {
  return (
    <Tag
      color={on ? 'success' : undefined}
      icon={on ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />}
    >
      <span>{label}</span>
      <span style={visuallyHidden}>{on ? ' ✓' : ' ✗'}</span>
    </Tag>
  );
}

/** Who the customer is at a glance: name, tier, value, status (and why they left), consent; the main actions. */
export function CustomerHeader({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const canWrite = user.permissions.includes('customers.write');
  const canOpenTicket = user.permissions.includes('tickets.write');
  const [editing, setEditing] = useState(false);
  const [churning, setChurning] = useState(false);
  const reactivate = useReactivateCustomer(customer.id);
  const onConflict = useConflictReload(customer.id);
  const churned = customer.status === 'churned';
  const vip = customer.tier === 'vip';

  return (
    <Card
      data-testid="customer-header"
      style={vip ? { borderColor: vipColors.red, borderWidth: 2, background: vipColors.paleGold } : undefined}
    >
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {customer.name}
            </Typography.Title>
            <TierTag tier={customer.tier} large />
            {vip && (
              <Typography.Text strong style={{ color: vipColors.red }}>
                {t('tier.vipHint')}
              </Typography.Text>
            )}
            {churned ? (
              <Tag color="red">{t('status.churned')}</Tag>
            ) : (
              <Tag color="green">{t('status.active')}</Tag>
            )}
            <Tag>{t(`kind.${customer.kind}`)}</Tag>
          </Flex>
          {customer.companyName && customer.companyName !== customer.name && (
            <Typography.Text type="secondary">{customer.companyName}</Typography.Text>
          )}
        </Flex>
        <Space wrap>
          {canOpenTicket && !churned && (
            <Link to={`/intake?customerId=${customer.id}`}>
              <Button type="primary" icon={<FileAddOutlined />}>
                {t('detail.newTicket')}
              </Button>
            </Link>
          )}
          {canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('detail.edit')}
            </Button>
          )}
          {canWrite && !churned && (
            <Button danger icon={<UserDeleteOutlined />} onClick={() => setChurning(true)}>
              {t('detail.churn')}
            </Button>
          )}
          {canWrite && churned && (
            <Popconfirm
              title={t('detail.reactivateConfirm')}
              okText={t('detail.reactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                reactivate.mutateAsync({ version: customer.version }).then(
                  () => void message.success(t('detail.reactivated')),
                  (error: unknown) => {
                    if (!onConflict(error)) void message.error(errorText(error, tRoot));
                  },
                )
              }
            >
              <Button icon={<RollbackOutlined />} loading={reactivate.isPending}>
                {t('detail.reactivate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>

      {churned && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('detail.churnedBanner', {
            date: customer.churnedAt ? formatDateTime(customer.churnedAt, lang, timeZone) : t('common.none'),
          })}
          description={
            customer.churnReason ? t('detail.churnReason', { reason: customer.churnReason }) : null
          }
        />
      )}

      <Descriptions
        size="small"
        style={{ marginTop: 16 }}
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'value',
            label: t('detail.value'),
            children: <span data-testid="customer-value">{formatMoney(customer.valueFen, 'CNY', lang)}</span>,
          },
          { key: 'email', label: t('detail.email'), children: customer.email ?? t('common.none') },
          {
            key: 'created',
            label: t('detail.createdAt'),
            children: formatDateTime(customer.createdAt, lang, timeZone),
          },
          {
            key: 'consent',
            label: t('detail.consent'),
            span: { xs: 1, sm: 2, lg: 3 },
            children: (
              <Flex gap={4} wrap>
                <ConsentTag on={customer.consent.serviceCalls} label={t('detail.consentServiceCalls')} />
                <ConsentTag on={customer.consent.surveys} label={t('detail.consentSurveys')} />
                <ConsentTag on={customer.consent.marketing} label={t('detail.consentMarketing')} />
              </Flex>
            ),
          },
          ...(customer.notes
            ? [
                {
                  key: 'notes',
                  label: t('detail.notes'),
                  span: { xs: 1, sm: 2, lg: 3 },
                  children: (
                    <Typography.Paragraph style={{ margin: 0 }}>{customer.notes}</Typography.Paragraph>
                  ),
                },
              ]
            : []),
        ]}
      />

      {editing && <EditCustomerModal customer={customer} onClose={() => setEditing(false)} />}
      {churning && <ChurnModal customer={customer} onClose={() => setChurning(false)} />}
    </Card>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
