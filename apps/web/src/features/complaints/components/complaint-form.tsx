import { type ComplaintSeverity, complaintSeverities, ticketChannels } from '@manyi/contracts';
import { Alert, Button, Card, Flex, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { useUsers } from '../../tickets/api';
import {
  useComplaintSettings,
  useCustomerName,
  useCustomerSearch,
  useOpenComplaint,
  useTicketByNumber,
} from '../api';

interface Values {
  customerId: string;
  verbatim: string;
  severity: ComplaintSeverity;
  cause: string;
  subject?: string;
  channel: (typeof ticketChannels)[number];
  aboutTicket?: string;
  aboutTechnicianId?: string;
}

/**
 * Receiving a complaint: the customer's words exactly as said, severity (which sets the deadlines), cause and
 * what it is about. Opening it takes the agent straight to the six-step workspace.
 */
export function ComplaintForm() {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const { t: tt } = useTranslation('tickets');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const lang = currentLanguage();
  const [form] = Form.useForm<Values>();
  const settings = useComplaintSettings();
  const users = useUsers();
  const open = useOpenComplaint();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(typed.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const customers = useCustomerSearch(search);
  const presetCustomer = params.get('customerId') ?? undefined;
  const presetName = useCustomerName(presetCustomer);
  const customerId = Form.useWatch('customerId', form);
  const severity = Form.useWatch('severity', form) ?? 'minor';
  const aboutTicket = Form.useWatch('aboutTicket', form) ?? '';
  const ticketRef = useTicketByNumber(aboutTicket);
  const unitId = params.get('unitId') ?? undefined;

  const customerOptions = useMemo(() => {
    const opts = (customers.data ?? []).map((c) => ({
      value: c.id,
      label: [c.name, c.primaryPhone, c.city].filter(Boolean).join(' · '),
    }));
    if (presetCustomer && !opts.some((o) => o.value === presetCustomer))
      opts.unshift({ value: presetCustomer, label: presetName.data?.name ?? '…' });
    return opts;
  }, [customers.data, presetCustomer, presetName.data]);

  const deadlines = settings.data?.deadlines;
  const hint = (s: ComplaintSeverity) =>
    deadlines
      ? t('form.deadlineHint', { ack: deadlines[s].acknowledgeHours, days: deadlines[s].resolveDays })
      : '';

  const submit = (v: Values) => {
    const aboutTicketId = v.aboutTicket?.trim() ? ticketRef.data?.id : undefined;
    if (v.aboutTicket?.trim() && !aboutTicketId) {
      form.setFields([{ name: 'aboutTicket', errors: [t('form.ticketNotFound')] }]);
      return;
    }
    open.mutate(
      {
        idempotencyKey,
        body: {
          customerId: v.customerId,
          verbatim: v.verbatim.trim(),
          severity: v.severity,
          cause: v.cause,
          subject: v.subject?.trim() || undefined,
          channel: v.channel,
          aboutTicketId,
          aboutTechnicianId: v.aboutTechnicianId,
          aboutUnitId: unitId && v.customerId === presetCustomer ? unitId : undefined,
        },
      },
      { onSuccess: (c) => navigate(`/complaints/${c.id}`) },
    );
  };

  if (settings.isPending) return <Spin />;
  return (
    <Card title={t('form.title')} style={{ maxWidth: 880 }}>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('form.hint')} />
        {presetCustomer && <Typography.Text type="secondary">{t('form.fromIntake')}</Typography.Text>}
        {open.isError && <Alert type="error" showIcon title={errorText(open.error, tc)} />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            customerId: presetCustomer,
            verbatim: params.get('verbatim') ?? '',
            severity: 'minor',
            channel: 'phone',
          }}
        >
          <Form.Item
            name="customerId"
            label={t('form.customer')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setTyped }}
              placeholder={t('form.customerPlaceholder')}
              options={customerOptions}
              notFoundContent={customers.isFetching ? <Spin size="small" /> : null}
              data-testid="complaint-customer"
            />
          </Form.Item>
          <Form.Item
            name="verbatim"
            label={t('form.verbatim')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea
              rows={4}
              placeholder={t('form.verbatimPlaceholder')}
              data-testid="complaint-verbatim"
            />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="severity" label={t('form.severity')} extra={hint(severity)}>
              <Radio.Group optionType="button" buttonStyle="solid">
                {complaintSeverities.map((s) => (
                  <Radio.Button key={s} value={s} data-testid={`severity-${s}`}>
                    {t(`severity.${s}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="cause"
              label={t('form.cause')}
              rules={[{ required: true, message: t('form.required') }]}
              style={{ minWidth: 220 }}
            >
              <Select
                data-testid="complaint-cause"
                options={(settings.data?.causes ?? [])
                  .filter((c) => c.active)
                  .map((c) => ({ value: c.code, label: lang.startsWith('zh') ? c.zh : c.en }))}
              />
            </Form.Item>
            <Form.Item name="channel" label={t('form.channel')} style={{ minWidth: 140 }}>
              <Select options={ticketChannels.map((c) => ({ value: c, label: tt(`channel.${c}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="subject" label={t('form.subject')}>
            <Input maxLength={200} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="aboutTicket" label={t('form.aboutTicket')} style={{ minWidth: 240 }}>
              <Input placeholder={t('form.aboutTicketPlaceholder')} />
            </Form.Item>
            <Form.Item name="aboutTechnicianId" label={t('form.aboutTechnician')} style={{ minWidth: 240 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(users.data ?? [])
                  .filter((u) => u.role === 'technician')
                  .map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          </Flex>
          <Button
            type="primary"
            htmlType="submit"
            loading={open.isPending}
            disabled={!customerId}
            data-testid="complaint-submit"
          >
            {t('form.submit')}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
