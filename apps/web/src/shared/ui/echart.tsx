import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

type ChartInstance = ReturnType<typeof import('./echarts-setup')['echarts']['init']>;

// Under automation (Playwright sets navigator.webdriver) animation would leave screenshots mid-transition.
const animate = typeof navigator === 'undefined' || !navigator.webdriver;

/** An ECharts chart whose library loads on first use, so echarts stays out of every other page's bundle. */
export function EChart({
  option,
  height = 320,
  ariaLabel,
}: {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !container.current) return;
      chart.current = echarts.init(container.current);
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
    <div style={{ position: 'relative', height }}>
      {!ready && <Skeleton active style={{ position: 'absolute', inset: 0 }} />}
      <div ref={container} role="img" aria-label={ariaLabel} style={{ width: '100%', height: '100%' }} />
    </div>
  );
}
