import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { apiTokenCreateBody } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import {
  type ApiToken,
  type ApiTokenCreated,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { useIdempotencyKey } from '../form-state';
import { type TokenState, tokenState } from '../tokens';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';

const stateColour: Record<TokenState, string> = { active: 'success', revoked: 'default', expired: 'warning' };

/** Tokens for integrations (call centre, e-commerce platforms); the secret is shown once, at creation. */
export function ApiTokensSection() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | undefined>();
  const lang = currentLanguage();
  const when = (at: string | null, none: string) =>
    at ? (
      formatDateTime(at, lang, me.tenantTimeZone)
    ) : (
      <Typography.Text type="secondary">{none}</Typography.Text>
    );

  if (tokens.isError) return <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />;

  const columns: TableColumnsType<ApiToken> = [
    {
      key: 'name',
      title: t('tokens.columns.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'prefix',
      title: t('tokens.columns.prefix'),
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      key: 'state',
      title: t('tokens.columns.status'),
      render: (_, token) => {
        const state = tokenState(token);
        return <Tag color={stateColour[state]}>{t(`tokens.states.${state}`)}</Tag>;
      },
    },
    {
      key: 'createdAt',
      title: t('tokens.columns.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => when(at, ''),
    },
    {
      key: 'lastUsedAt',
      title: t('tokens.columns.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => when(at, t('tokens.neverUsed')),
    },
    {
      key: 'expiresAt',
      title: t('tokens.columns.expiresAt'),
      dataIndex: 'expiresAt',
      render: (at: string | null) => when(at, t('tokens.noExpiry')),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      align: 'end',
      render: (_, token) =>
        tokenState(token) === 'active' ? (
          <Popconfirm
            title={t('tokens.revokeTitle', { name: token.name })}
            description={t('tokens.revokeConfirm')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutateAsync(token.id).then(
                () => void message.success(t('tokens.revoked')),
                (error: unknown) => void message.error(errorText(error, tc)),
              )
            }
          >
            <Button danger type="link" aria-label={t('tokens.revokeAria', { name: token.name })}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Typography.Text type="secondary" style={{ maxWidth: 720 }}>
          {t('tokens.intro')}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Flex>
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        data-testid="tokens-table"
        loading={tokens.isPending}
        columns={columns}
        dataSource={tokens.data ?? []}
        scroll={{ x: 860 }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')}>
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('tokens.create')}
              </Button>
            </Empty>
          ),
        }}
        pagination={false}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <SecretModal token={created} onClose={() => setCreated(undefined)} />
    </Flex>
  );
}

interface TokenFormValues {
  name?: string;
  expiresInDays?: number | 'never';
}

function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: ApiTokenCreated) => void;
}) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<TokenFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateApiToken();
  const keyFor = useIdempotencyKey();

  const submit = (values: TokenFormValues) => {
    setFormError(null);
    const parsed = apiTokenCreateBody.safeParse({
      name: values.name,
      expiresInDays: values.expiresInDays === 'never' ? undefined : values.expiresInDays,
    });
    if (!parsed.success) return showIssues(form, parsed.error.issues, t);
    create.mutate(
      { body: parsed.data, idempotencyKey: keyFor(parsed.data) },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const placed = applyServerError(form, error, {
            fields: ['name', 'expiresInDays'],
            genericFieldText: t('validation.server'),
            lang: currentLanguage(),
          });
          setFormError(placed ? null : error);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('tokens.form.title')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'token-form', loading: create.isPending }}
    >
      <FormAlert error={formError} />
      <Form<TokenFormValues>
        name="token-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ expiresInDays: 365 }}
      >
        <Form.Item
          name="name"
          label={t('tokens.form.name')}
          required
          rules={[zodRule(apiTokenCreateBody.shape.name, t)]}
          extra={t('tokens.form.nameHelp')}
        >
          <Input maxLength={100} placeholder={t('tokens.form.namePlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.form.expires')}>
          <Select
            options={[
              ...[30, 90, 180, 365, 730].map((days) => ({
                value: days,
                label: t('tokens.form.days', { count: days }),
              })),
              { value: 'never', label: t('tokens.noExpiry') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The one time the full secret is visible: copy it now, it cannot be shown again. */
function SecretModal({ token, onClose }: { token: ApiTokenCreated | undefined; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const copy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token.token);
      void message.success(t('tokens.secret.copied'));
    } catch {
      void message.warning(t('tokens.secret.copyFailed'));
    }
  };
  return (
    <Modal
      open={token !== undefined}
      title={t('tokens.secret.title', { name: token?.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('tokens.secret.warning')} />
      <Flex gap={8}>
        <Input.TextArea
          readOnly
          value={token?.token}
          autoSize={{ minRows: 2, maxRows: 4 }}
          aria-label={t('tokens.secret.label')}
          data-testid="token-secret"
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
          onFocus={(e) => e.currentTarget.select()}
        />
      </Flex>
      <Button icon={<CopyOutlined />} onClick={() => void copy()} style={{ marginTop: 12 }}>
        {t('tokens.secret.copy')}
      </Button>
    </Modal>
  );
}
