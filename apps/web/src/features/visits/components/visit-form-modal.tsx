import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Visit } from '@manyi/contracts';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useBoard } from '../api';
import { localDate, timeLabel, zonedInstant } from '../visit-format';

export interface VisitFormValues {
  technicianId: string;
  windowStart: string;
  windowEnd: string;
  offeredWindows: { start: string; end: string }[];
  confirmed: boolean;
  reason?: string;
}

interface Slot {
  date: Dayjs;
  range: [Dayjs, Dayjs];
}

/** Plans or reschedules a visit: technician (with their load that day), window, alternatives for the link. */
export function VisitFormModal({
  open,
  title,
  timeZone,
  visit,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  timeZone: string;
  visit?: Visit;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (values: VisitFormValues) => void;
}) {
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm();
  const initialDate = visit ? dayjs(localDate(new Date(visit.windowStart), timeZone)) : dayjs().add(1, 'day');
  const [date, setDate] = useState<Dayjs>(initialDate);
  const day = date.format('YYYY-MM-DD');
  const board = useBoard(day, undefined, open);
  const options = useMemo(
    () =>
      (board.data?.rows ?? []).map((r) => ({
        value: r.technicianId,
        label: `${r.technicianName}${r.teamName ? ` · ${r.teamName}` : ''} · ${t('panel.load', { load: r.load, capacity: r.capacity })}`,
      })),
    [board.data, t],
  );
  const toWindow = (s: Slot) => ({
    start: zonedInstant(s.date.format('YYYY-MM-DD'), s.range[0].format('HH:mm'), timeZone).toISOString(),
    end: zonedInstant(s.date.format('YYYY-MM-DD'), s.range[1].format('HH:mm'), timeZone).toISOString(),
  });
  // The time pickers show wall-clock time in the tenant's zone.
  const hm = (iso: string) => dayjs(`2000-01-01T${timeLabel(iso, 'en', timeZone)}`);

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      {error ? (
        <Alert type="error" showIcon title={errorText(error, tc)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          technicianId: visit?.technicianId,
          date: initialDate,
          range: visit
            ? [hm(visit.windowStart), hm(visit.windowEnd)]
            : [dayjs().hour(9).minute(0), dayjs().hour(11).minute(0)],
          offered: [],
          confirmed: false,
        }}
        onFinish={(v: {
          technicianId: string;
          date: Dayjs;
          range: [Dayjs, Dayjs];
          offered: Slot[];
          confirmed: boolean;
          reason?: string;
        }) => {
          const main = toWindow({ date: v.date, range: v.range });
          onSubmit({
            technicianId: v.technicianId,
            windowStart: main.start,
            windowEnd: main.end,
            offeredWindows: (v.offered ?? []).filter((s) => s?.date && s?.range).map(toWindow),
            confirmed: v.confirmed,
            reason: v.reason?.trim() || undefined,
          });
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="date" label={t('panel.date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} onChange={(d) => d && setDate(d)} />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('panel.time')}
            rules={[
              { required: true },
              {
                validator: (_, r?: [Dayjs, Dayjs]) =>
                  !r || r[1].isAfter(r[0])
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('panel.windowInvalid'))),
              },
            ]}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
        </Flex>
        <Form.Item name="technicianId" label={t('panel.technician')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            loading={board.isPending}
            data-testid="visit-technician"
          />
        </Form.Item>
        <Form.List name="offered">
          {(fields, { add, remove }) => (
            <Form.Item label={t('panel.offered')}>
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="center">
                    <Form.Item name={[f.name, 'date']} noStyle>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name={[f.name, 'range']} noStyle>
                      <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                {fields.length < 3 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('panel.addOffered')}
                  </Button>
                )}
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="confirmed" valuePropName="checked">
          <Checkbox>{t('panel.confirmedOnPhone')}</Checkbox>
        </Form.Item>
        <Form.Item name="reason" label={t('panel.reason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
