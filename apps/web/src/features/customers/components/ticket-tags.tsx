import type { TicketPriority, TicketStatus, TicketType } from '@manyi/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColor: Record<TicketStatus, string | undefined> = {
  new: 'blue',
  open: 'processing',
  scheduled: 'cyan',
  in_progress: 'processing',
  waiting_customer: 'orange',
  waiting_parts: 'orange',
  resolved: 'success',
  closed: undefined,
  reopened: 'magenta',
  cancelled: undefined,
};

const priorityColor: Record<TicketPriority, string | undefined> = {
  low: undefined,
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation('customers');
  return <Tag color={statusColor[status]}>{t(`ticketStatus.${status}`)}</Tag>;
}

export function TicketPriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation('customers');
  return <Tag color={priorityColor[priority]}>{t(`priority.${priority}`)}</Tag>;
}

export function TicketTypeTag({ type }: { type: TicketType }) {
  const { t } = useTranslation('customers');
  return <Tag color={type === 'complaint' ? 'red' : undefined}>{t(`ticketType.${type}`)}</Tag>;
}
