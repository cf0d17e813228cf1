import {
  DeleteOutlined,
  EnvironmentOutlined,
  PhoneOutlined,
  PlusOutlined,
  StarFilled,
} from '@ant-design/icons';
import type { Address, Customer } from '@manyi/contracts';
import { normalisePhone } from '@manyi/contracts/phone';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useAddAddress, useAddPhone, useRemoveAddress, useRemovePhone } from '../api';
import { IdempotentAttempt } from '../idempotency';
import { useApiFormErrors } from '../use-api-form-errors';
import { useConflictReload } from '../use-conflict-reload';
import { AddressFields, type AddressFormValues, addressFieldFor, toAddressBody } from './address-fields';

/** One line of an address as people read it in China: province, city, district, street. */
export function addressLine(address: Address): string {
  return [
    address.province,
    address.city === address.province ? '' : address.city,
    address.district ?? '',
    address.detail,
  ]
    .filter(Boolean)
    .join(' ');
}

function PhonesCard({ customer, canWrite }: { customer: Customer; canWrite: boolean }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string; label?: string }>();
  const add = useAddPhone(customer.id);
  const remove = useRemovePhone(customer.id);
  const onConflict = useConflictReload(customer.id);
  const applyErrors = useApiFormErrors();
  const attempt = useRef(new IdempotentAttempt());
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (values: { number: string; label?: string }) => {
    setProblem(null);
    const body = { number: values.number.trim(), label: values.label?.trim() || undefined };
    add.mutate(
      { ...body, version: customer.version, idempotencyKey: attempt.current.keyFor(body) },
      {
        onSuccess: (updated) => {
          attempt.current.reset();
          form.resetFields();
          const added = updated.phones.find((p) => p.e164 === normalisePhone(body.number)?.e164);
          void message.success(t('contacts.phoneAdded', { phone: added?.display ?? body.number }));
        },
        onError: (error) => {
          if (onConflict(error)) return;
          const placed = applyErrors(form, error, (path) =>
            path === 'number' || path === 'e164' ? ['number'] : path === 'label' ? ['label'] : null,
          );
          if (!placed) setProblem(errorText(error, tRoot));
        },
      },
    );
  };

  return (
    <Card title={t('contacts.phones')} size="small" data-testid="customer-phones">
      <Flex vertical gap={8}>
        {customer.phones.map((phone) => (
          <Flex key={phone.id} align="center" gap={8} wrap>
            <PhoneOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.45)' }} />
            <Typography.Text strong copyable={{ text: phone.e164 }}>
              {phone.display}
            </Typography.Text>
            <Tag>{t(`phoneKind.${phone.kind}`)}</Tag>
            {phone.label && <Tag color="blue">{phone.label}</Tag>}
            {phone.isPrimary && (
              <Tag color="gold" icon={<StarFilled aria-hidden />}>
                {t('contacts.primary')}
              </Tag>
            )}
            <span style={{ flex: 1 }} />
            {canWrite && (
              <Popconfirm
                title={t('contacts.removePhoneConfirm', { phone: phone.display })}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                disabled={customer.phones.length <= 1}
                onConfirm={() =>
                  remove.mutateAsync({ phoneId: phone.id, version: customer.version }).then(
                    () => void message.success(t('contacts.phoneRemoved')),
                    (error: unknown) => {
                      if (!onConflict(error)) void message.error(errorText(error, tRoot));
                    },
                  )
                }
              >
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  disabled={customer.phones.length <= 1}
                  title={customer.phones.length <= 1 ? t('contacts.lastPhone') : undefined}
                  aria-label={t('contacts.removePhone', { phone: phone.display })}
                />
              </Popconfirm>
            )}
          </Flex>
        ))}
        {canWrite && (
          <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8, rowGap: 8 }}>
            <Form.Item
              name="number"
              rules={[
                { required: true, whitespace: true, message: t('newCustomer.phoneRequired') },
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || normalisePhone(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('newCustomer.phoneInvalid'))),
                },
              ]}
              style={{ flex: '1 1 180px' }}
            >
              <Input
                inputMode="tel"
                maxLength={40}
                placeholder={t('contacts.newPhone')}
                aria-label={t('contacts.newPhone')}
              />
            </Form.Item>
            <Form.Item name="label" style={{ flex: '0 1 140px' }}>
              <Input
                maxLength={30}
                placeholder={t('contacts.phoneLabelPlaceholder')}
                aria-label={t('contacts.phoneLabel')}
              />
            </Form.Item>
            <Form.Item style={{ marginInlineEnd: 0 }}>
              <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                {t('contacts.addPhone')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
      </Flex>
    </Card>
  );
}

