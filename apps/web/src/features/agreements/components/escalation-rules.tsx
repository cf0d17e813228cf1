import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type CommitmentMetric, commitmentMetrics } from '@manyi/contracts';
import {
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import {
  type EscalationRule,
  type EscalationRuleBody,
  fetchRules,
  useChangeRule,
  useCreateRule,
  useEscalationRules,
  useTeams,
  useUsers,
} from '../api';
import { serverIssues } from '../form-errors';
import { idempotencyKeyFor, useVersionConflict } from '../use-version-conflict';
import { FormAlert } from './form-alert';
import { LoadError } from './load-error';

type ActionType = EscalationRule['actions'][number]['type'];
const actionTypes: readonly ActionType[] = [
  'notify_assignee',
  'alert_supervisors',
  'raise_priority',
  'reassign',
];
const actionColor: Record<ActionType, string> = {
  notify_assignee: 'blue',
  alert_supervisors: 'orange',
  raise_priority: 'red',
  reassign: 'purple',
};

const metricOrder = (m: CommitmentMetric) => commitmentMetrics.indexOf(m);

/** The escalation rules: when a promise is at risk or broken, what happens. */
export function EscalationRules({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useEscalationRules();
  const teams = useTeams();
  const users = useUsers();
  const change = useChangeRule();
  const [editing, setEditing] = useState<EscalationRule | 'new' | null>(null);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);
  const userNames = useMemo(
    () => new Map((users.data ?? []).map((x) => [x.id, x.displayName])),
    [users.data],
  );
  const rows = useMemo(
    () =>
      [...(rules.data ?? [])].sort(
        (a, b) => metricOrder(a.metric) - metricOrder(b.metric) || a.trigger.localeCompare(b.trigger),
      ),
    [rules.data],
  );

  if (rules.isError && !rules.data)
    return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;

  const actionLabel = (a: EscalationRule['actions'][number]) =>
    a.type === 'reassign'
      ? t('escalation.reassignTo', {
          target: [
            a.teamId ? (teamNames.get(a.teamId) ?? t('escalation.unknownTeam')) : null,
            a.assigneeId ? (userNames.get(a.assigneeId) ?? t('escalation.unknownPerson')) : null,
          ]
            .filter(Boolean)
            .join(' · '),
        })
      : t(`escalation.action.${a.type}`);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('escalation.help')}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('escalation.new')}
          </Button>
        )}
      </Flex>
      <Table<EscalationRule>
        rowKey="id"
        data-testid="escalation-rules"
        loading={rules.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: <Empty description={t('escalation.empty')} /> }}
        columns={[
          { key: 'name', title: t('escalation.name'), dataIndex: 'name' },
          {
            key: 'metric',
            title: t('escalation.metric'),
            width: 110,
            render: (_, r) => t(`metric.${r.metric}`),
          },
          {
            key: 'trigger',
            title: t('escalation.trigger'),
            width: 170,
            render: (_, r) =>
              r.trigger === 'at_risk' ? (
                <Tag color="orange">{t('escalation.atRisk', { pct: r.thresholdPct })}</Tag>
              ) : (
                <Tag color="red">{t('escalation.breached')}</Tag>
              ),
          },
          {
            key: 'actions',
            title: t('escalation.actions'),
            render: (_, r) => (
              <Flex gap={4} wrap>
                {r.actions.map((a) => (
                  <Tag key={`${a.type}-${a.teamId ?? ''}-${a.assigneeId ?? ''}`} color={actionColor[a.type]}>
                    {actionLabel(a)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'active',
            title: t('escalation.status'),
            width: 90,
            render: (_, r) =>
              canEdit ? (
                <Switch
                  size="small"
                  checked={r.active}
                  aria-label={`${r.name} · ${t('escalation.active')}`}
                  loading={change.isPending && change.variables?.id === r.id}
                  onChange={(active) =>
                    change.mutate(
                      { id: r.id, body: { version: r.version, active } },
                      {
                        onSuccess: () => void message.success(t('escalation.saved')),
                        onError: (error) => void message.error(errorText(error, tc)),
                      },
                    )
                  }
                />
              ) : r.active ? (
                <Tag color="green">{t('common.active')}</Tag>
              ) : (
                <Tag>{t('common.inactive')}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  key: 'edit',
                  title: '',
                  width: 60,
                  render: (_: unknown, r: EscalationRule) => (
                    <Button
                      type="text"
                      icon={<EditOutlined />}
                      aria-label={`${t('common.edit')} ${r.name}`}
                      onClick={() => setEditing(r)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RuleModal
          rule={editing === 'new' ? undefined : editing}
          teams={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          users={(users.data ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: u.displayName }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

interface RuleValues {
  name: string;
  metric: CommitmentMetric;
  trigger: 'at_risk' | 'breached';
  thresholdPct: number | null;
  actions: ActionType[];
  teamId?: string | null;
  assigneeId?: string | null;
  active: boolean;
}

function toValues(r: EscalationRule): RuleValues {
  const reassign = r.actions.find((a) => a.type === 'reassign');
  return {
    name: r.name,
    metric: r.metric,
    trigger: r.trigger,
    thresholdPct: r.thresholdPct,
    actions: r.actions.map((a) => a.type),
    teamId: reassign?.teamId ?? null,
    assigneeId: reassign?.assigneeId ?? null,
    active: r.active,
  };
}

function toBody(v: RuleValues): EscalationRuleBody {
  return {
    name: v.name.trim(),
    metric: v.metric,
    trigger: v.trigger,
    thresholdPct: v.trigger === 'breached' ? 100 : (v.thresholdPct ?? 75),
    actions: actionTypes
      .filter((type) => v.actions.includes(type))
      .map((type) =>
        type === 'reassign' ? { type, teamId: v.teamId ?? null, assigneeId: v.assigneeId ?? null } : { type },
      ),
    active: v.active,
  };
}

function RuleModal({
  rule,
  teams,
  users,
  onClose,
}: {
  rule?: EscalationRule;
  teams: { value: string; label: string }[];
  users: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('agreements');
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const create = useCreateRule();
  const change = useChangeRule();
  const conflict = useVersionConflict(rule, async () => {
    const latest = (await fetchRules()).find((r) => r.id === rule?.id);
    if (!latest) throw new Error('gone');
    return latest;
  });
  const [error, setError] = useState<unknown>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const trigger = Form.useWatch('trigger', form);
  const actions = Form.useWatch('actions', form) as ActionType[] | undefined;

  const fail = (e: unknown) => {
    const issues = serverIssues(e, { lang: currentLanguage(), genericText: t('validation.server') });
    const known = ['name', 'metric', 'trigger', 'thresholdPct', 'actions'];
    const placed = issues.filter((i) => known.includes(String(i.path[0])));
    form.setFields(placed.map((i) => ({ name: String(i.path[0]) as 'name', errors: [i.message] })));
    setError(placed.length > 0 && placed.length === issues.length ? null : e);
  };

  const submit = (values: RuleValues) => {
    setError(null);
    const body = toBody(values);
    if (!rule) {
      create.mutate(
        { body, idempotencyKey: idempotencyKeyFor(idempotency, body) },
        {
          onSuccess: () => {
            void message.success(t('escalation.created'));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    change.mutate(
      { id: rule.id, body: { version: conflict.version ?? rule.version, ...body } },
      {
        onSuccess: () => {
          void message.success(t('escalation.saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  const reassignRule = {
    validator: async () => {
      const v = form.getFieldsValue();
      if (v.actions?.includes('reassign') && !v.teamId && !v.assigneeId)
        throw new Error(t('escalation.reassignNeedsTarget'));
    },
  };

  return (
    <Modal
      open
      title={rule ? t('escalation.editTitle') : t('escalation.createTitle')}
      onCancel={onClose}
      okText={rule ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'rule-form', loading: create.isPending || change.isPending }}
      width={600}
      destroyOnHidden
    >
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <FormAlert
          error={error}
          conflict={rule ? conflict : undefined}
          onReloaded={(latest) => {
            setError(null);
            const fresh = toValues(latest);
            for (const key of Object.keys(fresh) as (keyof RuleValues)[])
              if (!form.isFieldTouched(key)) form.setFieldValue(key, fresh[key]);
          }}
        />
        <Form<RuleValues>
          id="rule-form"
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={
            rule
              ? toValues(rule)
              : {
                  metric: 'on_site',
                  trigger: 'at_risk',
                  thresholdPct: 75,
                  actions: ['notify_assignee'],
                  active: true,
                }
          }
        >
          <Form.Item
            name="name"
            label={t('escalation.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 100, message: t('validation.maxLength', { max: 100 }) },
            ]}
          >
            <Input />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="metric" label={t('escalation.metric')}>
              <Radio.Group
                optionType="button"
                options={commitmentMetrics.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
              />
            </Form.Item>
            <Form.Item name="trigger" label={t('escalation.trigger')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'at_risk', label: t('escalation.triggerAtRisk') },
                  { value: 'breached', label: t('escalation.triggerBreached') },
                ]}
              />
            </Form.Item>
            {trigger === 'at_risk' && (
              <Form.Item
                name="thresholdPct"
                label={t('escalation.threshold')}
                tooltip={t('escalation.thresholdHelp')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 110 }} />
              </Form.Item>
            )}
          </Flex>
          <Form.Item
            name="actions"
            label={t('escalation.actions')}
            rules={[{ required: true, type: 'array', min: 1, message: t('escalation.actionsRequired') }]}
          >
            <Checkbox.Group
              options={actionTypes.map((type) => ({ value: type, label: t(`escalation.action.${type}`) }))}
            />
          </Form.Item>
          {actions?.includes('reassign') && (
            <Flex gap={12} wrap>
              <Form.Item
                name="teamId"
                label={t('escalation.reassignTeam')}
                style={{ flex: 1, minWidth: 200 }}
                dependencies={['assigneeId', 'actions']}
                rules={[reassignRule]}
              >
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={teams} />
              </Form.Item>
              <Form.Item
                name="assigneeId"
                label={t('escalation.reassignPerson')}
                style={{ flex: 1, minWidth: 200 }}
              >
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={users} />
              </Form.Item>
            </Flex>
          )}
          <Form.Item
            name="active"
            label={t('escalation.active')}
            valuePropName="checked"
            style={{ marginBottom: 0 }}
          >
            <Switch />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
