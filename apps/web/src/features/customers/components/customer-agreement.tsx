import type { Agreement } from '@manyi/contracts';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { AgreementLinkButton } from '../../agreements/components/agreement-link-button';
import { useAgreementCoverage } from '../api';
import { formatIsoDate } from '../dates';
import { useWorkMinutes } from '../work-minutes';
import { ExplainedEmpty } from './future-empty';

type Target = Agreement['targets'][number];
type Service = Agreement['included'][number];

function ServiceList({
  title,
  services,
  color,
  priced = false,
}: {
  title: string;
  services: Service[];
  color?: string;
  priced?: boolean;
}) {
  const { t } = useTranslation('customers');
  const lang = currentLanguage();
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {services.length === 0 ? (
        <Typography.Text type="secondary">{t('agreement.noServices')}</Typography.Text>
      ) : (
        <Flex gap={6} wrap>
          {services.map((service) => (
            <Tag key={service.code} color={color}>
              {service.name}
              {priced && service.priceFen !== undefined
                ? ` · ${formatMoney(service.priceFen, 'CNY', lang)}`
                : ''}
            </Tag>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** The agreement that covers this customer: what it includes, excludes and sells, and what it promises. */
export function CustomerAgreement({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const lang = currentLanguage();
  const workMinutes = useWorkMinutes();
  const coverage = useAgreementCoverage({ customerId });

  if (coverage.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (coverage.isError) {
    // An API without agreements yet: say what will appear here rather than show an error.
    if (isApiError(coverage.error, 'ROUTE_NOT_FOUND'))
      return <ExplainedEmpty title={t('future.agreementsTitle')} body={t('future.agreementsBody')} />;
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(coverage.error, tRoot)}
        action={<Button onClick={() => void coverage.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const agreement = coverage.data.agreement;
  if (!agreement) return <ExplainedEmpty title={t('agreement.noneTitle')} body={t('agreement.noneBody')} />;

  const from = agreement.validFrom ? formatIsoDate(agreement.validFrom, lang) : null;
  const to = agreement.validTo ? formatIsoDate(agreement.validTo, lang) : null;
  const validity =
    from && to
      ? t('agreement.validRange', { from, to })
      : from
        ? t('agreement.validFrom', { from })
        : to
          ? t('agreement.validTo', { to })
          : t('agreement.validAlways');

  return (
    <Flex vertical gap={16} data-testid="customer-agreement">
      <div>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {agreement.name}
          </Typography.Title>
          {/* Agreements: a signed link to the customer's own agreement page. */}
          <AgreementLinkButton customerId={customerId} />
        </Flex>
        {agreement.description && (
          <Typography.Paragraph type="secondary">{agreement.description}</Typography.Paragraph>
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'code', label: t('agreement.code'), children: agreement.code },
            { key: 'valid', label: t('agreement.valid'), children: validity },
          ]}
        />
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <ServiceList title={t('agreement.included')} services={agreement.included} color="green" />
        </Col>
        <Col xs={24} md={8}>
          <ServiceList title={t('agreement.excluded')} services={agreement.excluded} />
        </Col>
        <Col xs={24} md={8}>
          <ServiceList title={t('agreement.paid')} services={agreement.paid} color="gold" priced />
        </Col>
      </Row>
      <div>
        <Typography.Text strong>{t('agreement.targets')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('agreement.targetsHint')}
        </Typography.Paragraph>
        <Table<Target>
          size="small"
          pagination={false}
          rowKey={(row) => `${row.ticketType}-${row.priority}-${row.metric}`}
          dataSource={agreement.targets}
          locale={{ emptyText: t('agreement.noTargets') }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'type',
              title: t('agreement.type'),
              render: (_, row) => t(`ticketType.${row.ticketType}`),
            },
            {
              key: 'priority',
              title: t('agreement.priority'),
              render: (_, row) => t(`priority.${row.priority}`),
            },
            {
              key: 'metric',
              title: t('agreement.metricLabel'),
              render: (_, row) => t(`agreement.metric.${row.metric}`),
            },
            {
              key: 'promise',
              title: t('agreement.promise'),
              render: (_, row) => workMinutes(row.promiseMinutes),
            },
            {
              key: 'internal',
              title: t('agreement.internal'),
              render: (_, row) => workMinutes(row.internalMinutes),
            },
          ]}
        />
      </div>
    </Flex>
  );
}