function AddressesCard({ customer, canWrite }: { customer: Customer; canWrite: boolean }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ address: AddressFormValues }>();
  const add = useAddAddress(customer.id);
  const remove = useRemoveAddress(customer.id);
  const onConflict = useConflictReload(customer.id);
  const applyErrors = useApiFormErrors();
  const attempt = useRef(new IdempotentAttempt());
  const [problem, setProblem] = useState<string | null>(null);

  const submit = ({ address }: { address: AddressFormValues }) => {
    setProblem(null);
    const body = toAddressBody(address);
    if (!body) return;
    add.mutate(
      { address: body, version: customer.version, idempotencyKey: attempt.current.keyFor(body) },
      {
        onSuccess: () => {
          attempt.current.reset();
          void message.success(t('contacts.addressAdded'));
          form.resetFields();
          setAdding(false);
        },
        onError: (error) => {
          if (onConflict(error)) {
            setProblem(t('common.conflictReloaded'));
            return;
          }
          const placed = applyErrors(form, error, (path) => addressFieldFor(path, ['address']));
          if (!placed) setProblem(errorText(error, tRoot));
        },
      },
    );
  };

  return (
    <Card
      title={t('contacts.addresses')}
      size="small"
      data-testid="customer-addresses"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('contacts.addAddress')}
          </Button>
        )
      }
    >
      {customer.addresses.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.noAddresses')} />
      ) : (
        <Flex vertical gap={10}>
          {customer.addresses.map((address) => (
            <Flex key={address.id} align="flex-start" gap={8}>
              <EnvironmentOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.45)', marginTop: 4 }} />
              <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                <Flex gap={6} wrap>
                  {address.label && <Tag color="blue">{address.label}</Tag>}
                  {address.isDefault && <Tag color="gold">{t('contacts.defaultAddress')}</Tag>}
                </Flex>
                <Typography.Text>{addressLine(address)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {address.districtCode ?? address.cityCode}
                  {address.postalCode ? ` · ${address.postalCode}` : ''}
                </Typography.Text>
              </Flex>
              {canWrite && (
                <Popconfirm
                  title={t('contacts.removeAddressConfirm')}
                  okText={t('common.remove')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    remove.mutateAsync({ addressId: address.id, version: customer.version }).then(
                      () => void message.success(t('contacts.addressRemoved')),
                      (error: unknown) => {
                        if (!onConflict(error)) void message.error(errorText(error, tRoot));
                      },
                    )
                  }
                >
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('contacts.removeAddress')}
                  />
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      )}
      <Modal
        open={adding}
        width={720}
        title={t('contacts.addAddress')}
        okText={t('common.add')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: add.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
      >
        {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <AddressFields prefix={['address']} withDefault />
        </Form>
      </Modal>
    </Card>
  );
}

/** Phones (with the primary one) and addresses, each addable and removable against the customer's version. */
export function ContactsSection({ customer, canWrite }: { customer: Customer; canWrite: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <PhonesCard customer={customer} canWrite={canWrite} />
      </Col>
      <Col xs={24} lg={12}>
        <AddressesCard customer={customer} canWrite={canWrite} />
      </Col>
    </Row>
  );
}
