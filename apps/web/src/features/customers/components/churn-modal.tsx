import type { Customer } from '@manyi/contracts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useChurnCustomer } from '../api';
import { useConflictReload } from '../use-conflict-reload';

/** Records that the customer left and why (the reason feeds lost-business analysis). */
export function ChurnModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { t: tRoot } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const churn = useChurnCustomer(customer.id);
  const onConflict = useConflictReload(customer.id);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = ({ reason }: { reason: string }) => {
    setProblem(null);
    // The version is read at submit time, so a retry after a conflict carries the reloaded one.
    churn.mutate(
      { version: customer.version, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('churn.done'));
          onClose();
        },
        onError: (error) =>
          setProblem(onConflict(error) ? t('common.conflictReloaded') : errorText(error, tRoot)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('churn.title')}
      okText={t('churn.submit')}
      okButtonProps={{ danger: true, loading: churn.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('churn.reason')}
          rules={[{ required: true, whitespace: true, message: t('churn.reasonRequired') }]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('churn.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
