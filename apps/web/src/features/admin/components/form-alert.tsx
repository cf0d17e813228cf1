import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import type { VersionConflictState } from '../form-state';

/**
 * What went wrong with a submit that is not already shown next to a field: a version conflict (with
 * "reload and re-apply"), or the server's message. After a reload it says what someone else changed.
 */
export function FormAlert<T>({
  error,
  conflict,
  changedLabels,
  onReloaded,
}: {
  /** The error to show above the form (null when there is none or it sits next to the fields). */
  error: unknown;
  conflict?: VersionConflictState<T>;
  /** Labels of the fields someone else changed, once reloaded. */
  changedLabels?: string[];
  /** Called with the latest record after a successful reload (to clear the error and refresh untouched fields). */
  onReloaded?: (latest: T) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();

  if (conflict && isApiError(error, 'VERSION_CONFLICT')) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="version-conflict"
        style={{ marginBottom: 16 }}
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
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="form-error"
        style={{ marginBottom: 16 }}
        title={errorText(error, tc)}
      />
    );
  }
  if (conflict?.latest) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('conflict.reloaded')}
        description={
          changedLabels && changedLabels.length > 0
            ? t('conflict.changedByOthers', { fields: changedLabels.join(t('common.listSeparator')) })
            : t('conflict.nothingChanged')
        }
      />
    );
  }
  return null;
}
