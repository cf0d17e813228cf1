import {
  type CommitmentMetric,
  commitmentMetrics,
  type TicketPriority,
  type TicketType,
  ticketPriorities,
  ticketTypes,
} from '@manyi/contracts';
import { Badge, Flex, Input, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CellKey,
  type CellProblem,
  type CellText,
  cellKey,
  cellProblems,
  countForType,
  matrixProblems,
  type TargetsMatrix,
} from '../targets-matrix';

const prioritiesDown = [...ticketPriorities].reverse() as TicketPriority[];

/**
 * The commitment targets as a matrix: a tab per work-order type, a row per priority, a column per metric;
 * each cell holds the customer promise and the tighter internal target in hours:minutes of working time.
 * Problems (unreadable, half-filled, internal looser than the promise) show under the cell as they are typed.
 */
export function TargetsMatrixEditor({
  value = {},
  onChange,
  readOnly,
  serverErrors = {},
  onCellEdited,
}: {
  value?: TargetsMatrix;
  onChange?: (value: TargetsMatrix) => void;
  readOnly: boolean;
  /** The server's complaints about cells, shown until the cell is edited. */
  serverErrors?: Partial<Record<CellKey, string>>;
  onCellEdited?: (key: CellKey) => void;
}) {
  const { t } = useTranslation('agreements');
  const firstWithTargets = ticketTypes.find((type) => countForType(value, type) > 0) ?? 'repair';
  const [activeType, setActiveType] = useState<TicketType>(firstWithTargets);
  const problems = matrixProblems(value);
  const problemTypes = new Set(
    [...(Object.keys(problems) as CellKey[]), ...(Object.keys(serverErrors) as CellKey[])].map(
      (key) => key.split('|')[0],
    ),
  );

  const setCell = (key: CellKey, patch: Partial<CellText>) => {
    const current = value[key] ?? { promise: '', internal: '' };
    onChange?.({ ...value, [key]: { ...current, ...patch } });
    onCellEdited?.(key);
  };

  return (
    <Tabs
      activeKey={activeType}
      onChange={(key) => setActiveType(key as TicketType)}
      size="small"
      items={ticketTypes.map((type) => ({
        key: type,
        label: (
          <span data-testid={`targets-tab-${type}`}>
            {problemTypes.has(type) ? <Badge status="error" text={t(`type.${type}`)} /> : t(`type.${type}`)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({countForType(value, type)})
            </Typography.Text>
          </span>
        ),
        children: (
          <Table<{ priority: TicketPriority }>
            size="small"
            pagination={false}
            rowKey="priority"
            dataSource={prioritiesDown.map((priority) => ({ priority }))}
            scroll={{ x: 600 }}
            columns={[
              {
                key: 'priority',
                title: t('targets.priorityColumn'),
                width: 90,
                render: (_, row) => t(`priority.${row.priority}`),
              },
              ...commitmentMetrics.map((metric) => ({
                key: metric,
                title: (
                  <Flex vertical>
                    <span>{t(`metric.${metric}`)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {t('targets.promise')} / {t('targets.internal')}
                    </Typography.Text>
                  </Flex>
                ),
                render: (_: unknown, row: { priority: TicketPriority }) => (
                  <TargetCell
                    type={type}
                    priority={row.priority}
                    metric={metric}
                    cell={value[cellKey(type, row.priority, metric)]}
                    readOnly={readOnly}
                    serverError={serverErrors[cellKey(type, row.priority, metric)]}
                    onChange={(patch) => setCell(cellKey(type, row.priority, metric), patch)}
                  />
                ),
              })),
            ]}
          />
        ),
      }))}
    />
  );
}

function TargetCell({
  type,
  priority,
  metric,
  cell,
  readOnly,
  serverError,
  onChange,
}: {
  type: TicketType;
  priority: TicketPriority;
  metric: CommitmentMetric;
  cell: CellText | undefined;
  readOnly: boolean;
  serverError?: string;
  onChange: (patch: Partial<CellText>) => void;
}) {
  const { t } = useTranslation('agreements');
  const problems = cellProblems(cell);
  const names = {
    type: t(`type.${type}`),
    priority: t(`priority.${priority}`),
    metric: t(`metric.${metric}`),
  };
  const testId = `target-${type}-${priority}-${metric}`;
  const message = (p: CellProblem) =>
    p === 'looser' ? t('targets.looser', { promise: cell?.promise ?? '' }) : t(`targets.${p}`);
  const text = problems.promise
    ? message(problems.promise)
    : problems.internal
      ? message(problems.internal)
      : serverError;

  if (readOnly)
    return (
      <Typography.Text data-testid={testId} type={cell?.promise ? undefined : 'secondary'}>
        {cell?.promise ? `${cell.promise} / ${cell.internal}` : '—'}
      </Typography.Text>
    );

  return (
    <Flex vertical gap={2}>
      <Flex gap={4} align="center">
        <Input
          size="small"
          value={cell?.promise ?? ''}
          onChange={(e) => onChange({ promise: e.target.value })}
          status={problems.promise || (serverError && !problems.internal) ? 'error' : undefined}
          placeholder={t('targets.placeholder')}
          aria-label={t('targets.promiseAria', names)}
          aria-invalid={Boolean(problems.promise)}
          data-testid={`${testId}-promise`}
          style={{ width: 66 }}
          inputMode="numeric"
          autoComplete="off"
        />
        <Typography.Text type="secondary">/</Typography.Text>
        <Input
          size="small"
          value={cell?.internal ?? ''}
          onChange={(e) => onChange({ internal: e.target.value })}
          status={problems.internal ? 'error' : undefined}
          placeholder={t('targets.placeholder')}
          aria-label={t('targets.internalAria', names)}
          aria-invalid={Boolean(problems.internal)}
          data-testid={`${testId}-internal`}
          style={{ width: 66 }}
          inputMode="numeric"
          autoComplete="off"
        />
      </Flex>
      {text && (
        <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 190 }} role="alert">
          {text}
        </Typography.Text>
      )}
    </Flex>
  );
}
