import { type Customer, customerTiers } from '@manyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { refetchCustomer, useChangeCustomer } from '../api';
import { type CustomerDraft, changeBody, type DraftField, draftFrom, rebaseDraft } from '../customer-change';
import { useApiFormErrors } from '../use-api-form-errors';

interface Conflict {
  latest: Customer;
  theirs: DraftField[];
}

/**
 * Edits the basic fields against the version that was read. When someone else saved in between, the user's
 * input stays in the form; one click loads the latest version and lays their changes over it.
 */
export function EditCustomerModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerDraft>();
  // What the user started from: the diff against it is what they changed.
  const [base, setBase] = useState(() => ({ draft: draftFrom(customer), version: customer.version }));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = useChangeCustomer(customer.id);
  const applyErrors = useApiFormErrors();

  const fieldLabel = (field: DraftField): string =>
    ({
      name: t('edit.name'),
      companyName: t('edit.companyName'),
      email: t('edit.email'),
      tier: t('tier.label'),
      valueYuan: t('edit.valueYuan'),
      notes: t('edit.notes'),
      consentServiceCalls: t('detail.consentServiceCalls'),
      consentSurveys: t('detail.consentSurveys'),
      consentMarketing: t('detail.consentMarketing'),
    })[field];

  const display = (field: DraftField, value: CustomerDraft[DraftField]): string => {
    if (field === 'tier' && typeof value === 'string') return t(`tier.${value as CustomerDraft['tier']}`);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    return String(value ?? '').trim() || t('common.none');
  };

  const submit = (values: CustomerDraft) => {
    setProblem(null);
    const body = changeBody(base.draft, values);
    if (Object.keys(body).length === 0) {
      void message.info(t('edit.noChanges'));
      onClose();
      return;
    }
    change.mutate(
      { ...body, version: base.version },
      {
        onSuccess: () => {
          void message.success(t('edit.saved'));
          onClose();
        },
        onError: async (error) => {
          if (isApiError(error, 'VERSION_CONFLICT')) {
            try {
              const latest = await refetchCustomer(queryClient, customer.id);
              const { theirs } = rebaseDraft(base.draft, draftFrom(latest), form.getFieldsValue(true));
              setConflict({ latest, theirs });
            } catch (reloadError) {
              setProblem(errorText(reloadError, tRoot));
            }
            return;
          }
          const placed = applyErrors(form, error, (path) =>
            path === 'valueFen' ? ['valueYuan'] : path.startsWith('consent') ? null : [path],
          );
          if (!placed) setProblem(errorText(error, tRoot));
        },
      },
    );
  };

  const reapply = () => {
    if (!conflict) return;
    const latestDraft = draftFrom(conflict.latest);
    const rebased = rebaseDraft(base.draft, latestDraft, form.getFieldsValue(true));
    form.setFieldsValue(rebased.draft);
    // Where both changed a field, keep the user's value but show what the other person chose.
    form.setFields(
      rebased.clashes.map((field) => ({
        name: field,
        warnings: [t('edit.theirValue', { value: display(field, latestDraft[field]) })],
      })),
    );
    setBase({ draft: latestDraft, version: conflict.latest.version });
    setConflict(null);
    void message.info(t('edit.reapplied'));
  };

  return (
    <Modal
      open
      width={680}
      title={t('edit.title')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: change.isPending, disabled: conflict !== null }}
      onOk={() => form.submit()}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="version-conflict"
          style={{ marginBottom: 16 }}
          title={t('common.conflictTitle')}
          description={
            conflict.theirs.length > 0
              ? t('edit.conflictBody', {
                  fields: conflict.theirs.map(fieldLabel).join(currentLanguage() === 'en' ? ', ' : '、'),
                })
              : t('edit.conflictBodyNoFields')
          }
          action={
            <Button type="primary" size="small" onClick={reapply}>
              {t('edit.reapply')}
            </Button>
          }
        />
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<CustomerDraft> form={form} layout="vertical" initialValues={base.draft} onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('edit.name')}
              rules={[{ required: true, whitespace: true, message: t('newCustomer.nameRequired') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="companyName" label={t('edit.companyName')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={t('edit.email')}
              rules={[{ type: 'email', message: t('edit.emailInvalid') }]}
            >
              <Input maxLength={200} inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="tier" label={t('tier.label')}>
              <Select options={customerTiers.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="valueYuan" label={t('edit.valueYuan')}>
              <InputNumber min={0} max={1e11} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('edit.consent')} style={{ marginBottom: 8 }}>
          <Row gutter={[12, 4]}>
            <Col>
              <Form.Item name="consentServiceCalls" valuePropName="checked" noStyle>
                <Checkbox>{t('detail.consentServiceCalls')}</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="consentSurveys" valuePropName="checked" noStyle>
                <Checkbox>{t('detail.consentSurveys')}</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="consentMarketing" valuePropName="checked" noStyle>
                <Checkbox>{t('detail.consentMarketing')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
        <Form.Item name="notes" label={t('edit.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
