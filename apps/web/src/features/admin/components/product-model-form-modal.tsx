import {
  type ProductCategory,
  type ProductModel,
  productCategories,
  productModelBody,
  productModelChangeBody,
  type WarrantyPolicy,
} from '@manyi/contracts';
import { App, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { fetchProductModel, useChangeProductModel, useCreateProductModel } from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { changedFields, mergeReloaded, useIdempotencyKey, useVersionConflict } from '../form-state';
import { describePolicy } from '../warranty-words';
import { FormAlert } from './form-alert';

interface ModelFormValues {
  code?: string;
  name?: string;
  category?: ProductCategory;
  brand?: string | null;
  warrantyPolicyId?: string | null;
}

const fields = ['code', 'name', 'category', 'brand', 'warrantyPolicyId'] as const;

/** Creates a product model or changes one; its warranty policy decides every unit's warranty. */
export function ProductModelFormModal({
  open,
  model,
  policies,
  onClose,
}: {
  open: boolean;
  model?: ProductModel;
  policies: readonly WarrantyPolicy[];
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<ModelFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateProductModel();
  const change = useChangeProductModel();
  const keyFor = useIdempotencyKey();
  const conflict = useVersionConflict(model, () => fetchProductModel(model?.id ?? ''));
  const policyId = Form.useWatch('warrantyPolicyId', form);
  const chosen = policies.find((p) => p.id === policyId);
  const label: Record<(typeof fields)[number], string> = {
    code: t('catalog.models.form.code'),
    name: t('catalog.models.form.name'),
    category: t('catalog.models.form.category'),
    brand: t('catalog.models.form.brand'),
    warrantyPolicyId: t('catalog.models.form.policy'),
  };

  const fail = (error: unknown) => {
    const placed = applyServerError(form, error, {
      fields,
      constraints: { product_models_code_uq: 'code' },
      genericFieldText: t('validation.server'),
      lang: currentLanguage(),
    });
    setFormError(placed ? null : error);
  };

  const submit = (values: ModelFormValues) => {
    setFormError(null);
    const brand = values.brand?.trim() ? values.brand : undefined;
    if (!model) {
      const parsed = productModelBody.safeParse({
        ...values,
        brand,
        warrantyPolicyId: values.warrantyPolicyId ?? null,
      });
      if (!parsed.success) return showIssues(form, parsed.error.issues, t);
      create.mutate(
        { body: parsed.data, idempotencyKey: keyFor(parsed.data) },
        {
          onSuccess: (created) => {
            void message.success(t('catalog.models.created', { code: created.code }));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    const base = conflict.latest ?? model;
    const next: Record<(typeof fields)[number], unknown> = {
      code: values.code,
      name: values.name,
      category: values.category,
      brand: brand ?? null,
      warrantyPolicyId: values.warrantyPolicyId ?? null,
    };
    const patch: Record<string, unknown> = { version: conflict.version };
    for (const field of fields) if (next[field] !== base[field]) patch[field] = next[field];
    if (Object.keys(patch).length === 1) return onClose();
    const parsed = productModelChangeBody.safeParse(patch);
    if (!parsed.success) return showIssues(form, parsed.error.issues, t);
    change.mutate(
      { id: model.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={
        model
          ? t('catalog.models.form.editTitle', { code: model.code })
          : t('catalog.models.form.createTitle')
      }
      onCancel={onClose}
      destroyOnHidden
      width={600}
      okText={model ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        htmlType: 'submit',
        form: 'model-form',
        loading: create.isPending || change.isPending,
      }}
    >
      <FormAlert
        error={formError}
        conflict={model ? conflict : undefined}
        changedLabels={
          model && conflict.latest ? changedFields(model, conflict.latest, fields).map((f) => label[f]) : []
        }
        onReloaded={(latest) => {
          setFormError(null);
          form.setFieldsValue(mergeReloaded(latest, fields, (f) => form.isFieldTouched(f)));
        }}
      />
      <Form<ModelFormValues>
        name="model-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          model
            ? {
                code: model.code,
                name: model.name,
                category: model.category,
                brand: model.brand,
                warrantyPolicyId: model.warrantyPolicyId,
              }
            : { warrantyPolicyId: null }
        }
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="code"
            label={label.code}
            required
            style={{ flex: '1 1 180px' }}
            rules={[zodRule(productModelBody.shape.code, t)]}
            extra={t('catalog.models.form.codeHelp')}
          >
            <Input maxLength={60} autoComplete="off" placeholder="KFR-35GW/BP3" />
          </Form.Item>
          <Form.Item
            name="category"
            label={label.category}
            required
            style={{ flex: '1 1 180px' }}
            rules={[zodRule(productModelBody.shape.category, t)]}
          >
            <Select
              placeholder={t('catalog.models.form.categoryPlaceholder')}
              options={productCategories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="name" label={label.name} required rules={[zodRule(productModelBody.shape.name, t)]}>
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item name="brand" label={label.brand} rules={[zodRule(productModelBody.shape.brand, t)]}>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="warrantyPolicyId"
          label={label.warrantyPolicyId}
          extra={
            chosen ? (
              <Typography.Text type="secondary">{describePolicy(chosen, t)}</Typography.Text>
            ) : (
              t('catalog.models.form.policyHelp')
            )
          }
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('catalog.models.form.policyPlaceholder')}
            options={policies.map((policy) => ({ value: policy.id, label: policy.name }))}
            optionRender={(option) => {
              const policy = policies.find((p) => p.id === option.value);
              return (
                <Flex vertical>
                  <span>{option.label}</span>
                  {policy && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {describePolicy(policy, t)}
                    </Typography.Text>
                  )}
                </Flex>
              );
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
