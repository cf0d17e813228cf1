import type { Overview } from '@manyi/contracts';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Kpi = keyof Overview['totals'];

const order: readonly Kpi[] = ['opened', 'resolved', 'open', 'unassigned'];
const accent: Record<Kpi, string> = {
  opened: '#1668dc',
  resolved: '#389e0d',
  open: '#1f2937',
  unassigned: '#d4380d',
};

/** The four numbers a supervisor checks first; "unassigned" turns warm when work waits for an owner. */
export function KpiCards({ totals, loading }: { totals: Overview['totals'] | undefined; loading: boolean }) {
  const { t } = useTranslation('dashboard');
  return (
    <Row gutter={[16, 16]} data-testid="kpi-cards">
      {order.map((key) => (
        <Col key={key} xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '14px 18px' } }}>
            {loading || !totals ? (
              <Skeleton active paragraph={{ rows: 1 }} title={false} />
            ) : (
              <Statistic
                title={t(`kpi.${key}`)}
                value={totals[key]}
                styles={{
                  content: {
                    color: key === 'unassigned' && totals[key] === 0 ? accent.resolved : accent[key],
                    fontWeight: 600,
                  },
                }}
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`kpi.${key}Hint`)}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
