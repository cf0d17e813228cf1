import {
  AppstoreOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FrownOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  SmileOutlined,
  TagsOutlined,
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
  | 'insights'
  | 'complaints'
  | 'agreements'
  | 'board'
  | 'field'
  | 'inbox'
  | 'followups'
  | 'surveys'
  | 'pricing'
  | 'custody'
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
  { key: 'insights', path: '/insights', icon: <FundOutlined />, permission: 'reports.read' },
  { key: 'complaints', path: '/complaints', icon: <FrownOutlined />, permission: 'complaints.manage' },
  {
    key: 'agreements',
    path: '/agreements',
    icon: <FileProtectOutlined />,
    anyPermission: ['settings.manage', 'tickets.read_all'],
  },
  // Visits: the dispatch board (day × technician).
  { key: 'board', path: '/dispatch/board', icon: <CalendarOutlined />, permission: 'visits.manage' },
  // Dispatch: service points & technicians (dispatch desk), offers to accept (partners).
  { key: 'field', path: '/service-points', icon: <ShopOutlined />, permission: 'dispatch.manage' },
  { key: 'inbox', path: '/partner-inbox', icon: <InboxOutlined />, permission: 'dispatch.respond' },
  // Surveys: the follow-up worklist (回访) and the quality manager's surveys, thresholds and campaigns.
  { key: 'followups', path: '/followups', icon: <CustomerServiceOutlined />, permission: 'followups.work' },
  { key: 'surveys', path: '/surveys', icon: <SmileOutlined />, permission: 'surveys.manage' },
  // Paid work and customer property: the price list, the custody register (客户财产).
  {
    key: 'pricing',
    path: '/pricing',
    icon: <TagsOutlined />,
    anyPermission: ['pricing.manage', 'tickets.read_all'],
  },
  { key: 'custody', path: '/custody', icon: <SafetyCertificateOutlined />, permission: 'custody.manage' },
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
