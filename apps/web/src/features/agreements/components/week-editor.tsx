import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalPeriod, WeekKey } from '../business-time';
import {
  breaksOf,
  dayMinutes,
  dayProblems,
  nextPeriod,
  timeChoices,
  type Week,
  weekOrder,
} from '../calendar-logic';
import { durationText } from '../words';

const maxPeriods = 6;

/**
 * Working periods per weekday, Monday first: each period a start and an end (every 15 minutes, up to 24:00),
 * the breaks between periods (lunch) shown as such, problems (end before start, overlaps) shown on the period.
 */
export function WeekEditor({
  value,
  onChange,
  readOnly,
}: {
  value?: Week;
  onChange?: (week: Week) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation('agreements');
  const week = value ?? { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] };
  const setDay = (key: WeekKey, periods: LocalPeriod[]) => onChange?.({ ...week, [key]: periods });

  return (
    <Flex vertical gap={0} data-testid="week-editor" style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}>
      {weekOrder.map((key, index) => (
        <DayRow
          key={key}
          day={key}
          periods={week[key]}
          readOnly={readOnly}
          onChange={(periods) => setDay(key, periods)}
          last={index === weekOrder.length - 1}
        />
      ))}
      {!readOnly && (
        <Flex style={{ padding: '8px 12px', borderTop: '1px solid #f0f0f0' }}>
          <Button
            size="small"
            icon={<CopyOutlined />}
            onClick={() =>
              onChange?.({
                ...week,
                '2': [...week['1']],
                '3': [...week['1']],
                '4': [...week['1']],
                '5': [...week['1']],
              })
            }
          >
            {t('calendars.copyMonday')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function DayRow({
  day,
  periods,
  readOnly,
  onChange,
  last,
}: {
  day: WeekKey;
  periods: LocalPeriod[];
  readOnly: boolean;
  onChange: (periods: LocalPeriod[]) => void;
  last: boolean;
}) {
  const { t } = useTranslation('agreements');
  const dayName = t(`calendars.weekday.${day}`);
  const problems = dayProblems(periods);
  const breaks = breaksOf(periods);
  const choices = useMemo(() => timeChoices(15), []);
  const options = (current: string) => {
    const list = choices.includes(current) ? choices : [...choices, current].sort();
    return list.map((time) => ({ value: time, label: time }));
  };
  const setPeriod = (i: number, period: LocalPeriod) =>
    onChange(periods.map((p, j) => (j === i ? period : p)));

  return (
    <Flex
      gap={12}
      align="flex-start"
      wrap
      style={{ padding: '10px 12px', borderBottom: last ? undefined : '1px solid #f0f0f0' }}
      data-testid={`week-day-${day}`}
    >
      <Typography.Text strong style={{ width: 96, lineHeight: '32px', flex: 'none' }}>
        {dayName}
      </Typography.Text>
      <Flex vertical gap={6} style={{ flex: 1, minWidth: 260 }}>
        {periods.length === 0 && (
          <span style={{ lineHeight: '32px' }}>
            <Tag>{t('calendars.rest')}</Tag>
          </span>
        )}
        {periods.map((period, i) => {
          const problem = problems[i];
          const lunch = i > 0 ? breaks.find((b) => b[1] === period[0]) : undefined;
          return (
            // Periods are positional (editing a start must not remount its picker), so the index is the identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Flex key={i} vertical gap={4}>
              {lunch && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('calendars.lunch', { from: lunch[0], to: lunch[1] })}
                </Typography.Text>
              )}
              <Flex gap={6} align="center" wrap>
                {readOnly ? (
                  <Typography.Text>
                    {period[0]}–{period[1]}
                  </Typography.Text>
                ) : (
                  <>
                    <Select
                      size="middle"
                      value={period[0]}
                      onChange={(v: string) => setPeriod(i, [v, period[1]])}
                      options={options(period[0])}
                      showSearch
                      status={problem ? 'error' : undefined}
                      style={{ width: 96 }}
                      aria-label={t('calendars.periodStart', { day: dayName, n: i + 1 })}
                    />
                    <span aria-hidden>–</span>
                    <Select
                      size="middle"
                      value={period[1]}
                      onChange={(v: string) => setPeriod(i, [period[0], v])}
                      options={options(period[1])}
                      showSearch
                      status={problem ? 'error' : undefined}
                      style={{ width: 96 }}
                      aria-label={t('calendars.periodEnd', { day: dayName, n: i + 1 })}
                    />
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('calendars.removePeriod', {
                        day: dayName,
                        from: period[0],
                        to: period[1],
                      })}
                      onClick={() => onChange(periods.filter((_, j) => j !== i))}
                    />
                  </>
                )}
              </Flex>
              {problem && (
                <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
                  {t(`calendars.${problem}`)}
                </Typography.Text>
              )}
            </Flex>
          );
        })}
      </Flex>
      <Flex align="center" gap={8} style={{ minHeight: 32 }}>
        {periods.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendars.dayTotal', { duration: durationText(dayMinutes(periods), t) })}
          </Typography.Text>
        )}
        {!readOnly && periods.length < maxPeriods && (
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={() => onChange([...periods, nextPeriod(periods)])}
            aria-label={`${dayName} · ${t('calendars.addPeriod')}`}
          >
            {t('calendars.addPeriod')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
