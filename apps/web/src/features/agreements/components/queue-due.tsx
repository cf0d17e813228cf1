import type { QueueRow } from '@manyi/contracts';
import { Badge, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatDateTime } from '../../../shared/format';
import { formatRelativeTime } from '../../../shared/relative-time';
import { queueTone, queueToneColor } from '../queue-tone';
import '../agreements.css';

/** The queue's due cell: time to the nearest promise, coloured by the share of it used. */
export function QueueDue({ row, now, timeZone }: { row: QueueRow; now: Date; timeZone: string }) {
  const { t } = useTranslation('agreements');
  const lang = currentLanguage();
  const tone = queueTone(row, now.getTime());
  if (tone === 'none' || !row.nextDueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={`${t(`queueTone.${tone}`)} · ${formatDateTime(row.nextDueAt, lang, timeZone)}`}>
      <span data-testid="queue-due" data-tone={tone} style={{ whiteSpace: 'nowrap' }}>
        <Badge color={queueToneColor[tone]} />
        <Typography.Text
          strong={tone !== 'ok'}
          style={{ color: tone === 'ok' ? undefined : queueToneColor[tone], marginInlineStart: 4 }}
        >
          {formatRelativeTime(row.nextDueAt, now, lang)}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}
