import {
  AppstoreOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  HomeOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { CurrentUser, Permission } from '@manyi/contracts';
import type { ReactNode } from 'react';

export type Section =
  | 'home'
  | 'intake'
  | 'tickets'
  | 'customers'
  | 'products'
  | 'dashboard'
  | 'agreements'
  | 'admin';

export interface NavItem {
  key: Section;
  path: string;
  icon: ReactNode;
  /** Shown only to roles that have it; the API refuses the others anyway. */
  permission?: Permission;
  /** Shown to roles that have any one of these (when a page serves several roles). */
  anyPermission?: readonly Permission[];
}

export const navItems: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined /> },
  { key: 'intake', path: '/intake', icon: <PhoneOutlined />, permission: 'customers.read' },
  { key: 'tickets', path: '/tickets', icon: <ProfileOutlined /> },
  { key: 'customers', path: '/customers', icon: <TeamOutlined />, permission: 'customers.read' },
  { key: 'products', path: '/products', icon: <AppstoreOutlined />, permission: 'catalog.read' },
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined />, permission: 'tickets.read_all' },
  {
    key: 'agreements',
    path: '/agreements',
    icon: <FileProtectOutlined />,
    anyPermission: ['settings.manage', 'tickets.read_all'],
  },
  { key: 'admin', path: '/admin', icon: <SettingOutlined />, permission: 'users.manage' },
];

export function visibleNavItems(user: CurrentUser): NavItem[] {
  return navItems.filter(
    (item) =>
      (!item.permission || user.permissions.includes(item.permission)) &&
      (!item.anyPermission || item.anyPermission.some((p) => user.permissions.includes(p))),
  );
}

/** The menu entry a path belongs to (by its first segment); none for unknown paths. */
export function sectionOf(pathname: string): Section | undefined {
  const first = pathname.split('/')[1] ?? '';
  return navItems.find((item) => item.path === `/${first}`)?.key;
}
