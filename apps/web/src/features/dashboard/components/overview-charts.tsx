import type { Overview } from '@manyi/contracts';
import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  agentLoadHeight,
  agentLoadOption,
  channelOption,
  channelRows,
  incomingOption,
  openByAgeOption,
  openByStatusOption,
  openStatusRows,
} from '../charts';
import { ChartCard } from './chart-card';
import { useChartText } from './use-chart-text';

/** Every chart of the dashboard, laid out from "what comes in" to "who carries it". */
export function OverviewCharts({ overview }: { overview: Overview }) {
  const { t } = useTranslation('dashboard');
  const text = useChartText();
  const options = useMemo(
    () => ({
      incoming: incomingOption(overview, text),
      status: openByStatusOption(overview, text),
      age: openByAgeOption(overview, text),
      channel: channelOption(overview, text),
      load: agentLoadOption(overview, text),
    }),
    [overview, text],
  );
  const noOpen = overview.totals.open === 0;
  // The three middle charts share one height, enough for every open status as a row.
  const sideHeight = Math.max(260, openStatusRows(overview).length * 34 + 24);

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ChartCard
          testId="chart-incoming"
          title={t('charts.incoming')}
          ariaLabel={t('charts.incomingAria')}
          option={options.incoming}
          height={320}
          empty={overview.totals.opened === 0}
        />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <ChartCard
          testId="chart-status"
          title={t('charts.openByStatus')}
          ariaLabel={t('charts.openByStatusAria')}
          option={options.status}
          height={sideHeight}
          empty={noOpen}
        />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <ChartCard
          testId="chart-age"
          title={t('charts.openByAge')}
          ariaLabel={t('charts.openByAgeAria')}
          option={options.age}
          height={sideHeight}
          empty={noOpen}
        />
      </Col>
      <Col xs={24} xl={8}>
        <ChartCard
          testId="chart-channel"
          title={t('charts.byChannel')}
          ariaLabel={t('charts.byChannelAria')}
          option={options.channel}
          height={sideHeight}
          empty={channelRows(overview).length === 0}
        />
      </Col>
      <Col span={24}>
        <ChartCard
          testId="chart-load"
          title={t('charts.agentLoad')}
          ariaLabel={t('charts.agentLoadAria')}
          option={options.load}
          height={agentLoadHeight(overview)}
          empty={overview.agentLoad.length === 0}
          emptyText={t('charts.agentLoadEmpty')}
        />
      </Col>
    </Row>
  );
}
