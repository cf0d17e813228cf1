import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { useLiveEvents } from '../../../shared/live-events';
import { formatRelativeTime } from '../../../shared/relative-time';
import {
  type Notification,
  useMarkAllNotificationsRead,
  useMarkNotificationsRead,
  useNotifications,
} from '../api';
import { notificationText } from '../words';

/** At most one refetch per this many ms however many work orders change (escalations arrive as changes). */
const liveRefetchGapMs = 10_000;

/**
 * The header's bell: escalations for me (a promise at risk or broken), newest first, with an unread count.
 * Opening one goes to its work order and marks it read.
 */
export function NotificationBell() {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const markAllRead = useMarkAllNotificationsRead();
  const [open, setOpen] = useState(false);
  const lastRefetch = useRef(0);
  const pending = useRef<number | undefined>(undefined);

  // Refetch on live events, at most once per gap; an event inside the gap is caught up at its end.
  useLiveEvents(() => {
    if (pending.current !== undefined) return;
    const wait = Math.max(0, lastRefetch.current + liveRefetchGapMs - Date.now());
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      lastRefetch.current = Date.now();
      void notifications.refetch();
    }, wait);
  });
  useEffect(() => () => window.clearTimeout(pending.current), []);

  const items = notifications.data?.items ?? [];
  // The server counts them all: the list holds only the newest 50.
  const unreadCount = notifications.data?.unread ?? 0;
  const lang = currentLanguage();
  const now = Date.now();

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    setOpen(false);
    if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
  };

  const content = (
    <Flex vertical style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{t('bell.title')}</Typography.Text>
        {unreadCount > 0 && (
          <Button size="small" type="link" onClick={() => markAllRead.mutate()} data-testid="mark-all-read">
            {t('bell.markAllRead')}
          </Button>
        )}
      </Flex>
      {notifications.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : notifications.isError && !notifications.data ? (
        <Flex vertical align="center" gap={8} style={{ padding: 16 }}>
          <Typography.Text type="danger">{t('bell.loadFailed')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {errorText(notifications.error, tc)}
          </Typography.Text>
          <Button size="small" onClick={() => void notifications.refetch()}>
            {tc('errors.retry')}
          </Button>
        </Flex>
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('bell.empty')}
          data-testid="notifications-empty"
          style={{ margin: '16px 0' }}
        />
      ) : (
        <List<Notification>
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              style={{ cursor: 'pointer', padding: '8px 4px', background: n.readAt ? undefined : '#f0f7ff' }}
              onClick={() => openOne(n)}
              data-testid="notification-item"
            >
              <Flex gap={8} align="flex-start" style={{ width: '100%' }}>
                <Badge
                  status={n.readAt ? 'default' : n.kind === 'commitment.breached' ? 'error' : 'warning'}
                />
                <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Link
                    onClick={(e) => {
                      e.preventDefault();
                      openOne(n);
                    }}
                    strong={!n.readAt}
                    style={{ color: 'inherit' }}
                  >
                    {notificationText(n, t)}
                  </Typography.Link>
                  {typeof n.data.subject === 'string' && (
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {n.data.subject}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatRelativeTime(n.createdAt, now, lang)}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );

  const label = unreadCount > 0 ? t('bell.unread', { count: unreadCount }) : t('bell.label');
  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      <Badge count={unreadCount} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={open}
          data-testid="notification-bell"
          data-unread={unreadCount}
        />
      </Badge>
    </Popover>
  );
}
