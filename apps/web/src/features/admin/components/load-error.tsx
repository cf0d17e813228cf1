import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';

/** A section that could not load: the reason in the user's language and a way forward. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  // An endpoint this server does not have yet is not something a retry will fix.
  const missing = isApiError(error, 'ROUTE_NOT_FOUND');
  return (
    <Result
      status={missing ? 'info' : 'warning'}
      title={missing ? t('common.notAvailableTitle') : t('common.loadFailed')}
      subTitle={missing ? t('common.notAvailable') : errorText(error, tc)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {tc('errors.retry')}
        </Button>
      }
    />
  );
}
