import { SendOutlined } from '@ant-design/icons';
import {
  type Ticket,
  type TicketChannel,
  type TicketCreateBody,
  type TicketPriority,
  type TicketType,
  ticketChannels,
  ticketPriorities,
  ticketTypes,
  type Unit,
} from '@manyi/contracts';
import { normalisePhone } from '@manyi/contracts/phone';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Radio,
  type RefSelectProps,
  Row,
  Select,
  Typography,
} from 'antd';
import { type KeyboardEvent, type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { AgreementCoverageCard } from '../../agreements/components/agreement-coverage-card';
import { RequestedServiceItem } from '../../agreements/components/requested-service-item';
import { type RequestedService, serviceForBody } from '../../agreements/requested-service';
import { ComplaintIntakeHint } from '../../complaints/components/complaint-intake-hint';
import { useCustomerUnits } from '../../customers/api';
import { IdempotentAttempt } from '../../customers/idempotency';
import { useApiFormErrors } from '../../customers/use-api-form-errors';
import { type CallBody, useLogCall, useOpenTicket } from '../api';
import { type Caller, callDurationSec, callSummary, defaultPriority, typeForKey } from '../intake-logic';

interface Values {
  type: TicketType;
  unitId: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  summary?: string;
  /** Agreements: the service asked for (included, for a fee, or refused). */
  service?: RequestedService;
}

export interface IntakeResult {
  ticket: Ticket;
  call: CallBody;
  callKey: string;
  callError: unknown;
}

export interface WorkOrderFormHandle {
  /** Puts the keyboard on the first field (the type), ready for 1–7. */
  focusFirst: () => void;
}

function unitSearchText(unit: Unit): string {
  return `${unit.modelCode} ${unit.modelName} ${unit.serialNumber}`.toLowerCase();
}

/**
 * The work order, keyboard first: 1–7 picks the type and moves on, the product select filters as you type,
 * Tab through description and priority, Ctrl+Enter submits. The call is logged right after.
 */
export function WorkOrderForm({
  caller,
  startedAt,
  phone,
  onSubmitted,
  ref,
}: {
  caller: Caller;
  startedAt: number | null;
  phone: string;
  onSubmitted: (result: IntakeResult) => void;
  ref?: Ref<WorkOrderFormHandle>;
}) {
  const { t } = useTranslation('intake');
  const { t: tc } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const [form] = Form.useForm<Values>();
  const units = useCustomerUnits(caller.id);
  const openTicket = useOpenTicket();
  const logCall = useLogCall();
  const applyErrors = useApiFormErrors();
  const attempt = useRef(new IdempotentAttempt());
  const typeRef = useRef<HTMLDivElement>(null);
  const unitRef = useRef<RefSelectProps>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const watchedType = Form.useWatch('type', form);
  const watchedPriority = Form.useWatch('priority', form);
  const watchedUnit = Form.useWatch('unitId', form);
  const watchedService = Form.useWatch('service', form);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  // Named radio groups: one Tab stop each, arrow keys move within (native radio behaviour).
  const groupName = useId();

  useImperativeHandle(ref, () => ({
    focusFirst: () => {
      const group = typeRef.current;
      (group?.querySelector<HTMLInputElement>('input:checked') ?? group?.querySelector('input'))?.focus();
    },
  }));

  // A different caller: their own products, and their tier's default priority unless the agent chose one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for every new caller, by id
  useEffect(() => {
    form.setFieldValue('unitId', '');
    form.setFieldValue('service', undefined);
    if (!form.isFieldTouched('priority')) form.setFieldValue('priority', defaultPriority(caller.tier));
  }, [caller.id, caller.tier, form]);

  const onTypeKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const type = typeForKey(event.key, ticketTypes);
    if (!type) return;
    event.preventDefault();
    form.setFieldValue('type', type);
    unitRef.current?.focus();
  };

  const onFormKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
      return;
    }
    // Enter in a one-line field must not send a half-written work order.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text')
      event.preventDefault();
  };

  const submit = async (values: Values) => {
    // A ref, not the state: a second Ctrl+Enter in the same tick must not send a second request.
    if (inFlight.current) return;
    inFlight.current = true;
    setProblem(null);
    setSubmitting(true);
    const body: TicketCreateBody = {
      type: values.type,
      channel: values.channel,
      priority: values.priority,
      description: values.description.trim(),
      customerId: caller.id,
      tags: [],
      ...(values.unitId ? { unitId: values.unitId } : {}),
      ...serviceForBody(values.service),
    };
    let ticket: Ticket;
    try {
      ticket = await openTicket.mutateAsync({ body, idempotencyKey: attempt.current.keyFor(body) });
    } catch (error) {
      const placed = applyErrors(form, error, (path) =>
        ['type', 'channel', 'priority', 'description', 'unitId'].includes(path) ? [path] : null,
      );
      if (isApiError(error, 'UNIT_NOT_OWNED'))
        form.setFields([{ name: 'unitId', errors: [errorText(error, tRoot)] }]);
      else if (isApiError(error, 'SERVICE_NOT_OFFERED'))
        form.setFields([{ name: 'service', errors: [errorText(error, tRoot)] }]);
      else if (!placed) setProblem(errorText(error, tRoot));
      inFlight.current = false;
      setSubmitting(false);
      return;
    }
    attempt.current.reset();
    const number = normalisePhone(phone)?.e164 ?? phone.trim().slice(0, 40);
    const call: CallBody = {
      direction: 'inbound',
      durationSec: callDurationSec(startedAt ?? Date.now(), Date.now()),
      summary: callSummary(values.summary, values.description),
      ...(number ? { phone: number } : {}),
    };
    const callKey = crypto.randomUUID();
    let callError: unknown = null;
    try {
      await logCall.mutateAsync({ ticketId: ticket.id, body: call, idempotencyKey: callKey });
    } catch (error) {
      callError = error;
    }
    inFlight.current = false;
    setSubmitting(false);
    onSubmitted({ ticket, call, callKey, callError });
  };

  const unitList = units.data?.items ?? [];
  const warrantyWord = (unit: Unit) =>
    unit.warranty.covered ? tc('warranty.covered') : tc('warranty.notCovered');
  // String labels (read out by screen readers and shown once chosen); the list itself shows the warranty in colour.
  const unitOptions = [
    { value: '', label: t('form.noUnit'), search: '' },
    ...unitList.map((unit) => ({
      value: unit.id,
      search: unitSearchText(unit),
      label: `${unit.modelCode} · ${unit.serialNumber} · ${warrantyWord(unit)}`,
    })),
  ];
  const renderUnitOption = (value: string) => {
    const unit = unitList.find((u) => u.id === value);
    if (!unit) return t('form.noUnit');
    return (
      <Flex justify="space-between" gap={8}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {unit.modelCode} · {unit.serialNumber}
        </span>
        <Typography.Text type={unit.warranty.covered ? 'success' : 'warning'}>
          {warrantyWord(unit)}
        </Typography.Text>
      </Flex>
    );
  };

  return (
    <Card
      title={t('form.title')}
      data-testid="work-order-form"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.submitHint')}
        </Typography.Text>
      }
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: catches Ctrl+Enter from any field of the form */}
      <div onKeyDown={onFormKey}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            type: 'repair',
            unitId: '',
            priority: defaultPriority(caller.tier),
            channel: 'phone',
          }}
          scrollToFirstError={{ focus: true, block: 'center' }}
          onFinish={(values) => void submit(values)}
        >
          {problem && (
            <Alert
              type="error"
              showIcon
              title={t('form.failed')}
              description={problem}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item name="type" label={t('form.type')} extra={t('form.typeHint')}>
            <Radio.Group name={`${groupName}-type`} aria-label={t('form.type')} style={{ width: '100%' }}>
              {/* biome-ignore lint/a11y/noStaticElementInteractions: number keys pick the type inside the radio group */}
              <div
                ref={typeRef}
                onKeyDown={onTypeKey}
                style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 4px' }}
              >
                {ticketTypes.map((type, index) => (
                  <Radio
                    key={type}
                    value={type}
                    data-testid={`type-${type}`}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    <Typography.Text keyboard style={{ marginInlineEnd: 2 }}>
                      {index + 1}
                    </Typography.Text>
                    {tc(`ticketType.${type}`)}
                  </Radio>
                ))}
              </div>
            </Radio.Group>
          </Form.Item>
          {/* Complaints are taken on the complaint form (words, severity, cause, six steps). */}
          {watchedType === 'complaint' && (
            <ComplaintIntakeHint
              customerId={caller.id}
              unitId={watchedUnit}
              description={form.getFieldValue('description')}
            />
          )}
          <Form.Item name="unitId" label={t('form.unit')}>
            <Select
              ref={unitRef}
              aria-label={t('form.unit')}
              placeholder={t('form.unitPlaceholder')}
              loading={units.isPending}
              options={unitOptions}
              optionRender={(option) => renderUnitOption(String(option.value ?? ''))}
              showSearch={{
                filterOption: (input, option) => (option?.search ?? '').includes(input.trim().toLowerCase()),
              }}
              data-testid="unit-select"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('form.description')}
            rules={[{ required: true, whitespace: true, message: t('form.descriptionRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={10_000}
              placeholder={t('form.descriptionPlaceholder')}
              data-testid="description"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item
                name="priority"
                label={t('form.priority')}
                extra={caller.tier === 'vip' ? t('form.vipPriority') : undefined}
              >
                <Radio.Group
                  name={`${groupName}-priority`}
                  aria-label={t('form.priority')}
                  optionType="button"
                  buttonStyle="solid"
                  options={ticketPriorities.map((priority) => ({
                    value: priority,
                    label: tc(`priority.${priority}`),
                  }))}
                  data-testid="priority"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item name="channel" label={t('form.channel')}>
                <Select
                  aria-label={t('form.channel')}
                  options={ticketChannels.map((channel) => ({
                    value: channel,
                    label: tc(`channel.${channel}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {/* Agreements: the service asked for, and the covering agreement (with the link to send it). */}
          <RequestedServiceItem
            customerId={caller.id}
            unitId={watchedUnit || undefined}
            ticketType={watchedType}
            priority={watchedPriority}
          />
          <div style={{ marginBottom: 16 }}>
            <AgreementCoverageCard
              customerId={caller.id}
              unitId={watchedUnit || undefined}
              ticketType={watchedType}
              priority={watchedPriority}
              service={watchedService?.code}
            />
          </div>
          <Form.Item name="summary" label={t('form.summary')}>
            <Input maxLength={5000} placeholder={t('form.summaryPlaceholder')} />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            block
            icon={<SendOutlined />}
            loading={submitting}
            onClick={() => form.submit()}
            data-testid="submit-work-order"
          >
            {t('form.submit')}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
