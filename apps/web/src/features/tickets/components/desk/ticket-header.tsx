import { ArrowLeftOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../../app/i18n';
import { formatDateTime } from '../../../../shared/format';
import type { LiveStatus } from '../../../../shared/live-events';
import { formatRelativeTime } from '../../../../shared/relative-time';
import { LiveIndicator } from '../live-indicator';
import { PriorityTag, StatusTag, TierBadge } from '../ticket-badges';
import { useDesk } from './desk-context';
import { TransitionActions } from './transition-actions';

/** Number, subject, status and the moves available now; the first thing an agent reads. */
export function TicketHeader({
  liveStatus,
  now,
  onAssign,
}: {
  liveStatus: LiveStatus;
  now: Date;
  onAssign: () => void;
}) {
  const { t } = useTranslation('tickets');
  const desk = useDesk();
  const { ticket } = desk;
  const lang = currentLanguage();

  return (
    <Card styles={{ body: { padding: '16px 20px' } }} data-testid="ticket-header">
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Link to="/tickets" aria-label={t('desk.backToQueue')}>
            <ArrowLeftOutlined /> {t('desk.backToQueue')}
          </Link>
          <LiveIndicator status={liveStatus} />
        </Flex>
        <Flex align="center" gap={8} wrap>
          <Typography.Text
            copyable={{ text: ticket.number }}
            strong
            style={{ fontSize: 15, fontVariantNumeric: 'tabular-nums' }}
            data-testid="ticket-number"
          >
            {ticket.number}
          </Typography.Text>
          <span data-testid="ticket-status">
            <StatusTag status={ticket.status} />
          </span>
          <PriorityTag priority={ticket.priority} />
          <Tag style={{ marginInlineEnd: 0 }}>{t(`type.${ticket.type}`)}</Tag>
          <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
            {t(`channel.${ticket.channel}`)}
          </Tag>
          <TierBadge tier={ticket.customer.tier} />
        </Flex>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="ticket-subject">
          {ticket.subject}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('desk.createdAt', { time: formatDateTime(ticket.createdAt, lang, desk.timeZone) })}
          {' · '}
          <Tooltip title={formatDateTime(ticket.updatedAt, lang, desk.timeZone)}>
            <span>{t('desk.updatedAt', { time: formatRelativeTime(ticket.updatedAt, now, lang) })}</span>
          </Tooltip>
        </Typography.Text>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 4 }}>
          <TransitionActions />
          {desk.canAssign && (
            <Tooltip title={t('desk.assignShortcut')}>
              <Button icon={<UserSwitchOutlined />} onClick={onAssign} data-testid="assign-button">
                {t('desk.assign')}
              </Button>
            </Tooltip>
          )}
        </Flex>
        {!desk.canWrite && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('desk.readOnly')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
