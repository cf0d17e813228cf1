import { CopyOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { type PaymentMethod, paymentMethods, type Quote, type QuoteStatus } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { TicketCustodyCard } from '../../custody/components/ticket-custody-card';
import { useDecideQuote, useRecordPayment, useSaveQuote, useSendQuote, useTicketMoney } from '../api';
import { coverageText, type Translate, yuanToFen } from '../money-words';
import { usePartName } from '../part-name';
import { QuoteBuilder } from './quote-builder';
import { QuoteLines } from './quote-lines';

const statusColor: Record<QuoteStatus, string> = {
  draft: 'default',
  sent: 'processing',
  accepted: 'success',
  declined: 'error',
  expired: 'warning',
};

/**
 * Paid work on a work order: quotes (built from the price list, warranty-checked, sent by link or decided on
 * site), the charges that follow an accepted quote, payments and the balance. `compact` lays it out for the
 * technician's phone; the full desk also shows the customer property held for this work order.
 */
export function TicketChargesPanel({ ticketId, compact = false }: { ticketId: string; compact?: boolean }) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const tz = user.tenantTimeZone;
  const money = useTicketMoney(ticketId);
  const save = useSaveQuote(ticketId);
  const [builder, setBuilder] = useState<{ quote: Quote | null } | null>(null);
  const [paying, setPaying] = useState(false);
  const canWrite = user.permissions.includes('tickets.write');
  const fmt = (fen: number) => formatMoney(fen, 'CNY', lang);

  const body = (): ReactNode => {
    if (money.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
    if (money.isError) return <Alert type="error" showIcon message={errorText(money.error, tc)} />;
    const m = money.data;
    return (
      <Flex vertical gap={12}>
        <Flex gap={compact ? 12 : 24} wrap data-testid="money-totals">
          <Statistic title={t('panel.charged')} value={fmt(m.chargedFen)} />
          <Statistic title={t('panel.paid')} value={fmt(m.paidFen)} />
          <Statistic
            title={t('panel.balance')}
            value={fmt(m.balanceFen)}
            valueStyle={m.balanceFen > 0 ? { color: '#d4380d' } : undefined}
          />
        </Flex>
        {m.offers.length > 0 && (
          <Alert
            type="info"
            showIcon
            message={t('panel.offersHint', {
              names: m.offers.map((o) => `${o.name} ${fmt(o.priceFen)}`).join('、'),
            })}
            action={
              canWrite && (
                <Button
                  size="small"
                  loading={save.isPending}
                  data-testid="quote-from-offers"
                  onClick={async () => {
                    try {
                      await save.mutateAsync({ draft: { lines: [], fromOffers: true } });
                      void message.success(t('panel.saved'));
                    } catch (e) {
                      void message.error(errorText(e, tc));
                    }
                  }}
                >
                  {t('panel.fromOffers', { count: m.offers.length })}
                </Button>
              )
            }
          />
        )}
        {m.quotes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.noQuotes')} />
        ) : (
          m.quotes.map((q) => (
            <QuoteCard
              key={q.id}
              ticketId={ticketId}
              quote={q}
              canWrite={canWrite}
              onEdit={() => setBuilder({ quote: q })}
            />
          ))
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('panel.charges')}
        </Typography.Title>
        <ChargesList ticketId={ticketId} compact={compact} />
        <Flex justify="space-between" align="center">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('panel.payments')}
          </Typography.Title>
          {canWrite && m.balanceFen > 0 && (
            <Button size="small" onClick={() => setPaying(true)} data-testid="record-payment">
              {t('panel.recordPayment')}
            </Button>
          )}
        </Flex>
        {m.payments.length === 0 ? (
          <Typography.Text type="secondary">{t('panel.noPayments')}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={m.payments}
            columns={[
              { title: t('panel.method'), key: 'm', render: (_, p) => t(`method.${p.method}`) },
              { title: t('panel.amount'), key: 'a', align: 'right', render: (_, p) => fmt(p.amountFen) },
              ...(compact
                ? []
                : [
                    {
                      title: t('panel.reference'),
                      key: 'r',
                      render: (_: unknown, p: { reference: string | null }) => p.reference ?? '—',
                    },
                    {
                      title: t('panel.receivedAt'),
                      key: 't',
                      render: (_: unknown, p: { receivedAt: string }) =>
                        formatDateTime(p.receivedAt, lang, tz),
                    },
                  ]),
            ]}
          />
        )}
        {paying && (
          <PaymentModal ticketId={ticketId} balanceFen={m.balanceFen} onClose={() => setPaying(false)} />
        )}
      </Flex>
    );
  };

  return (
    <>
      <Card
        size="small"
        title={t('panel.title')}
        data-testid="ticket-charges-panel"
        extra={
          canWrite && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setBuilder({ quote: null })}
              data-testid="new-quote"
            >
              {t('panel.newQuote')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('panel.hint')}
        </Typography.Paragraph>
        {body()}
        {builder && (
          <QuoteBuilder
            ticketId={ticketId}
            quote={builder.quote}
            open
            compact={compact}
            onClose={() => setBuilder(null)}
          />
        )}
      </Card>
      {!compact && user.permissions.includes('custody.manage') && <TicketCustodyCard ticketId={ticketId} />}
    </>
  );
}

