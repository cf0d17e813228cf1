import { PlusOutlined } from '@ant-design/icons';
import { type CustodyItem, type CustodyStatus, custodyStatuses } from '@manyi/contracts';
import { Alert, Button, Card, Checkbox, Flex, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { api } from '../../../shared/api-client';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { type CustodyFilter, useCustodyItems } from '../api';
import { CustodyItemDrawer, statusColor } from '../components/custody-item-drawer';
import { ReceiveCustodyModal } from '../components/receive-custody-modal';

/** The register of customer property in our hands, with filters; a row opens its chain of custody. */
export function CustodyPage() {
  const { t } = useTranslation('custody');
  const user = useCurrentUser();
  const lang = currentLanguage();
  const [status, setStatus] = useState<CustodyStatus | 'all'>('held');
  const [overdue, setOverdue] = useState(false);
  const [withIncidents, setWithIncidents] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [receiveFor, setReceiveFor] = useState<string | null>(null);
  const filter: CustodyFilter = {
    status: status === 'all' ? undefined : status,
    overdue: overdue ? 'true' : undefined,
    withIncidents: withIncidents ? 'true' : undefined,
    q: q.trim() || undefined,
  };
  const items = useCustodyItems(filter);
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const date = (iso: string) => formatDateTime(iso, lang, user.tenantTimeZone);

  return (
    <Flex vertical gap={16} data-testid="custody-page">
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </div>
        <Flex gap={8}>
          <Link to="/custody/report">
            <Button>{t('tabs.report')}</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)}>
            {t('actions.receive')}
          </Button>
        </Flex>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as CustodyStatus | 'all')}
            options={[
              { value: 'all', label: t('filters.all') },
              ...custodyStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
          />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t('filters.overdue')}
          </Checkbox>
          <Checkbox checked={withIncidents} onChange={(e) => setWithIncidents(e.target.checked)}>
            {t('filters.withIncidents')}
          </Checkbox>
          <Input.Search allowClear placeholder={t('filters.search')} style={{ width: 280 }} onSearch={setQ} />
        </Flex>
        <Table<CustodyItem>
          size="small"
          rowKey="id"
          loading={items.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('columns.item'),
              key: 'item',
              render: (_, i) => (
                <Flex vertical gap={2}>
                  <span>
                    <Tag>{t(`kind.${i.kind}`)}</Tag>
                    {i.description}
                  </span>
                  {i.serialNumber && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.serialNumber}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('columns.customer'),
              key: 'customer',
              render: (_, i) => (
                <Flex vertical gap={2}>
                  <span>{i.customerName}</span>
                  <Link to={`/tickets/${i.ticketId}`} onClick={(e) => e.stopPropagation()}>
                    {i.ticketNumber}
                  </Link>
                </Flex>
              ),
            },
            { title: t('columns.team'), key: 'team', render: (_, i) => i.teamName ?? '—' },
            {
              title: t('columns.holder'),
              key: 'holder',
              render: (_, i) => (
                <Flex vertical gap={2}>
                  <span>{i.holderName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.location}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('columns.received'), key: 'received', render: (_, i) => date(i.receivedAt) },
            {
              title: t('columns.dueBack'),
              key: 'due',
              render: (_, i) =>
                i.dueBackAt ? (
                  <Typography.Text type={i.overdue ? 'danger' : undefined}>
                    {date(i.dueBackAt)}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('columns.status'),
              key: 'status',
              render: (_, i) => (
                <Flex gap={4} wrap>
                  <Tag color={statusColor[i.status]}>{t(`status.${i.status}`)}</Tag>
                  {i.overdue && <Tag color="red">{t('overdue')}</Tag>}
                  {i.openIncidents > 0 && (
                    <Tag color="orange">{t('openIncidents', { count: i.openIncidents })}</Tag>
                  )}
                </Flex>
              ),
            },
          ]}
        />
        {items.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button loading={items.isFetchingNextPage} onClick={() => void items.fetchNextPage()}>
              {t('loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <CustodyItemDrawer id={open} onClose={() => setOpen(null)} />
      {picking && (
        <TicketPicker
          onClose={() => setPicking(false)}
          onPicked={(id) => {
            setPicking(false);
            setReceiveFor(id);
          }}
        />
      )}
      {receiveFor && (
        <ReceiveCustodyModal ticketId={receiveFor} onClose={() => setReceiveFor(null)} onSaved={setOpen} />
      )}
    </Flex>
  );
}

/** Finds the work order the property belongs to by its number (GD-100123). */
function TicketPicker({ onClose, onPicked }: { onClose: () => void; onPicked: (ticketId: string) => void }) {
  const { t } = useTranslation('custody');
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const find = async () => {
    const number = value.trim().toUpperCase();
    if (!number) return;
    setBusy(true);
    try {
      const r = await api.get<{ items: { id: string; number: string }[] }>('/tickets', {
        query: { q: number, limit: 10 },
      });
      const hit = r.items.find((x) => x.number.toUpperCase() === number);
      if (hit) onPicked(hit.id);
      else setMissing(true);
    } catch {
      setMissing(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('actions.receive')} onCancel={onClose} onOk={find} confirmLoading={busy}>
      <Input
        autoFocus
        placeholder={t('form.ticketNumberHint')}
        addonBefore={t('form.ticketNumber')}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setMissing(false);
        }}
        onPressEnter={find}
      />
      {missing && (
        <Alert type="warning" showIcon message={t('form.ticketNotFound')} style={{ marginTop: 12 }} />
      )}
    </Modal>
  );
}
