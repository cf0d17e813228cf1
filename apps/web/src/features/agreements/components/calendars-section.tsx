import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { useCalendars, useCreateCalendar } from '../api';
import { serverIssues } from '../form-errors';
import { idempotencyKeyFor } from '../use-version-conflict';
import { CalendarEditor } from './calendar-editor';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';

/** /agreements/calendars[/:calendarId]: pick a calendar (the first by default) and edit it. */
export function CalendarsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('agreements');
  const { calendarId } = useParams();
  const navigate = useNavigate();
  const calendars = useCalendars();
  const [creating, setCreating] = useState(false);

  if (calendars.isError && !calendars.data)
    return <LoadError error={calendars.error} onRetry={() => void calendars.refetch()} />;
  const list = calendars.data ?? [];
  const selected = list.find((c) => c.id === calendarId) ?? list[0];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('calendars.help')}</Typography.Text>
        <Flex gap={8} align="center">
          {list.length > 1 && (
            <Select
              aria-label={t('calendars.select')}
              value={selected?.id}
              onChange={(id: string) => navigate(`/agreements/calendars/${id}`)}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
              style={{ minWidth: 200 }}
            />
          )}
          {canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('calendars.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      {calendars.isPending ? null : selected ? (
        <CalendarEditor key={selected.id} id={selected.id} canEdit={canEdit} />
      ) : (
        <Empty description={t('calendars.empty')}>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('calendars.new')}
            </Button>
          )}
        </Empty>
      )}
      {creating && (
        <NewCalendarModal
          onClose={(id) => {
            setCreating(false);
            if (id) navigate(`/agreements/calendars/${id}`);
          }}
        />
      )}
    </Flex>
  );
}

/** A new calendar starts as 08:00–20:00 every day with China's holidays; the editor refines it. */
function NewCalendarModal({ onClose }: { onClose: (createdId?: string) => void }) {
  const { t } = useTranslation('agreements');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateCalendar();
  const [error, setError] = useState<unknown>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const submit = ({ name }: { name: string }) => {
    setError(null);
    const day: [string, string][] = [['08:00', '20:00']];
    const body = {
      name: name.trim(),
      timeZone: 'Asia/Shanghai',
      is24x7: false,
      chinaHolidays: true,
      week: { '0': day, '1': day, '2': day, '3': day, '4': day, '5': day, '6': day },
    };
    create.mutate(
      { body, idempotencyKey: idempotencyKeyFor(idempotency, body) },
      {
        onSuccess: (created) => {
          void message.success(t('calendars.created', { name: created.name }));
          onClose(created.id);
        },
        onError: (e) => {
          const issues = serverIssues(e, {
            lang: currentLanguage(),
            genericText: t('validation.server'),
            constraints: { business_calendars_name_uq: 'name' },
          });
          const onName = issues.filter((i) => i.path[0] === 'name');
          form.setFields(onName.map((i) => ({ name: 'name' as const, errors: [i.message] })));
          setError(onName.length > 0 ? null : e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('calendars.newTitle')}
      onCancel={() => onClose()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'new-calendar-form', loading: create.isPending }}
      destroyOnHidden
    >
      <FormAlert error={error} />
      <Form id="new-calendar-form" form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }}>
        <Form.Item
          name="name"
          label={t('calendars.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 80, message: t('validation.maxLength', { max: 80 }) },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
