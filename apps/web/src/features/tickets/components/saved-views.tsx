import { CloseOutlined, SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import type { SavedView } from '@manyi/contracts';
import {
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from '../api';
import { type QueueParams, queueParamsFromObject, queueParamsToObject, sameQueue } from '../queue-params';

/** Saved queue filters as quick buttons: yours and colleagues' shared ones; save the current one; delete yours. */
export function SavedViews({
  params,
  currentUserId,
  onApply,
}: {
  params: QueueParams;
  currentUserId: string;
  onApply: (params: QueueParams) => void;
}) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const views = useSavedViews();
  const remove = useDeleteSavedView();
  const [saving, setSaving] = useState(false);

  // Until the endpoint exists (or when it fails) the rest of the queue works; say so quietly.
  const unavailable = views.isError;
  const list = [...(views.data ?? [])].sort(
    (a, b) => Number(b.ownerId === currentUserId) - Number(a.ownerId === currentUserId),
  );

  const deleteView = (view: SavedView) =>
    remove.mutate(view.id, {
      onSuccess: () => void message.success(t('savedViews.deleted', { name: view.name })),
      onError: (error) => void message.error(errorText(error, tc)),
    });

  return (
    <Flex
      wrap
      align="center"
      gap={6}
      data-testid="saved-views"
      role="group"
      aria-label={t('savedViews.label')}
    >
      <Typography.Text type="secondary">{t('savedViews.prefix')}</Typography.Text>
      {unavailable && <Typography.Text type="secondary">{t('savedViews.unavailable')}</Typography.Text>}
      {!unavailable && views.isSuccess && list.length === 0 && (
        <Typography.Text type="secondary">{t('savedViews.none')}</Typography.Text>
      )}
      {list.map((view) => {
        const viewParams = queueParamsFromObject(view.query);
        const active = sameQueue(viewParams, params);
        const own = view.ownerId === currentUserId;
        return (
          <Space.Compact key={view.id} size="small">
            <Button
              size="small"
              type={active ? 'primary' : 'default'}
              aria-pressed={active}
              icon={view.shared ? <ShareAltOutlined aria-label={t('savedViews.sharedTag')} /> : undefined}
              onClick={() => onApply(viewParams)}
            >
              {view.name}
            </Button>
            {own && (
              <Popconfirm
                title={t('savedViews.deleteConfirm', { name: view.name })}
                okText={t('savedViews.deleteOk')}
                cancelText={t('savedViews.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => deleteView(view)}
              >
                <Tooltip title={t('savedViews.delete', { name: view.name })}>
                  <Button
                    size="small"
                    type={active ? 'primary' : 'default'}
                    icon={<CloseOutlined />}
                    aria-label={t('savedViews.delete', { name: view.name })}
                  />
                </Tooltip>
              </Popconfirm>
            )}
          </Space.Compact>
        );
      })}
      <Button
        size="small"
        type="dashed"
        icon={<SaveOutlined />}
        onClick={() => setSaving(true)}
        disabled={unavailable}
      >
        {t('savedViews.save')}
      </Button>
      <SaveViewModal open={saving} params={params} onClose={() => setSaving(false)} />
    </Flex>
  );
}

function SaveViewModal({
  open,
  params,
  onClose,
}: {
  open: boolean;
  params: QueueParams;
  onClose: () => void;
}) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const create = useCreateSavedView();
  // One key per dialog opening: a double click or a retry saves one view, not two.
  const [key, setKey] = useState(() => crypto.randomUUID());

  const submit = (values: { name: string; shared: boolean }) =>
    create.mutate(
      { name: values.name.trim(), shared: values.shared, query: queueParamsToObject(params), key },
      {
        onSuccess: (view) => {
          void message.success(t('savedViews.saved', { name: view.name }));
          form.resetFields();
          setKey(crypto.randomUUID());
          onClose();
        },
        onError: (error) => {
          if (isApiError(error, 'VALIDATION_FAILED') && Array.isArray(error.details)) {
            const nameError = (error.details as Array<{ path?: string; message?: string }>).find(
              (d) => d.path === 'name',
            );
            if (nameError) {
              form.setFields([{ name: 'name', errors: [nameError.message ?? error.message] }]);
              return;
            }
          }
          void message.error(errorText(error, tc));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('savedViews.saveTitle')}
      okText={t('savedViews.ok')}
      cancelText={t('savedViews.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: '', shared: false }} onFinish={submit}>
        <Form.Item
          name="name"
          label={t('savedViews.name')}
          rules={[{ required: true, whitespace: true, message: t('savedViews.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('savedViews.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('savedViews.sharedHint')}>
          <Checkbox>{t('savedViews.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
