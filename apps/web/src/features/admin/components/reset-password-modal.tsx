import type { User } from '@manyi/contracts';
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { fetchUsers, useResetPassword } from '../api';
import { applyServerError } from '../form-errors';
import { useVersionConflict } from '../form-state';
import { FormAlert } from './form-alert';
import { PasswordField } from './user-form-modal';

/** Sets a new password for a user; the API also clears a lock from too many failed sign-ins. */
export function ResetPasswordModal({ user, onClose }: { user: User | undefined; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [formError, setFormError] = useState<unknown>(null);
  const reset = useResetPassword();
  const conflict = useVersionConflict(user, async () => {
    const latest = (await fetchUsers()).find((u) => u.id === user?.id);
    if (!latest) throw new Error('user disappeared');
    return latest;
  });

  const submit = ({ password }: { password: string }) => {
    if (!user || conflict.version === undefined) return;
    setFormError(null);
    reset.mutate(
      { id: user.id, body: { version: conflict.version, password } },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { name: user.displayName }));
          onClose();
        },
        onError: (error) => {
          const placed = applyServerError(form, error, {
            fields: ['password'],
            codes: { WEAK_PASSWORD: 'password' },
            genericFieldText: t('validation.server'),
            lang: currentLanguage(),
          });
          setFormError(placed ? null : error);
        },
      },
    );
  };

  const locked = user?.lockedUntil ? new Date(user.lockedUntil) > new Date() : false;

  return (
    <Modal
      open={user !== undefined}
      title={user ? t('users.resetTitle', { name: user.displayName }) : undefined}
      onCancel={onClose}
      destroyOnHidden
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'reset-password-form', loading: reset.isPending }}
    >
      <FormAlert error={formError} conflict={conflict} onReloaded={() => setFormError(null)} />
      <Alert
        type={locked ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={locked ? t('users.resetUnlocks') : t('users.resetHelp')}
      />
      <Form name="reset-password-form" form={form} layout="vertical" onFinish={submit}>
        <PasswordField label={t('users.newPassword')} />
      </Form>
    </Modal>
  );
}
