import { type CommitmentMetric, commitmentMetrics, customerTiers, ticketTypes } from '@manyi/contracts';
import { Card, Col, Empty, Flex, Row, Segmented, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../shared/ui/echart';
import { type StatsBy, useCommitmentStats } from '../api';
import {
  beatColour,
  busiestMetric,
  keptColour,
  rowsOf,
  type StatsRow,
  statsChartOption,
} from '../stats-chart';
import { durationText } from '../words';
import { LoadError } from './load-error';

const byOptions: readonly StatsBy[] = ['type', 'team', 'tier'];

/**
 * The supervisor's commitment measures for the period: per work-order type, team or customer tier, the share
 * of promises kept, the share that beat the promise (done within the internal target), and the average margin.
 */
export function CommitmentStats({ days }: { days: number }) {
  const { t } = useTranslation('agreements');
  const [by, setBy] = useState<StatsBy>('type');
  const [chosenMetric, setChosenMetric] = useState<CommitmentMetric | null>(null);
  const stats = useCommitmentStats(days, by);
  const allRows = stats.data?.rows ?? [];
  const metric = chosenMetric ?? busiestMetric(allRows);
  const rows = useMemo(() => rowsOf(allRows, metric), [allRows, metric]);

  const label = useMemo(
    () => (row: StatsRow) => {
      if (by === 'team') return row.label ?? (row.key ? t('stats.unknown') : t('stats.noTeam'));
      if (by === 'type') {
        const type = ticketTypes.find((x) => x === row.key);
        return type ? t(`type.${type}`) : (row.label ?? t('stats.unknown'));
      }
      const tier = customerTiers.find((x) => x === row.key);
      return tier ? t(`tier.${tier}`) : (row.label ?? t('stats.unknown'));
    },
    [by, t],
  );
  const option = useMemo(
    () => statsChartOption(rows, { label, kept: t('stats.keptRate'), beat: t('stats.beatRate') }),
    [rows, label, t],
  );
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

  return (
    <Card
      title={t('stats.title')}
      data-testid="commitment-stats"
      extra={
        <Segmented<StatsBy>
          aria-label={t('stats.by')}
          size="small"
          value={by}
          onChange={setBy}
          options={byOptions.map((value) => ({
            value,
            label: t(value === 'type' ? 'stats.byType' : value === 'team' ? 'stats.byTeam' : 'stats.byTier'),
          }))}
        />
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('stats.help')}
        </Typography.Text>
        <Segmented<CommitmentMetric>
          aria-label={t('stats.metricFilter')}
          value={metric}
          onChange={setChosenMetric}
          options={commitmentMetrics.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
          style={{ alignSelf: 'flex-start' }}
        />
        {stats.isError && !stats.data ? (
          <LoadError error={stats.error} onRetry={() => void stats.refetch()} title={t('stats.loadFailed')} />
        ) : rows.length === 0 && !stats.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} />
        ) : (
          <Row gutter={[16, 16]} style={{ opacity: stats.isPlaceholderData ? 0.6 : 1 }}>
            <Col xs={24} xl={10}>
              <EChart option={option} height={280} ariaLabel={t('stats.chartAria')} />
            </Col>
            <Col xs={24} xl={14}>
              <Table<StatsRow>
                size="small"
                loading={stats.isPending}
                rowKey={(r) => `${r.key ?? 'none'}-${r.metric}`}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 560 }}
                columns={[
                  { key: 'group', title: t('stats.group'), render: (_, r) => label(r) },
                  { key: 'total', title: t('stats.total'), dataIndex: 'total', align: 'right', width: 80 },
                  { key: 'kept', title: t('stats.kept'), dataIndex: 'metPromise', align: 'right', width: 70 },
                  {
                    key: 'broken',
                    title: t('stats.broken'),
                    dataIndex: 'breached',
                    align: 'right',
                    width: 70,
                  },
                  {
                    key: 'keptRate',
                    title: <span style={{ color: keptColour }}>{t('stats.keptRate')}</span>,
                    align: 'right',
                    width: 90,
                    render: (_, r) => percent(r.metPromiseRate),
                  },
                  {
                    key: 'beatRate',
                    title: <span style={{ color: beatColour }}>{t('stats.beatRate')}</span>,
                    align: 'right',
                    width: 110,
                    render: (_, r) => percent(r.beatPromiseRate),
                  },
                  {
                    key: 'margin',
                    title: t('stats.margin'),
                    align: 'right',
                    width: 120,
                    render: (_, r) =>
                      r.avgMarginMinutes === null ? (
                        '—'
                      ) : (
                        <Typography.Text type={r.avgMarginMinutes < 0 ? 'danger' : undefined}>
                          {r.avgMarginMinutes < 0 ? '−' : ''}
                          {durationText(r.avgMarginMinutes, t)}
                        </Typography.Text>
                      ),
                  },
                ]}
              />
            </Col>
          </Row>
        )}
      </Flex>
    </Card>
  );
}