function QuoteCard({
  ticketId,
  quote: q,
  canWrite,
  onEdit,
}: {
  ticketId: string;
  quote: Quote;
  canWrite: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const send = useSendQuote(ticketId);
  const [link, setLink] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<'accepted' | 'declined' | null>(null);
  const pending = q.status === 'draft' || q.status === 'sent';
  const date = (iso: string) => formatDateTime(iso, lang, user.tenantTimeZone);

  return (
    <Card
      size="small"
      type="inner"
      data-testid="quote-card"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('panel.quote')}</span>
          <Tag color={statusColor[q.status]} data-testid="quote-status">
            {t(`status.${q.status}`)}
          </Tag>
        </Flex>
      }
      extra={
        <Typography.Text strong data-testid="quote-total">
          {formatMoney(q.totalFen, q.currency, lang)}
        </Typography.Text>
      }
    >
      {/* The desk's side column is narrow too: lines read best as a list everywhere. */}
      <QuoteLines lines={q.lines} currency={q.currency} compact />
      {q.note && <Typography.Paragraph style={{ marginTop: 8 }}>{q.note}</Typography.Paragraph>}
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {pending
            ? t('panel.validUntil', { date: date(q.validUntil) })
            : t('panel.createdAt', { date: date(q.createdAt) })}
        </Typography.Text>
        {q.decidedAt && q.decidedByName && (
          <Typography.Text style={{ fontSize: 12 }}>
            {t('panel.decided', {
              name: q.decidedByName,
              date: date(q.decidedAt),
              decision: t(`status.${q.status}`),
            })}
            {q.decidedVia === 'link' ? t('panel.viaLink') : t('panel.viaOnSite')}
            {q.declineReason ? ` — ${q.declineReason}` : ''}
          </Typography.Text>
        )}
      </Flex>
      {canWrite && pending && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {q.status === 'draft' && <Button onClick={onEdit}>{t('panel.editDraft')}</Button>}
          <Button
            icon={<SendOutlined />}
            loading={send.isPending}
            data-testid="send-quote"
            onClick={async () => {
              try {
                const r = await send.mutateAsync({ id: q.id, version: q.version });
                setLink(`${window.location.origin}${r.link.path}`);
              } catch (e) {
                void message.error(errorText(e, tc));
              }
            }}
          >
            {q.status === 'sent' ? t('panel.resend') : t('panel.send')}
          </Button>
          <Button type="primary" onClick={() => setDeciding('accepted')} data-testid="accept-on-site">
            {t('panel.acceptOnSite')}
          </Button>
          <Button danger onClick={() => setDeciding('declined')}>
            {t('panel.declineOnSite')}
          </Button>
        </Flex>
      )}
      {link && (
        <Modal open title={t('panel.linkReady')} footer={null} onCancel={() => setLink(null)}>
          <Typography.Paragraph type="secondary">{t('panel.linkHint')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ icon: <CopyOutlined />, text: link }} data-testid="quote-link">
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {link}
            </Typography.Text>
          </Typography.Paragraph>
        </Modal>
      )}
      {deciding && (
        <DecisionModal ticketId={ticketId} quote={q} decision={deciding} onClose={() => setDeciding(null)} />
      )}
    </Card>
  );
}

