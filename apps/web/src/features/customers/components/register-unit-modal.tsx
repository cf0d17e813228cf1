import type { Customer } from '@manyi/contracts';
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { type UnitBody, useProductModelSearch, useRegisterUnit } from '../api';
import { IdempotentAttempt } from '../idempotency';
import { useApiFormErrors } from '../use-api-form-errors';
import { addressLine } from './contacts-section';

interface Values {
  modelId: string;
  serialNumber: string;
  purchaseDate?: Dayjs | null;
  deliveryDate?: Dayjs | null;
  installDate?: Dayjs | null;
  dealer?: string;
  invoiceNo?: string;
  addressId?: string;
  notes?: string;
}

const dateFields = ['purchaseDate', 'deliveryDate', 'installDate'] as const;

function bodyFrom(values: Values): UnitBody {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const body: UnitBody = {
    modelId: values.modelId,
    serialNumber: values.serialNumber.trim(),
    dealer: text(values.dealer),
    invoiceNo: text(values.invoiceNo),
    addressId: values.addressId || undefined,
    notes: text(values.notes),
  };
  for (const field of dateFields) {
    const value = values[field];
    if (value) body[field] = value.format('YYYY-MM-DD');
  }
  return body;
}

/** Registers a product the customer owns: model, serial, the dates warranty counts from, dealer, address. */
export function RegisterUnitModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const models = useProductModelSearch(debounced);
  const register = useRegisterUnit(customer.id);
  const attempt = useRef(new IdempotentAttempt());
  const applyErrors = useApiFormErrors();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 200);
    return () => window.clearTimeout(timer);
  }, [search]);

  const defaultAddress = customer.addresses.find((a) => a.isDefault) ?? customer.addresses[0];

  const submit = (values: Values) => {
    setProblem(null);
    const body = bodyFrom(values);
    register.mutate(
      { body, idempotencyKey: attempt.current.keyFor(body) },
      {
        onSuccess: (unit) => {
          attempt.current.reset();
          void message.success(t('register.done', { serial: unit.serialNumber }));
          onClose();
        },
        onError: (error) => {
          const placed = applyErrors(form, error, (path) =>
            ['modelId', 'serialNumber', 'addressId', 'dealer', 'invoiceNo', 'notes', ...dateFields].includes(
              path,
            )
              ? [path]
              : null,
          );
          if (!placed) setProblem(errorText(error, tRoot));
        },
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={t('register.title')}
      okText={t('register.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: register.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ addressId: defaultAddress?.id }}
        scrollToFirstError={{ focus: true, block: 'center' }}
        onFinish={submit}
        data-testid="register-unit-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="modelId"
              label={t('register.model')}
              rules={[{ required: true, message: t('register.modelRequired') }]}
            >
              <Select
                autoFocus
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder={t('register.modelPlaceholder')}
                notFoundContent={models.isFetching ? <Spin size="small" /> : t('register.modelNone')}
                options={(models.data?.items ?? []).map((model) => ({
                  value: model.id,
                  label: `${model.code} · ${model.name}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="serialNumber"
              label={t('register.serial')}
              rules={[{ required: true, whitespace: true, message: t('register.serialRequired') }]}
            >
              <Input maxLength={80} placeholder={t('register.serialPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="purchaseDate" label={t('register.purchaseDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="deliveryDate" label={t('register.deliveryDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="installDate"
              label={t('register.installDate')}
              dependencies={['purchaseDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_rule, value: Dayjs | null | undefined) => {
                    const purchase = getFieldValue('purchaseDate') as Dayjs | null | undefined;
                    return value && purchase && value.isBefore(purchase, 'day')
                      ? Promise.reject(new Error(t('register.installBeforePurchase')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dealer" label={t('register.dealer')}>
              <Input maxLength={120} placeholder={t('register.dealerPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="invoiceNo" label={t('register.invoiceNo')}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="addressId" label={t('register.address')}>
              <Select
                allowClear
                placeholder={t('register.addressPlaceholder')}
                options={customer.addresses.map((address) => ({
                  value: address.id,
                  label: `${address.label ? `${address.label} · ` : ''}${addressLine(address)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('register.notes')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
