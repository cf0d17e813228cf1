import { DownloadOutlined, FileTextOutlined, SyncOutlined } from '@ant-design/icons';
import {
  type InsightBreakdown,
  type InsightDim,
  type InsightKpis,
  type InsightOverview,
  insightDims,
  type ServiceDimension,
} from '@manyi/contracts';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Result,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import {
  type DrillTarget,
  exportUrl,
  type InsightFilter,
  useInsightBreakdown,
  useInsightOverview,
  useRefreshInsights,
} from '../api';
import {
  bucketEnd,
  gapsOption,
  handlingOption,
  type InsightChartText,
  paretoOption,
  ratesOption,
  scoresOption,
  volumeOption,
} from '../charts';
import { DrillDrawer } from '../components/drill-drawer';
import { type ChartClick, InsightChart } from '../components/insight-chart';

/** Today as YYYY-MM-DD in the tenant's time zone. */
export function localToday(timeZone: string) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
const pctText = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));

function ChartCard(props: {
  title: string;
  aria: string;
  option: EChartsCoreOption;
  empty: boolean;
  onClick?: (e: ChartClick) => void;
  testId: string;
}) {
  const { t } = useTranslation('insights');
  return (
    <Card title={props.title} size="small" style={{ height: '100%' }} data-testid={props.testId}>
      {props.empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} style={{ height: 280 }} />
      ) : (
        <InsightChart option={props.option} ariaLabel={props.aria} height={300} onClick={props.onClick} />
      )}
    </Card>
  );
}

function Kpi(props: { title: string; value: ReactNode; hint: string; onClick?: () => void; testId: string }) {
  return (
    <Card
      size="small"
      hoverable={!!props.onClick}
      onClick={props.onClick}
      style={{ height: '100%' }}
      styles={{ body: { padding: '12px 16px' } }}
      data-testid={props.testId}
    >
      <Statistic
        title={props.title}
        value={props.value as string}
        styles={{ content: { fontWeight: 600 } }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.hint}
      </Typography.Text>
    </Card>
  );
}

