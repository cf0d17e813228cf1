import { EditOutlined, KeyOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { type Role, roles, type User } from '@manyi/contracts';
import {
  Button,
  Flex,
  Grid,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useTeams, useUsers } from '../api';
import { LoadError } from './load-error';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormModal } from './user-form-modal';

const roleColour: Record<Role, string> = {
  admin: 'magenta',
  supervisor: 'purple',
  agent: 'blue',
  dispatcher: 'cyan',
  technician: 'green',
  partner_manager: 'orange',
  quality_manager: 'gold',
};

/** Who may sign in, in which role and team; create, edit and reset passwords. */
export function UsersSection() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const teams = useTeams();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [editing, setEditing] = useState<User | 'new' | undefined>();
  const [resetting, setResetting] = useState<User | undefined>();
  const lang = currentLanguage();
  // Tablets: icon buttons (with tooltips and labels) leave room for the status column.
  const compact = Grid.useBreakpoint().xl === false;

  const teamName = useMemo(
    () => new Map((teams.data ?? []).map((team) => [team.id, team.name])),
    [teams.data],
  );
  const now = Date.now();

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) =>
        (!needle || u.displayName.toLowerCase().includes(needle) || u.email.includes(needle)) &&
        (!role || u.role === role) &&
        (!teamId || u.teamId === teamId),
    );
  }, [users.data, search, role, teamId]);

  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;

  const columns: TableColumnsType<User> = [
    {
      key: 'name',
      title: t('users.columns.name'),
      dataIndex: 'displayName',
      width: 140,
      sorter: (a, b) => a.displayName.localeCompare(b.displayName, lang),
      render: (name: string, u) => (
        <Typography.Text strong={u.id === me.id}>
          {name}
          {u.id === me.id && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontWeight: 'normal' }}>
              {t('users.you')}
            </Typography.Text>
          )}
        </Typography.Text>
      ),
    },
    {
      key: 'email',
      title: t('users.columns.email'),
      dataIndex: 'email',
      width: 260,
      responsive: ['lg'],
      ellipsis: { showTitle: true },
    },
    {
      key: 'role',
      title: t('users.columns.role'),
      dataIndex: 'role',
      width: 170,
      render: (r: Role) => <Tag color={roleColour[r]}>{tc(`roles.${r}`)}</Tag>,
    },
    {
      key: 'team',
      title: t('users.columns.team'),
      dataIndex: 'teamId',
      ellipsis: true,
      render: (id: string | null) =>
        id ? (
          (teamName.get(id) ?? '—')
        ) : (
          <Typography.Text type="secondary">{t('users.noTeam')}</Typography.Text>
        ),
    },
    {
      key: 'locale',
      title: t('users.columns.language'),
      dataIndex: 'locale',
      width: 100,
      responsive: ['xl'],
      render: (locale: User['locale']) =>
        locale === 'en' ? t('users.languages.en') : t('users.languages.zhCN'),
    },
    {
      key: 'status',
      title: t('users.columns.status'),
      width: 150,
      render: (_, u) => {
        const lockedUntil = u.lockedUntil && new Date(u.lockedUntil).getTime() > now ? u.lockedUntil : null;
        return (
          <Flex gap={4} wrap>
            {u.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
            {lockedUntil && (
              <Tooltip
                title={t('users.lockedUntil', { time: formatDateTime(lockedUntil, lang, me.tenantTimeZone) })}
              >
                <Tag color="error" icon={<LockOutlined />}>
                  {t('users.locked')}
                </Tag>
              </Tooltip>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: compact ? 96 : 170,
      fixed: 'end',
      align: 'end',
      render: (_, u) =>
        compact ? (
          <Flex gap={4} justify="flex-end">
            <Tooltip title={t('common.edit')}>
              <Button
                type="text"
                icon={<EditOutlined />}
                aria-label={t('users.editAria', { name: u.displayName })}
                onClick={() => setEditing(u)}
              />
            </Tooltip>
            <Tooltip title={t('users.resetPassword')}>
              <Button
                type="text"
                icon={<KeyOutlined />}
                aria-label={t('users.resetAria', { name: u.displayName })}
                onClick={() => setResetting(u)}
              />
            </Tooltip>
          </Flex>
        ) : (
          <Flex gap={0} justify="flex-end">
            <Button
              type="link"
              size="small"
              aria-label={t('users.editAria', { name: u.displayName })}
              onClick={() => setEditing(u)}
            >
              {t('common.edit')}
            </Button>
            <Button
              type="link"
              size="small"
              aria-label={t('users.resetAria', { name: u.displayName })}
              onClick={() => setResetting(u)}
            >
              {t('users.resetPassword')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('users.roleFilter')}
          aria-label={t('users.roleFilter')}
          value={role}
          onChange={setRole}
          style={{ width: 160 }}
          options={roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('users.teamFilter')}
          aria-label={t('users.teamFilter')}
          value={teamId}
          onChange={setTeamId}
          style={{ width: 220 }}
          options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        />
        <Flex flex={1} justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        </Flex>
      </Flex>
      <Table<User>
        rowKey="id"
        size="middle"
        data-testid="users-table"
        loading={users.isPending}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: search || role || teamId ? t('common.noMatch') : t('users.empty') }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (total) => t('users.count', { count: total }),
        }}
      />
      <UserFormModal
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== undefined}
        user={editing === 'new' ? undefined : editing}
        teams={teams.data ?? []}
        currentUserId={me.id}
        onClose={() => setEditing(undefined)}
      />
      <ResetPasswordModal key={resetting?.id} user={resetting} onClose={() => setResetting(undefined)} />
    </Flex>
  );
}
