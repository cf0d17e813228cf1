import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  type Agreement,
  type CustomerTier,
  customerTiers,
  defaultPauseStatuses,
  type ProductCategory,
  pausableStatuses,
  productCategories,
} from '@manyi/contracts';

type PausableStatus = (typeof pausableStatuses)[number];

import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { useCurrentUser } from '../../auth/api';
import {
  type AgreementBody,
  type AgreementChangeBody,
  fetchAgreement,
  useAgreement,
  useCalendars,
  useChangeAgreement,
  useCreateAgreement,
} from '../api';
import { serverIssues } from '../form-errors';
import {
  type CellKey,
  matrixProblems,
  matrixToTargets,
  sameTargets,
  type TargetsMatrix,
  targetsToMatrix,
} from '../targets-matrix';
import { idempotencyKeyFor, useVersionConflict } from '../use-version-conflict';
import { coverageText } from '../words';
import { CustomerSelect } from './customer-select';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';
import { ServicesEditor, type ServiceValue } from './services-editor';
import { TargetsMatrixEditor } from './targets-matrix-editor';

interface FormValues {
  code: string;
  name: string;
  description?: string | null;
  active: boolean;
  rank: number | null;
  tiers: CustomerTier[];
  categories: ProductCategory[];
  customerId?: string | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  calendarId?: string;
  included: ServiceValue[];
  excluded: ServiceValue[];
  paid: ServiceValue[];
  pauseStatuses: PausableStatus[];
  targets: TargetsMatrix;
}

const fields = [
  'code',
  'name',
  'description',
  'active',
  'rank',
  'tiers',
  'categories',
  'customerId',
  'validFrom',
  'validTo',
  'calendarId',
  'included',
  'excluded',
  'paid',
  'pauseStatuses',
  'targets',
] as const;
type Field = (typeof fields)[number];

function toFormValues(a: Agreement): FormValues {
  return {
    code: a.code,
    name: a.name,
    description: a.description,
    active: a.active,
    rank: a.rank,
    tiers: a.tiers,
    categories: a.categories,
    customerId: a.customerId,
    validFrom: a.validFrom ? dayjs(a.validFrom) : null,
    validTo: a.validTo ? dayjs(a.validTo) : null,
    calendarId: a.calendarId,
    included: a.included.map((s) => ({ code: s.code, name: s.name })),
    excluded: a.excluded.map((s) => ({ code: s.code, name: s.name })),
    paid: a.paid.map((s) => ({ code: s.code, name: s.name, priceYuan: (s.priceFen ?? 0) / 100 })),
    pauseStatuses: a.pauseStatuses,
    targets: targetsToMatrix(a.targets),
  };
}

const service = (s: ServiceValue) => ({ code: (s.code ?? '').trim(), name: (s.name ?? '').trim() });

/** The form as the API's body; money goes from yuan to integer fen. */
function toBody(values: FormValues): { body: AgreementBody; keys: CellKey[] } {
  const { targets, keys } = matrixToTargets(values.targets ?? {});
  return {
    keys,
    body: {
      code: values.code.trim(),
      name: values.name.trim(),
      description: values.description?.trim() ? values.description.trim() : null,
      active: values.active,
      rank: values.rank ?? 0,
      tiers: values.tiers ?? [],
      categories: values.categories ?? [],
      customerId: values.customerId ?? null,
      validFrom: values.validFrom ? values.validFrom.format('YYYY-MM-DD') : null,
      validTo: values.validTo ? values.validTo.format('YYYY-MM-DD') : null,
      calendarId: values.calendarId ?? '',
      included: (values.included ?? []).map(service),
      excluded: (values.excluded ?? []).map(service),
      paid: (values.paid ?? []).map((s) => ({
        ...service(s),
        priceFen: Math.round((s.priceYuan ?? 0) * 100),
      })),
      pauseStatuses: values.pauseStatuses ?? [],
      targets,
    },
  };
}

/** Only what changed against the version the edit is based on (arrays compared whole, targets as a set). */
function changePatch(base: Agreement, body: AgreementBody, version: number): AgreementChangeBody {
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(body) as (keyof AgreementBody)[]) {
    const next = body[key];
    const before = base[key as keyof Agreement];
    if (key === 'targets') {
      if (!sameTargets(base.targets, body.targets ?? [])) patch.targets = next;
    } else if (JSON.stringify(next ?? null) !== JSON.stringify(before ?? null)) patch[key] = next;
  }
  return patch as AgreementChangeBody;
}

/** Creates or edits a service agreement; read-only for roles without settings.manage. */
export function AgreementEditor({ id, readOnly = false }: { id?: string; readOnly?: boolean }) {
  const { t } = useTranslation('agreements');
  const query = useAgreement(id);
  if (!id) return <AgreementForm readOnly={false} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) {
    if (isApiError(query.error, 'NOT_FOUND') || isApiError(query.error, 'VALIDATION_FAILED'))
      return (
        <Result
          status="404"
          title={t('editor.notFound')}
          extra={
            <Link to="/agreements">
              <Button type="primary">{t('common.back')}</Button>
            </Link>
          }
        />
      );
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <AgreementForm agreement={query.data} readOnly={readOnly} />;
}

