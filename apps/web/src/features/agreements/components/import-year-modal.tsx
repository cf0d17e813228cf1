import { Alert, App, Flex, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { type CalendarDetail, useImportCalendarYear } from '../api';
import { parseDayList } from '../calendar-logic';

export type ImportSource = 'chinese-days' | 'days';

/** Imports a year of holidays and adjusted working days: from the bundled data, or from a pasted list. */
export function ImportYearModal({
  calendar,
  initialYear,
  initialSource = 'chinese-days',
  bundledMissing = false,
  onClose,
}: {
  calendar: CalendarDetail;
  initialYear: number;
  initialSource?: ImportSource;
  /** Opened because the bundled data lacks the year: say so above the paste box. */
  bundledMissing?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const importYear = useImportCalendarYear();
  const [year, setYear] = useState(initialYear);
  const [source, setSource] = useState<ImportSource>(initialSource);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [unavailable, setUnavailable] = useState(bundledMissing);
  const parsed = parseDayList(text, year);
  const holidays = parsed.days.filter((d) => d.kind === 'holiday').length;
  const workdays = parsed.days.length - holidays;
  const canSubmit = source === 'chinese-days' || (parsed.days.length > 0 && parsed.errors.length === 0);

  const submit = () => {
    setError(null);
    importYear.mutate(
      {
        id: calendar.id,
        body:
          source === 'chinese-days'
            ? { version: calendar.version, year, source }
            : { version: calendar.version, year, source, days: parsed.days },
      },
      {
        onSuccess: () => {
          void message.success(t('days.imported', { year }));
          onClose();
        },
        onError: (e) => {
          // The bundled data stops at some year: offer the pasted list for that year instead.
          if (isApiError(e, 'CALENDAR_YEAR_UNAVAILABLE')) {
            setUnavailable(true);
            setSource('days');
            return;
          }
          setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('days.importTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('days.import')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !canSubmit, loading: importYear.isPending }}
      width={600}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        {unavailable && <Alert type="warning" showIcon title={t('days.unavailable', { year })} />}
        {error !== null && <Alert type="error" showIcon title={errorText(error, tc)} />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('days.year')}>
            <InputNumber
              min={2004}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => {
                setYear(v ?? initialYear);
                setUnavailable(false);
              }}
              aria-label={t('days.year')}
            />
          </Form.Item>
          <Form.Item label={t('days.importSource')}>
            <Radio.Group
              value={source}
              onChange={(e) => setSource(e.target.value as ImportSource)}
              options={[
                { value: 'chinese-days', label: t('days.bundled') },
                { value: 'days', label: t('days.pasted') },
              ]}
            />
          </Form.Item>
          {source === 'days' && (
            <Form.Item label={t('days.pasteLabel')} extra={t('days.pasteHelp')}>
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 6, maxRows: 14 }}
                placeholder={t('days.pastePlaceholder')}
                aria-label={t('days.pasteLabel')}
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
          )}
        </Form>
        {source === 'days' && text.trim() !== '' && (
          <Flex vertical gap={4}>
            <Typography.Text type={parsed.errors.length ? 'secondary' : 'success'}>
              {t('days.parsed', { holidays, workdays })}
            </Typography.Text>
            {parsed.errors.slice(0, 8).map((e) => (
              <Typography.Text key={e.line} type="danger" style={{ fontSize: 12 }}>
                {e.reason === 'year'
                  ? t('days.lineYear', { line: e.line, year, text: e.text })
                  : e.reason === 'duplicate'
                    ? t('days.lineDuplicate', { line: e.line, text: e.text })
                    : t('days.lineError', { line: e.line, text: e.text })}
              </Typography.Text>
            ))}
          </Flex>
        )}
        {source === 'days' && text.trim() === '' && (
          <Typography.Text type="secondary">{t('days.nothingParsed')}</Typography.Text>
        )}
        {calendar.years.some((y) => y.year === year) && (
          <Alert type="info" showIcon title={t('days.replaceWarning', { year })} />
        )}
      </Flex>
    </Modal>
  );
}
