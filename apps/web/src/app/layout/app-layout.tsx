import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Drawer, Flex, Grid, Layout, Spin, Tooltip, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { NotificationBell } from '../../features/agreements/components/notification-bell';
import { useCurrentUser, useLogout } from '../../features/auth/api';
import { useIntakeShortcut } from '../../features/intake/use-intake-shortcut';
import { LanguageSwitch } from '../i18n/language-switch';
import { SideNav } from './side-nav';

const { Header, Sider, Content } = Layout;
const siderBg = '#0f1d35';

/** The signed-in shell: menu on the left, tenant and account in the header, the page in the middle. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // F2 / Alt+N: to the phone intake from any page, for those who take calls.
  useIntakeShortcut(user.permissions.includes('customers.read'));
  const { message } = App.useApp();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  // Tablets get an icon-only Sider (via its breakpoint); phones get a Drawer that floats over the page.
  const [collapsed, setCollapsed] = useState(() => !window.matchMedia('(min-width: 992px)').matches);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // `=== false`: before the first measurement the breakpoints are unknown, and desktop is the safer guess.
  const phone = screens.md === false;
  const menuOpen = phone ? drawerOpen : !collapsed;

  // The route guard notices the session is gone and moves to /login; only the farewell is said here.
  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void message.success(t('auth.signedOut')) });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Sider
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          collapsedWidth={64}
          onBreakpoint={setCollapsed}
          trigger={null}
          width={216}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <SideNav user={user} collapsed={collapsed} />
        </Sider>
      )}
      {phone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          size={240}
          styles={{ body: { padding: 0, background: siderBg } }}
          title={null}
        >
          <SideNav user={user} collapsed={false} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 8 : 12,
            borderBottom: '1px solid #e8ebf0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            padding: phone ? '0 12px' : undefined,
          }}
        >
          <Button
            type="text"
            aria-label={menuOpen ? t('nav.collapseMenu') : t('nav.expandMenu')}
            aria-expanded={menuOpen}
            icon={menuOpen ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
            onClick={() => (phone ? setDrawerOpen(true) : setCollapsed((value) => !value))}
          />
          <Typography.Text strong ellipsis style={{ fontSize: 16, flex: 1, minWidth: 0 }}>
            {user.tenantName}
          </Typography.Text>
          <LanguageSwitch size="small" />
          <NotificationBell />
          <Flex align="center" gap={8} role="group" aria-label={t('auth.account')}>
            <Avatar style={{ backgroundColor: '#1668dc', flex: 'none' }} aria-hidden>
              {Array.from(user.displayName)[0] ?? '?'}
            </Avatar>
            {/* On phones there is no room for the name on screen; screen readers still get it. */}
            <Flex vertical style={phone ? visuallyHidden : { lineHeight: 1.25 }}>
              <Typography.Text strong data-testid="current-user-name">
                {user.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`roles.${user.role}`)}
              </Typography.Text>
            </Flex>
          </Flex>
          <Tooltip title={phone ? t('auth.signOut') : undefined}>
            <Button
              icon={<LogoutOutlined />}
              aria-label={t('auth.signOut')}
              loading={logout.isPending}
              onClick={signOut}
            >
              {phone ? null : t('auth.signOut')}
            </Button>
          </Tooltip>
        </Header>
        <Content style={{ padding: phone ? 12 : 24 }}>
          <main style={{ maxWidth: 1280, margin: '0 auto' }}>
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 48 }}>
                  <Spin />
                </Flex>
              }
            >
              <Outlet />
            </Suspense>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}

/** Hidden on screen but still read by screen readers. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
