import { EnvironmentOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUnit } from '../../api';
import { TierBadge } from '../ticket-badges';
import { useDesk } from './desk-context';

/** Who the work order is for, and the product it is about with its warranty today. */
export function CustomerCard() {
  const { t } = useTranslation('tickets');
  const desk = useDesk();
  const { customer } = desk.ticket;
  const canReadCustomers = desk.user.permissions.includes('customers.read');

  return (
    <Card
      size="small"
      title={t('desk.customer')}
      data-testid="customer-card"
      extra={
        canReadCustomers && (
          <Link to={`/customers/${customer.id}`}>
            {t('desk.openCustomer')} <RightOutlined aria-hidden />
          </Link>
        )
      }
    >
      <Flex vertical gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {customer.name}
          </Typography.Text>
          <TierBadge tier={customer.tier} />
        </Flex>
        <Flex vertical gap={2}>
          <Typography.Text>
            <PhoneOutlined aria-label={t('desk.phone')} style={{ marginInlineEnd: 6, color: '#8c8c8c' }} />
            {customer.primaryPhone ?? <Typography.Text type="secondary">{t('desk.noPhone')}</Typography.Text>}
          </Typography.Text>
          {customer.city && (
            <Typography.Text>
              <EnvironmentOutlined
                aria-label={t('desk.city')}
                style={{ marginInlineEnd: 6, color: '#8c8c8c' }}
              />
              {customer.city}
            </Typography.Text>
          )}
        </Flex>
        {desk.ticket.unitId && canReadCustomers && <UnitDetails unitId={desk.ticket.unitId} />}
      </Flex>
    </Card>
  );
}

function UnitDetails({ unitId }: { unitId: string }) {
  const { t } = useTranslation('tickets');
  const unit = useUnit(unitId, true);
  if (unit.isPending) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  // A refusal or a missing unit is not worth an error on this page: the work order is still workable.
  if (unit.isError || !unit.data)
    return <Typography.Text type="secondary">{t('desk.unitUnavailable')}</Typography.Text>;
  const u = unit.data;
  const w = u.warranty;
  const warranty = w.covered ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      {t('desk.inWarranty')}
      {w.endDate ? ` · ${t('desk.warrantyUntil', { date: w.endDate })}` : ''}
    </Tag>
  ) : w.reason === 'expired' ? (
    <Tag color="error" style={{ marginInlineEnd: 0 }}>
      {t('desk.outOfWarranty')}
      {w.endDate ? ` · ${w.endDate}` : ''}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }}>{t('desk.warrantyUnknown')}</Tag>
  );
  return (
    <Descriptions
      size="small"
      column={1}
      title={
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
          {t('desk.unit')}
        </Typography.Text>
      }
      styles={{ header: { marginBottom: 4 }, label: { whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'model',
          label: t('desk.model'),
          children: (
            <span>
              {u.modelName} <Typography.Text type="secondary">{u.modelCode}</Typography.Text>
            </span>
          ),
        },
        { key: 'serial', label: t('desk.serial'), children: u.serialNumber },
        ...(u.purchaseDate
          ? [{ key: 'purchase', label: t('desk.purchaseDate'), children: u.purchaseDate }]
          : []),
        {
          key: 'warranty',
          label: t('desk.warranty'),
          children: <span data-testid="warranty">{warranty}</span>,
        },
      ]}
    />
  );
}
