import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { countdown, durationText } from '../complaint-logic';

const colors = { ok: 'processing', soon: 'warning', over: 'error', met: 'success', late: 'orange' } as const;

/** A deadline as a live countdown: time left, time over, or met (in time or late). */
export function CountdownTag({
  kind,
  start,
  due,
  done,
  now,
  title,
}: {
  kind: 'acknowledge' | 'resolve';
  start: string;
  due: string;
  done: string | null;
  now: number;
  title?: string;
}) {
  const { t } = useTranslation('complaints');
  const c = countdown(start, due, done, now);
  const text =
    c.tone === 'met'
      ? t('countdown.met')
      : c.tone === 'late'
        ? t('countdown.metLate')
        : t(c.tone === 'over' ? 'countdown.over' : 'countdown.left', { time: durationText(c.minutes, t) });
  return (
    <Tooltip title={title}>
      <Tag color={colors[c.tone]} data-testid={`countdown-${kind}`} style={{ marginInlineEnd: 4 }}>
        {t(`countdown.${kind}`)} · {text}
      </Tag>
    </Tooltip>
  );
}
