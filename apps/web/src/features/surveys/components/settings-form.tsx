import type { SatisfactionSettings } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { useChangeSettings, useSatisfactionSettings, useSurveyTemplates } from '../api';

/** Follow-up sampling and delay, survey links, and the thresholds that open a recovery work order. */
export function SettingsForm() {
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const settings = useSatisfactionSettings();
  const templates = useSurveyTemplates();
  const change = useChangeSettings();
  const [form] = Form.useForm<Omit<SatisfactionSettings, 'version'>>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isPending) return <Skeleton active />;
  if (settings.isError) return <Alert type="error" message={errorText(settings.error, tc)} />;
  const options = (templates.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }));

  const save = (values: Omit<SatisfactionSettings, 'version'>) =>
    change.mutate(
      { ...values, version: settings.data.version },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(t('common.conflict'));
            void settings.refetch();
          }
        },
      },
    );

  const number = (
    name: keyof SatisfactionSettings,
    label: string,
    min: number,
    max: number,
    extra?: string,
  ) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} style={{ width: 160 }} />
    </Form.Item>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      data-testid="satisfaction-settings"
      style={{ maxWidth: 760 }}
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t('settings.followupTitle')}>
          <Flex gap={24} wrap>
            {number('followupDelayHours', t('settings.delay'), 0, 720)}
            {number('followupSamplePercent', t('settings.sample'), 0, 100, t('settings.sampleHint'))}
            {number('followupMaxAttempts', t('settings.maxAttempts'), 1, 10, t('settings.maxAttemptsHint'))}
          </Flex>
        </Card>
        <Card size="small" title={t('settings.surveyTitle')}>
          <Form.Item name="surveyOnResolution" label={t('settings.onResolution')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Flex gap={24} wrap>
            <Form.Item name="resolutionTemplateId" label={t('settings.resolutionTemplate')}>
              <Select options={options} style={{ width: 280 }} />
            </Form.Item>
            <Form.Item name="followupTemplateId" label={t('settings.followupTemplate')}>
              <Select options={options} style={{ width: 280 }} />
            </Form.Item>
            {number('surveyLinkDays', t('settings.linkDays'), 1, 90)}
          </Flex>
        </Card>
        <Card size="small" title={t('settings.thresholdTitle')}>
          <Flex gap={24} wrap>
            {number('csatMax', t('settings.csatMax'), 1, 5)}
            {number('npsMax', t('settings.npsMax'), 0, 10)}
            {number('cesMin', t('settings.cesMin'), 1, 7)}
            {number('gapMax', t('settings.gapMax'), -6, 0)}
          </Flex>
        </Card>
        {change.isError && !isApiError(change.error, 'VERSION_CONFLICT') && (
          <Alert type="error" message={errorText(change.error, tc)} />
        )}
        <Flex gap={8} align="center">
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
          <Typography.Text type="secondary">v{settings.data.version}</Typography.Text>
        </Flex>
      </Flex>
    </Form>
  );
}