/** /insights: satisfaction dashboards for quality managers and supervisors, with drill-down and exports. */
export function InsightsPage() {
  const { t, i18n } = useTranslation('insights');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const tz = safeTimeZone(user.tenantTimeZone);
  const today = localToday(tz);
  const [params, setParams] = useSearchParams();
  const from = isDate(params.get('from')) ? params.get('from')! : shift(today, -89);
  const to = isDate(params.get('to')) ? params.get('to')! : today;
  const grainParam = params.get('grain');
  const grain =
    grainParam === 'day' || grainParam === 'week' || grainParam === 'month' ? grainParam : undefined;
  const dimParam = params.get('dim');
  const dim = (insightDims as readonly string[]).includes(dimParam ?? '')
    ? (dimParam as InsightDim)
    : undefined;
  const key = dim ? (params.get('key') ?? undefined) : undefined;
  const filter: InsightFilter = { from, to, grain, dim: key ? dim : undefined, key };
  const [by, setBy] = useState<InsightDim>(dim ?? 'team');
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const overview = useInsightOverview(filter);
  const breakdown = useInsightBreakdown(from, to, by);
  const options = useInsightBreakdown(from, to, dim ?? 'team', !!dim);
  const refresh = useRefreshInsights();
  const o = overview.data;

  const set = (patch: Record<string, string | undefined>) =>
    setParams(
      (cur) => {
        const next = new URLSearchParams(cur);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the language is what invalidates the texts.
  const text: InsightChartText = useMemo(
    () => ({
      bucket: (d) => (o?.grain === 'month' ? d.slice(0, 7) : d.slice(5)),
      dimension: (d) => t(`dimensions.${d}`),
      expectation: t('charts.expectation'),
      perception: t('charts.perception'),
      gap: t('charts.gap'),
      count: t('charts.count'),
      cumulative: t('charts.cumulative'),
      avgHours: t('charts.avgHours'),
      winBackRate: t('charts.winBackRate'),
      reachRate: t('charts.reachRate'),
      satisfiedRate: t('charts.satisfiedRate'),
      compliments: t('charts.compliments'),
      suggestions: t('charts.suggestions'),
      complaints: t('charts.complaints'),
    }),
    [t, i18n.language, o?.grain],
  );
  const charts = useMemo(
    () =>
      o
        ? {
            scores: scoresOption(o, text),
            gaps: gapsOption(o, text),
            pareto: paretoOption(o, text),
            handling: handlingOption(o, text),
            rates: ratesOption(o, text),
            volume: volumeOption(o, text),
          }
        : null,
    [o, text],
  );

  /** A click on a series point drills into that bucket's work orders. */
  const onBucket = (metric: (series: number) => DrillTarget['metric']) => (e: ChartClick) => {
    if (!o) return;
    const b = o.series[e.dataIndex];
    if (!b) return;
    setDrill({
      metric: metric(e.seriesIndex ?? 0),
      from: [from, b.bucket].sort()[1] ?? from, // the later of the two dates (ISO strings sort as dates)
      to: bucketEnd(b.bucket, o.grain, to),
    });
  };
  const k: InsightKpis | undefined = o?.kpis;
  const monthForReport = (
    to.slice(0, 7) === today.slice(0, 7) ? shift(`${today.slice(0, 7)}-01`, -1) : to
  ).slice(0, 7);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('subtitle', { from, to })} · {t('drillHint')}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="insights-refreshed">
            {o?.refreshedAt
              ? t('refreshed', { time: formatDateTime(o.refreshedAt, currentLanguage(), tz) })
              : t('neverRefreshed')}
          </Typography.Text>
          <Tooltip title={t('refresh')}>
            <Button
              icon={<SyncOutlined />}
              aria-label={t('refresh')}
              loading={refresh.isPending}
              onClick={() => refresh.mutate()}
            />
          </Tooltip>
          <Link to={`/insights/report/${monthForReport}`}>
            <Button icon={<FileTextOutlined />}>{t('monthlyReport')}</Button>
          </Link>
        </Flex>
      </Flex>

      <Card size="small">
        <Flex gap={12} wrap align="center">
          <DatePicker.RangePicker
            aria-label={t('period')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(v) => {
              if (v?.[0] && v[1]) set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
            }}
            presets={[
              { label: t('presets.last30'), value: [dayjs(shift(today, -29)), dayjs(today)] },
              { label: t('presets.last90'), value: [dayjs(shift(today, -89)), dayjs(today)] },
              { label: t('presets.thisYear'), value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] },
              { label: t('presets.last12m'), value: [dayjs(shift(today, -364)), dayjs(today)] },
            ]}
          />
          <Segmented
            aria-label={t('grain')}
            value={o?.grain ?? grain ?? 'week'}
            onChange={(v) => set({ grain: String(v) })}
            options={(['day', 'week', 'month'] as const).map((g) => ({ value: g, label: t(`grains.${g}`) }))}
          />
          <Select<InsightDim | 'all'>
            aria-label={t('filterBy')}
            style={{ width: 170 }}
            value={dim ?? 'all'}
            onChange={(v) => set({ dim: v === 'all' ? undefined : v, key: undefined })}
            options={[
              { value: 'all', label: `${t('filterBy')}：${t('allTenant')}` },
              ...insightDims.map((d) => ({ value: d, label: t(`dims.${d}`) })),
            ]}
          />
          {dim && (
            <Select
              aria-label={t('filterValue')}
              data-testid="insights-filter-value"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220 }}
              placeholder={t('filterValue')}
              loading={options.isLoading}
              value={key}
              allowClear
              onChange={(v) => set({ key: v ?? undefined })}
              options={(options.data?.rows ?? []).map((r) => ({
                value: r.key,
                label: dim === 'category' ? t(`categories.${r.key}`, { defaultValue: r.label }) : r.label,
              }))}
            />
          )}
        </Flex>
      </Card>

      {overview.isError && !o ? (
        <Card>
          <Result status="warning" title={t('loadFailed')} subTitle={errorText(overview.error, tc)} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} data-testid="insights-kpis">
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-csat"
                title={t('kpi.csat')}
                value={num(k?.csat ?? null)}
                hint={t('kpi.csatHint', { rate: pctText(k?.csatSatisfiedRate ?? null) })}
                onClick={() => setDrill({ metric: 'csat_dissatisfied' })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-nps"
                title={t('kpi.nps')}
                value={k?.nps === null || k?.nps === undefined ? '—' : k.nps.toFixed(1)}
                hint={t('kpi.npsHint', { p: k?.promoters ?? 0, d: k?.detractors ?? 0, n: k?.npsN ?? 0 })}
                onClick={() => setDrill({ metric: 'detractors' })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-ces"
                title={t('kpi.ces')}
                value={num(k?.ces ?? null)}
                hint={t('kpi.cesHint')}
                onClick={() => setDrill({ metric: 'ces_hard' })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-complaints"
                title={t('kpi.complaints')}
                value={k?.complaints ?? 0}
                hint={t('kpi.complaintsHint', {
                  closed: k?.complaintsClosed ?? 0,
                  hours: k?.avgHandlingHours ?? '—',
                })}
                onClick={() => setDrill({ metric: 'complaints' })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-winback"
                title={t('kpi.winBack')}
                value={pctText(k?.winBackRate ?? null)}
                hint={t('kpi.winBackHint', { n: k?.winBackKnown ?? 0 })}
                onClick={() => setDrill({ metric: 'lost' })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Kpi
                testId="kpi-reach"
                title={t('kpi.reach')}
                value={pctText(k?.followupReachRate ?? null)}
                hint={t('kpi.reachHint', { n: k?.followupsDone ?? 0 })}
                onClick={() => setDrill({ metric: 'followups_unreached' })}
              />
            </Col>
          </Row>

          {charts && o && (
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={14}>
                <ChartCard
                  testId="chart-scores"
                  title={t('charts.scores')}
                  aria={t('charts.scoresAria')}
                  option={charts.scores}
                  empty={o.kpis.responses === 0}
                  onClick={onBucket((s) => (s === 2 ? 'detractors' : 'responses'))}
                />
              </Col>
              <Col xs={24} xl={10}>
                <ChartCard
                  testId="chart-gaps"
                  title={t('charts.gaps')}
                  aria={t('charts.gapsAria')}
                  option={charts.gaps}
                  empty={o.gaps.every((g) => g.n === 0)}
                  onClick={() => {
                    const worst = [...o.gaps]
                      .filter((g) => g.gap !== null)
                      .sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0))[0];
                    if (worst)
                      setDrill({ metric: 'responses', gapDimension: worst.dimension as ServiceDimension });
                  }}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard
                  testId="chart-pareto"
                  title={t('charts.pareto')}
                  aria={t('charts.paretoAria')}
                  option={charts.pareto}
                  empty={o.causes.length === 0}
                  onClick={(e) => {
                    const c = o.causes[e.dataIndex];
                    if (c) setDrill({ metric: 'complaints', cause: c.cause });
                  }}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard
                  testId="chart-handling"
                  title={t('charts.handling')}
                  aria={t('charts.handlingAria')}
                  option={charts.handling}
                  empty={o.kpis.complaintsClosed === 0}
                  onClick={onBucket((s) => (s === 1 ? 'won_back' : 'complaints_closed'))}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard
                  testId="chart-rates"
                  title={t('charts.rates')}
                  aria={t('charts.ratesAria')}
                  option={charts.rates}
                  empty={o.kpis.followupsDone === 0 && o.kpis.responses === 0}
                  onClick={onBucket((s) => (s === 0 ? 'followups_unreached' : 'csat_dissatisfied'))}
                />
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard
                  testId="chart-volume"
                  title={t('charts.volume')}
                  aria={t('charts.volumeAria')}
                  option={charts.volume}
                  empty={o.kpis.compliments + o.kpis.suggestions + o.kpis.complaints === 0}
                  onClick={onBucket((s) =>
                    s === 0 ? 'compliments' : s === 1 ? 'suggestions' : 'complaints',
                  )}
                />
              </Col>
            </Row>
          )}

          <BreakdownTable
            data={breakdown.data}
            loading={breakdown.isLoading}
            by={by}
            onBy={setBy}
            from={from}
            to={to}
            overview={o}
            onPick={(key) => set({ dim: by, key })}
          />
        </>
      )}
      <DrillDrawer filter={filter} target={drill} onClose={() => setDrill(null)} />
    </Flex>
  );
}

