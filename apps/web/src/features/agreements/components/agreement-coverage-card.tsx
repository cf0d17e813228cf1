import { CopyOutlined, FileProtectOutlined } from '@ant-design/icons';
import type { Agreement, TicketPriority, TicketType } from '@manyi/contracts';
import { Alert, App, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { type AgreementCoverage, useCoverage } from '../api';
import { durationText } from '../words';
import { AgreementLinkButton } from './agreement-link-button';

/**
 * What the agent sees at intake (and can read or send to the customer before service starts): which agreement
 * covers this customer and product, what it includes, excludes and offers for a fee, how fast we promise to
 * act for this kind of work order, and — when a service is named — what that service means under it.
 * For the intake page to mount (GET /api/v1/agreements/coverage).
 */
export function AgreementCoverageCard({
  customerId,
  unitId,
  ticketType,
  priority,
  service,
}: {
  customerId: string;
  unitId?: string;
  ticketType?: TicketType;
  priority?: TicketPriority;
  service?: string;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const coverage = useCoverage({ customerId, unitId, ticketType, priority, service });
  const lang = currentLanguage();

  if (coverage.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (coverage.isError && !coverage.data)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('coverageCard.loadFailed')}
        description={errorText(coverage.error, tc)}
        action={
          <Button size="small" onClick={() => void coverage.refetch()}>
            {tc('errors.retry')}
          </Button>
        }
      />
    );
  const { agreement, targets } = coverage.data;
  if (!agreement)
    return (
      <Alert type="info" showIcon title={t('coverageCard.none')} description={t('coverageCard.noneHint')} />
    );

  const price = (fen: number | null | undefined) => (fen == null ? '' : formatMoney(fen, 'CNY', lang));
  const promises = targets.map((x) =>
    t('coverageCard.promiseItem', {
      metric: t(`metric.${x.metric}`),
      duration: durationText(x.promiseMinutes, t),
    }),
  );
  const serviceLine = serviceText(coverage.data, agreement, t, price);

  const copy = async () => {
    const sep = t('common.listSeparator');
    const lines = [
      `${t('coverageCard.title')}：${agreement.name}`,
      agreement.description ?? '',
      `${t('coverageCard.included')}：${agreement.included.map((s) => s.name).join(sep) || t('common.none')}`,
      `${t('coverageCard.excluded')}：${agreement.excluded.map((s) => s.name).join(sep) || t('common.none')}`,
      `${t('coverageCard.paid')}：${agreement.paid.map((s) => `${s.name} ${price(s.priceFen)}`).join(sep) || t('common.none')}`,
      promises.length ? `${t('coverageCard.promises')}：${promises.join(sep)}` : '',
    ].filter(Boolean);
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      void message.success(t('coverageCard.copied'));
    } catch {
      void message.error(t('coverageCard.copyFailed'));
    }
  };

  return (
    <Card
      size="small"
      data-testid="agreement-coverage"
      title={
        <Flex align="center" gap={6}>
          <FileProtectOutlined aria-hidden />
          {t('coverageCard.title')}：{agreement.name}
        </Flex>
      }
      extra={
        <Flex gap={6} wrap justify="end">
          <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('coverageCard.copy')}
          </Button>
          <AgreementLinkButton customerId={customerId} />
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        {serviceLine && <Alert type={serviceLine.type} showIcon title={serviceLine.text} />}
        {agreement.description && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {agreement.description}
          </Typography.Text>
        )}
        <ServiceTags
          label={t('coverageCard.included')}
          color="green"
          names={agreement.included.map((s) => s.name)}
        />
        <ServiceTags
          label={t('coverageCard.excluded')}
          color="default"
          names={agreement.excluded.map((s) => s.name)}
        />
        <ServiceTags
          label={t('coverageCard.paid')}
          color="gold"
          names={agreement.paid.map((s) => `${s.name} ${price(s.priceFen)}`)}
        />
        <Typography.Text style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">{t('coverageCard.promises')}：</Typography.Text>
          {promises.length ? promises.join(t('common.listSeparator')) : t('coverageCard.noTargets')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function ServiceTags({ label, color, names }: { label: string; color: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <Flex gap={6} align="baseline" wrap>
      <Typography.Text type="secondary" style={{ fontSize: 13, flex: 'none' }}>
        {label}：
      </Typography.Text>
      {names.map((name) => (
        <Tag key={name} color={color} style={{ marginInlineEnd: 0 }}>
          {name}
        </Tag>
      ))}
    </Flex>
  );
}

function serviceText(
  coverage: AgreementCoverage,
  agreement: Agreement,
  t: ReturnType<typeof useTranslation<'agreements'>>['t'],
  price: (fen: number | null | undefined) => string,
): { type: 'success' | 'warning' | 'info' | 'error'; text: string } | null {
  const s = coverage.service;
  if (!s) return null;
  const all = [...agreement.included, ...agreement.paid, ...agreement.excluded];
  const name = all.find((x) => x.code === s.code)?.name ?? s.code;
  const type = { included: 'success', paid: 'warning', excluded: 'info', not_offered: 'error' } as const;
  return {
    type: type[s.status],
    text: t(`coverageCard.service.${s.status}`, { name, price: price(s.priceFen) }),
  };
}
