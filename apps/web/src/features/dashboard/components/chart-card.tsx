import { Card, Empty } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../shared/ui/echart';

/** A titled card holding one chart, or an empty state when there is nothing to draw. */
export function ChartCard({
  title,
  ariaLabel,
  option,
  height = 300,
  empty,
  emptyText,
  extra,
  testId,
}: {
  title: string;
  ariaLabel: string;
  option: EChartsCoreOption;
  height?: number;
  empty?: boolean;
  emptyText?: string;
  extra?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation('dashboard');
  return (
    <Card title={title} extra={extra} style={{ height: '100%' }} data-testid={testId}>
      {empty ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={emptyText ?? t('noData')}
          style={{ height, display: 'flex', flexDirection: 'column', justifyContent: 'center', margin: 0 }}
        />
      ) : (
        <EChart option={option} height={height} ariaLabel={ariaLabel} />
      )}
    </Card>
  );
}
