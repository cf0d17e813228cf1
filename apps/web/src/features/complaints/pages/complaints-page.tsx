import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { NotFoundPage } from '../../../app/not-found-page';
import { ComplaintDesk } from '../components/complaint-desk';
import { ComplaintForm } from '../components/complaint-form';
import { ComplaintSettingsEditor } from '../components/complaint-settings';
import { ComplaintPage } from './complaint-page';

type Tab = 'desk' | 'win-back' | 'settings';

/** /complaints/*: the desk (with the win-back review and settings as tabs), a new complaint, one complaint. */
export function ComplaintsPage() {
  return (
    <Routes>
      <Route index element={<DeskTabs tab="desk" />} />
      <Route path="win-back" element={<DeskTabs tab="win-back" />} />
      <Route path="settings" element={<DeskTabs tab="settings" />} />
      <Route path="new" element={<ComplaintForm />} />
      <Route path=":id" element={<ComplaintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function DeskTabs({ tab }: { tab: Tab }) {
  const { t } = useTranslation('complaints');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/complaints/new')}
          data-testid="new-complaint"
        >
          {t('newComplaint')}
        </Button>
      </Flex>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => navigate(key === 'desk' ? '/complaints' : `/complaints/${key}`)}
          items={[
            {
              key: 'desk',
              label: t('tabs.desk'),
              children: tab === 'desk' && <ComplaintDesk key={pathname} />,
            },
            {
              key: 'win-back',
              label: t('tabs.winBack'),
              children: tab === 'win-back' && <ComplaintDesk winBack />,
            },
            {
              key: 'settings',
              label: t('tabs.settings'),
              children: tab === 'settings' && <ComplaintSettingsEditor />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
