import { CopyOutlined, PhoneOutlined } from '@ant-design/icons';
import type { Followup, FollowupDetail, SurveyLink } from '@manyi/contracts';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Rate,
  Row,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import {
  type FollowupView,
  useFollowup,
  useFollowups,
  useLogAttempt,
  useMarkLinkSent,
  useRecordOutcome,
} from '../api';

const views: FollowupView[] = ['due', 'upcoming', 'mine', 'unreachable', 'done'];

/** The agent's follow-up worklist: due calls on the left, the call (script, attempts, outcome) on the right. */
export function FollowupsPage() {
  const { t } = useTranslation('followups');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const [params, setParams] = useSearchParams();
  const view = (views.find((v) => v === params.get('view')) ?? 'due') as FollowupView;
  const selected = params.get('id');
  const list = useFollowups(view);
  const counts = list.data?.counts;
  const select = (id: string) => setParams({ view, id }, { replace: true });

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Segmented
        value={view}
        onChange={(v) => setParams({ view: String(v) }, { replace: true })}
        options={views.map((v) => ({
          value: v,
          label: (
            <Space size={4}>
              {t(`views.${v}`)}
              {counts && v in counts && (
                <Badge
                  count={counts[v as keyof typeof counts]}
                  showZero
                  size="small"
                  color={v === 'due' ? '#fa541c' : '#8c8c8c'}
                />
              )}
            </Space>
          ),
        }))}
        style={{ marginBottom: 16 }}
        data-testid="followup-views"
      />
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          {list.isError && <Alert type="error" message={errorText(list.error, tc)} />}
          <Table<Followup>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            tableLayout="fixed"
            scroll={{ y: 'calc(100vh - 300px)' }}
            locale={{ emptyText: <Empty description={t('empty')} /> }}
            onRow={(r) => ({ onClick: () => select(r.id), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
            data-testid="followup-list"
            columns={[
              {
                title: t('columns.customer'),
                width: '32%',
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Space size={4}>
                      <Typography.Text strong>{r.customerName}</Typography.Text>
                      {(r.customerTier === 'vip' || r.customerTier === 'gold') && <Tag color="gold">VIP</Tag>}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.phone}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('columns.subject'),
                render: (_, r) => (
                  <div style={{ minWidth: 0 }}>
                    <Tag
                      color={r.reason === 'complaint' ? 'red' : r.reason === 'campaign' ? 'blue' : 'default'}
                    >
                      {t(`reasons.${r.reason}`)}
                    </Tag>
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12, display: 'block' }}
                      ellipsis={{ tooltip: true }}
                    >
                      {r.campaignName ?? r.ticketNumber ?? ''} {r.productName ?? r.ticketSubject ?? ''}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('columns.due'),
                width: 170,
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <span>{formatDateTime(r.dueAt, lang, user.tenantTimeZone)}</span>
                    {r.attemptCount > 0 && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('columns.attempts')} {r.attemptCount}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={13}>
          {selected ? (
            <FollowupCall id={selected} />
          ) : (
            <Empty description={t('pick')} style={{ marginTop: 48 }} />
          )}
        </Col>
      </Row>
    </div>
  );
}

function FollowupCall({ id }: { id: string }) {
  const { t } = useTranslation('followups');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const q = useFollowup(id);
  const attempt = useLogAttempt();
  const outcome = useRecordOutcome();
  const markSent = useMarkLinkSent();
  const [link, setLink] = useState<SurveyLink | null>(null);
  const [newTicketId, setNewTicketId] = useState<string | null>(null);
  const [form] = Form.useForm<{
    problemResolved: boolean;
    satisfaction: number;
    newIssue: boolean;
    newIssueDescription?: string;
    note?: string;
  }>();
  const newIssue = Form.useWatch('newIssue', form);

  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" message={errorText(q.error, tc)} />;
  const f: FollowupDetail = q.data;
  const open = f.status === 'open';
  const onConflict = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT')) {
      message.warning(t('conflict'));
      void q.refetch();
    } else message.error(errorText(e, tc));
  };

  return (
    <Flex vertical gap={12} data-testid="followup-call">
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          title={
            <Space>
              {f.customerName}
              <Tag>{t(`reasons.${f.reason}`)}</Tag>
              <Tag color={open ? 'processing' : f.status === 'done' ? 'success' : 'warning'}>
                {t(`status.${f.status}`)}
              </Tag>
            </Space>
          }
          items={[
            {
              key: 'phone',
              label: t('phone'),
              children: f.phone ? <a href={`tel:${f.phone}`}>{f.phone}</a> : '—',
            },
            { key: 'product', label: t('product'), children: f.productName ?? '—' },
            ...(f.ticketId
              ? [
                  {
                    key: 'ticket',
                    label: t('ticket'),
                    children: <Link to={`/tickets/${f.ticketId}`}>{f.ticketNumber}</Link>,
                  },
                ]
              : []),
            ...(f.campaignName ? [{ key: 'campaign', label: t('campaign'), children: f.campaignName }] : []),
            ...(f.resolution ? [{ key: 'res', label: t('resolution'), children: f.resolution }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('script')}>
        <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="followup-script">
          {f.script.map((line) => (
            <li key={line} style={{ marginBottom: 6 }}>
              {line}
            </li>
          ))}
        </ol>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('attempts')}
            <Typography.Text type="secondary">
              {t('attemptsOf', { n: f.attemptCount, max: f.maxAttempts })}
            </Typography.Text>
          </Space>
        }
      >
        {f.attempts.length === 0 ? (
          <Typography.Text type="secondary">{t('noAttempts')}</Typography.Text>
        ) : (
          <Timeline
            items={f.attempts.map((a) => ({
              color: a.result === 'reached' ? 'green' : 'gray',
              children: (
                <Space wrap>
                  <span>{formatDateTime(a.at, lang, user.tenantTimeZone)}</span>
                  <Tag>{t(`results.${a.result}`)}</Tag>
                  {a.byName && <Typography.Text type="secondary">{a.byName}</Typography.Text>}
                  {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
        {open && (
          <Space wrap style={{ marginTop: 8 }}>
            <Typography.Text>
              <PhoneOutlined /> {t('logAttempt')}:
            </Typography.Text>
            {(['no_answer', 'busy', 'wrong_number'] as const).map((r) => (
              <Button
                key={r}
                loading={attempt.isPending && attempt.variables?.result === r}
                onClick={() =>
                  attempt.mutate(
                    { id: f.id, version: f.version, result: r },
                    { onSuccess: (res) => res.surveyLink && setLink(res.surveyLink), onError: onConflict },
                  )
                }
              >
                {t(`results.${r}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {link && (
        <Alert
          type="warning"
          showIcon
          message={t('unreachableTitle')}
          data-testid="unreachable-link"
          description={
            <Space direction="vertical">
              <span>{t('unreachableBody')}</span>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {`${window.location.origin}${link.path}`}
              </Typography.Text>
              <Button
                icon={<CopyOutlined />}
                onClick={async () => {
                  await navigator.clipboard
                    ?.writeText(`${window.location.origin}${link.path}`)
                    .catch(() => undefined);
                  markSent.mutate(
                    { invitationId: link.invitationId, via: 'copied' },
                    { onSuccess: () => message.success(t('copied')) },
                  );
                }}
              >
                {t('copy')}
              </Button>
            </Space>
          }
        />
      )}
      {newTicketId && (
        <Alert
          type="success"
          showIcon
          message={t('newTicket')}
          action={<Link to={`/tickets/${newTicketId}`}>{t('openTicket')}</Link>}
        />
      )}
      {open || f.status === 'unreachable' ? (
        <Card size="small" title={t('outcome')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ problemResolved: true, newIssue: false }}
            onFinish={(v) =>
              outcome.mutate(
                { id: f.id, version: f.version, ...v },
                {
                  onSuccess: (res) => {
                    message.success(t('saved'));
                    setNewTicketId(res.newTicketId);
                    form.resetFields();
                  },
                  onError: onConflict,
                },
              )
            }
            data-testid="followup-outcome"
          >
            <Form.Item name="problemResolved" label={t('problemResolved')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('yes') },
                  { value: false, label: t('no') },
                ]}
              />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('satisfaction')} rules={[{ required: true }]}>
              <Rate count={5} style={{ fontSize: 28 }} />
            </Form.Item>
            <Form.Item name="newIssue" label={t('newIssue')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {newIssue && (
              <Form.Item
                name="newIssueDescription"
                label={t('newIssueDescription')}
                rules={[{ required: true, max: 2000 }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('note')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={outcome.isPending}>
              {t('save')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Alert
          type="info"
          message={t('closed')}
          description={
            f.satisfaction !== null ? (
              <Space>
                <Rate disabled value={f.satisfaction} />
                {f.outcomeNote}
              </Space>
            ) : undefined
          }
        />
      )}
    </Flex>
  );
}
