import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  partPeriod,
  type WarrantyPolicy,
  type WarrantyStart,
  warrantyPolicyBody,
  warrantyPolicyChangeBody,
  warrantyStarts,
} from '@manyi/contracts';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { fetchWarrantyPolicy, useChangeWarrantyPolicy, useCreateWarrantyPolicy } from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { changedFields, mergeReloaded, useIdempotencyKey, useVersionConflict } from '../form-state';
import {
  describePeriod,
  describePolicy,
  isKnownPartClass,
  knownPartClasses,
  partLabel,
} from '../warranty-words';
import { FormAlert } from './form-alert';

interface PartValue {
  partClass?: string;
  months?: number | null;
}
interface PolicyFormValues {
  name?: string;
  startsFrom?: WarrantyStart;
  wholeUnitMonths?: number | null;
  parts?: PartValue[];
  notes?: string | null;
}

const fields = ['name', 'startsFrom', 'wholeUnitMonths', 'parts', 'notes'] as const;

/** Creates or changes a warranty policy, with a live summary in words of what the customer is entitled to. */
export function WarrantyPolicyFormModal({
  open,
  policy,
  onClose,
}: {
  open: boolean;
  policy?: WarrantyPolicy;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateWarrantyPolicy();
  const change = useChangeWarrantyPolicy();
  const keyFor = useIdempotencyKey();
  const conflict = useVersionConflict(policy, () => fetchWarrantyPolicy(policy?.id ?? ''));
  const watched = Form.useWatch([], form) as PolicyFormValues | undefined;
  const label: Record<(typeof fields)[number], string> = {
    name: t('catalog.policies.form.name'),
    startsFrom: t('catalog.policies.form.startsFrom'),
    wholeUnitMonths: t('catalog.policies.form.wholeUnitMonths'),
    parts: t('catalog.policies.form.parts'),
    notes: t('catalog.policies.form.notes'),
  };
  const overrides = {
    parts: {
      format: t('catalog.policies.form.partFormat'),
      custom: t('catalog.policies.form.partDuplicate'),
    },
  };

  const preview =
    watched && typeof watched.wholeUnitMonths === 'number'
      ? describePolicy(
          {
            startsFrom: watched.startsFrom ?? 'purchase',
            wholeUnitMonths: watched.wholeUnitMonths,
            parts: (watched.parts ?? []).flatMap((p) =>
              p?.partClass && typeof p.months === 'number'
                ? [{ partClass: p.partClass, months: p.months }]
                : [],
            ),
          },
          t,
        )
      : null;

  const fail = (error: unknown) => {
    const placed = applyServerError(form, error, {
      fields,
      constraints: { warranty_policies_name_uq: 'name' },
      genericFieldText: t('validation.server'),
      lang: currentLanguage(),
    });
    setFormError(placed ? null : error);
  };

  const submit = (values: PolicyFormValues) => {
    setFormError(null);
    const body = {
      name: values.name,
      startsFrom: values.startsFrom,
      wholeUnitMonths: values.wholeUnitMonths ?? undefined,
      parts: (values.parts ?? []).map((p) => ({ partClass: p.partClass, months: p.months ?? undefined })),
      notes: values.notes?.trim() ? values.notes : undefined,
    };
    if (!policy) {
      const parsed = warrantyPolicyBody.safeParse(body);
      if (!parsed.success) return showIssues(form, parsed.error.issues, t, overrides);
      create.mutate(
        { body: parsed.data, idempotencyKey: keyFor(parsed.data) },
        {
          onSuccess: (created) => {
            void message.success(t('catalog.policies.created', { name: created.name }));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    const base = conflict.latest ?? policy;
    const next = { ...body, notes: body.notes ?? null };
    const patch: Record<string, unknown> = { version: conflict.version };
    for (const field of fields)
      if (JSON.stringify(next[field]) !== JSON.stringify(base[field])) patch[field] = next[field];
    if (Object.keys(patch).length === 1) return onClose();
    const parsed = warrantyPolicyChangeBody.safeParse(patch);
    if (!parsed.success) return showIssues(form, parsed.error.issues, t, overrides);
    change.mutate(
      { id: policy.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  // A part class may appear once; checked on the list so the message sits under the rows.
  const partsRule = {
    validator: async (_rule: unknown, parts: PartValue[] | undefined) => {
      const classes = (parts ?? []).map((p) => p?.partClass).filter(Boolean);
      if (new Set(classes).size !== classes.length) throw new Error(t('catalog.policies.form.partDuplicate'));
      if ((parts ?? []).length > 30) throw new Error(t('validation.maxItems', { max: 30 }));
    },
  };

  return (
    <Modal
      open={open}
      title={
        policy
          ? t('catalog.policies.form.editTitle', { name: policy.name })
          : t('catalog.policies.form.createTitle')
      }
      onCancel={onClose}
      destroyOnHidden
      width={680}
      okText={policy ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        htmlType: 'submit',
        form: 'policy-form',
        loading: create.isPending || change.isPending,
      }}
    >
      <FormAlert
        error={formError}
        conflict={policy ? conflict : undefined}
        changedLabels={
          policy && conflict.latest ? changedFields(policy, conflict.latest, fields).map((f) => label[f]) : []
        }
        onReloaded={(latest) => {
          setFormError(null);
          form.setFieldsValue(mergeReloaded(latest, fields, (f) => form.isFieldTouched(f)));
        }}
      />
      {policy && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('catalog.policies.form.changeWarning')}
        />
      )}
      <Form<PolicyFormValues>
        name="policy-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          policy
            ? {
                name: policy.name,
                startsFrom: policy.startsFrom,
                wholeUnitMonths: policy.wholeUnitMonths,
                parts: policy.parts,
                notes: policy.notes,
              }
            : { startsFrom: 'purchase', wholeUnitMonths: 12, parts: [] }
        }
      >
        <Form.Item
          name="name"
          label={label.name}
          required
          rules={[zodRule(warrantyPolicyBody.shape.name, t)]}
        >
          <Input
            maxLength={100}
            autoComplete="off"
            placeholder={t('catalog.policies.form.namePlaceholder')}
          />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="startsFrom" label={label.startsFrom} required>
            <Radio.Group
              optionType="button"
              options={warrantyStarts.map((s) => ({ value: s, label: t(`catalog.startsFrom.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="wholeUnitMonths"
            label={label.wholeUnitMonths}
            required
            rules={[zodRule(partPeriod.shape.months, t)]}
          >
            <InputNumber
              min={0}
              max={240}
              precision={0}
              suffix={t('catalog.policies.form.monthsUnit')}
              style={{ width: 140 }}
            />
          </Form.Item>
        </Flex>
        <Form.List name="parts" rules={[partsRule]}>
          {(rows, { add, remove }, { errors }) => (
            <Form.Item label={label.parts} extra={t('catalog.policies.form.partsHelp')}>
              <Flex vertical gap={8}>
                {rows.map((row) => (
                  <Flex key={row.key} gap={8} align="flex-start">
                    <Form.Item
                      name={[row.name, 'partClass']}
                      style={{ flex: 1, marginBottom: 0 }}
                      rules={[
                        zodRule(partPeriod.shape.partClass, t, {
                          format: t('catalog.policies.form.partFormat'),
                        }),
                      ]}
                    >
                      <PartClassSelect ariaLabel={t('catalog.policies.form.partClass')} />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'months']}
                      style={{ marginBottom: 0 }}
                      rules={[zodRule(partPeriod.shape.months, t)]}
                    >
                      <InputNumber
                        min={0}
                        max={240}
                        precision={0}
                        aria-label={t('catalog.policies.form.partMonths')}
                        placeholder={t('catalog.policies.form.partMonths')}
                        suffix={t('catalog.policies.form.monthsUnit')}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('catalog.policies.form.removePart')}
                      onClick={() => remove(row.name)}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ months: 36 })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('catalog.policies.form.addPart')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="notes" label={label.notes} rules={[zodRule(warrantyPolicyBody.shape.notes, t)]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} showCount />
        </Form.Item>
        {preview && (
          <Flex
            vertical
            gap={2}
            style={{
              background: '#f5f8ff',
              border: '1px solid #d6e4ff',
              borderRadius: 8,
              padding: '10px 14px',
            }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('catalog.policies.form.preview')}
            </Typography.Text>
            <Typography.Text strong data-testid="policy-preview">
              {preview}
            </Typography.Text>
            {typeof watched?.wholeUnitMonths === 'number' && watched.wholeUnitMonths % 12 !== 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {describePeriod(watched.wholeUnitMonths, t)}
              </Typography.Text>
            )}
          </Flex>
        )}
      </Form>
    </Modal>
  );
}

/** Picks a part class by its name; a class the list does not know can be typed as a code (e.g. "ice_maker"). */
function PartClassSelect({
  value,
  onChange,
  ariaLabel,
}: {
  value?: string;
  onChange?: (value: string) => void;
  ariaLabel: string;
}) {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const typed = search.trim().toLowerCase();
  const options = knownPartClasses.map((c) => ({ value: c as string, label: t(`catalog.parts.${c}`) }));
  if (value && !isKnownPartClass(value)) options.push({ value, label: value });
  if (typed && /^[a-z][a-z0-9_]*$/.test(typed) && !options.some((o) => o.value === typed))
    options.push({ value: typed, label: t('catalog.policies.form.customPart', { code: typed }) });
  return (
    <Select
      value={value}
      onChange={onChange}
      aria-label={ariaLabel}
      placeholder={t('catalog.policies.form.partPlaceholder')}
      options={options}
      showSearch={{
        onSearch: setSearch,
        filterOption: (input, option) => {
          const needle = input.trim().toLowerCase();
          return (
            String(option?.label ?? '')
              .toLowerCase()
              .includes(needle) || String(option?.value ?? '').includes(needle)
          );
        },
      }}
      labelRender={({ value: v }) => partLabel(String(v), t)}
    />
  );
}
