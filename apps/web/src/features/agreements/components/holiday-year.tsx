import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { type CalendarDetail, useSetCalendarDays } from '../api';
import {
  formatShortDay,
  groupDays,
  type HolidayGroup,
  monthGrid,
  monthName,
  officialHolidayKey,
  weekdayOfDate,
} from '../calendar-logic';

type Day = CalendarDetail['days'][number];

export const holidayColor = { text: '#cf1322', background: '#fff1f0', border: '#ffa39e' };
export const workdayColor = { text: '#0958d9', background: '#e6f4ff', border: '#91caff' };

/** A holiday's name in the UI language when it is one of China's official ones, else as entered. */
function useHolidayName(): (name: string | null) => string {
  const { t } = useTranslation('agreements');
  return (name) => {
    const key = officialHolidayKey(name);
    return key ? t(`days.holidayNames.${key}`) : (name ?? '—');
  };
}

/**
 * One year of a calendar: twelve small months with holidays (休, red) and adjusted working days (班, blue),
 * the list of those days, and for administrators adding and removing days.
 */
export function HolidayYear({
  calendar,
  year,
  years,
  onYear,
  canEdit,
  importButton,
}: {
  calendar: CalendarDetail;
  year: number;
  years: number[];
  onYear: (year: number) => void;
  canEdit: boolean;
  importButton: React.ReactNode;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message, modal } = App.useApp();
  const setDays = useSetCalendarDays();
  const [adding, setAdding] = useState<{ day?: string } | null>(null);
  const byDay = useMemo(() => new Map(calendar.days.map((d) => [d.day, d])), [calendar.days]);
  const groups = useMemo(
    () => groupDays(calendar.days.filter((d) => d.day.startsWith(`${year}-`))),
    [calendar.days, year],
  );
  const hasData = calendar.years.some((y) => y.year === year);

  const remove = (day: Day) =>
    setDays.mutate(
      { id: calendar.id, body: { version: calendar.version, set: [], remove: [day.day] } },
      {
        onSuccess: () => void message.success(t('days.removed', { date: day.day })),
        onError: (error) => void message.error(errorText(error, tc)),
      },
    );

  const confirmRemove = (day: Day | undefined) =>
    day &&
    modal.confirm({
      title: t('days.removeDay', { date: day.day }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove(day),
    });

  const holidayName = useHolidayName();
  const onRemove = canEdit ? (day: string) => confirmRemove(byDay.get(day)) : undefined;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Segmented<number>
            aria-label={t('days.year')}
            value={year}
            onChange={onYear}
            options={years.map((y) => ({ value: y, label: t('days.yearOption', { year: y }) }))}
            data-testid="holiday-years"
          />
          <Tag color="red">{t('days.legendHoliday')}</Tag>
          <Tag color="blue">{t('days.legendWorkday')}</Tag>
        </Flex>
        {canEdit && (
          <Flex gap={8}>
            <Button icon={<PlusOutlined />} onClick={() => setAdding({})}>
              {t('days.add')}
            </Button>
            {importButton}
          </Flex>
        )}
      </Flex>

      {!hasData && !calendar.is24x7 && (
        <Typography.Text type="warning">{t('days.noData', { year })}</Typography.Text>
      )}

      <div
        data-testid={`year-view-${year}`}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12 }}
      >
        {months.map((month) => (
          <MonthGrid
            key={month}
            year={year}
            month={month}
            byDay={byDay}
            onPick={canEdit ? (day) => setAdding({ day }) : undefined}
          />
        ))}
      </div>

      <Typography.Text strong>{t('days.list')}</Typography.Text>
      <Table<HolidayGroup>
        size="small"
        rowKey={(g) => g.name ?? ''}
        dataSource={groups}
        pagination={false}
        data-testid="holiday-list"
        scroll={{ x: 640 }}
        locale={{ emptyText: t('days.noDays', { year }) }}
        columns={[
          { key: 'name', title: t('days.name'), width: 140, render: (_, g) => holidayName(g.name) },
          {
            key: 'holidays',
            title: (
              <span style={{ color: holidayColor.text }}>
                {t('days.holidayMark')} · {t('days.holiday')}
              </span>
            ),
            render: (_, g) => <DayTags days={g.holidays} kind="holiday" onRemove={onRemove} />,
          },
          {
            key: 'workdays',
            title: (
              <span style={{ color: workdayColor.text }}>
                {t('days.workdayMark')} · {t('days.workday')}
              </span>
            ),
            render: (_, g) => <DayTags days={g.workdays} kind="workday" onRemove={onRemove} />,
          },
        ]}
      />

      {adding && (
        <AddDayModal
          calendar={calendar}
          initialDay={adding.day}
          existing={adding.day ? byDay.get(adding.day) : undefined}
          onClose={() => setAdding(null)}
        />
      )}
    </Flex>
  );
}

const weekHeader = ['1', '2', '3', '4', '5', '6', '0'] as const;
const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

