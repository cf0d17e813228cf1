import { CopyOutlined, LinkOutlined, SendOutlined } from '@ant-design/icons';
import type { SurveyLink, SurveyResponse } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useCustomerSatisfaction, useInviteCustomer, useIssueLink, useMarkSent } from '../api';

/** Scores of one answer as short tags: CSAT 4/5, NPS 9, CES 2, and the widest dimension gap. */
export function ResponseScores({ r }: { r: SurveyResponse }) {
  const { t } = useTranslation('surveys');
  const gaps = Object.entries(r.dimensions)
    .map(([d, v]) => ({
      d,
      gap: v && v.expectation !== null && v.perception !== null ? v.perception - v.expectation : null,
    }))
    .filter((x): x is { d: string; gap: number } => x.gap !== null)
    .sort((a, b) => a.gap - b.gap);
  return (
    <Space size={4} wrap>
      {r.csat !== null && (
        <Tag color={r.csat <= 2 ? 'red' : r.csat >= 4 ? 'green' : 'default'}>CSAT {r.csat}/5</Tag>
      )}
      {r.nps !== null && <Tag color={r.nps <= 6 ? 'red' : r.nps >= 9 ? 'green' : 'default'}>NPS {r.nps}</Tag>}
      {r.ces !== null && <Tag color={r.ces >= 5 ? 'red' : 'default'}>CES {r.ces}/7</Tag>}
      {gaps[0] && (
        <Tag color={gaps[0].gap <= -2 ? 'red' : gaps[0].gap >= 0 ? 'green' : 'gold'}>
          {t(`dimensions.${gaps[0].d as 'speed'}`)} {gaps[0].gap > 0 ? '+' : ''}
          {gaps[0].gap}
        </Tag>
      )}
      {r.commentKind && <Tag color="blue">{t(`responses.${r.commentKind as 'compliment'}`)}</Tag>}
    </Space>
  );
}

/** The link just issued, with copy (recorded as sent) and "sent by SMS". */
function IssuedLink({ link, onDone }: { link: SurveyLink; onDone: () => void }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const markSent = useMarkSent();
  const url = `${window.location.origin}${link.path}`;
  return (
    <Alert
      type="success"
      showIcon
      icon={<LinkOutlined />}
      message={t('history.linkTitle')}
      description={
        <Flex vertical gap={8}>
          <Typography.Text copyable={false} code style={{ wordBreak: 'break-all' }} data-testid="survey-link">
            {url}
          </Typography.Text>
          <Space wrap>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                await navigator.clipboard?.writeText(url).catch(() => undefined);
                markSent.mutate(
                  { invitationId: link.invitationId, via: 'copied' },
                  { onSuccess: () => message.success(t('history.copied')) },
                );
                onDone();
              }}
            >
              {t('history.copy')}
            </Button>
            <Button
              icon={<SendOutlined />}
              onClick={() => {
                markSent.mutate({ invitationId: link.invitationId, via: 'sms' });
                onDone();
              }}
            >
              {t('history.markSent')}
            </Button>
          </Space>
        </Flex>
      }
    />
  );
}

