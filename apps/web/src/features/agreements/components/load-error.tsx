import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';

/** A section that could not load: the reason in the user's language and a retry. */
export function LoadError({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry: () => void;
  title?: string;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  return (
    <Result
      status="warning"
      title={title ?? t('common.loadFailed')}
      subTitle={errorText(error, tc)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {tc('errors.retry')}
        </Button>
      }
    />
  );
}
