import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerName, useCustomerSearch } from '../api';

/** Picks one customer by name or phone (searched on the server); empty means "any customer". */
export function CustomerSelect({
  value,
  onChange,
  disabled,
  canSearch,
  id,
  placeholder,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  /** Roles without customers.read cannot search (the API would refuse); they see the name if known. */
  canSearch: boolean;
  id?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation('agreements');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  // Ask the server once the typing pauses.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(typed.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const results = useCustomerSearch(canSearch ? search : '');
  const current = useCustomerName(value, canSearch);

  const options = (results.data ?? []).map((c) => ({
    value: c.id,
    label: [c.name, c.primaryPhone, c.city].filter(Boolean).join(' · '),
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.data?.name ?? t('coverage.namedCustomer') });

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      allowClear
      disabled={disabled || !canSearch}
      placeholder={placeholder ?? t('editor.customerPlaceholder')}
      options={options}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={results.isFetching ? <Spin size="small" /> : search ? t('editor.customerNone') : null}
      aria-label={t('editor.customer')}
    />
  );
}