/** A customer's satisfaction history (customer 360, intake): scores, invitations with links, follow-up calls. */
export function CustomerSatisfaction({
  customerId,
  compact = false,
}: {
  customerId: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const q = useCustomerSatisfaction(customerId);
  const invite = useInviteCustomer();
  const issue = useIssueLink();
  const [link, setLink] = useState<SurveyLink | null>(null);
  const key = useRef(crypto.randomUUID());
  const canWork = user.permissions.includes('followups.work');
  const when = (iso: string) => formatDateTime(iso, lang, user.tenantTimeZone);

  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Alert
        type="error"
        message={t('common.loadFailed')}
        description={errorText(q.error, tc)}
        action={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const d = q.data;
  const empty = d.responses.length === 0 && d.followups.length === 0 && d.invitations.length === 0;
  // At intake: one line of scores and the latest answers, nothing to act on.
  if (compact)
    return empty || d.responses.length === 0 ? (
      <Typography.Text type="secondary" data-testid="customer-satisfaction">
        {t('history.empty')}
      </Typography.Text>
    ) : (
      <Flex vertical gap={8} data-testid="customer-satisfaction">
        <Space size={4} wrap>
          {d.summary.csatAvg !== null && <Tag>{t('history.csatAvg', { value: d.summary.csatAvg })}</Tag>}
          {d.summary.lastNps !== null && <Tag>{t('history.lastNps', { value: d.summary.lastNps })}</Tag>}
          {d.summary.dissatisfied > 0 && (
            <Tag color="red">{t('history.dissatisfied', { count: d.summary.dissatisfied })}</Tag>
          )}
        </Space>
        {d.responses.slice(0, 3).map((r) => (
          <Flex key={r.id} vertical gap={2}>
            <Space size={4} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {when(r.respondedAt)}
              </Typography.Text>
              <ResponseScores r={r} />
            </Space>
            {r.comment && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
                “{r.comment}”
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    );
  return (
    <Flex vertical gap={16} data-testid="customer-satisfaction">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={24} wrap>
          <Statistic title={t('history.answers')} value={d.summary.responses} />
          <Statistic
            title="CSAT"
            value={d.summary.csatAvg ?? '—'}
            suffix={d.summary.csatAvg !== null ? '/ 5' : undefined}
          />
          <Statistic title="NPS" value={d.summary.lastNps ?? '—'} />
          <Statistic
            title={t('history.dissatisfiedLabel')}
            value={d.summary.dissatisfied}
            valueStyle={d.summary.dissatisfied ? { color: '#cf1322' } : undefined}
          />
        </Space>
        {canWork && (
          <Button
            icon={<SendOutlined />}
            loading={invite.isPending}
            onClick={() =>
              invite.mutate(
                { body: { customerId }, key: key.current },
                {
                  onSuccess: (l) => {
                    setLink(l);
                    key.current = crypto.randomUUID();
                  },
                },
              )
            }
          >
            {t('history.send')}
          </Button>
        )}
      </Flex>
      {invite.isError && <Alert type="error" message={errorText(invite.error, tc)} />}
      {link && <IssuedLink link={link} onDone={() => void q.refetch()} />}
      {empty && <Empty description={t('history.empty')} />}
      {d.responses.length > 0 && (
        <Card size="small" title={t('history.answers')}>
          <List
            dataSource={d.responses}
            renderItem={(r) => (
              <List.Item
                extra={
                  r.recoveryTicketId ? (
                    <Link to={`/tickets/${r.recoveryTicketId}`}>{t('responses.openRecovery')}</Link>
                  ) : null
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Typography.Text type="secondary">{when(r.respondedAt)}</Typography.Text>
                      <Tag>{t(`triggers.${r.trigger}`)}</Tag>
                      <ResponseScores r={r} />
                    </Space>
                  }
                  description={r.comment ? `“${r.comment}”` : undefined}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {d.followups.length > 0 && (
        <Card size="small" title={t('history.followups')}>
          <List
            dataSource={d.followups}
            renderItem={(f) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text type="secondary">{when(f.completedAt ?? f.dueAt)}</Typography.Text>
                  <Tag color={f.status === 'done' ? 'green' : f.status === 'unreachable' ? 'orange' : 'blue'}>
                    {t(`history.followupStatus.${f.status}`)}
                  </Tag>
                  {f.ticketNumber && f.ticketId && (
                    <Link to={`/tickets/${f.ticketId}`}>{f.ticketNumber}</Link>
                  )}
                  {f.campaignName && <Tag>{f.campaignName}</Tag>}
                  {f.satisfaction !== null && (
                    <Tag>{t('history.satisfaction', { value: f.satisfaction })}</Tag>
                  )}
                  {f.outcomeNote && <Typography.Text type="secondary">{f.outcomeNote}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {d.invitations.length > 0 && (
        <Card size="small" title={t('history.invitations')}>
          <List
            dataSource={d.invitations}
            renderItem={(i) => (
              <List.Item
                extra={
                  canWork && i.status !== 'answered' ? (
                    <Button
                      size="small"
                      icon={<LinkOutlined />}
                      loading={issue.isPending && issue.variables === i.id}
                      onClick={() => issue.mutate(i.id, { onSuccess: setLink })}
                    >
                      {t('history.newLink')}
                    </Button>
                  ) : null
                }
              >
                <Space wrap>
                  <Typography.Text type="secondary">{when(i.createdAt)}</Typography.Text>
                  <Tag>{t(`triggers.${i.trigger}`)}</Tag>
                  <Typography.Text>{i.templateName}</Typography.Text>
                  <Tag color={i.status === 'answered' ? 'green' : i.status === 'sent' ? 'blue' : 'default'}>
                    {t(`invitationStatus.${i.status}`)}
                  </Tag>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
