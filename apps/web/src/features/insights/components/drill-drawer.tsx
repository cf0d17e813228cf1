import { DownloadOutlined } from '@ant-design/icons';
import type { InsightDrillRow } from '@manyi/contracts';
import { Button, Drawer, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { type DrillTarget, exportUrl, type InsightFilter, useInsightDrill } from '../api';

/** The work orders behind a clicked figure, with links to each and the list's export. */
export function DrillDrawer({
  filter,
  target,
  onClose,
}: {
  filter: InsightFilter;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('insights');
  const user = useCurrentUser();
  const drill = useInsightDrill(filter, target);
  const rows = drill.data?.pages.flatMap((p) => p.items) ?? [];
  const tz = safeTimeZone(user.tenantTimeZone);
  const what = target
    ? `${t(`drill.metrics.${target.metric}`)}${target.cause ? ` · ${target.cause}` : ''}${
        target.gapDimension ? ` · ${t(`dimensions.${target.gapDimension}`)}` : ''
      }`
    : '';
  const query = target
    ? {
        from: target.from ?? filter.from,
        to: target.to ?? filter.to,
        dim: filter.dim,
        key: filter.key,
        metric: target.metric,
        cause: target.cause,
        gapDimension: target.gapDimension,
      }
    : {};
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={1080}
      title={t('drill.title', { what })}
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={exportUrl('drill', query, 'csv')}>
            {t('exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('drill', query, 'xlsx')}>
            {t('exportXlsx')}
          </Button>
        </Flex>
      }
    >
      <Typography.Text type="secondary">
        {query.from} — {query.to}
      </Typography.Text>
      <Table<InsightDrillRow>
        data-testid="drill-table"
        size="small"
        rowKey={(r) => `${r.ticketId}-${r.at}-${r.detail ?? ''}`}
        loading={drill.isLoading}
        dataSource={rows}
        pagination={false}
        style={{ marginTop: 8 }}
        columns={[
          {
            title: t('drill.number'),
            dataIndex: 'number',
            render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{v}</Link>,
          },
          { title: t('drill.subject'), dataIndex: 'subject', ellipsis: true },
          { title: t('drill.customer'), dataIndex: 'customerName' },
          { title: t('drill.team'), dataIndex: 'teamName' },
          { title: t('drill.assignee'), dataIndex: 'assigneeName' },
          {
            title: t('drill.at'),
            dataIndex: 'at',
            render: (v: string) => formatDateTime(v, currentLanguage(), tz),
          },
          { title: t('drill.detail'), dataIndex: 'detail' },
        ]}
      />
      {drill.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={drill.isFetchingNextPage} onClick={() => void drill.fetchNextPage()}>
            {t('drill.more')}
          </Button>
        </Flex>
      )}
    </Drawer>
  );
}
