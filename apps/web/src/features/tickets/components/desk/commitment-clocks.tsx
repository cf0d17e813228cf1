import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { CommitmentClock } from '@manyi/contracts';
import { Button, Card, Empty, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../../app/i18n';
import { safeTimeZone } from '../../../../shared/format';
import { useLiveEvents } from '../../../../shared/live-events';
import { useAgreement, useCalendar, useCommitmentClocks, useEscalationRules } from '../../../agreements/api';
import type { WorkingCalendar } from '../../../agreements/business-time';
import {
  type ClockTone,
  clockTone,
  liveRemaining,
  riskShareFor,
  sortClocks,
  stoppedMargins,
  toneColor,
  usedShare,
} from '../../../agreements/clock-view';
import { formatCountdown } from '../../../agreements/duration';
import { durationText } from '../../../agreements/words';

/** A due moment, short: "11月24日 09:00" / "Nov 24, 09:00" (with the year only when it is not this year). */
function formatDue(iso: string, lang: 'zh-CN' | 'en', timeZone: string): string {
  const date = new Date(iso);
  const zone = safeTimeZone(timeZone);
  const year = (d: Date) => new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(d);
  return new Intl.DateTimeFormat(lang, {
    timeZone: zone,
    year: year(date) === year(new Date()) ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** "Now", every second while something is counting down. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The work order's commitment clocks (first response, on site, resolution): a live countdown of working time
 * to each customer promise, coloured by how much of it is used, the due moment, the tighter internal target,
 * and for finished clocks whether the promise was kept and by how much the internal target was beaten.
 */
export function CommitmentClocks({
  ticketId,
  agreementId,
  timeZone,
}: {
  ticketId: string;
  agreementId: string | null;
  /** The tenant's zone, for the due moments. */
  timeZone: string;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const clocks = useCommitmentClocks(ticketId);
  const agreement = useAgreement(agreementId);
  const calendar = useCalendar(agreement.data?.calendarId, { staleTime: 5 * 60_000 });
  const rules = useEscalationRules();

  // A change to this work order (a move, an escalation) may start, pause or stop a clock.
  useLiveEvents((message) => {
    if (message.type === 'resync' || message.ticketId === ticketId) void clocks.refetch();
  });

  const items = useMemo(() => sortClocks(clocks.data?.items ?? []), [clocks.data]);
  const running = items.some((c) => c.state === 'running');
  const now = useTick(running);
  const working: WorkingCalendar | undefined = calendar.data;

  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={6}>
          <ClockCircleOutlined aria-hidden />
          {t('clocks.title')}
        </Flex>
      }
      data-testid="commitment-clocks"
      extra={
        agreement.data ? (
          <Link to={`/agreements/${agreement.data.id}`} style={{ fontSize: 12 }}>
            {t('clocks.agreement', { name: agreement.data.name })}
          </Link>
        ) : null
      }
    >
      {clocks.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : clocks.isError && !clocks.data ? (
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text type="danger">{t('clocks.loadFailed')}</Typography.Text>
          <Button size="small" onClick={() => void clocks.refetch()}>
            {tc('errors.retry')}
          </Button>
        </Flex>
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ margin: 0 }}
          description={
            <Flex vertical>
              <Typography.Text>{t('clocks.none')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {agreementId ? t('clocks.noneHint') : t('clocks.noAgreement')}
              </Typography.Text>
            </Flex>
          }
        />
      ) : (
        <Flex vertical gap={12}>
          {items.map((clock) => (
            <ClockRow
              key={clock.metric}
              clock={clock}
              fetchedAt={clocks.dataUpdatedAt}
              now={now}
              calendar={working}
              riskShare={riskShareFor(clock.metric, rules.data ?? [])}
              timeZone={timeZone}
            />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function ClockRow({
  clock,
  fetchedAt,
  now,
  calendar,
  riskShare,
  timeZone,
}: {
  clock: CommitmentClock;
  fetchedAt: number;
  now: number;
  calendar: WorkingCalendar | undefined;
  riskShare: number;
  timeZone: string;
}) {
  const { t } = useTranslation('agreements');
  const lang = currentLanguage();
  const live = liveRemaining(clock, fetchedAt, Math.max(now, fetchedAt), calendar);
  const tone = clockTone(clock, live.promise, riskShare);
  const color = toneColor[tone];
  const metric = t(`metric.${clock.metric}`);
  const when = (iso: string | null) => (iso ? formatDue(iso, lang, timeZone) : '—');

  return (
    <Flex
      vertical
      gap={4}
      data-testid={`clock-${clock.metric}`}
      data-tone={tone}
      data-state={clock.state}
      style={{ borderLeft: `3px solid ${color}`, paddingLeft: 10 }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{metric}</Typography.Text>
        <StateTag tone={tone} />
      </Flex>

      {clock.state === 'stopped' ? (
        <StoppedDetails clock={clock} when={when} />
      ) : (
        <>
          <Flex align="baseline" gap={8} wrap>
            <span
              role="timer"
              aria-label={t('clocks.countdownAria', { metric })}
              data-testid={`countdown-${clock.metric}`}
              style={{
                color,
                fontSize: 22,
                fontWeight: 600,
                fontVariantNumeric: 'tabular-nums',
                lineHeight: 1.2,
              }}
            >
              {live.promise !== null && live.promise < 0 ? '−' : ''}
              {formatCountdown((live.promise ?? 0) * 60_000)}
            </span>
            <Typography.Text style={{ color, fontSize: 13 }}>
              {live.promise !== null && live.promise < 0
                ? t('clocks.overdue', { duration: durationText(-live.promise, t) })
                : t('clocks.remaining', { duration: durationText(live.promise ?? 0, t) })}
            </Typography.Text>
          </Flex>
          {clock.state === 'running' && (
            <Progress
              percent={Math.min(100, Math.max(0, usedShare(clock, live.promise) * 100))}
              showInfo={false}
              size="small"
              strokeColor={color}
              aria-label={metric}
            />
          )}
          {clock.state === 'paused' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <PauseCircleOutlined aria-hidden /> {t('clocks.pausedHint')}
            </Typography.Text>
          )}
          {live.idle && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clocks.idle')}
            </Typography.Text>
          )}
          {clock.promiseDueAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`due-${clock.metric}`}>
              {t('clocks.promiseDue', { time: when(clock.promiseDueAt) })}
            </Typography.Text>
          )}
          {live.internal !== null && live.internal < 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clocks.internalPassed', { duration: durationText(-live.internal, t) })}
            </Typography.Text>
          ) : (
            clock.internalDueAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('clocks.internalDue', { time: when(clock.internalDueAt) })}
              </Typography.Text>
            )
          )}
        </>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('clocks.target', {
          promise: durationText(clock.promiseMinutes, t),
          internal: durationText(clock.internalMinutes, t),
        })}
      </Typography.Text>
    </Flex>
  );
}

function StateTag({ tone }: { tone: ClockTone }) {
  const { t } = useTranslation('agreements');
  switch (tone) {
    case 'paused':
      return <Tag icon={<PauseCircleOutlined />}>{t('clocks.paused')}</Tag>;
    case 'met':
      return <Tag color="success">{t('clocks.met')}</Tag>;
    case 'missed':
      return <Tag color="error">{t('clocks.missed')}</Tag>;
    case 'stopped':
      return <Tag>{t('clocks.stopped')}</Tag>;
    case 'overdue':
      return <Tag color="error">{t('clocks.state.overdue')}</Tag>;
    case 'risk':
      return <Tag color="orange">{t('clocks.state.risk')}</Tag>;
    case 'half':
      return <Tag color="gold">{t('clocks.state.half')}</Tag>;
    default:
      return <Tag color="green">{t('clocks.state.ok')}</Tag>;
  }
}

function StoppedDetails({ clock, when }: { clock: CommitmentClock; when: (iso: string | null) => string }) {
  const { t } = useTranslation('agreements');
  const margins = stoppedMargins(clock);
  return (
    <Flex vertical gap={2}>
      {margins && (
        <Typography.Text
          style={{
            color: margins.internal >= 0 ? toneColor.met : clock.metPromise ? undefined : toneColor.missed,
          }}
          data-testid={`margin-${clock.metric}`}
        >
          {margins.internal >= 0
            ? t('clocks.beat', { duration: durationText(margins.internal, t) })
            : t('clocks.lateInternal', { duration: durationText(-margins.internal, t) })}
        </Typography.Text>
      )}
      {margins && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {margins.promise >= 0
            ? t('clocks.earlyPromise', { duration: durationText(margins.promise, t) })
            : t('clocks.latePromise', { duration: durationText(-margins.promise, t) })}
        </Typography.Text>
      )}
      {clock.stoppedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('clocks.stoppedAt', { time: when(clock.stoppedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
