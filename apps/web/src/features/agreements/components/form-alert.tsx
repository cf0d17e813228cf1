import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import type { VersionConflict } from '../use-version-conflict';

/**
 * What went wrong with a save that is not already shown next to a field: a version conflict (with
 * "reload and re-apply", the user's input stays in the form), or the server's message.
 */
export function FormAlert<T extends { version: number }>({
  error,
  conflict,
  onReloaded,
}: {
  error: unknown;
  conflict?: VersionConflict<T>;
  onReloaded?: (latest: T) => void;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  if (conflict && isApiError(error, 'VERSION_CONFLICT')) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="version-conflict"
        title={t('conflict.title')}
        description={conflict.reloadError ? errorText(conflict.reloadError, tc) : t('conflict.description')}
        action={
          <Button
            size="small"
            type="primary"
            loading={conflict.reloading}
            onClick={async () => {
              const latest = await conflict.reload();
              if (latest !== undefined) onReloaded?.(latest);
            }}
          >
            {t('conflict.reload')}
          </Button>
        }
      />
    );
  }
  if (error)
    return <Alert type="error" showIcon role="alert" data-testid="form-error" title={errorText(error, tc)} />;
  if (conflict?.latest)
    return (
      <Alert
        type="info"
        showIcon
        closable={{ onClose: conflict.clear }}
        title={t('conflict.reloaded')}
        description={t('conflict.reloadedDescription')}
      />
    );
  return null;
}
