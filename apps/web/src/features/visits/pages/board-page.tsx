import type { VisitBoardRow, VisitStatus } from '@manyi/contracts';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Progress,
  Select,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useBoard } from '../api';
import { localDate, minutesOfDay, timeLabel } from '../visit-format';

// The board's time axis: 07:00–21:00 local time, widened to whole hours around any visit outside it.
const DAY_START = 7 * 60;
const DAY_END = 21 * 60;
const NAME_COL = 180;

interface Axis {
  start: number;
  end: number;
}

const blockColor: Record<VisitStatus, string> = {
  proposed: '#faad14',
  confirmed: '#1677ff',
  checked_in: '#13c2c2',
  completed: '#52c41a',
  missed: '#ff4d4f',
  cancelled: '#bfbfbf',
};

const pct = (axis: Axis, minutes: number) =>
  `${(Math.min(Math.max(minutes - axis.start, 0), axis.end - axis.start) / (axis.end - axis.start)) * 100}%`;

function axisFor(rows: VisitBoardRow[], timeZone: string): Axis {
  let start = DAY_START;
  let end = DAY_END;
  for (const r of rows)
    for (const v of r.visits) {
      const s = minutesOfDay(v.windowStart, timeZone);
      const e = minutesOfDay(v.windowEnd, timeZone);
      start = Math.min(start, Math.floor(s / 60) * 60);
      end = Math.max(end, e < s ? 24 * 60 : Math.ceil(e / 60) * 60);
    }
  return { start, end };
}

/** Dispatch board: one row per technician, the day's visits as blocks on a time axis, load against capacity. */
export function BoardPage() {
  const { t } = useTranslation('visits');
  const user = useCurrentUser();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const [params, setParams] = useSearchParams();
  const today = localDate(new Date(), timeZone);
  const date = params.get('date') ?? today;
  const teamId = params.get('team') ?? undefined;
  const busyOnly = params.get('all') !== '1';
  const board = useBoard(date, teamId);
  const points = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of board.data?.rows ?? []) if (r.teamId && r.teamName) seen.set(r.teamId, r.teamName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [board.data]);
  const rows = (board.data?.rows ?? []).filter((r) => !busyOnly || r.visits.length > 0);
  const axis = axisFor(rows, timeZone);
  const hours = Array.from({ length: (axis.end - axis.start) / 60 + 1 }, (_, i) => axis.start / 60 + i);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('board.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('board.subtitle')}</Typography.Text>
        </div>
        <Flex gap={8} align="center" wrap>
          <Checkbox
            style={{ whiteSpace: 'nowrap' }}
            checked={busyOnly}
            onChange={(e) => setParam('all', e.target.checked ? undefined : '1')}
          >
            {t('board.busyOnly')}
          </Checkbox>
          {user.permissions.includes('tickets.read_all') && (
            <Select
              allowClear
              placeholder={t('board.allPoints')}
              value={teamId}
              options={points}
              onChange={(v?: string) => setParam('team', v)}
              style={{ minWidth: 180 }}
              aria-label={t('board.servicePoint')}
            />
          )}
          <Button onClick={() => setParam('date', today)}>{t('board.today')}</Button>
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => d && setParam('date', d.format('YYYY-MM-DD'))}
            aria-label={t('board.date')}
            data-testid="board-date"
          />
        </Flex>
      </Flex>
      <Flex gap={8} wrap>
        {(Object.keys(blockColor) as VisitStatus[])
          .filter((s) => s !== 'cancelled')
          .map((s) => (
            <Tag key={s} color={blockColor[s]}>
              {t(`status.${s}`)}
            </Tag>
          ))}
      </Flex>
      <Card styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        {board.isPending ? (
          <Skeleton active style={{ padding: 16 }} />
        ) : board.isError ? (
          <Alert type="error" title={t('common.loadFailed')} />
        ) : rows.length === 0 ? (
          <Empty description={t('board.empty')} style={{ padding: 24 }} />
        ) : (
          <div style={{ minWidth: 900 }} data-testid="dispatch-board">
            <div style={{ display: 'flex', borderBottom: '1px solid #f0f0f0', background: '#fafafa' }}>
              <div style={{ width: NAME_COL, flex: 'none', padding: '8px 12px' }}>
                <Typography.Text strong>{t('board.technician')}</Typography.Text>
              </div>
              <div style={{ position: 'relative', flex: 1, height: 36 }}>
                {hours.map((h) => (
                  <span
                    key={h}
                    style={{
                      position: 'absolute',
                      left: pct(axis, h * 60),
                      top: 8,
                      transform: 'translateX(-50%)',
                      fontSize: 12,
                      color: 'rgba(0,0,0,0.45)',
                    }}
                  >
                    {String(h).padStart(2, '0')}:00
                  </span>
                ))}
              </div>
            </div>
            {rows.map((row) => (
              <BoardLine key={row.technicianId} row={row} timeZone={timeZone} hours={hours} axis={axis} />
            ))}
          </div>
        )}
      </Card>
    </Flex>
  );
}

