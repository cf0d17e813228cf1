import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, type InputRef, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useLiveStatus } from '../../../shared/live-events';
import { useCurrentUser } from '../../auth/api';
import { useQueue, useQueueCounts, useUsers } from '../api';
import { LiveIndicator } from '../components/live-indicator';
import { QueueFilters } from '../components/queue-filters';
import { QueueTable } from '../components/queue-table';
import { QueueTabs } from '../components/queue-tabs';
import { SavedViews } from '../components/saved-views';
import { useQueueLiveRefresh } from '../components/use-queue-live-refresh';
import {
  clearFilters,
  hasFilters,
  homeView,
  parseQueueParams,
  type QueueParams,
  queueSearchString,
  type TicketView,
} from '../queue-params';
import { useHotkeys, useNow } from '../use-hotkeys';
import '../tickets.css';

const pollWhenOfflineMs = 30_000;

/** The queues agents and dispatchers live in: views with live counts, filters in the URL, live updates. */
export function QueuePage() {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const home = homeView(user.role, user.teamId !== null);
  const params = useMemo(() => parseQueueParams(searchParams, home), [searchParams, home]);
  const liveStatus = useLiveStatus();
  const pollMs = liveStatus === 'live' ? undefined : pollWhenOfflineMs;
  const queue = useQueue(params, { pollMs });
  const counts = useQueueCounts({ pollMs });
  const users = useUsers();
  const now = useNow();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const searchRef = useRef<InputRef>(null);
  const [selectedId, setSelectedId] = useState<string>();
  const flashing = useQueueLiveRefresh();

  const usersById = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const views: TicketView[] = [
    'mine',
    ...(user.teamId ? (['team'] as const) : []),
    'unassigned',
    'vip',
    'waiting',
    'resolved',
    'all',
  ];

  const apply = useCallback(
    (next: QueueParams) => setSearchParams(new URLSearchParams(queueSearchString(next, home))),
    [setSearchParams, home],
  );
  const open = useCallback((id: string) => navigate(`/tickets/${id}`), [navigate]);

  const move = (delta: number) => {
    if (rows.length === 0) return;
    const index = rows.findIndex((r) => r.id === selectedId);
    const next = rows[Math.min(rows.length - 1, Math.max(0, index === -1 ? 0 : index + delta))];
    if (!next) return;
    setSelectedId(next.id);
    document.querySelector(`tr[data-row-key="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  useHotkeys({
    '/': () => {
      searchRef.current?.focus();
      return true;
    },
    j: () => {
      move(1);
      return true;
    },
    k: () => {
      move(-1);
      return true;
    },
    enter: (event) => {
      // Enter on a focused button or link keeps its own meaning.
      if (event.target instanceof HTMLElement && event.target.closest('button, a, [role="tab"]'))
        return false;
      if (!selectedId) return false;
      open(selectedId);
      return true;
    },
    r: () => {
      void queue.refetch();
      void counts.refetch();
      return true;
    },
  });

  // A selection that scrolled out of the data (filters changed) is dropped.
  useEffect(() => {
    if (selectedId && !rows.some((r) => r.id === selectedId)) setSelectedId(undefined);
  }, [rows, selectedId]);

  const filtered = hasFilters(params);
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={filtered ? t('empty.filtered') : t(`empty.${params.view}`)}
      data-testid="queue-empty"
    >
      {filtered ? (
        <Button onClick={() => apply(clearFilters(params))}>{t('empty.clearFilters')}</Button>
      ) : (
        params.view === 'all' &&
        user.permissions.includes('customers.read') && <Link to="/intake">{t('empty.intake')}</Link>
      )}
    </Empty>
  );

  return (
    <Flex vertical gap={12}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('queue.pageTitle')}
        </Typography.Title>
        <Flex align="center" gap={12}>
          <LiveIndicator status={liveStatus} />
          <Tooltip title={t('queue.keyboardHint')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('queue.refresh')}
              loading={queue.isRefetching && !queue.isFetchingNextPage}
              onClick={() => {
                void queue.refetch();
                void counts.refetch();
              }}
            >
              {t('queue.refresh')}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
      <Card styles={{ body: { padding: '0 16px 16px' } }}>
        <QueueTabs
          views={views}
          active={params.view}
          counts={counts.data}
          onChange={(view) => apply({ ...params, view })}
        />
        <Flex vertical gap={10} style={{ paddingTop: 12 }}>
          <QueueFilters
            params={params}
            users={users.data ?? []}
            currentUserId={user.id}
            searchRef={searchRef}
            onChange={apply}
          />
          <SavedViews params={params} currentUserId={user.id} onApply={apply} />
          {queue.isError && (
            <Alert
              type="error"
              showIcon
              title={t('queue.loadFailed')}
              description={errorText(queue.error, tc)}
              action={
                <Button size="small" onClick={() => void queue.refetch()}>
                  {tc('errors.retry')}
                </Button>
              }
            />
          )}
          <QueueTable
            rows={rows}
            // Rows of the previous filters stay visible (dimmed) until the new ones arrive.
            loading={queue.isPending || (queue.isPlaceholderData && queue.isFetching)}
            usersById={usersById}
            selectedId={selectedId}
            flashing={flashing}
            now={now}
            timeZone={timeZone}
            empty={empty}
            onSelect={setSelectedId}
            onOpen={open}
          />
          {rows.length > 0 && (
            <Flex justify="center" align="center" gap={12}>
              {queue.hasNextPage ? (
                <>
                  <Typography.Text type="secondary">
                    {t('queue.shown', { count: rows.length })}
                  </Typography.Text>
                  <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
                    {t('queue.loadMore')}
                  </Button>
                </>
              ) : (
                <Typography.Text type="secondary">
                  {t('queue.allLoaded', { count: rows.length })}
                </Typography.Text>
              )}
            </Flex>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('queue.keyboardHint')}
          </Typography.Text>
        </Flex>
      </Card>
    </Flex>
  );
}
