import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api-client';
import { refetchCustomer } from './api';

/**
 * For small writes (add a phone, churn…): on VERSION_CONFLICT reload the customer so the next try carries
 * the current version, and tell the user; their input stays where it was. Returns true when it handled it.
 */
export function useConflictReload(customerId: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation('customers');
  return (error: unknown): boolean => {
    if (!isApiError(error, 'VERSION_CONFLICT')) return false;
    void refetchCustomer(queryClient, customerId);
    void message.warning(t('common.conflictReloaded'), 6);
    return true;
  };
}
