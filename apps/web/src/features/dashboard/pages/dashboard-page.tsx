import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Segmented, Skeleton, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { CommitmentStats } from '../../agreements/components/commitment-stats';
import { useCurrentUser } from '../../auth/api';
import { isPeriod, type Period, periods, useOverview } from '../api';
import { KpiCards } from '../components/kpi-cards';
import { OverviewCharts } from '../components/overview-charts';

/** /dashboard: the supervisor's picture of incoming work, the open backlog and who carries it. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('days') ?? 30);
  const days: Period = isPeriod(requested) ? requested : 30;
  const overview = useOverview(days);

  const updatedAt = overview.dataUpdatedAt
    ? new Intl.DateTimeFormat(currentLanguage(), {
        timeZone: safeTimeZone(user.tenantTimeZone),
        hour: '2-digit',
        minute: '2-digit',
      }).format(overview.dataUpdatedAt)
    : null;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle', { days })}</Typography.Text>
        </div>
        <Flex align="center" gap={12} wrap>
          {updatedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dashboard-updated">
              {t('updatedAt', { time: updatedAt })}
            </Typography.Text>
          )}
          <Segmented<Period>
            aria-label={t('period')}
            value={days}
            onChange={(value) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set('days', String(value));
                  return next;
                },
                { replace: true },
              )
            }
            options={periods.map((p) => ({ value: p, label: t('days', { count: p }) }))}
          />
          <Tooltip title={t('refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('refresh')}
              loading={overview.isFetching}
              onClick={() => void overview.refetch()}
            />
          </Tooltip>
        </Flex>
      </Flex>

      {overview.isError && !overview.data ? (
        <Card>
          <Result
            status="warning"
            title={t('loadFailed')}
            subTitle={errorText(overview.error, tc)}
            extra={
              <Button type="primary" onClick={() => void overview.refetch()}>
                {tc('errors.retry')}
              </Button>
            }
          />
        </Card>
      ) : (
        <>
          <KpiCards totals={overview.data?.totals} loading={overview.isPending} />
          {overview.data ? (
            <div style={{ opacity: overview.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}>
              <OverviewCharts overview={overview.data} />
            </div>
          ) : (
            <Card>
              <Skeleton active paragraph={{ rows: 10 }} />
            </Card>
          )}
        </>
      )}
      <CommitmentStats days={days} />
    </Flex>
  );
}
