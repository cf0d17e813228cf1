import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCustodyItems } from '../api';
import { CustodyItemDrawer, statusColor } from './custody-item-drawer';
import { ReceiveCustodyModal } from './receive-custody-modal';

/** The customer property held for one work order, with intake at hand (shown inside the charges panel's column). */
export function TicketCustodyCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('custody');
  const items = useCustodyItems({ ticketId });
  const [receiving, setReceiving] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      size="small"
      title={t('ticketCard.title')}
      data-testid="ticket-custody-card"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setReceiving(true)}>
          {t('actions.receive')}
        </Button>
      }
    >
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('ticketCard.empty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={rows}
          rowKey="id"
          renderItem={(i) => (
            <List.Item
              style={{ cursor: 'pointer', paddingInline: 0 }}
              onClick={() => setOpen(i.id)}
              extra={<Tag color={statusColor[i.status]}>{t(`status.${i.status}`)}</Tag>}
            >
              <List.Item.Meta
                title={
                  <Flex gap={6} align="center" wrap>
                    {i.description}
                    {i.overdue && <Tag color="red">{t('overdue')}</Tag>}
                    {i.openIncidents > 0 && (
                      <Tag color="orange">{t('openIncidents', { count: i.openIncidents })}</Tag>
                    )}
                  </Flex>
                }
                description={`${i.holderName} · ${i.location}`}
              />
            </List.Item>
          )}
        />
      )}
      <Link to="/custody" style={{ fontSize: 12 }}>
        {t('ticketCard.open')}
      </Link>
      {receiving && (
        <ReceiveCustodyModal ticketId={ticketId} onClose={() => setReceiving(false)} onSaved={setOpen} />
      )}
      <CustodyItemDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