function BoardLine({
  row,
  timeZone,
  hours,
  axis,
}: {
  row: VisitBoardRow;
  timeZone: string;
  hours: number[];
  axis: Axis;
}) {
  const { t } = useTranslation('visits');
  const navigate = useNavigate();
  const lang = currentLanguage();
  const over = row.load > row.capacity;
  // Overlapping windows go to separate lanes so that no block hides another.
  const laneEnds: number[] = [];
  const placed = row.visits.map((v) => {
    const start = minutesOfDay(v.windowStart, timeZone);
    const rawEnd = minutesOfDay(v.windowEnd, timeZone);
    const end = Math.max(rawEnd < start ? 24 * 60 : rawEnd, start + 30);
    let lane = laneEnds.findIndex((e) => e <= start);
    if (lane === -1) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    return { v, start, end, lane };
  });
  const lanes = Math.max(laneEnds.length, 1);
  return (
    <div style={{ display: 'flex', borderBottom: '1px solid #f0f0f0' }} data-testid="board-row">
      <div style={{ width: NAME_COL, flex: 'none', padding: '8px 12px' }}>
        <Typography.Text strong ellipsis style={{ display: 'block' }}>
          {row.technicianName}
        </Typography.Text>
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {row.teamName ?? ''}
        </Typography.Text>
        <Tooltip title={over ? t('board.overload') : t('board.load')}>
          <Progress
            percent={Math.round((row.load / Math.max(row.capacity, 1)) * 100)}
            size="small"
            status={over ? 'exception' : 'normal'}
            format={() => `${row.load}/${row.capacity}`}
          />
        </Tooltip>
      </div>
      <div style={{ position: 'relative', flex: 1, minHeight: 64, height: 20 + lanes * 48 }}>
        {hours.map((h) => (
          <div
            key={h}
            style={{
              position: 'absolute',
              left: pct(axis, h * 60),
              top: 0,
              bottom: 0,
              borderLeft: '1px dashed #f0f0f0',
            }}
          />
        ))}
        {placed.map(({ v, start, end, lane }) => {
          return (
            <Tooltip
              key={v.id}
              title={`${v.ticketNumber} · ${v.customerName} · ${v.ticketSubject} · ${t(`status.${v.status}`)}`}
            >
              <button
                type="button"
                data-testid="board-visit"
                onClick={() => navigate(`/tickets/${v.ticketId}`)}
                style={{
                  position: 'absolute',
                  left: pct(axis, start),
                  width: `calc(${pct(axis, end)} - ${pct(axis, start)})`,
                  top: 10 + lane * 48,
                  height: 44,
                  background: blockColor[v.status],
                  color: '#fff',
                  border: 'none',
                  borderRadius: 6,
                  padding: '2px 6px',
                  overflow: 'hidden',
                  textAlign: 'left',
                  cursor: 'pointer',
                  fontSize: 12,
                  lineHeight: '18px',
                }}
              >
                <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {timeLabel(v.windowStart, lang, timeZone)} {v.customerName}
                </div>
                <div
                  style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', opacity: 0.9 }}
                >
                  {v.ticketNumber}
                </div>
              </button>
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}