function AgreementForm({ agreement, readOnly }: { agreement?: Agreement; readOnly: boolean }) {
  const { t } = useTranslation('agreements');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const lang = currentLanguage();
  const [form] = Form.useForm<FormValues>();
  const calendars = useCalendars();
  const create = useCreateAgreement();
  const change = useChangeAgreement();
  // The record as it was when the form opened: a background refetch must not move the version under the user.
  const [original, setOriginal] = useState<Agreement | undefined>(agreement);
  const conflict = useVersionConflict(original, () => fetchAgreement(agreement?.id ?? ''));
  const [formError, setFormError] = useState<unknown>(null);
  const [cellErrors, setCellErrors] = useState<Partial<Record<CellKey, string>>>({});
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const watched = Form.useWatch([], form) as FormValues | undefined;
  const saving = create.isPending || change.isPending;

  // A new agreement counts in the first calendar unless the user picks another.
  useEffect(() => {
    if (!agreement && !form.getFieldValue('calendarId') && calendars.data?.[0])
      form.setFieldValue('calendarId', calendars.data[0].id);
  }, [agreement, calendars.data, form]);

  const placeIssues = (error: unknown, keys: CellKey[]) => {
    const issues = serverIssues(error, {
      lang,
      genericText: t('validation.server'),
      constraints: { service_agreements_code_uq: 'code' },
    });
    const fieldErrors: { name: (string | number)[]; errors: string[] }[] = [];
    const cells: Partial<Record<CellKey, string>> = {};
    let unplaced = issues.length === 0;
    for (const issue of issues) {
      const [top, index, leaf] = issue.path;
      if (top === 'targets' && typeof index === 'number' && keys[index]) {
        cells[keys[index]] = issue.message;
      } else if ((top === 'included' || top === 'excluded' || top === 'paid') && typeof index === 'number') {
        fieldErrors.push({
          name: [top, index, leaf === 'priceFen' ? 'priceYuan' : (leaf ?? 'code')],
          errors: [issue.message],
        });
      } else if (typeof top === 'string' && (fields as readonly string[]).includes(top)) {
        fieldErrors.push({ name: [top], errors: [issue.message] });
      } else unplaced = true;
    }
    form.setFields(fieldErrors as Parameters<typeof form.setFields>[0]);
    setCellErrors(cells);
    setFormError(unplaced ? error : null);
  };

  const submit = (values: FormValues) => {
    setFormError(null);
    const { body, keys } = toBody(values);
    if (!agreement) {
      create.mutate(
        { body, idempotencyKey: idempotencyKeyFor(idempotency, body) },
        {
          onSuccess: (created) => {
            void message.success(t('editor.created', { code: created.code }));
            navigate(`/agreements/${created.id}`, { replace: true });
          },
          onError: (error) => placeIssues(error, keys),
        },
      );
      return;
    }
    const base = conflict.base ?? agreement;
    const patch = changePatch(base, body, conflict.version ?? agreement.version);
    if (Object.keys(patch).length === 1) {
      void message.info(t('editor.noChanges'));
      return;
    }
    change.mutate(
      { id: agreement.id, body: patch },
      {
        onSuccess: (updated) => {
          void message.success(t('editor.saved'));
          setOriginal(updated);
          conflict.clear();
          form.setFieldsValue(toFormValues(updated));
        },
        onError: (error) => placeIssues(error, keys),
      },
    );
  };

  // After a reload: the fields the user did not touch take the latest values; their own edits stay.
  const reapply = (latest: Agreement) => {
    setFormError(null);
    const fresh = toFormValues(latest);
    const untouched: Partial<FormValues> = {};
    for (const field of fields as readonly Field[])
      if (!form.isFieldTouched(field)) Object.assign(untouched, { [field]: fresh[field] });
    form.setFieldsValue(untouched);
  };

  const targetsRule = {
    validator: async (_rule: unknown, matrix: TargetsMatrix | undefined) => {
      const count = Object.keys(matrixProblems(matrix ?? {})).length;
      if (count > 0) throw new Error(t('targets.problems', { count }));
    },
  };

  const validToRule = {
    validator: async (_rule: unknown, to: Dayjs | null | undefined) => {
      const from = form.getFieldValue('validFrom') as Dayjs | null | undefined;
      if (from && to?.isBefore(from, 'day')) throw new Error(t('validation.dateOrder'));
    },
  };

  const title = agreement
    ? t(readOnly ? 'editor.viewTitle' : 'editor.editTitle', { code: agreement.code })
    : t('editor.createTitle');

  const summary = watched
    ? coverageText(
        {
          tiers: watched.tiers ?? [],
          categories: watched.categories ?? [],
          customerId: watched.customerId ?? null,
          validFrom: watched.validFrom ? watched.validFrom.format('YYYY-MM-DD') : null,
          validTo: watched.validTo ? watched.validTo.format('YYYY-MM-DD') : null,
        },
        t,
      )
    : null;

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      onFinishFailed={() => void message.error(t('editor.fixProblems'))}
      disabled={readOnly}
      requiredMark={!readOnly}
      scrollToFirstError
      data-testid="agreement-editor"
      initialValues={
        agreement
          ? toFormValues(agreement)
          : {
              active: true,
              rank: 0,
              tiers: [],
              categories: [],
              customerId: null,
              included: [],
              excluded: [],
              paid: [],
              pauseStatuses: [...defaultPauseStatuses],
              targets: {},
            }
      }
    >
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex align="center" gap={8}>
            <Link to="/agreements" aria-label={t('common.back')}>
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                aria-label={t('common.back')}
                disabled={false}
              />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
          </Flex>
          {!readOnly && (
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-agreement">
              {agreement ? t('common.save') : t('common.create')}
            </Button>
          )}
        </Flex>

        <FormAlert error={formError} conflict={agreement ? conflict : undefined} onReloaded={reapply} />

        <Card size="small" title={t('editor.basics')}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="code"
                label={t('editor.code')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { pattern: /^[A-Za-z0-9_-]+$/, message: t('validation.code') },
                  { max: 40, message: t('validation.maxLength', { max: 40 }) },
                ]}
              >
                <Input placeholder={t('editor.codePlaceholder')} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="name"
                label={t('editor.name')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 100, message: t('validation.maxLength', { max: 100 }) },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="rank" label={t('editor.rank')} tooltip={t('editor.rankHelp')}>
                <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="active" label={t('editor.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="description"
                label={t('editor.description')}
                rules={[{ max: 2000, message: t('validation.maxLength', { max: 2000 }) }]}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  placeholder={t('editor.descriptionPlaceholder')}
                  maxLength={2000}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('editor.scope')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="tiers" label={t('editor.tiers')}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t(readOnly ? 'editor.anyTier' : 'editor.tiersPlaceholder')}
                  options={customerTiers.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="categories" label={t('editor.categories')}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t(readOnly ? 'editor.anyCategory' : 'editor.categoriesPlaceholder')}
                  options={productCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="customerId" label={t('editor.customer')}>
                <CustomerSelect
                  canSearch={user.permissions.includes('customers.read')}
                  placeholder={readOnly ? t('editor.anyCustomer') : undefined}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="validFrom" label={t('editor.validFrom')}>
                <DatePicker style={{ width: '100%' }} placeholder={t('editor.openEnded')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="validTo"
                label={t('editor.validTo')}
                dependencies={['validFrom']}
                rules={[validToRule]}
              >
                <DatePicker style={{ width: '100%' }} placeholder={t('editor.openEnded')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="pauseStatuses"
                label={t('pauseStatuses.label')}
                extra={t('pauseStatuses.hint')}
                style={{ marginBottom: 0 }}
              >
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('pauseStatuses.none')}
                  options={pausableStatuses.map((s) => ({ value: s, label: t(`pauseStatuses.status.${s}`) }))}
                  data-testid="pause-statuses"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="calendarId"
                label={t('editor.calendar')}
                extra={t('editor.calendarHelp')}
                rules={[{ required: true, message: t('validation.choose') }]}
                style={{ marginBottom: 0 }}
              >
                <Select
                  placeholder={t('editor.calendarPlaceholder')}
                  loading={calendars.isPending}
                  options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {summary && (
            <Alert type="info" style={{ marginTop: 16 }} title={t('editor.summary', { text: summary })} />
          )}
        </Card>

        <Card size="small" title={t('services.title')}>
          <Typography.Paragraph type="secondary">{t('services.help')}</Typography.Paragraph>
          <Flex vertical gap={20}>
            <ServicesEditor list="included" readOnly={readOnly} />
            <ServicesEditor list="excluded" readOnly={readOnly} />
            <ServicesEditor list="paid" readOnly={readOnly} />
          </Flex>
        </Card>

        <Card size="small" title={t('targets.title')}>
          <Typography.Paragraph type="secondary">{t('targets.help')}</Typography.Paragraph>
          <Form.Item name="targets" rules={[targetsRule]} style={{ marginBottom: 0 }}>
            <TargetsMatrixEditor
              readOnly={readOnly}
              serverErrors={cellErrors}
              onCellEdited={(key) =>
                setCellErrors((current) => {
                  if (!(key in current)) return current;
                  const { [key]: _, ...rest } = current;
                  return rest;
                })
              }
            />
          </Form.Item>
        </Card>

        {!readOnly && (
          <Flex justify="flex-end" gap={8}>
            <Link to="/agreements">
              <Button>{t('common.cancel')}</Button>
            </Link>
            <Button type="primary" htmlType="submit" loading={saving}>
              {agreement ? t('common.save') : t('common.create')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}