function DecisionModal({
  ticketId,
  quote,
  decision,
  onClose,
}: {
  ticketId: string;
  quote: Quote;
  decision: 'accepted' | 'declined';
  onClose: () => void;
}) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const decide = useDecideQuote(ticketId);
  const [form] = Form.useForm<{ customerName: string; reason?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      title={decision === 'accepted' ? t('panel.acceptOnSite') : t('panel.declineOnSite')}
      onCancel={onClose}
      okButtonProps={{ danger: decision === 'declined' }}
      confirmLoading={decide.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await decide.mutateAsync({ id: quote.id, version: quote.version, decision, ...v });
          onClose();
        } catch (e) {
          setProblem(errorText(e, tc));
        }
      }}
      destroyOnHidden
    >
      {decision === 'accepted' && <Typography.Paragraph>{t('panel.confirmAccept')}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="customerName"
          label={t('panel.customerName')}
          rules={[{ required: true, whitespace: true, message: t('panel.customerNameRequired') }]}
        >
          <Input maxLength={60} data-testid="decision-customer-name" />
        </Form.Item>
        {decision === 'declined' && (
          <Form.Item name="reason" label={t('panel.declineReason')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Modal>
  );
}

function ChargesList({ ticketId, compact }: { ticketId: string; compact: boolean }) {
  const { t } = useTranslation('quotes');
  const partLabel = usePartName();
  const lang = currentLanguage();
  const money = useTicketMoney(ticketId);
  const charges = money.data?.charges ?? [];
  if (charges.length === 0) return <Typography.Text type="secondary">{t('panel.noCharges')}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={charges}
      data-testid="charges-table"
      columns={[
        {
          title: t('lines.item'),
          key: 'd',
          render: (_, c) => (
            <>
              {c.description}
              {c.quantity > 1 ? ` × ${c.quantity}` : ''}
              {c.coverage && (
                <div>
                  <Tag color="green" style={{ whiteSpace: 'normal' }}>
                    {coverageText(c.coverage, t as unknown as Translate, partLabel, !compact)}
                  </Tag>
                </div>
              )}
            </>
          ),
        },
        {
          title: t('lines.amount'),
          key: 'a',
          align: 'right',
          width: 110,
          render: (_, c) => formatMoney(c.amountFen, c.currency, lang),
        },
      ]}
    />
  );
}

function PaymentModal({
  ticketId,
  balanceFen,
  onClose,
}: {
  ticketId: string;
  balanceFen: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordPayment(ticketId);
  const [key] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ method: PaymentMethod; amount: string; reference?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('panel.recordPayment')}
      onCancel={onClose}
      confirmLoading={record.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await record.mutateAsync({
            method: v.method,
            amountFen: yuanToFen(v.amount)!,
            reference: v.reference?.trim() || null,
            key,
          });
          void message.success(t('panel.paymentSaved'));
          onClose();
        } catch (e) {
          setProblem(errorText(e, tc));
        }
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ method: 'wechat', amount: (balanceFen / 100).toFixed(2) }}
      >
        <Form.Item name="method" label={t('panel.method')} rules={[{ required: true }]}>
          <Select options={paymentMethods.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('panel.amount')}
          rules={[
            {
              validator: (_, v) => {
                const fen = yuanToFen(v);
                return fen !== null && fen > 0 && fen <= balanceFen
                  ? Promise.resolve()
                  : Promise.reject(new Error(`≤ ${(balanceFen / 100).toFixed(2)}`));
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="reference" label={t('panel.reference')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Modal>
  );
}
