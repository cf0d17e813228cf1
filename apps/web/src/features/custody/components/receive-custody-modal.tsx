import { CameraOutlined } from '@ant-design/icons';
import { custodyKinds } from '@manyi/contracts';
import { Alert, App, Button, DatePicker, Form, Image, Input, Modal, Select, Space, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { uploadAttachment, useUsers } from '../../tickets/api';
import { type ReceiveBody, useReceiveCustody } from '../api';

/** Registers customer property for a work order: what, its condition with photos, who holds it and where. */
export function ReceiveCustodyModal({
  ticketId,
  onClose,
  onSaved,
}: {
  ticketId: string;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation('custody');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const users = useUsers();
  const receive = useReceiveCustody();
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <Modal
      open
      title={t('actions.receive')}
      onCancel={onClose}
      confirmLoading={receive.isPending}
      okButtonProps={{ disabled: uploading }}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const body: ReceiveBody = {
          ticketId,
          kind: v.kind,
          description: v.description,
          serialNumber: v.serialNumber?.trim() || null,
          condition: v.condition,
          photoIds: photos.map((p) => p.id),
          holderUserId: v.holderUserId ?? null,
          holderName: v.holderName?.trim() || undefined,
          location: v.location,
          dueBackAt: v.dueBackAt ? (v.dueBackAt as dayjs.Dayjs).toISOString() : null,
        };
        try {
          const saved = await receive.mutateAsync(body);
          void message.success(t('saved'));
          onSaved?.(saved.id);
          onClose();
        } catch (e) {
          setProblem(errorText(e, tc));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'unit', dueBackAt: dayjs().add(7, 'day') }}>
        <Form.Item name="kind" label={t('form.kind')}>
          <Select options={custodyKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('form.description')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="serialNumber" label={t('form.serialNumber')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="condition"
          label={t('form.condition')}
          extra={t('form.conditionHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item label={t('form.photos')}>
          <Space wrap>
            {photos.map((p) => (
              <Image
                key={p.id}
                width={64}
                height={64}
                style={{ objectFit: 'cover' }}
                src={`/api/v1/attachments/${p.id}/content`}
              />
            ))}
            <Upload
              accept="image/*"
              capture="environment"
              showUploadList={false}
              customRequest={async ({ file, onSuccess, onError }) => {
                setUploading(true);
                try {
                  const saved = await uploadAttachment(ticketId, file as File, {
                    key: crypto.randomUUID(),
                    language: currentLanguage(),
                  });
                  setPhotos((ps) => [...ps, { id: saved.id, name: saved.fileName }]);
                  onSuccess?.(saved);
                } catch (e) {
                  setProblem(errorText(e, tc));
                  onError?.(e as Error);
                } finally {
                  setUploading(false);
                }
              }}
            >
              <Button icon={<CameraOutlined />} loading={uploading}>
                {t('form.upload')}
              </Button>
            </Upload>
          </Space>
        </Form.Item>
        <Form.Item name="holderUserId" label={t('form.holderUser')} extra={t('form.holderSelf')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="holderName" label={t('form.holderName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="location" label={t('form.location')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="dueBackAt" label={t('form.dueBackAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Modal>
  );
}
