import { type Campaign, type CampaignFilter, customerTiers, productCategories } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { useCampaignPreview, useCampaigns, useCreateCampaign, useStartCampaign } from '../api';
import { provinces } from '../provinces';

interface Values {
  name: string;
  description?: string;
  categories?: string[];
  minAgeMonths?: number | null;
  provinceCodes?: string[];
  tiers?: string[];
  action: 'followup' | 'ticket' | 'survey';
  ticketType?: 'maintenance' | 'repair' | 'installation' | 'inquiry';
}

function filterOf(v: Partial<Values>): CampaignFilter {
  return {
    ...(v.categories?.length ? { categories: v.categories } : {}),
    ...(v.minAgeMonths ? { minAgeMonths: v.minAgeMonths } : {}),
    ...(v.provinceCodes?.length ? { provinceCodes: v.provinceCodes } : {}),
    ...(v.tiers?.length ? { tiers: v.tiers as CampaignFilter['tiers'] } : {}),
  };
}

/** Debounced copy of a value (the preview counts after typing stops). */
function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Campaign builder: filter the installed base, preview the count, create and start; progress of each run. */
export function CampaignsSection() {
  const { t } = useTranslation('surveys');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const filter = useDebounced(filterOf(values ?? {}), 400);
  const preview = useCampaignPreview(filter, true);
  const campaigns = useCampaigns();
  const create = useCreateCampaign();
  const start = useStartCampaign();
  const key = useRef(crypto.randomUUID());

  const submit = (v: Values) =>
    create.mutate(
      {
        body: {
          name: v.name,
          ...(v.description ? { description: v.description } : {}),
          filter: filterOf(v),
          action: v.action,
          ...(v.action === 'ticket' ? { ticketType: v.ticketType ?? 'maintenance' } : {}),
        },
        key: key.current,
      },
      {
        onSuccess: (c) => {
          key.current = crypto.randomUUID();
          start.mutate(c, { onSuccess: () => message.success(t('campaigns.startedMsg')) });
          form.resetFields();
        },
      },
    );

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('campaigns.newTitle')}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ action: 'followup', ticketType: 'maintenance' }}
          onFinish={submit}
          data-testid="campaign-form"
        >
          <Flex gap={16} wrap>
            <Form.Item
              name="name"
              label={t('campaigns.name')}
              rules={[{ required: true, max: 100 }]}
              style={{ flex: '1 1 280px' }}
            >
              <Input placeholder={t('campaigns.namePlaceholder')} />
            </Form.Item>
            <Form.Item name="action" label={t('campaigns.action')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'followup', label: t('campaigns.actionFollowup') },
                  { value: 'ticket', label: t('campaigns.actionTicket') },
                  { value: 'survey', label: t('campaigns.actionSurvey') },
                ]}
              />
            </Form.Item>
            {values?.action === 'ticket' && (
              <Form.Item name="ticketType" label={t('campaigns.ticketType')}>
                <Select
                  style={{ width: 140 }}
                  options={(['maintenance', 'repair', 'installation', 'inquiry'] as const).map((x) => ({
                    value: x,
                    label: t(`ticketTypes.${x}`),
                  }))}
                />
              </Form.Item>
            )}
          </Flex>
          <Form.Item name="description" label={t('campaigns.description')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="categories" label={t('campaigns.categories')} style={{ flex: '1 1 220px' }}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('campaigns.anyValue')}
                options={productCategories.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="minAgeMonths" label={t('campaigns.minAge')}>
              <InputNumber min={0} max={600} placeholder={t('campaigns.anyValue')} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="provinceCodes" label={t('campaigns.provinces')} style={{ flex: '1 1 220px' }}>
              <Select
                mode="multiple"
                allowClear
                optionFilterProp="label"
                placeholder={t('campaigns.anyValue')}
                options={provinces.map(([code, zh, en]) => ({ value: code, label: lang === 'en' ? en : zh }))}
              />
            </Form.Item>
            <Form.Item name="tiers" label={t('campaigns.tiers')} style={{ flex: '1 1 180px' }}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('campaigns.anyValue')}
                options={customerTiers.map((x) => ({ value: x, label: t(`tiers.${x}`) }))}
              />
            </Form.Item>
          </Flex>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <div data-testid="campaign-preview" aria-live="polite">
              {preview.isError ? (
                <Typography.Text type="danger">{errorText(preview.error, tc)}</Typography.Text>
              ) : preview.data ? (
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>
                    {preview.data.units > 0
                      ? t('campaigns.preview', {
                          units: preview.data.units,
                          customers: preview.data.customers,
                        })
                      : t('campaigns.previewEmpty')}
                  </Typography.Text>
                  {preview.data.sample.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('campaigns.sample')}：
                      {preview.data.sample
                        .slice(0, 3)
                        .map((s) => `${s.customerName} · ${s.productName}${s.city ? ` · ${s.city}` : ''}`)
                        .join('；')}
                    </Typography.Text>
                  )}
                </Space>
              ) : null}
            </div>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || start.isPending}
              disabled={!preview.data?.units}
            >
              {t('campaigns.createAndStart')}
            </Button>
          </Flex>
          {(create.isError || start.isError) && (
            <Alert
              type="error"
              style={{ marginTop: 12 }}
              message={errorText(create.error ?? start.error, tc)}
            />
          )}
        </Form>
      </Card>
      <Table<Campaign>
        rowKey="id"
        size="middle"
        loading={campaigns.isPending}
        dataSource={campaigns.data ?? []}
        pagination={false}
        data-testid="campaign-list"
        columns={[
          {
            title: t('campaigns.name'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.action === 'followup'
                    ? t('campaigns.actionFollowup')
                    : c.action === 'survey'
                      ? t('campaigns.actionSurvey')
                      : t('campaigns.actionTicket')}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('campaigns.progress'),
            render: (_, c) => (
              <Space direction="vertical" size={0} style={{ minWidth: 200 }}>
                <Progress
                  percent={
                    c.total ? Math.round((c.processed / c.total) * 100) : c.status === 'done' ? 100 : 0
                  }
                  size="small"
                  status={c.status === 'failed' ? 'exception' : c.status === 'running' ? 'active' : undefined}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('campaigns.total', { count: c.total })} · {t('campaigns.created', { count: c.created })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Tag
                  color={
                    { draft: 'default', running: 'processing', done: 'success', failed: 'error' }[c.status]
                  }
                >
                  {t(`campaigns.status.${c.status}`)}
                </Tag>
                {(c.status === 'draft' || c.status === 'failed') && (
                  <Button
                    size="small"
                    onClick={() => start.mutate(c)}
                    loading={start.isPending && start.variables?.id === c.id}
                  >
                    {c.status === 'failed' ? t('campaigns.resume') : t('campaigns.start')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
