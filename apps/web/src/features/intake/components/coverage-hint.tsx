import { SafetyOutlined } from '@ant-design/icons';
import type { TicketPriority, TicketType } from '@manyi/contracts';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAgreementCoverage } from '../../customers/api';
import { useWorkMinutes } from '../../customers/work-minutes';

/**
 * What the customer has been promised for this kind of work order, before the agent opens it: the agreement
 * that covers them (and the product) and its times. Quiet when the API cannot say.
 */
export function CoverageHint({
  customerId,
  unitId,
  type,
  priority,
}: {
  customerId: string;
  unitId?: string;
  type?: TicketType;
  priority?: TicketPriority;
}) {
  const { t } = useTranslation('intake');
  const { t: tc } = useTranslation('customers');
  const workMinutes = useWorkMinutes();
  const coverage = useAgreementCoverage({
    customerId,
    ...(unitId ? { unitId } : {}),
    ...(type ? { ticketType: type } : {}),
    ...(priority ? { priority } : {}),
  });
  if (!coverage.data) return null;
  const { agreement, targets } = coverage.data;
  if (!agreement)
    return (
      <div style={{ marginBottom: 16 }} data-testid="coverage-hint">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.noCoverage')}
        </Typography.Text>
      </div>
    );
  return (
    <Flex align="center" gap={6} wrap data-testid="coverage-hint" style={{ marginBottom: 16 }}>
      <SafetyOutlined aria-hidden style={{ color: '#1668dc' }} />
      <Typography.Text style={{ fontSize: 13 }}>
        {t('form.coverage', { name: agreement.name })}
      </Typography.Text>
      {targets.map((target) => (
        <Tag key={target.metric} color="blue" style={{ marginInlineEnd: 0 }}>
          {tc(`agreement.metric.${target.metric}`)} {workMinutes(target.promiseMinutes)}
        </Tag>
      ))}
    </Flex>
  );
}
