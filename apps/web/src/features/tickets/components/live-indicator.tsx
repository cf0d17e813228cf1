import { Badge, Button, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type LiveStatus, reconnectLiveEvents } from '../../../shared/live-events';

/** A small dot that says whether new work appears by itself, with a way to reconnect when it does not. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('tickets');
  if (status === 'live')
    return (
      <Badge
        status="processing"
        color="#52c41a"
        text={<Typography.Text type="secondary">{t('live.live')}</Typography.Text>}
        data-testid="live-indicator"
        data-live="live"
      />
    );
  return (
    <Flex align="center" gap={4} data-testid="live-indicator" data-live={status}>
      <Tooltip title={status === 'offline' ? t('live.offline') : t('live.connecting')}>
        <Badge
          status={status === 'offline' ? 'error' : 'warning'}
          text={
            <Typography.Text type="secondary">
              {status === 'offline' ? t('live.offline') : t('live.connecting')}
            </Typography.Text>
          }
        />
      </Tooltip>
      {status === 'offline' && (
        <Button size="small" type="link" onClick={reconnectLiveEvents}>
          {t('live.reconnect')}
        </Button>
      )}
    </Flex>
  );
}
