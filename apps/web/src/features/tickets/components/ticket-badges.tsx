import { CrownFilled, StarFilled } from '@ant-design/icons';
import type { CustomerTier, TicketPriority, TicketStatus } from '@manyi/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColor: Record<TicketStatus, string> = {
  new: 'magenta',
  open: 'blue',
  scheduled: 'geekblue',
  in_progress: 'processing',
  waiting_customer: 'gold',
  waiting_parts: 'orange',
  resolved: 'success',
  closed: 'default',
  reopened: 'volcano',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation('tickets');
  return (
    <Tag color={statusColor[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const priorityColor: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation('tickets');
  return (
    <Tag
      color={priorityColor[priority]}
      variant={priority === 'urgent' ? 'solid' : undefined}
      data-priority={priority}
      style={{ marginInlineEnd: 0 }}
    >
      {t(`priority.${priority}`)}
    </Tag>
  );
}

/** VIP and gold customers stand out (solid colour, icon); silver is quiet; standard shows nothing. */
export function TierBadge({ tier }: { tier: CustomerTier | string }) {
  const { t } = useTranslation('tickets');
  if (tier === 'vip')
    return (
      <Tooltip title={t('tier.vipTitle')}>
        <Tag color="#cf1322" variant="solid" icon={<CrownFilled />} data-tier="vip" className="tickets-tier">
          {t('tier.vip')}
        </Tag>
      </Tooltip>
    );
  if (tier === 'gold')
    return (
      <Tooltip title={t('tier.goldTitle')}>
        <Tag color="#d48806" variant="solid" icon={<StarFilled />} data-tier="gold" className="tickets-tier">
          {t('tier.gold')}
        </Tag>
      </Tooltip>
    );
  if (tier === 'silver')
    return (
      <Tag data-tier="silver" className="tickets-tier">
        {t('tier.silver')}
      </Tag>
    );
  return null;
}
