import type { CurrentUser } from '@manyi/contracts';
import { Flex, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { BrandMark } from '../../shared/ui/brand-mark';
import { sectionOf, visibleNavItems } from './nav-items';

/** Brand and main menu; lives in the Sider on wide screens and in a Drawer on phones. */
export function SideNav({
  user,
  collapsed,
  onNavigate,
}: {
  user: CurrentUser;
  collapsed: boolean;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const selected = sectionOf(useLocation().pathname);
  return (
    <>
      <Link to="/" aria-label={t('app.title')} onClick={onNavigate} style={{ display: 'block' }}>
        <Flex
          align="center"
          justify={collapsed ? 'center' : 'flex-start'}
          gap={10}
          style={{ height: 64, padding: collapsed ? 0 : '0 20px' }}
        >
          <BrandMark size={28} />
          {!collapsed && (
            <Flex vertical>
              <Typography.Text strong style={{ color: '#fff', fontSize: 18, lineHeight: 1.2 }}>
                {t('app.name')}
              </Typography.Text>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.6)', fontSize: 12, lineHeight: 1.3 }}>
                {t('app.product')}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      </Link>
      <nav aria-label={t('nav.mainMenu')}>
        <Menu
          theme="dark"
          mode="inline"
          inlineCollapsed={collapsed}
          selectedKeys={selected ? [selected] : []}
          onClick={onNavigate}
          items={visibleNavItems(user).map((item) => ({
            key: item.key,
            icon: item.icon,
            label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
          }))}
        />
      </nav>
    </>
  );
}
