import { Button, Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type CustodyReport, useCustodyReport } from '../api';

type Row = CustodyReport['rows'][number];

/** Customer property per service point: held now, overdue, returned, lost, incidents (and those untold). */
export function CustodyReportPage() {
  const { t } = useTranslation('custody');
  const report = useCustodyReport();
  const rows = report.data?.rows ?? [];
  const n = (v: number, danger = false) => (
    <Typography.Text type={danger && v > 0 ? 'danger' : undefined} strong={danger && v > 0}>
      {v}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={16} data-testid="custody-report-page">
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('reportTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('reportSubtitle')}</Typography.Text>
        </div>
        <Link to="/custody">
          <Button>{t('tabs.register')}</Button>
        </Link>
      </Flex>
      <Card size="small">
        <Table<Row>
          size="small"
          rowKey={(r) => r.teamId ?? 'none'}
          loading={report.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('report.empty') }}
          columns={[
            { title: t('report.team'), key: 'team', render: (_, r) => r.teamName ?? t('report.unassigned') },
            { title: t('report.held'), key: 'held', align: 'right', render: (_, r) => n(r.held) },
            {
              title: t('report.overdue'),
              key: 'overdue',
              align: 'right',
              render: (_, r) => n(r.overdue, true),
            },
            { title: t('report.returned'), key: 'returned', align: 'right', render: (_, r) => n(r.returned) },
            { title: t('report.lost'), key: 'lost', align: 'right', render: (_, r) => n(r.lost, true) },
            {
              title: t('report.incidents'),
              key: 'incidents',
              align: 'right',
              render: (_, r) => n(r.incidents),
            },
            {
              title: t('report.openIncidents'),
              key: 'open',
              align: 'right',
              render: (_, r) => n(r.openIncidents, true),
            },
            { title: t('report.untold'), key: 'untold', align: 'right', render: (_, r) => n(r.untold, true) },
          ]}
          summary={(data) =>
            data.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>Σ</Table.Summary.Cell>
                {(
                  ['held', 'overdue', 'returned', 'lost', 'incidents', 'openIncidents', 'untold'] as const
                ).map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1} align="right">
                    {data.reduce((s, r) => s + r[k], 0)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Flex>
  );
}
