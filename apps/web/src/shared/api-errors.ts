import type { TFunction } from 'i18next';
import { isApiError } from './api-client';

/** The text to show for a failed call: the server's own translated message, else a local one. */
export function errorText(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.fromServer) return error.message;
    if (error.code === 'NETWORK_ERROR' || error.status >= 502) return t('errors.network');
  }
  return t('errors.unknown');
}
