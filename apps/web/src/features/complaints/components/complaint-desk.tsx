import { type ComplaintRow, complaintSeverities, complaintSteps } from '@manyi/contracts';
import { Alert, Badge, Button, Checkbox, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { type ComplaintListFilter, useComplaintSettings, useComplaints } from '../api';
import { CountdownTag } from './countdown-tag';
import { useNow } from './use-now';
import { causeLabel, levelColor, severityColor } from './words';

/** The complaint desk: filters by state, next step, severity, cause, level, overdue; newest first. */
export function ComplaintDesk({ winBack = false }: { winBack?: boolean }) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const tz = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();
  const now = useNow();
  const settings = useComplaintSettings();
  const [filter, setFilter] = useState<ComplaintListFilter>(
    winBack ? { winBackDue: true } : { state: 'open' },
  );
  const [text, setText] = useState('');
  const list = useComplaints(filter);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const set = (patch: Partial<ComplaintListFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns = [
    {
      title: t('desk.columns.number'),
      dataIndex: 'ticketNumber',
      width: 110,
      render: (_: unknown, r: ComplaintRow) => (
        <Link to={`/complaints/${r.id}`} data-testid="complaint-link">
          {r.ticketNumber}
        </Link>
      ),
    },
    { title: t('desk.columns.customer'), dataIndex: 'customerName', width: 100 },
    {
      title: t('desk.columns.subject'),
      dataIndex: 'subject',
      width: 200,
      ellipsis: true,
      render: (_: unknown, r: ComplaintRow) => (
        <Flex vertical gap={2}>
          <Typography.Text ellipsis>{r.subject}</Typography.Text>
          {r.pendingRemedies > 0 && (
            <Badge status="warning" text={t('desk.pendingRemedies', { count: r.pendingRemedies })} />
          )}
        </Flex>
      ),
    },
    {
      title: t('desk.columns.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (_: unknown, r: ComplaintRow) => (
        <Tag color={severityColor[r.severity]}>{t(`severity.${r.severity}`)}</Tag>
      ),
    },
    {
      title: t('desk.columns.cause'),
      dataIndex: 'cause',
      width: 110,
      render: (_: unknown, r: ComplaintRow) => causeLabel(settings.data, r.cause, lang),
    },
    {
      title: t('desk.columns.step'),
      dataIndex: 'nextStep',
      width: 110,
      render: (_: unknown, r: ComplaintRow) =>
        r.closedAt ? (
          <Tag color="success">{r.verdict ? t(`verdict.${r.verdict}`) : t('workspace.concluded')}</Tag>
        ) : (
          t(`step.${r.nextStep ?? 'done'}`)
        ),
    },
    {
      title: t('desk.columns.level'),
      dataIndex: 'level',
      width: 80,
      render: (_: unknown, r: ComplaintRow) => (
        <Tag color={levelColor[r.level]}>{t(`level.${r.level as 1 | 2 | 3}`)}</Tag>
      ),
    },
    {
      title: t('desk.columns.deadline'),
      key: 'deadline',
      width: 190,
      render: (_: unknown, r: ComplaintRow) => (
        <Flex vertical gap={4} align="start">
          <CountdownTag
            kind="acknowledge"
            start={r.createdAt}
            due={r.acknowledgeDueAt}
            done={r.acknowledgedAt}
            now={now}
          />
          <CountdownTag
            kind="resolve"
            start={r.createdAt}
            due={r.resolveDueAt}
            done={r.resolvedAt}
            now={now}
          />
        </Flex>
      ),
    },
    {
      title: t('desk.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, lang, tz),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {!winBack && (
        <Flex wrap gap={8} align="center">
          <Segmented
            value={filter.state ?? 'open'}
            onChange={(v) => set({ state: v as 'open' | 'closed' | 'all' })}
            options={[
              { value: 'open', label: t('desk.filters.stateOpen') },
              { value: 'closed', label: t('desk.filters.stateClosed') },
              { value: 'all', label: t('desk.filters.stateAll') },
            ]}
          />
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('desk.filters.step')}
            aria-label={t('desk.filters.step')}
            value={filter.step}
            onChange={(v) => set({ step: v })}
            options={[...complaintSteps, 'done' as const].map((s) => ({ value: s, label: t(`step.${s}`) }))}
          />
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('desk.filters.severity')}
            aria-label={t('desk.filters.severity')}
            value={filter.severity}
            onChange={(v) => set({ severity: v })}
            options={complaintSeverities.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          />
          <Select
            style={{ width: 150 }}
            allowClear
            placeholder={t('desk.filters.cause')}
            aria-label={t('desk.filters.cause')}
            value={filter.cause}
            onChange={(v) => set({ cause: v })}
            options={(settings.data?.causes ?? []).map((c) => ({
              value: c.code,
              label: lang.startsWith('zh') ? c.zh : c.en,
            }))}
          />
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder={t('desk.filters.level')}
            aria-label={t('desk.filters.level')}
            value={filter.level}
            onChange={(v) => set({ level: v })}
            options={[1, 2, 3].map((l) => ({ value: l, label: t(`level.${l as 1 | 2 | 3}`) }))}
          />
          <Checkbox
            checked={filter.overdue === true}
            onChange={(e) => set({ overdue: e.target.checked || undefined })}
          >
            {t('desk.filters.overdue')}
          </Checkbox>
          <Checkbox
            checked={filter.pendingApproval === true}
            onChange={(e) => set({ pendingApproval: e.target.checked || undefined })}
          >
            {t('desk.filters.pendingApproval')}
          </Checkbox>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('desk.filters.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
        </Flex>
      )}
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={errorText(list.error, tc)}
          action={<Button onClick={() => void list.refetch()}>{t('retry')}</Button>}
        />
      )}
      <Table<ComplaintRow>
        rowKey="id"
        size="middle"
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('desk.empty') }}
        data-testid="complaint-table"
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('desk.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