function BreakdownTable(props: {
  data: InsightBreakdown | undefined;
  loading: boolean;
  by: InsightDim;
  onBy: (d: InsightDim) => void;
  from: string;
  to: string;
  overview: InsightOverview | undefined;
  onPick: (key: string) => void;
}) {
  const { t } = useTranslation('insights');
  const q = { from: props.from, to: props.to, by: props.by };
  const o = props.overview;
  const seriesQ = {
    from: props.from,
    to: props.to,
    grain: o?.grain,
    dim: o?.dim ?? undefined,
    key: o?.key ?? undefined,
  };
  return (
    <Card
      size="small"
      title={t('table.title')}
      data-testid="insights-breakdown"
      extra={
        <Flex gap={8} wrap>
          <Select<InsightDim>
            aria-label={t('table.by')}
            value={props.by}
            onChange={props.onBy}
            style={{ width: 170 }}
            options={insightDims.map((d) => ({ value: d, label: `${t('table.by')} ${t(`dims.${d}`)}` }))}
          />
          <Button icon={<DownloadOutlined />} href={exportUrl('breakdown', q, 'csv')}>
            {t('exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('breakdown', q, 'xlsx')}>
            {t('exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('overview', seriesQ, 'xlsx')}>
            {t('exportSeries')}
          </Button>
        </Flex>
      }
    >
      <Table
        size="small"
        rowKey="key"
        loading={props.loading}
        dataSource={props.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => props.onPick(r.key), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('table.name'),
            dataIndex: 'label',
            fixed: 'left',
            width: 180,
            render: (v: string, r) =>
              props.by === 'category' ? t(`categories.${r.key}`, { defaultValue: v }) : v,
          },
          {
            title: t('table.tickets'),
            dataIndex: 'tickets',
            align: 'right',
            sorter: (a, b) => a.tickets - b.tickets,
          },
          { title: t('table.responses'), dataIndex: 'responses', align: 'right' },
          {
            title: t('table.csat'),
            dataIndex: 'csat',
            align: 'right',
            render: (v: number | null) => num(v),
            sorter: (a, b) => (a.csat ?? 0) - (b.csat ?? 0),
          },
          {
            title: t('table.nps'),
            dataIndex: 'nps',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
            sorter: (a, b) => (a.nps ?? -101) - (b.nps ?? -101),
          },
          { title: t('table.ces'), dataIndex: 'ces', align: 'right', render: (v: number | null) => num(v) },
          { title: t('table.complaints'), dataIndex: 'complaints', align: 'right' },
          {
            title: t('table.avgHours'),
            dataIndex: 'avgHandlingHours',
            align: 'right',
            render: (v: number | null) => num(v, 1),
          },
          { title: t('table.winBack'), dataIndex: 'winBackRate', align: 'right', render: pctText },
          { title: t('table.reach'), dataIndex: 'followupReachRate', align: 'right', render: pctText },
        ]}
      />
    </Card>
  );
}
