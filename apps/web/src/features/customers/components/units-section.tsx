import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Customer, Unit } from '@manyi/contracts';
import { Alert, Button, Card, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { useCustomerUnits } from '../api';
import { formatIsoDate } from '../dates';
import { RegisterUnitModal } from './register-unit-modal';
import { WarrantyCheckModal } from './warranty-check-modal';
import { WarrantyTag } from './warranty-tag';

/** The customer's products with today's warranty, a per-unit warranty check, and registering a new one. */
export function UnitsSection({ customer, canWrite }: { customer: Customer; canWrite: boolean }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const lang = currentLanguage();
  const units = useCustomerUnits(customer.id);
  const [registering, setRegistering] = useState(false);
  const [checking, setChecking] = useState<Unit | null>(null);
  const date = (value: string | null) => (value ? formatIsoDate(value, lang) : t('common.none'));

  const columns: TableColumnsType<Unit> = [
    {
      key: 'model',
      title: t('units.model'),
      render: (_, unit) => (
        <Flex vertical>
          <Typography.Text strong>{unit.modelCode}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`category.${unit.category}`)} · {unit.modelName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'serial',
      title: t('units.serial'),
      dataIndex: 'serialNumber',
      render: (serial: string) => <Typography.Text copyable>{serial}</Typography.Text>,
    },
    {
      key: 'dates',
      title: `${t('units.purchaseDate')} / ${t('units.installDate')}`,
      responsive: ['lg'],
      render: (_, unit) => (
        <Flex vertical>
          <span>{date(unit.purchaseDate)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {date(unit.installDate)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'dealer',
      title: t('units.dealer'),
      dataIndex: 'dealer',
      responsive: ['xl'],
      render: (dealer: string | null) => dealer ?? t('common.none'),
    },
    {
      key: 'warranty',
      title: t('units.warranty'),
      render: (_, unit) => (
        <Flex vertical align="flex-start" gap={2}>
          <WarrantyTag warranty={unit.warranty} />
          <Button
            type="link"
            size="small"
            icon={<SafetyCertificateOutlined />}
            aria-label={t('units.checkFor', { serial: unit.serialNumber })}
            onClick={() => setChecking(unit)}
            style={{ paddingInline: 0 }}
          >
            {t('units.check')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t('units.title')}
      data-testid="customer-units"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('units.register')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      {units.isError ? (
        <Alert
          type="error"
          showIcon
          banner
          title={errorText(units.error, tRoot)}
          action={<Button onClick={() => void units.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        <Table<Unit>
          rowKey="id"
          columns={columns}
          dataSource={units.data?.items ?? []}
          loading={units.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: units.isPending ? (
              ' '
            ) : (
              <Empty
                description={
                  <Flex vertical gap={4}>
                    <Typography.Text>{t('units.empty')}</Typography.Text>
                    <Typography.Text type="secondary">{t('units.emptyHint')}</Typography.Text>
                  </Flex>
                }
              >
                {canWrite && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                    {t('units.register')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      )}
      {registering && <RegisterUnitModal customer={customer} onClose={() => setRegistering(false)} />}
      {checking && <WarrantyCheckModal unit={checking} onClose={() => setChecking(null)} />}
    </Card>
  );
}
