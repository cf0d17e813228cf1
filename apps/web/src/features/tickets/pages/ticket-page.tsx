import { openStatuses } from '@manyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Grid, Result, Row, Skeleton, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useLiveEvents, useLiveStatus } from '../../../shared/live-events';
import { useCurrentUser } from '../../auth/api';
import { TicketComplaintCard } from '../../complaints/components/ticket-complaint-card';
import { DispatchPanel } from '../../dispatch/components/dispatch-panel';
import { TicketChargesPanel } from '../../quotes/components/ticket-charges-panel';
import { VisitPanel } from '../../visits/components/visit-panel';
import { ticketKeys, useTeams, useTicket, useUsers } from '../api';
import { AssignModal } from '../components/desk/assign-modal';
import { AttachmentsCard } from '../components/desk/attachments-card';
import { CommitmentClocks } from '../components/desk/commitment-clocks';
import { Composer, type ComposerHandle } from '../components/desk/composer';
import { CustomerCard } from '../components/desk/customer-card';
import { type Desk, DeskProvider } from '../components/desk/desk-context';
import { DetailsCard } from '../components/desk/details-card';
import { TagsCard } from '../components/desk/tags-card';
import { TicketHeader } from '../components/desk/ticket-header';
import { TicketTimeline } from '../components/desk/ticket-timeline';
import { useHotkeys, useNow } from '../use-hotkeys';
import '../tickets.css';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The work-order desk: header and moves, timeline and composer, customer, details, tags and attachments. */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tickets');
  if (!uuidPattern.test(id))
    return (
      <Result
        status="404"
        title={t('desk.notFound')}
        extra={
          <Link to="/tickets">
            <Button type="primary">{t('desk.backToQueue')}</Button>
          </Link>
        }
      />
    );
  return <TicketDesk key={id} id={id} />;
}

function TicketDesk({ id }: { id: string }) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const ticket = useTicket(id);
  const users = useUsers();
  const teams = useTeams();
  const liveStatus = useLiveStatus();
  const now = useNow();
  const composer = useRef<ComposerHandle>(null);
  const [assignOpen, setAssignOpen] = useState(false);
  // Two columns from lg; below that the customer comes right after the header, before the timeline.
  const wide = Grid.useBreakpoint().lg !== false;

  // Someone else changed this work order: show it. Open editors keep their own copy and version.
  useLiveEvents((message) => {
    if (message.type !== 'resync' && message.ticketId !== id) return;
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
  });

  const usersById = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);
  const teamsById = useMemo(() => new Map((teams.data ?? []).map((team) => [team.id, team])), [teams.data]);

  const canAssign =
    user.permissions.includes('tickets.assign') &&
    ticket.data !== undefined &&
    openStatuses.includes(ticket.data.status);

  useHotkeys({
    c: () => {
      composer.current?.focus();
      return true;
    },
    a: () => {
      if (!canAssign) return false;
      setAssignOpen(true);
      return true;
    },
  });

  if (ticket.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (ticket.isError) {
    const missing = isApiError(ticket.error, 'NOT_FOUND');
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('desk.notFound') : t('desk.loadFailed')}
        subTitle={missing ? undefined : errorText(ticket.error, tc)}
        extra={
          <Flex gap={8} justify="center">
            {!missing && (
              <Button type="primary" onClick={() => void ticket.refetch()}>
                {tc('errors.retry')}
              </Button>
            )}
            <Link to="/tickets">
              <Button>{t('desk.backToQueue')}</Button>
            </Link>
          </Flex>
        }
      />
    );
  }

  const desk: Desk = {
    ticket: ticket.data,
    user,
    usersById,
    teamsById,
    users: users.data ?? [],
    teams: teams.data ?? [],
    timeZone: safeTimeZone(user.tenantTimeZone),
    canWrite: user.permissions.includes('tickets.write'),
    canAssign,
    reload: async () => (await ticket.refetch()).data,
  };

  return (
    <DeskProvider value={desk}>
      <Flex vertical gap={16}>
        <TicketHeader liveStatus={liveStatus} now={now} onAssign={() => setAssignOpen(true)} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Flex vertical gap={16}>
              {!wide && <CustomerCard />}
              <Card size="small" title={t('desk.description')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {ticket.data.description}
                </Typography.Paragraph>
              </Card>
              <Card size="small" title={t('timeline.title')}>
                <TicketTimeline />
                {desk.canWrite ? (
                  <Composer handle={composer} />
                ) : (
                  <Alert type="info" showIcon title={t('desk.readOnly')} />
                )}
              </Card>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('desk.shortcuts')}
              </Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={16}>
              {wide && <CustomerCard />}
              {ticket.data.type === 'complaint' && user.permissions.includes('complaints.manage') && (
                <TicketComplaintCard ticketId={id} />
              )}
              <CommitmentClocks
                ticketId={id}
                agreementId={ticket.data.agreementId}
                timeZone={desk.timeZone}
              />
              <DispatchPanel ticket={ticket.data} />
              <VisitPanel ticketId={id} ticketType={ticket.data.type} />
              {['repair', 'installation', 'maintenance'].includes(ticket.data.type) && (
                <TicketChargesPanel ticketId={id} />
              )}
              <DetailsCard onAssign={() => setAssignOpen(true)} />
              <TagsCard />
              <AttachmentsCard />
            </Flex>
          </Col>
        </Row>
        {canAssign && <AssignModal open={assignOpen} onClose={() => setAssignOpen(false)} />}
      </Flex>
    </DeskProvider>
  );
}
