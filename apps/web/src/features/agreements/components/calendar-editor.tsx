import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import {
  type CalendarDetail,
  fetchCalendar,
  useCalendar,
  useChangeCalendar,
  useImportCalendarYear,
} from '../api';
import { localDateOf } from '../business-time';
import { type Week, weekHasProblems, weekOrder } from '../calendar-logic';
import { serverIssues } from '../form-errors';
import { useVersionConflict } from '../use-version-conflict';
import { FormAlert } from './form-alert';
import { HolidayYear } from './holiday-year';
import { type ImportSource, ImportYearModal } from './import-year-modal';
import { LoadError } from './load-error';
import { WeekEditor } from './week-editor';

const zones = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

interface SettingsValues {
  name: string;
  timeZone: string;
  is24x7: boolean;
  chinaHolidays: boolean;
  week: Week;
}
const settingsFields = ['name', 'timeZone', 'is24x7', 'chinaHolidays', 'week'] as const;

const settingsOf = (c: CalendarDetail): SettingsValues => ({
  name: c.name,
  timeZone: c.timeZone,
  is24x7: c.is24x7,
  chinaHolidays: c.chinaHolidays,
  week: c.week,
});
const sameSettings = (a: CalendarDetail, b: CalendarDetail) =>
  JSON.stringify(settingsOf(a)) === JSON.stringify(settingsOf(b));

/** One business calendar: the missing-years warning, its settings and week, and its holidays year by year. */
export function CalendarEditor({ id, canEdit }: { id: string; canEdit: boolean }) {
  const detail = useCalendar(id);
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  return <CalendarView key={id} calendar={detail.data} canEdit={canEdit} />;
}

