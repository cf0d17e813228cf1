import { Alert, Card, Col, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useLiveEvents } from '../../../shared/live-events';
import { useCurrentUser } from '../../auth/api';
import { useComplaint, useComplaintSettings } from '../api';
import { CountdownTag } from '../components/countdown-tag';
import { EscalationCard, RemediesCard, VerdictCard, WinBackCard } from '../components/side-cards';
import { SixSteps } from '../components/six-steps';
import { useNow } from '../components/use-now';
import { causeLabel, levelColor, severityColor } from '../components/words';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The complaint workspace: the customer's words, deadlines, the guided six steps, remedies, escalation, verdict. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('complaints');
  if (!uuidPattern.test(id))
    return <Result status="404" title="404" extra={<Link to="/complaints">{t('workspace.back')}</Link>} />;
  return <Workspace key={id} id={id} />;
}

function Workspace({ id }: { id: string }) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const tz = safeTimeZone(user.tenantTimeZone);
  const now = useNow();
  const complaint = useComplaint(id);
  const settings = useComplaintSettings();
  const canWrite = user.permissions.includes('complaints.manage');
  // Someone else (a supervisor approving, the deadline sweep) changed its work order: show it.
  useLiveEvents((message) => {
    if (message.type === 'resync' || message.ticketId === complaint.data?.ticketId) void complaint.refetch();
  });

  if (complaint.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (complaint.isError)
    return (
      <Result
        status={isApiError(complaint.error, 'NOT_FOUND') ? '404' : 'warning'}
        title={t('loadFailed')}
        subTitle={errorText(complaint.error, tc)}
        extra={<Link to="/complaints">{t('workspace.back')}</Link>}
      />
    );
  const c = complaint.data;
  const about = [
    c.aboutTicketId && (
      <Link key="t" to={`/tickets/${c.aboutTicketId}`}>
        {t('workspace.aboutTicket', { number: c.aboutTicketNumber })}
      </Link>
    ),
    c.aboutTechnicianName && (
      <span key="p">{t('workspace.aboutTechnician', { name: c.aboutTechnicianName })}</span>
    ),
    c.aboutUnitLabel && <span key="u">{t('workspace.aboutUnit', { label: c.aboutUnitLabel })}</span>,
    c.aboutVisitId && <span key="v">{t('workspace.aboutVisit')}</span>,
  ].filter(Boolean);

  return (
    <Flex vertical gap={16} data-testid="complaint-workspace">
      <Flex justify="space-between" align="start" wrap gap={8}>
        <Flex vertical gap={4}>
          <Link to="/complaints">← {t('workspace.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c.subject}
          </Typography.Title>
          <Flex gap={6} wrap align="center">
            <Link to={`/tickets/${c.ticketId}`}>{t('workspace.workOrder', { number: c.ticketNumber })}</Link>
            <Typography.Text>· {c.customerName}</Typography.Text>
            <Tag color={severityColor[c.severity]}>{t(`severity.${c.severity}`)}</Tag>
            <Tag>{causeLabel(settings.data, c.cause, lang)}</Tag>
            <Tag color={levelColor[c.level]} data-testid="complaint-level">
              {t(`level.${c.level as 1 | 2 | 3}`)}
            </Tag>
            {c.closedAt && <Tag color="success">{t('workspace.concluded')}</Tag>}
          </Flex>
        </Flex>
        <Flex vertical gap={4} align="end">
          <Typography.Text type="secondary">{t('workspace.deadlines')}</Typography.Text>
          <Flex gap={4}>
            <CountdownTag
              kind="acknowledge"
              start={c.createdAt}
              due={c.acknowledgeDueAt}
              done={c.acknowledgedAt}
              now={now}
            />
            <CountdownTag
              kind="resolve"
              start={c.createdAt}
              due={c.resolveDueAt}
              done={c.resolvedAt}
              now={now}
            />
          </Flex>
        </Flex>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('workspace.verbatim')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, marginBottom: 8 }}>
                “{c.verbatim}”
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('workspace.about')}：
                {about.length ? about.map((a, i) => [i > 0 && '、', a]) : t('workspace.aboutNothing')}
              </Typography.Text>
            </Card>
            <SixSteps c={c} timeZone={tz} canWrite={canWrite} />
            <VerdictCard c={c} canWrite={canWrite} />
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            {c.pendingRemedies > 0 && !canWrite && (
              <Alert type="warning" title={t('desk.pendingRemedies', { count: c.pendingRemedies })} />
            )}
            <RemediesCard c={c} canWrite={canWrite} settings={settings.data} />
            <EscalationCard c={c} timeZone={tz} canWrite={canWrite} />
            <WinBackCard c={c} timeZone={tz} winBackDays={settings.data?.winBackDays ?? 90} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
