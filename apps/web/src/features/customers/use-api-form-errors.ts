import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { type FieldName, fieldErrorsFrom, localFieldMessage } from './form-errors';

/**
 * Puts an API answer's field problems next to the form's fields (antd setFields). Returns true when at
 * least one field now shows a problem, so the caller need not repeat it in a banner.
 */
export function useApiFormErrors() {
  const { t } = useTranslation('customers');
  return (form: FormInstance, error: unknown, mapPath: (path: string) => FieldName | null): boolean => {
    const { fields } = fieldErrorsFrom(error, mapPath, (message) =>
      localFieldMessage(
        message,
        currentLanguage(),
        { PHONE_INVALID: t('newCustomer.phoneInvalid') },
        t('common.invalidField'),
      ),
    );
    if (fields.length > 0) form.setFields(fields);
    return fields.length > 0;
  };
}
