import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EChart } from '../../../shared/ui/echart';
import { useOverview } from '../api';
import { incomingOption } from '../charts';
import { KpiCards } from './kpi-cards';
import { useChartText } from './use-chart-text';

/**
 * The last 7 days at a glance (KPI cards and the daily incoming chart) with a link to the full dashboard.
 * Meant for the home page of roles with tickets.read_all; renders nothing for others or when the stats fail.
 */
export function DashboardSummary() {
  const { t } = useTranslation('dashboard');
  const overview = useOverview(7);
  const text = useChartText();
  const option = useMemo(
    () =>
      overview.data
        ? {
            ...incomingOption(overview.data, text),
            legend: { show: false },
            grid: { left: 8, right: 12, top: 12, bottom: 4 },
          }
        : null,
    [overview.data, text],
  );
  if (overview.isError) return null;
  return (
    <Card
      data-testid="dashboard-summary"
      title={t('summary.title')}
      extra={
        <Link to="/dashboard">
          {t('summary.viewAll')} <ArrowRightOutlined aria-hidden />
        </Link>
      }
    >
      <Flex vertical gap={16}>
        <KpiCards totals={overview.data?.totals} loading={overview.isPending} />
        {option && overview.data && overview.data.totals.opened > 0 && (
          <div>
            <Typography.Text type="secondary">{t('charts.incoming')}</Typography.Text>
            <EChart option={option} height={180} ariaLabel={t('charts.incomingAria')} />
          </div>
        )}
      </Flex>
    </Card>
  );
}
