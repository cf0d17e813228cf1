import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type Team, teamCreateBody, teamKinds, teamRenameBody } from '@manyi/contracts';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
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
import { fetchTeams, useCreateTeam, useRenameTeam, useTeams, useUsers } from '../api';
import { applyServerError, showIssues, zodRule } from '../form-errors';
import { useIdempotencyKey, useVersionConflict } from '../form-state';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';

type Kind = Team['kind'];
type KindFilter = Kind | 'all';

/** The brand's own teams and its service points (服务网点), with how many people belong to each. */
export function TeamsSection() {
  const { t } = useTranslation('admin');
  const me = useCurrentUser();
  const teams = useTeams();
  const users = useUsers();
  const [kind, setKind] = useState<KindFilter>('all');
  const [editing, setEditing] = useState<Team | 'new' | undefined>();
  const lang = currentLanguage();

  const members = useMemo(() => {
    const count = new Map<string, number>();
    for (const u of users.data ?? []) if (u.teamId) count.set(u.teamId, (count.get(u.teamId) ?? 0) + 1);
    return count;
  }, [users.data]);
  const rows = (teams.data ?? []).filter((team) => kind === 'all' || team.kind === kind);

  if (teams.isError) return <LoadError error={teams.error} onRetry={() => void teams.refetch()} />;

  const columns: TableColumnsType<Team> = [
    {
      key: 'name',
      title: t('teams.columns.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, lang),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'kind',
      title: t('teams.columns.kind'),
      dataIndex: 'kind',
      render: (k: Kind) => (
        <Tag color={k === 'service_point' ? 'orange' : 'blue'}>{t(`teams.kinds.${k}`)}</Tag>
      ),
    },
    {
      key: 'members',
      title: t('teams.columns.members'),
      align: 'end',
      sorter: (a, b) => (members.get(a.id) ?? 0) - (members.get(b.id) ?? 0),
      render: (_, team) => members.get(team.id) ?? 0,
    },
    {
      key: 'createdAt',
      title: t('teams.columns.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['lg'],
      render: (at: string) => formatDateTime(at, lang, me.tenantTimeZone),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 80,
      align: 'end',
      render: (_, team) => (
        <Tooltip title={t('teams.rename')}>
          <Button
            type="text"
            icon={<EditOutlined />}
            aria-label={t('teams.renameAria', { name: team.name })}
            onClick={() => setEditing(team)}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Segmented<KindFilter>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('common.all') },
            ...teamKinds.map((k) => ({ value: k, label: t(`teams.kinds.${k}`) })),
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('teams.create')}
        </Button>
      </Flex>
      <Table<Team>
        rowKey="id"
        size="middle"
        data-testid="teams-table"
        loading={teams.isPending}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: t('teams.empty') }}
        pagination={{ defaultPageSize: 20, showTotal: (total) => t('teams.count', { count: total }) }}
      />
      <TeamFormModal
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== undefined}
        team={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}

interface TeamFormValues {
  name?: string;
  kind?: Kind;
}

/** Creates a team or service point, or renames one (its kind is fixed once created). */
function TeamFormModal({ open, team, onClose }: { open: boolean; team?: Team; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateTeam();
  const rename = useRenameTeam();
  const keyFor = useIdempotencyKey();
  const conflict = useVersionConflict(team, async () => {
    const latest = (await fetchTeams()).find((x) => x.id === team?.id);
    if (!latest) throw new Error('team disappeared');
    return latest;
  });

  const fail = (error: unknown) => {
    const placed = applyServerError(form, error, {
      fields: ['name', 'kind'],
      constraints: { teams_tenant_name_uq: 'name' },
      genericFieldText: t('validation.server'),
      lang: currentLanguage(),
    });
    setFormError(placed ? null : error);
  };

  const submit = (values: TeamFormValues) => {
    setFormError(null);
    if (!team) {
      const parsed = teamCreateBody.safeParse(values);
      if (!parsed.success) return showIssues(form, parsed.error.issues, t);
      create.mutate(
        { body: parsed.data, idempotencyKey: keyFor(parsed.data) },
        {
          onSuccess: (created) => {
            void message.success(t('teams.created', { name: created.name }));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    const parsed = teamRenameBody.safeParse({ name: values.name, version: conflict.version });
    if (!parsed.success) return showIssues(form, parsed.error.issues, t);
    if (parsed.data.name === (conflict.latest ?? team).name) return onClose();
    rename.mutate(
      { id: team.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={team ? t('teams.form.renameTitle', { name: team.name }) : t('teams.form.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={team ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'team-form', loading: create.isPending || rename.isPending }}
    >
      <FormAlert
        error={formError}
        conflict={team ? conflict : undefined}
        changedLabels={
          team && conflict.latest && conflict.latest.name !== team.name ? [t('teams.form.name')] : []
        }
        onReloaded={() => setFormError(null)}
      />
      <Form<TeamFormValues>
        name="team-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={team ? { name: team.name, kind: team.kind } : { kind: 'internal' }}
      >
        <Form.Item
          name="name"
          label={t('teams.form.name')}
          required
          rules={[zodRule(teamCreateBody.shape.name, t)]}
        >
          <Input maxLength={100} autoComplete="off" placeholder={t('teams.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('teams.form.kind')}
          extra={team ? t('teams.form.kindFixed') : t('teams.form.kindHelp')}
        >
          <Radio.Group
            disabled={team !== undefined}
            options={teamKinds.map((k) => ({ value: k, label: t(`teams.kinds.${k}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
