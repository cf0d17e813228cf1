import { type Role, roles, type Team, type User, userChangeBody, userCreateBody } from '@manyi/contracts';
import { App, Button, Flex, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { fetchUsers, useChangeUser, useCreateUser } from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { changedFields, mergeReloaded, useIdempotencyKey, useVersionConflict } from '../form-state';
import { generatePassword } from '../password';
import { FormAlert } from './form-alert';

interface UserFormValues {
  email?: string;
  displayName?: string;
  role?: Role;
  teamId?: string | null;
  locale?: 'zh-CN' | 'en';
  password?: string;
  active?: boolean;
}

const editableFields = ['displayName', 'role', 'teamId', 'locale', 'active'] as const;
type EditableField = (typeof editableFields)[number];
const createFields = ['email', 'displayName', 'role', 'teamId', 'locale', 'password'];

/** Creates a user (with an initial password), or changes a user's name, role, team, language and active flag. */
export function UserFormModal({
  open,
  user,
  teams,
  currentUserId,
  onClose,
}: {
  open: boolean;
  /** The user to edit; undefined creates a new one. */
  user?: User;
  teams: readonly Team[];
  currentUserId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateUser();
  const change = useChangeUser();
  const keyFor = useIdempotencyKey();
  const conflict = useVersionConflict(user, async () => {
    const latest = (await fetchUsers()).find((u) => u.id === user?.id);
    if (!latest) throw new Error('user disappeared');
    return latest;
  });
  const editing = user !== undefined;
  const self = user?.id === currentUserId;
  const lang = currentLanguage();
  const placement = {
    fields: editing ? [...editableFields] : createFields,
    constraints: { users_email_uq: 'email' },
    codes: { WEAK_PASSWORD: 'password' },
    genericFieldText: t('validation.server'),
    lang,
  } as const;

  const fieldLabel: Record<EditableField, string> = {
    displayName: t('users.form.displayName'),
    role: t('users.form.role'),
    teamId: t('users.form.team'),
    locale: t('users.form.language'),
    active: t('users.form.active'),
  };

  const fail = (error: unknown) => {
    setFormError(applyServerError(form, error, placement) ? null : error);
  };

  const submit = (values: UserFormValues) => {
    setFormError(null);
    if (!user) {
      const parsed = userCreateBody.safeParse({ ...values, teamId: values.teamId ?? null });
      if (!parsed.success) return showIssues(form, parsed.error.issues, t);
      create.mutate(
        { body: parsed.data, idempotencyKey: keyFor(parsed.data) },
        {
          onSuccess: (created) => {
            void message.success(t('users.created', { name: created.displayName }));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    const base = conflict.latest ?? user;
    const next = { ...values, teamId: values.teamId ?? null };
    const patch: Record<string, unknown> = { version: conflict.version };
    for (const field of editableFields) {
      if (next[field] !== undefined && JSON.stringify(next[field]) !== JSON.stringify(base[field]))
        patch[field] = next[field];
    }
    if (Object.keys(patch).length === 1) {
      onClose();
      return;
    }
    const parsed = userChangeBody.safeParse(patch);
    if (!parsed.success) return showIssues(form, parsed.error.issues, t);
    change.mutate(
      { id: user.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  const changedByOthers =
    user && conflict.latest
      ? changedFields(user, conflict.latest, editableFields).map((f) => fieldLabel[f])
      : [];

  return (
    <Modal
      open={open}
      title={editing ? t('users.form.editTitle', { name: user.displayName }) : t('users.form.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'user-form', loading: create.isPending || change.isPending }}
      width={560}
    >
      <FormAlert
        error={formError}
        conflict={editing ? conflict : undefined}
        changedLabels={changedByOthers}
        onReloaded={(latest) => {
          setFormError(null);
          form.setFieldsValue(mergeReloaded(latest, editableFields, (f) => form.isFieldTouched(f)));
        }}
      />
      <Form<UserFormValues>
        name="user-form"
        form={form}
        layout="vertical"
        requiredMark
        onFinish={submit}
        initialValues={
          user
            ? {
                displayName: user.displayName,
                role: user.role,
                teamId: user.teamId,
                locale: user.locale,
                active: user.active,
              }
            : { role: 'agent', locale: 'zh-CN', teamId: null }
        }
      >
        {editing ? (
          <Form.Item label={t('users.form.email')}>
            <Typography.Text copyable>{user.email}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="email"
            label={t('users.form.email')}
            required
            rules={[zodRule(userCreateBody.shape.email, t)]}
            validateDebounce={300}
          >
            <Input autoComplete="off" placeholder="name@company.com" inputMode="email" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.form.displayName')}
          required
          rules={[zodRule(userCreateBody.shape.displayName, t)]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="role"
            label={t('users.form.role')}
            required
            style={{ flex: '1 1 200px' }}
            rules={[zodRule(userCreateBody.shape.role, t)]}
            extra={self ? t('users.form.selfRoleHelp') : undefined}
          >
            <Select
              disabled={self}
              options={roles.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            />
          </Form.Item>
          <Form.Item name="locale" label={t('users.form.language')} style={{ flex: '1 1 160px' }}>
            <Select
              options={[
                { value: 'zh-CN', label: t('users.languages.zhCN') },
                { value: 'en', label: t('users.languages.en') },
              ]}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="teamId" label={t('users.form.team')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.form.teamPlaceholder')}
            options={[
              {
                label: t('teams.kinds.internal'),
                options: teams
                  .filter((team) => team.kind === 'internal')
                  .map((team) => ({ value: team.id, label: team.name })),
              },
              {
                label: t('teams.kinds.service_point'),
                options: teams
                  .filter((team) => team.kind === 'service_point')
                  .map((team) => ({ value: team.id, label: team.name })),
              },
            ]}
          />
        </Form.Item>
        {editing ? (
          <Form.Item
            name="active"
            label={t('users.form.active')}
            valuePropName="checked"
            extra={self ? t('users.form.selfActiveHelp') : t('users.form.activeHelp')}
          >
            <Switch disabled={self} />
          </Form.Item>
        ) : (
          <PasswordField label={t('users.form.password')} />
        )}
      </Form>
    </Modal>
  );
}

/** A password input with a "generate" button; the rule is the contract's passwordSchema (≥ 10 characters). */
export function PasswordField({ label, name = 'password' }: { label: string; name?: string }) {
  const { t } = useTranslation('admin');
  const form = Form.useFormInstance();
  const [visible, setVisible] = useState(false);
  return (
    <Form.Item label={label} required extra={t('users.form.passwordHelp')} style={{ marginBottom: 8 }}>
      <Flex gap={8}>
        <Form.Item name={name} noStyle rules={[zodRule(userCreateBody.shape.password, t)]}>
          <Input.Password
            autoComplete="new-password"
            aria-label={label}
            style={{ flex: 1 }}
            visibilityToggle={{ visible, onVisibleChange: setVisible }}
          />
        </Form.Item>
        <Button
          onClick={() => {
            form.setFieldValue(name, generatePassword());
            // A generated password is meant to be read out or copied, so show it.
            setVisible(true);
            void form.validateFields([name]);
          }}
        >
          {t('users.form.generate')}
        </Button>
      </Flex>
    </Form.Item>
  );
}
