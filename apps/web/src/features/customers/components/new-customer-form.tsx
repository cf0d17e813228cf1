import { type Customer, type CustomerCreateBody, type CustomerTier, customerTiers } from '@manyi/contracts';
import { normalisePhone } from '@manyi/contracts/phone';
import { Alert, Button, Checkbox, Col, Form, Input, type InputRef, Row, Select, Typography } from 'antd';
import { type Ref, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useCreateCustomer } from '../api';
import { IdempotentAttempt } from '../idempotency';
import { useApiFormErrors } from '../use-api-form-errors';
import { AddressFields, type AddressFormValues, addressFieldFor, toAddressBody } from './address-fields';

interface Values {
  name: string;
  phone?: string;
  tier: CustomerTier;
  withAddress: boolean;
  address?: AddressFormValues;
}

export interface NewCustomerFormProps {
  /** A number already known (the caller's): shown, not asked for. Without it the form asks for one. */
  phone?: string;
  onCreated: (customer: Customer) => void;
  onCancel?: () => void;
  nameRef?: Ref<InputRef>;
}

/** Name, phone, tier and (optionally) an address: enough to serve a new caller right away. */
export function NewCustomerForm({ phone, onCreated, onCancel, nameRef }: NewCustomerFormProps) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomer();
  const attempt = useRef(new IdempotentAttempt());
  const applyErrors = useApiFormErrors();
  const withAddress = Form.useWatch('withAddress', form);

  const submit = (values: Values) => {
    const address = values.withAddress && values.address ? toAddressBody(values.address) : null;
    const body: CustomerCreateBody = {
      kind: 'person',
      name: values.name.trim(),
      tier: values.tier,
      valueFen: 0,
      consent: { serviceCalls: true, surveys: true, marketing: false },
      phones: [{ number: (phone ?? values.phone ?? '').trim() }],
      addresses: address ? [address] : [],
    };
    create.mutate(
      { body, idempotencyKey: attempt.current.keyFor(body) },
      {
        onSuccess: (customer) => {
          attempt.current.reset();
          onCreated(customer);
        },
        onError: (error) =>
          applyErrors(form, error, (path) => {
            const [head, , field] = path.split('.');
            if (path === 'name') return ['name'];
            if (head === 'phones') return phone ? null : ['phone'];
            if (head === 'addresses' && field) return addressFieldFor(field, ['address']);
            return null;
          }),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ tier: 'standard', withAddress: false }}
      scrollToFirstError={{ focus: true, block: 'center' }}
      onFinish={submit}
      data-testid="new-customer-form"
    >
      {create.isError && (
        <Alert type="error" showIcon title={errorText(create.error, tRoot)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={12}>
        <Col xs={24} sm={phone ? 14 : 10}>
          <Form.Item
            name="name"
            label={t('newCustomer.name')}
            rules={[{ required: true, whitespace: true, message: t('newCustomer.nameRequired') }]}
          >
            <Input ref={nameRef} placeholder={t('newCustomer.namePlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        {!phone && (
          <Col xs={24} sm={8}>
            <Form.Item
              name="phone"
              label={t('newCustomer.phone')}
              rules={[
                { required: true, whitespace: true, message: t('newCustomer.phoneRequired') },
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || normalisePhone(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('newCustomer.phoneInvalid'))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={40} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={phone ? 10 : 6}>
          <Form.Item name="tier" label={t('tier.label')}>
            <Select
              options={customerTiers.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
              aria-label={t('tier.label')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="withAddress" valuePropName="checked" style={{ marginBottom: withAddress ? 8 : 16 }}>
        <Checkbox>
          {t('newCustomer.addAddress')}
          <Typography.Text type="secondary"> {t('common.optional')}</Typography.Text>
        </Checkbox>
      </Form.Item>
      {withAddress && <AddressFields prefix={['address']} />}
      <Row gutter={8} align="middle">
        <Col>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('newCustomer.submit')}
          </Button>
        </Col>
        {onCancel && (
          <Col>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
          </Col>
        )}
        <Col>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('newCustomer.submitHint')}
          </Typography.Text>
        </Col>
      </Row>
    </Form>
  );
}
