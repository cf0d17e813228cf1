import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../intake-logic';

/** The running length of the call since the first keystroke; the same clock the call log records. */
export function CallTimer({ startedAt }: { startedAt: number }) {
  const { t } = useTranslation('intake');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  return (
    <Tag
      color={seconds >= 300 ? 'orange' : 'blue'}
      icon={<ClockCircleOutlined aria-hidden />}
      style={{
        fontSize: 15,
        lineHeight: '30px',
        paddingInline: 12,
        marginInlineEnd: 0,
        fontVariantNumeric: 'tabular-nums',
      }}
      data-testid="call-timer"
      role="timer"
      aria-label={t('phone.timer')}
    >
      {t('phone.timer')} {formatClock(seconds)}
    </Tag>
  );
}
