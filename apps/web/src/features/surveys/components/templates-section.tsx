import { PlusOutlined } from '@ant-design/icons';
import { type SurveyMeasure, type SurveyTemplate, surveyMeasures } from '@manyi/contracts';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useChangeTemplate, useCreateTemplate, useSurveyTemplates } from '../api';

/** Survey templates: which measures each asks; switch one off to stop sending it. */
export function TemplatesSection() {
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const templates = useSurveyTemplates();
  const change = useChangeTemplate();
  const create = useCreateTemplate();
  const [open, setOpen] = useState(false);
  const key = useRef(crypto.randomUUID());
  const [form] = Form.useForm<{
    name: string;
    measures: SurveyMeasure[];
    askComment: boolean;
    introZh?: string;
    introEn?: string;
  }>();

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('templates.newTitle')}
      </Button>
      {templates.isError && <Alert type="error" message={errorText(templates.error, tc)} />}
      <Table<SurveyTemplate>
        rowKey="id"
        size="middle"
        loading={templates.isPending}
        dataSource={templates.data ?? []}
        pagination={false}
        columns={[
          { title: t('templates.name'), dataIndex: 'name' },
          {
            title: t('templates.measures'),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.measures.map((m) => (
                  <Tag key={m}>{t(`measureShort.${m}`)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('templates.comment'),
            render: (_, r) => (r.askComment ? t('common.yes') : t('common.no')),
          },
          {
            title: t('templates.active'),
            render: (_, r) => (
              <Switch
                checked={r.active}
                aria-label={`${t('templates.active')} ${r.name}`}
                loading={change.isPending && change.variables?.id === r.id}
                onChange={(active) =>
                  change.mutate(
                    { id: r.id, body: { version: r.version, active } },
                    { onError: (e) => message.error(errorText(e, tc)) },
                  )
                }
              />
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('templates.newTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ measures: ['csat'], askComment: true }}
          onFinish={(values) =>
            create.mutate(
              { body: values, key: key.current },
              {
                onSuccess: () => {
                  message.success(t('templates.createdMsg'));
                  key.current = crypto.randomUUID();
                  form.resetFields();
                  setOpen(false);
                },
              },
            )
          }
        >
          <Form.Item name="name" label={t('templates.name')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="measures"
            label={t('templates.measures')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Checkbox.Group options={surveyMeasures.map((m) => ({ value: m, label: t(`measures.${m}`) }))} />
          </Form.Item>
          <Form.Item name="askComment" label={t('templates.askComment')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="introZh" label={t('templates.introZh')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="introEn" label={t('templates.introEn')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {create.isError && <Alert type="error" message={errorText(create.error, tc)} />}
        </Form>
      </Modal>
    </Space>
  );
}