function CalendarView({ calendar, canEdit }: { calendar: CalendarDetail; canEdit: boolean }) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const importYear = useImportCalendarYear();
  const thisYear = Number(localDateOf(Date.now(), calendar.timeZone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [importing, setImporting] = useState<{
    year: number;
    source: ImportSource;
    bundledMissing?: boolean;
  } | null>(null);
  const years = useMemo(
    () =>
      [
        ...new Set([...calendar.years.map((y) => y.year), ...calendar.missingYears, thisYear, thisYear + 1]),
      ].sort((a, b) => a - b),
    [calendar.years, calendar.missingYears, thisYear],
  );

  // The loud way out of missing holiday data: import it from the bundled schedule, else paste it.
  const importMissing = (y: number) =>
    importYear.mutate(
      { id: calendar.id, body: { version: calendar.version, year: y, source: 'chinese-days' } },
      {
        onSuccess: () => void message.success(t('days.imported', { year: y })),
        onError: (error) => {
          if (isApiError(error, 'CALENDAR_YEAR_UNAVAILABLE'))
            setImporting({ year: y, source: 'days', bundledMissing: true });
          else void message.error(errorText(error, tc));
        },
      },
    );

  return (
    <Flex vertical gap={16} data-testid="calendar-editor">
      {calendar.missingYears.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="missing-years"
          title={
            <Typography.Text strong style={{ color: '#a8071a' }}>
              {t('calendars.missingTitle', { years: calendar.missingYears.join(t('common.listSeparator')) })}
            </Typography.Text>
          }
          description={
            <Flex vertical gap={8}>
              <span>{t('calendars.missingDescription')}</span>
              {canEdit && (
                <Flex gap={8} wrap>
                  {calendar.missingYears.map((y) => (
                    <Flex key={y} gap={4}>
                      <Button
                        danger
                        type="primary"
                        size="small"
                        loading={importYear.isPending && importYear.variables?.body.year === y}
                        onClick={() => importMissing(y)}
                      >
                        {t('calendars.importYear', { year: y })}
                      </Button>
                      <Button danger size="small" onClick={() => setImporting({ year: y, source: 'days' })}>
                        {t('calendars.enterYear', { year: y })}
                      </Button>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Flex>
          }
        />
      )}

      <CalendarSettings calendar={calendar} canEdit={canEdit} />

      <Card size="small" title={t('days.title')}>
        <Flex vertical gap={12}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text type="secondary">{t('days.dataYears')}:</Typography.Text>
            {calendar.years.length === 0 && (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            )}
            {calendar.years.map((y) => (
              <Tag key={y.year}>
                {y.year} ·{' '}
                {t(
                  `days.source.${y.source === 'manual' || y.source === 'import' ? y.source : 'chinese-days'}`,
                )}
              </Tag>
            ))}
          </Flex>
          <HolidayYear
            calendar={calendar}
            year={year}
            years={years}
            onYear={setYear}
            canEdit={canEdit}
            importButton={
              <Button onClick={() => setImporting({ year, source: 'chinese-days' })}>
                {t('days.import')}
              </Button>
            }
          />
        </Flex>
      </Card>

      {importing && (
        <ImportYearModal
          calendar={calendar}
          initialYear={importing.year}
          initialSource={importing.source}
          bundledMissing={importing.bundledMissing}
          onClose={() => setImporting(null)}
        />
      )}
    </Flex>
  );
}

/** Name, time zone, 24×7, China's holidays and the week: saved together with the version read. */
function CalendarSettings({ calendar, canEdit }: { calendar: CalendarDetail; canEdit: boolean }) {
  const { t } = useTranslation('agreements');
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const change = useChangeCalendar();
  const [original, setOriginal] = useState(calendar);
  const conflict = useVersionConflict(original, () => fetchCalendar(calendar.id));
  const [formError, setFormError] = useState<unknown>(null);
  const is24x7 = Form.useWatch('is24x7', form) as boolean | undefined;
  const week = Form.useWatch('week', form) as Week | undefined;

  const save = (values: SettingsValues) => {
    setFormError(null);
    const base = conflict.base ?? original;
    // Holidays added meanwhile move the version too; they do not touch these settings, so save over them.
    const version = conflict.latest
      ? conflict.latest.version
      : sameSettings(calendar, original)
        ? calendar.version
        : original.version;
    const patch: Record<string, unknown> = { version };
    const before = settingsOf(base);
    for (const field of settingsFields)
      if (JSON.stringify(values[field]) !== JSON.stringify(before[field])) patch[field] = values[field];
    if (Object.keys(patch).length === 1) {
      void message.info(t('editor.noChanges'));
      return;
    }
    change.mutate(
      { id: calendar.id, body: patch as { version: number } },
      {
        onSuccess: (updated) => {
          void message.success(t('calendars.saved'));
          setOriginal(updated);
          conflict.clear();
        },
        onError: (error) => {
          const issues = serverIssues(error, {
            lang: currentLanguage(),
            genericText: t('validation.server'),
          });
          const placed = issues.filter((i) =>
            (settingsFields as readonly string[]).includes(String(i.path[0])),
          );
          form.setFields(placed.map((i) => ({ name: [String(i.path[0])] as ['name'], errors: [i.message] })));
          setFormError(placed.length === issues.length && placed.length > 0 ? null : error);
        },
      },
    );
  };

  const weekRule = {
    validator: async (_rule: unknown, value: Week | undefined) => {
      if (!value) return;
      if (weekHasProblems(value)) throw new Error(t('calendars.overlap'));
      if (!form.getFieldValue('is24x7') && weekOrder.every((k) => value[k].length === 0))
        throw new Error(t('calendars.noWorkingTime'));
    },
  };

  return (
    <Card
      size="small"
      title={t('calendars.settings')}
      extra={
        canEdit && (
          <Button type="primary" size="small" onClick={() => form.submit()} loading={change.isPending}>
            {t('calendars.saveSettings')}
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <FormAlert
          error={formError}
          conflict={conflict}
          onReloaded={(latest) => {
            setFormError(null);
            const fresh = settingsOf(latest);
            for (const field of settingsFields)
              if (!form.isFieldTouched(field)) form.setFieldValue(field, fresh[field]);
          }}
        />
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          disabled={!canEdit}
          onFinish={save}
          initialValues={settingsOf(calendar)}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('calendars.name')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 80, message: t('validation.maxLength', { max: 80 }) },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="timeZone" label={t('calendars.timeZone')}>
                <Select
                  showSearch
                  options={[...new Set([calendar.timeZone, ...zones])].map((z) => ({ value: z, label: z }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="is24x7"
                valuePropName="checked"
                label={t('calendars.is24x7')}
                extra={t('calendars.is24x7Help')}
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="chinaHolidays"
                valuePropName="checked"
                label={t('calendars.chinaHolidays')}
                extra={t('calendars.chinaHolidaysHelp')}
              >
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="week"
            label={t('calendars.week')}
            extra={is24x7 ? t('calendars.alwaysOn') : t('calendars.weekHelp')}
            rules={[weekRule]}
            style={{ marginBottom: 0, opacity: is24x7 ? 0.55 : 1 }}
          >
            <WeekEditor readOnly={!canEdit} />
          </Form.Item>
          {week && canEdit && form.isFieldsTouched() && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('common.unsavedHint')}
            </Typography.Text>
          )}
        </Form>
      </Flex>
    </Card>
  );
}
