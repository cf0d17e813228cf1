import type { Permission } from '@manyi/contracts';
import { Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { NotFoundPage } from '../../../app/not-found-page';
import { useCurrentUser } from '../../auth/api';
import { ApiTokensSection } from '../components/api-tokens-section';
import { TeamsSection } from '../components/teams-section';
import { TenantSettingsSection } from '../components/tenant-settings-section';
import { UsersSection } from '../components/users-section';

type AdminTab = 'users' | 'teams' | 'settings' | 'tokens';

const tabs: readonly { key: AdminTab; permission: Permission }[] = [
  { key: 'users', permission: 'users.manage' },
  { key: 'teams', permission: 'users.manage' },
  { key: 'settings', permission: 'settings.manage' },
  { key: 'tokens', permission: 'tokens.manage' },
];

/** /admin/*: users and roles, teams and service points, tenant settings, API tokens — one tab per URL. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const segment = useLocation().pathname.split('/')[2] ?? '';
  const visible = tabs.filter((tab) => user.permissions.includes(tab.permission));
  const active = visible.find((tab) => tab.key === segment)?.key;

  const sections: Record<AdminTab, React.ReactNode> = {
    users: <UsersSection />,
    teams: <TeamsSection />,
    settings: <TenantSettingsSection />,
    tokens: <ApiTokensSection />,
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(`/admin/${key}`)}
          items={visible.map((tab) => ({ key: tab.key, label: t(`tabs.${tab.key}`) }))}
        />
        <Routes>
          <Route index element={<Navigate to={visible[0]?.key ?? 'users'} replace />} />
          {visible.map((tab) => (
            <Route key={tab.key} path={tab.key} element={sections[tab.key]} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Card>
    </Flex>
  );
}
