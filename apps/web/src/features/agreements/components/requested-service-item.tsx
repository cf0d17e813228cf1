import type { TicketPriority, TicketType } from '@manyi/contracts';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatMoney } from '../../../shared/format';
import { useCoverage } from '../api';
import { type RequestedService, serviceChoices } from '../requested-service';

/**
 * The service the customer asks for, at intake, picked from the covering agreement's lists: included, for a
 * fee (opening the work order offers a quote) or excluded (refused here, before the API refuses it).
 * A Form.Item named `service` holding a {@link RequestedService}.
 */
export function RequestedServiceItem({
  customerId,
  unitId,
  ticketType,
  priority,
}: {
  customerId: string;
  unitId?: string;
  ticketType?: TicketType;
  priority?: TicketPriority;
}) {
  const { t } = useTranslation('agreements');
  const lang = currentLanguage();
  const coverage = useCoverage({ customerId, unitId, ticketType, priority });
  const agreement = coverage.data?.agreement ?? null;
  const choices = agreement ? serviceChoices(agreement) : [];
  const price = (fen: number | null) => (fen === null ? '' : formatMoney(fen, 'CNY', lang));
  const group = (disposition: RequestedService['disposition'], label: string) => ({
    label,
    title: label,
    options: choices
      .filter((c) => c.disposition === disposition)
      .map((c) => ({
        value: c.code,
        label:
          c.disposition === 'fee'
            ? `${c.name} · ${t('requestedService.fee', { price: price(c.priceFen) })}`
            : c.name,
      })),
  });
  const options = [
    group('included', t('requestedService.groupIncluded')),
    group('fee', t('requestedService.groupPaid')),
    group(null, t('requestedService.groupExcluded')),
  ].filter((g) => g.options.length > 0);

  return (
    <Form.Item<{ service?: RequestedService }>
      name="service"
      label={t('requestedService.label')}
      extra={coverage.data && !agreement ? t('requestedService.noAgreement') : undefined}
      getValueFromEvent={(code?: string) => {
        const c = choices.find((x) => x.code === code);
        return c ? { code: c.code, disposition: c.disposition } : undefined;
      }}
      getValueProps={(value?: RequestedService) => ({ value: value?.code })}
      rules={[
        {
          validator: (_, value?: RequestedService) =>
            value && value.disposition === null
              ? Promise.reject(new Error(t('requestedService.notOffered')))
              : Promise.resolve(),
        },
      ]}
    >
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        disabled={!agreement}
        loading={coverage.isPending}
        placeholder={t('requestedService.placeholder')}
        aria-label={t('requestedService.label')}
        options={options}
        data-testid="requested-service"
      />
    </Form.Item>
  );
}
