import { commitmentMetrics, type PublicAgreement } from '@manyi/contracts';
import { Descriptions, Divider, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { PublicPage } from '../../../shared/ui/public-page';
import { usePublicAgreement } from '../api';
import { type PromiseRow, publicPromiseRows, serviceHoursLines } from '../public-agreement';
import { durationText } from '../words';

/** The customer's own agreement, by signed link: what we do, what we do not, what costs extra, and how fast. */
export function PublicAgreementPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const page = usePublicAgreement(token);
  const lang = currentLanguage();

  if (page.isPending)
    return (
      <PublicPage title={t('publicPage.title')}>
        <Skeleton active />
      </PublicPage>
    );
  if (page.isError)
    return (
      <PublicPage title={t('publicPage.title')}>
        <Result status="warning" subTitle={errorText(page.error, tc)} data-testid="public-agreement-error" />
      </PublicPage>
    );
  const p = page.data;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(
      new Date(iso.length === 10 ? `${iso}T12:00:00` : iso),
    );
  return (
    <PublicPage title={p.agreement?.name ?? t('publicPage.title')} tenantName={p.tenantName}>
      <Flex vertical gap={16} data-testid="public-agreement">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('publicPage.intro', { name: p.customerName })}
        </Typography.Paragraph>
        {p.agreement ? (
          <AgreementBody a={p.agreement} date={date} />
        ) : (
          <Result status="info" subTitle={t('publicPage.none')} />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('publicPage.linkExpires', { date: date(p.linkExpiresAt) })}
        </Typography.Text>
      </Flex>
    </PublicPage>
  );
}

function AgreementBody({
  a,
  date,
}: {
  a: NonNullable<PublicAgreement['agreement']>;
  date: (iso: string) => string;
}) {
  const { t } = useTranslation('agreements');
  const lang = currentLanguage();
  const validity =
    a.validFrom && a.validTo
      ? t('publicPage.validRange', { from: date(a.validFrom), to: date(a.validTo) })
      : a.validFrom
        ? t('publicPage.validFrom', { from: date(a.validFrom) })
        : a.validTo
          ? t('publicPage.validTo', { to: date(a.validTo) })
          : t('publicPage.validAlways');
  const rows = publicPromiseRows(a.promises);
  const metrics = commitmentMetrics.filter((m) => rows.some((r) => r.minutes[m] !== undefined));
  return (
    <>
      {a.description && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {a.description}
        </Typography.Paragraph>
      )}
      <Section title={t('publicPage.included')} testId="public-included">
        <Names items={a.included.map((s) => s.name)} color="green" />
      </Section>
      <Section title={t('publicPage.paid')} testId="public-paid">
        {a.paid.length === 0 ? (
          <Typography.Text type="secondary">{t('publicPage.nothing')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {a.paid.map((s) => (
              <Flex key={s.name} justify="space-between" gap={12}>
                <Typography.Text>{s.name}</Typography.Text>
                <Typography.Text strong>{formatMoney(s.priceFen, 'CNY', lang)}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Section>
      <Section title={t('publicPage.excluded')} testId="public-excluded">
        <Names items={a.excluded.map((s) => s.name)} />
      </Section>
      <Divider style={{ margin: '4px 0' }} />
      <Section title={t('publicPage.promises')} testId="public-promises">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('publicPage.promisesHint')}
        </Typography.Paragraph>
        <Table<PromiseRow>
          size="small"
          pagination={false}
          rowKey="ticketType"
          dataSource={rows}
          tableLayout="auto"
          columns={[
            {
              key: 'type',
              title: t('publicPage.type'),
              render: (_, r) => t(`type.${r.ticketType}`),
            },
            ...metrics.map((m) => ({
              key: m,
              title: t(`metric.${m}`),
              render: (_: unknown, r: PromiseRow) =>
                r.minutes[m] === undefined ? '—' : durationText(r.minutes[m], t),
            })),
          ]}
        />
      </Section>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'hours',
            label: t('publicPage.serviceHours'),
            children: (
              <Flex vertical>
                {serviceHoursLines(a.serviceHours, t).map((line) => (
                  <span key={line}>{line}</span>
                ))}
              </Flex>
            ),
          },
          { key: 'valid', label: t('publicPage.valid'), children: validity },
        ]}
      />
    </>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Names({ items, color }: { items: string[]; color?: string }) {
  const { t } = useTranslation('agreements');
  if (items.length === 0)
    return <Typography.Text type="secondary">{t('publicPage.nothing')}</Typography.Text>;
  return (
    <Flex gap={6} wrap>
      {items.map((name) => (
        <Tag key={name} color={color} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {name}
        </Tag>
      ))}
    </Flex>
  );
}
