import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CampaignsSection } from '../components/campaigns-section';
import { ResponsesSection } from '../components/responses-section';
import { SettingsForm } from '../components/settings-form';
import { TemplatesSection } from '../components/templates-section';

const tabs = ['settings', 'templates', 'campaigns', 'responses'] as const;

/** The quality manager's page: follow-up and threshold settings, templates, campaigns, latest answers. */
export function SurveysPage() {
  const { t } = useTranslation('surveys');
  const [params, setParams] = useSearchParams();
  const active = tabs.find((x) => x === params.get('tab')) ?? 'settings';
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Tabs
        activeKey={active}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'settings', label: t('tabs.settings'), children: <SettingsForm /> },
          { key: 'templates', label: t('tabs.templates'), children: <TemplatesSection /> },
          { key: 'campaigns', label: t('tabs.campaigns'), children: <CampaignsSection /> },
          { key: 'responses', label: t('tabs.responses'), children: <ResponsesSection /> },
        ]}
      />
    </div>
  );
}
