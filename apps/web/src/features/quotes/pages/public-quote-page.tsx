import { Alert, App, Button, Divider, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { PublicPage } from '../../../shared/ui/public-page';
import { usePublicDecision, usePublicQuote } from '../api';
import { QuoteLines } from '../components/quote-lines';

/** The customer's quote by signed link: lines, what is free and why, the total and validity; accept or decline once. */
export function PublicQuotePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const page = usePublicQuote(token);
  const decide = usePublicDecision(token);
  const lang = currentLanguage();
  const [form] = Form.useForm<{ customerName: string; reason?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const { modal } = App.useApp();

  if (page.isPending)
    return (
      <PublicPage title={t('public.title')}>
        <Skeleton active />
      </PublicPage>
    );
  if (page.isError)
    return (
      <PublicPage title={t('public.title')}>
        <Result status="warning" subTitle={errorText(page.error, tc)} data-testid="public-quote-error" />
      </PublicPage>
    );
  const q = page.data;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    }).format(new Date(iso));
  const money = (fen: number) => formatMoney(fen, q.currency, lang);

  const submit = async (decision: 'accepted' | 'declined') => {
    const v = await form.validateFields();
    modal.confirm({
      title: decision === 'accepted' ? t('public.confirmAccept') : t('public.confirmDecline'),
      okButtonProps: { danger: decision === 'declined' },
      onOk: async () => {
        try {
          setProblem(null);
          await decide.mutateAsync({
            decision,
            customerName: v.customerName,
            ...(decision === 'declined' && v.reason ? { reason: v.reason } : {}),
          });
        } catch (e) {
          setProblem(errorText(e, tc));
        }
      },
    });
  };

  return (
    <PublicPage title={t('public.title')} tenantName={q.tenantName}>
      <Flex vertical gap={12} data-testid="public-quote">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('public.intro', { name: q.customerName, number: q.ticketNumber })}
        </Typography.Paragraph>
        {q.productName && (
          <Typography.Text type="secondary">{t('public.product', { name: q.productName })}</Typography.Text>
        )}
        <QuoteLines lines={q.lines} currency={q.currency} compact />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('public.freeNote')}
        </Typography.Text>
        {q.note && <Alert type="info" message={q.note} />}
        <Divider style={{ margin: '4px 0' }} />
        {q.listTotalFen !== q.totalFen && (
          <Flex justify="space-between">
            <Typography.Text type="secondary">{t('public.listTotal')}</Typography.Text>
            <Typography.Text delete type="secondary">
              {money(q.listTotalFen)}
            </Typography.Text>
          </Flex>
        )}
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong>{t('public.total')}</Typography.Text>
          <Typography.Title
            level={3}
            style={{ margin: 0, color: '#d4380d' }}
            data-testid="public-quote-total"
          >
            {money(q.totalFen)}
          </Typography.Title>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('public.validUntil', { date: date(q.validUntil) })}
        </Typography.Text>
        {q.status === 'accepted' || q.status === 'declined' ? (
          <Result
            status={q.status === 'accepted' ? 'success' : 'info'}
            title={q.status === 'accepted' ? t('public.accepted') : t('public.declined')}
            subTitle={
              <>
                {q.decidedByName && q.decidedAt
                  ? t('public.decidedBy', { name: q.decidedByName, date: date(q.decidedAt) })
                  : null}
                {q.status === 'accepted' && <div>{t('public.thanks')}</div>}
              </>
            }
            data-testid="public-quote-decided"
          />
        ) : q.status === 'expired' ? (
          <Alert type="warning" showIcon message={t('public.expired')} />
        ) : q.canDecide ? (
          <Form form={form} layout="vertical" requiredMark={false}>
            <Form.Item
              name="customerName"
              label={t('public.yourName')}
              rules={[{ required: true, whitespace: true, message: t('public.nameRequired') }]}
            >
              <Input size="large" maxLength={60} autoComplete="name" data-testid="public-quote-name" />
            </Form.Item>
            <Form.Item name="reason" label={t('public.reason')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Flex vertical gap={8}>
              <Button
                type="primary"
                size="large"
                block
                loading={decide.isPending}
                onClick={() => void submit('accepted')}
                data-testid="public-quote-accept"
              >
                {t('public.accept')}
              </Button>
              <Button size="large" block danger onClick={() => void submit('declined')}>
                {t('public.decline')}
              </Button>
            </Flex>
          </Form>
        ) : (
          <Alert type="info" showIcon message={t('public.used')} />
        )}
        {problem && <Alert type="error" showIcon message={problem} />}
      </Flex>
    </PublicPage>
  );
}