function MonthGrid({
  year,
  month,
  byDay,
  onPick,
}: {
  year: number;
  month: number;
  byDay: ReadonlyMap<string, Day>;
  onPick?: (day: string) => void;
}) {
  const { t } = useTranslation('agreements');
  const holidayName = useHolidayName();
  const days = useMemo(
    () =>
      monthGrid(year, month)
        .flat()
        .filter((d): d is string => d !== null),
    [year, month],
  );
  // The 1st sits under its weekday; the grid flows on from there.
  const lead = days[0] ? (weekdayOfDate(days[0]) + 6) % 7 : 0;
  return (
    <section
      aria-label={t('days.monthAria', { year, month })}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}
    >
      <Typography.Text strong style={{ display: 'block', textAlign: 'center', marginBottom: 4 }}>
        {monthName(month, currentLanguage())}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {weekHeader.map((d) => (
          <span key={d} style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
            {t(`calendars.weekdayShort.${d}`)}
          </span>
        ))}
        {days.map((date, index) => {
          const special = byDay.get(date);
          const weekend = [0, 6].includes(weekdayOfDate(date));
          const colors =
            special?.kind === 'holiday' ? holidayColor : special?.kind === 'workday' ? workdayColor : null;
          const what = special
            ? `${special.kind === 'holiday' ? t('days.holiday') : t('days.workday')}${special.name ? ` · ${holidayName(special.name)}` : ''}`
            : weekend
              ? t('days.weekend')
              : t('days.ordinary');
          const label = t('days.dayAria', { date, what });
          const style: React.CSSProperties = {
            position: 'relative',
            textAlign: 'center',
            lineHeight: '22px',
            borderRadius: 4,
            color: colors?.text ?? (weekend ? 'rgba(0,0,0,0.45)' : undefined),
            background: colors?.background ?? 'transparent',
            border: `1px solid ${colors?.border ?? 'transparent'}`,
            fontWeight: colors ? 600 : undefined,
            padding: 0,
            font: 'inherit',
            cursor: onPick ? 'pointer' : 'default',
            gridColumnStart: index === 0 ? lead + 1 : undefined,
          };
          const content = (
            <>
              {Number(date.slice(8))}
              {special && (
                <span
                  aria-hidden
                  style={{ position: 'absolute', top: -4, right: -2, fontSize: 9, lineHeight: '12px' }}
                >
                  {special.kind === 'holiday' ? t('days.holidayMark') : t('days.workdayMark')}
                </span>
              )}
            </>
          );
          const common = {
            'data-testid': `cal-day-${date}`,
            'data-kind': special?.kind ?? (weekend ? 'weekend' : 'ordinary'),
            title: label,
            'aria-label': label,
          };
          return onPick ? (
            <button key={date} type="button" {...common} style={style} onClick={() => onPick(date)}>
              {content}
            </button>
          ) : (
            <span key={date} role="img" {...common} style={style}>
              {content}
            </span>
          );
        })}
      </div>
    </section>
  );
}

interface AddDayValues {
  day: Dayjs;
  kind: Day['kind'];
  name?: string;
}

function AddDayModal({
  calendar,
  initialDay,
  existing,
  onClose,
}: {
  calendar: CalendarDetail;
  initialDay?: string;
  existing?: Day;
  onClose: () => void;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddDayValues>();
  const setDays = useSetCalendarDays();
  const [error, setError] = useState<unknown>(null);

  const submit = (values: AddDayValues) => {
    setError(null);
    const day = values.day.format('YYYY-MM-DD');
    setDays.mutate(
      {
        id: calendar.id,
        body: {
          version: calendar.version,
          set: [{ day, kind: values.kind, name: values.name?.trim() || null, periods: null }],
          remove: [],
        },
      },
      {
        onSuccess: () => {
          void message.success(t('days.addedDay', { date: day }));
          onClose();
        },
        onError: setError,
      },
    );
  };

  return (
    <Modal
      open
      title={t('days.addTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'add-day-form', loading: setDays.isPending }}
      destroyOnHidden
    >
      {error !== null && (
        <Typography.Paragraph type="danger" role="alert">
          {isApiError(error, 'VERSION_CONFLICT') ? t('conflict.title') : errorText(error, tc)}
        </Typography.Paragraph>
      )}
      <Form<AddDayValues>
        id="add-day-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          day: initialDay ? dayjs(initialDay) : undefined,
          kind: existing?.kind ?? 'holiday',
          name: existing?.name ?? '',
        }}
      >
        <Form.Item
          name="day"
          label={t('days.date')}
          rules={[{ required: true, message: t('validation.choose') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('days.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: `${t('days.holidayMark')} · ${t('days.holiday')}` },
              { value: 'workday', label: `${t('days.workdayMark')} · ${t('days.workday')}` },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('days.name')}
          rules={[{ max: 40, message: t('validation.maxLength', { max: 40 }) }]}
        >
          <Input placeholder={t('days.namePlaceholder')} maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A holiday's dates as tags (red 休 / blue 班); administrators remove one with its close button. */
function DayTags({
  days,
  kind,
  onRemove,
}: {
  days: string[];
  kind: Day['kind'];
  onRemove?: (day: string) => void;
}) {
  const { t } = useTranslation('agreements');
  const lang = currentLanguage();
  if (days.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {days.map((day) => (
        <Tag
          key={day}
          color={kind === 'holiday' ? 'red' : 'blue'}
          data-testid={`day-tag-${day}`}
          closable={onRemove ? { 'aria-label': t('days.removeDay', { date: day }) } : false}
          onClose={(event) => {
            // The tag goes when the server has removed the day, not before.
            event.preventDefault();
            onRemove?.(day);
          }}
          style={{ marginInlineEnd: 0 }}
        >
          {formatShortDay(day, lang)}
        </Tag>
      ))}
    </Flex>
  );
}
