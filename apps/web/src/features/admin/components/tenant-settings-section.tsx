import { tenantSettingsChangeBody } from '@manyi/contracts';
import { App, AutoComplete, Button, Card, Flex, Form, Input, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatDateTime } from '../../../shared/format';
import { fetchTenant, type TenantSettings, useChangeTenant, useTenantSettings } from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { changedFields, mergeReloaded, useVersionConflict } from '../form-state';
import { timeZoneOptions } from '../time-zones';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';

const fields = ['name', 'timeZone', 'ticketPrefix'] as const;
type Values = Pick<TenantSettings, (typeof fields)[number]>;

/** The organisation's name, the time zone every deadline and daily count uses, and the work-order prefix. */
export function TenantSettingsSection() {
  const settings = useTenantSettings();
  if (settings.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <TenantSettingsForm key={settings.data.version} settings={settings.data} />;
}

function TenantSettingsForm({ settings }: { settings: TenantSettings }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const change = useChangeTenant();
  const conflict = useVersionConflict(settings, fetchTenant);
  const lang = currentLanguage();
  const timeZone = Form.useWatch('timeZone', form) ?? settings.timeZone;
  const prefix = Form.useWatch('ticketPrefix', form) ?? settings.ticketPrefix;
  const zoneOptions = useMemo(() => timeZoneOptions(lang, settings.timeZone), [lang, settings.timeZone]);
  const label: Record<(typeof fields)[number], string> = {
    name: t('settings.name'),
    timeZone: t('settings.timeZone'),
    ticketPrefix: t('settings.ticketPrefix'),
  };

  const submit = (values: Values) => {
    setFormError(null);
    const base = conflict.latest ?? settings;
    const patch: Record<string, unknown> = { version: conflict.version };
    for (const field of fields) if (values[field] !== base[field]) patch[field] = values[field];
    const parsed = tenantSettingsChangeBody.safeParse(patch);
    if (!parsed.success)
      return showIssues(form, parsed.error.issues, t, {
        timeZone: { custom: t('settings.timeZoneInvalid') },
        ticketPrefix: { format: t('settings.prefixFormat') },
      });
    change.mutate(parsed.data, {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (error) => {
        const placed = applyServerError(form, error, {
          fields,
          genericFieldText: t('validation.server'),
          lang,
        });
        setFormError(placed ? null : error);
      },
    });
  };

  let preview = '';
  try {
    preview = formatDateTime(new Date(), lang, timeZone);
  } catch {
    preview = '';
  }

  return (
    <Card style={{ maxWidth: 720 }}>
      <FormAlert
        error={formError}
        conflict={conflict}
        changedLabels={
          conflict.latest ? changedFields(settings, conflict.latest, fields).map((f) => label[f]) : []
        }
        onReloaded={(latest) => {
          setFormError(null);
          form.setFieldsValue(mergeReloaded(latest, fields, (f) => form.isFieldTouched(f)));
        }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: settings.name,
          timeZone: settings.timeZone,
          ticketPrefix: settings.ticketPrefix,
        }}
      >
        <Form.Item
          name="name"
          label={t('settings.name')}
          required
          rules={[zodRule(tenantSettingsChangeBody.shape.name.unwrap(), t)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('settings.timeZone')}
          required
          validateDebounce={300}
          rules={[
            zodRule(tenantSettingsChangeBody.shape.timeZone.unwrap(), t, {
              custom: t('settings.timeZoneInvalid'),
            }),
          ]}
          extra={
            <Flex vertical>
              <span>{t('settings.timeZoneHelp')}</span>
              {preview && <span>{t('settings.timeZonePreview', { time: preview })}</span>}
            </Flex>
          }
        >
          <AutoComplete
            options={zoneOptions}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.label ?? '')
                  .toLowerCase()
                  .includes(input.trim().toLowerCase()),
            }}
            placeholder="Asia/Shanghai"
          />
        </Form.Item>
        <Form.Item
          name="ticketPrefix"
          label={t('settings.ticketPrefix')}
          required
          normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
          rules={[
            zodRule(tenantSettingsChangeBody.shape.ticketPrefix.unwrap(), t, {
              format: t('settings.prefixFormat'),
            }),
          ]}
          extra={t('settings.ticketPrefixHelp', { example: `${prefix || 'GD'}-102388` })}
        >
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Flex gap={12} align="center">
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
          <Button htmlType="button" onClick={() => form.resetFields()} disabled={change.isPending}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
