import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

type ChartInstance = ReturnType<typeof import('./echarts-insights')['echarts']['init']>;
export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  name: string;
}

const animate = typeof navigator === 'undefined' || !navigator.webdriver;

/** An ECharts chart that reports clicks on its data (the drill-down), loaded on first use. */
export function InsightChart({
  option,
  height = 300,
  ariaLabel,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
  onClick?: (e: ChartClick) => void;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-insights').then(({ echarts }) => {
      if (disposed || !container.current) return;
      const c = echarts.init(container.current);
      c.on('click', (e) => {
        const p = e as unknown as ChartClick;
        click.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, name: p.name });
      });
      chart.current = c;
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(container.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption({ animation: animate, ...option }, { notMerge: true });
  }, [ready, option]);

  return (
    <div style={{ position: 'relative', height }} data-testid={testId}>
      {!ready && <Skeleton active style={{ position: 'absolute', inset: 0 }} />}
      <div
        ref={container}
        role="img"
        aria-label={ariaLabel}
        style={{ width: '100%', height: '100%', cursor: onClick ? 'pointer' : undefined }}
      />
    </div>
  );
}
