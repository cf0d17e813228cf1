import type { Unit } from '@manyi/contracts';
import { Alert, AutoComplete, Button, Card, DatePicker, Flex, Form, Modal, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useProductModel, useWarrantyCheck, useWarrantyPolicy } from '../api';
import { formatIsoDate, todayIn } from '../dates';
import { usePartLabel } from './part-label';
import { WarrantyTag } from './warranty-tag';

interface Values {
  date: Dayjs;
  part?: string;
}

/** Is this unit (or one of its parts) under warranty on a given day? Asks the API, which knows the policy. */
export function WarrantyCheckModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const partLabel = usePartLabel();
  const [form] = Form.useForm<Values>();
  const [question, setQuestion] = useState<{ date: string; part: string } | null>(null);
  const model = useProductModel(unit.modelId);
  const policy = useWarrantyPolicy(model.data?.warrantyPolicyId);
  const check = useWarrantyCheck(unit.id, question);
  const today = todayIn(safeTimeZone(user.tenantTimeZone));

  const partOptions = (policy.data?.parts ?? []).map((part) => ({
    value: part.partClass,
    label: t('warrantyCheck.partOption', { part: partLabel(part.partClass), months: part.months }),
  }));

  const submit = (values: Values) =>
    setQuestion({ date: values.date.format('YYYY-MM-DD'), part: values.part?.trim().toLowerCase() ?? '' });

  const result = check.data;
  return (
    <Modal
      open
      title={t('warrantyCheck.title', { serial: unit.serialNumber })}
      footer={null}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('warrantyCheck.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(today) }}
        onFinish={submit}
        data-testid="warranty-check-form"
      >
        <Flex gap={12} wrap align="flex-end">
          <Form.Item
            name="date"
            label={t('warrantyCheck.date')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="part" label={t('warrantyCheck.part')} style={{ flex: '1 1 200px' }}>
            <AutoComplete
              allowClear
              options={partOptions}
              placeholder={t('warrantyCheck.partPlaceholder')}
              showSearch={{
                filterOption: (input, option) =>
                  `${option?.value ?? ''} ${option?.label ?? ''}`.toLowerCase().includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
          <Form.Item label=" " colon={false}>
            <Button type="primary" htmlType="submit" loading={check.isFetching}>
              {t('warrantyCheck.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {check.isError && <Alert type="error" showIcon title={errorText(check.error, tRoot)} />}
      {check.isFetching && !result && <Spin />}
      {result && (
        <Card size="small" title={t('warrantyCheck.result')} data-testid="warranty-check-result">
          <Flex vertical gap={6}>
            <Typography.Text>
              {formatIsoDate(result.onDate, lang)} · {partLabel(result.partClass)}
            </Typography.Text>
            <WarrantyTag warranty={result} />
            {result.startsFrom && result.startDate && result.endDate && result.months !== null && (
              <Typography.Text type="secondary">
                {t('warranty.period', {
                  start: t(`warranty.startsFrom.${result.startsFrom}`),
                  startDate: formatIsoDate(result.startDate, lang),
                  months: result.months,
                  endDate: formatIsoDate(result.endDate, lang),
                })}
              </Typography.Text>
            )}
          </Flex>
        </Card>
      )}
    </Modal>
  );
}
