import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useTicketComplaint } from '../api';
import { CountdownTag } from './countdown-tag';
import { useNow } from './use-now';
import { levelColor, severityColor } from './words';

/** On a complaint work order's page: where its complaint stands, and the way into the six-step workspace. */
export function TicketComplaintCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('complaints');
  const complaint = useTicketComplaint(ticketId, true);
  const now = useNow();
  if (!complaint.data) return null;
  const c = complaint.data;
  return (
    <Card size="small" title={t('ticketCard.title')} data-testid="ticket-complaint-card">
      <Flex vertical gap={6}>
        <Flex gap={4} wrap>
          <Tag color={severityColor[c.severity]}>{t(`severity.${c.severity}`)}</Tag>
          <Tag color={levelColor[c.level]}>{t(`level.${c.level as 1 | 2 | 3}`)}</Tag>
          {c.verdict && <Tag>{t(`verdict.${c.verdict}`)}</Tag>}
        </Flex>
        <Typography.Text>{t('ticketCard.next', { step: t(`step.${c.nextStep ?? 'done'}`) })}</Typography.Text>
        <Flex gap={4} wrap>
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
        <Link to={`/complaints/${c.id}`}>
          <Button type="primary" block>
            {t('ticketCard.openWorkspace')}
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}
