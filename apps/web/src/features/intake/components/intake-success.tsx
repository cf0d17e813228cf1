import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../shared/api-errors';
import { useLogCall } from '../api';
import type { IntakeResult } from './work-order-form';

/** The work order just opened (with a link to it) and whether its call made it onto the timeline. */
export function IntakeSuccess({ result, onClose }: { result: IntakeResult; onClose: () => void }) {
  const { t } = useTranslation('intake');
  const { t: tRoot } = useTranslation();
  const logCall = useLogCall();
  const [callError, setCallError] = useState<unknown>(result.callError);
  const seconds = result.call.durationSec;
  const duration =
    seconds >= 60
      ? t('duration.minutesSeconds', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })
      : t('duration.seconds', { seconds });

  const retry = () =>
    logCall.mutate(
      { ticketId: result.ticket.id, body: result.call, idempotencyKey: result.callKey },
      { onSuccess: () => setCallError(null), onError: setCallError },
    );

  return (
    <Alert
      type={callError ? 'warning' : 'success'}
      showIcon
      icon={callError ? undefined : <CheckCircleFilled />}
      closable={{ onClose, 'aria-label': t('success.dismiss') }}
      data-testid="intake-success"
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('success.title', { number: result.ticket.number })}
        </Typography.Text>
      }
      description={
        <Flex vertical gap={4}>
          <span>
            {callError
              ? t('success.callNotLogged', { reason: errorText(callError, tRoot) })
              : t('success.callLogged', { duration })}
          </span>
          <Typography.Text type="secondary">{t('success.next')}</Typography.Text>
        </Flex>
      }
      action={
        <Flex gap={8} wrap>
          {callError !== null && (
            <Button loading={logCall.isPending} onClick={retry}>
              {t('success.retryCall')}
            </Button>
          )}
          <Link to={`/tickets/${result.ticket.id}`} data-testid="intake-success-link">
            <Button type="primary">{t('success.open')}</Button>
          </Link>
        </Flex>
      }
    />
  );
}
