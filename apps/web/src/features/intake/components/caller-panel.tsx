import {
  CrownFilled,
  EnvironmentOutlined,
  ExportOutlined,
  PhoneOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { openStatuses, type QueueRow } from '@manyi/contracts';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useCustomerTickets, useCustomerUnits } from '../../customers/api';
import { TicketStatusTag, TicketTypeTag } from '../../customers/components/ticket-tags';
import { TierTag, vipColors } from '../../customers/components/tier-tag';
import { WarrantyTag } from '../../customers/components/warranty-tag';
import { CustomerSatisfaction } from '../../surveys/components/customer-satisfaction';
import type { Caller } from '../intake-logic';

/** Who is on the line, unmistakably (VIP, churned), with a way to the full record and to pick someone else. */
export function CallerHeader({ caller, onChange }: { caller: Caller; onChange: () => void }) {
  const { t } = useTranslation('intake');
  const vip = caller.tier === 'vip';
  return (
    <Card
      size="small"
      data-testid="caller-header"
      style={
        vip
          ? {
              borderColor: vipColors.red,
              borderWidth: 2,
              borderInlineStartWidth: 6,
              background: vipColors.paleGold,
            }
          : undefined
      }
    >
      <Flex align="center" gap={12} wrap justify="space-between">
        <Flex align="center" gap={10} wrap style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('customer.chosen')}</Typography.Text>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="caller-name">
            {caller.name}
          </Typography.Title>
          <TierTag tier={caller.tier} large />
          {vip && (
            <Tag
              icon={<CrownFilled aria-hidden />}
              style={{
                background: vipColors.red,
                color: vipColors.gold,
                borderColor: vipColors.red,
                fontWeight: 600,
              }}
              data-testid="vip-banner"
            >
              {t('customer.vipBanner')}
            </Tag>
          )}
          {caller.status === 'churned' && <Tag color="red">{t('customer.churnedBanner')}</Tag>}
          {(caller.matchedPhone ?? caller.primaryPhone) && (
            <Typography.Text>
              <PhoneOutlined aria-hidden /> {caller.matchedPhone ?? caller.primaryPhone}
            </Typography.Text>
          )}
          {caller.city && (
            <Typography.Text type="secondary">
              <EnvironmentOutlined aria-hidden /> {caller.city}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap={8}>
          <Link to={`/customers/${caller.id}`} target="_blank" rel="noopener">
            <Button icon={<ExportOutlined />}>{t('customer.open360')}</Button>
          </Link>
          <Button icon={<SwapOutlined />} onClick={onChange}>
            {t('customer.change')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function TicketLine({ row }: { row: QueueRow }) {
  const user = useCurrentUser();
  return (
    <Flex align="center" gap={8} wrap style={{ padding: '4px 0' }}>
      <Link to={`/tickets/${row.id}`}>{row.number}</Link>
      <TicketTypeTag type={row.type} />
      <Typography.Text ellipsis style={{ flex: '1 1 120px', minWidth: 0 }}>
        {row.subject}
      </Typography.Text>
      <TicketStatusTag status={row.status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(row.createdAt, currentLanguage(), safeTimeZone(user.tenantTimeZone))}
      </Typography.Text>
    </Flex>
  );
}

/** Enough to see what is going on; the customer record has the full list. */
const maxOpenShown = 6;

function Quiet({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '8px 0' }} />;
}

/** What the agent needs while talking: products and warranty, open and past work orders, complaints. */
export function CallerDetails({ caller }: { caller: Caller }) {
  const { t } = useTranslation('intake');
  const { t: tRoot } = useTranslation();
  const { t: tc } = useTranslation('customers');
  const units = useCustomerUnits(caller.id);
  const tickets = useCustomerTickets(caller.id);
  const rows = tickets.data?.pages[0]?.items ?? [];
  const open = rows.filter((row) => openStatuses.includes(row.status));
  const past = rows.filter((row) => !openStatuses.includes(row.status)).slice(0, 5);
  const complaints = open.filter((row) => row.type === 'complaint');

  return (
    <Flex vertical gap={12} data-testid="caller-details">
      {complaints.map((row) => (
        <Alert
          key={row.id}
          type="error"
          showIcon
          data-testid="open-complaint"
          title={t('customer.openComplaint', { number: row.number, subject: row.subject })}
          action={
            <Link to={`/tickets/${row.id}`}>
              <Button size="small" danger>
                {t('success.open')}
              </Button>
            </Link>
          }
        />
      ))}

      <Card size="small" title={t('customer.units')} data-testid="caller-units">
        {units.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} title={false} />
        ) : units.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorText(units.error, tRoot)}
            action={<Button onClick={() => void units.refetch()}>{tc('common.retry')}</Button>}
          />
        ) : units.data.items.length === 0 ? (
          <Quiet text={t('customer.noUnits')} />
        ) : (
          <Flex vertical gap={10}>
            {units.data.items.map((unit) => (
              <Flex key={unit.id} justify="space-between" gap={12} wrap>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {unit.modelCode}{' '}
                    <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                      {tc(`category.${unit.category}`)} · {unit.modelName}
                    </Typography.Text>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {tc('units.serial')} {unit.serialNumber}
                  </Typography.Text>
                </Flex>
                <WarrantyTag warranty={unit.warranty} />
              </Flex>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="small" title={t('customer.openTickets')} data-testid="caller-open-tickets">
        {tickets.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} title={false} />
        ) : tickets.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorText(tickets.error, tRoot)}
            action={<Button onClick={() => void tickets.refetch()}>{tc('common.retry')}</Button>}
          />
        ) : open.length === 0 ? (
          <Quiet text={t('customer.noOpenTickets')} />
        ) : (
          <>
            {open.slice(0, maxOpenShown).map((row) => (
              <TicketLine key={row.id} row={row} />
            ))}
            {(open.length > maxOpenShown || tickets.hasNextPage) && (
              <Link to={`/customers/${caller.id}?tab=tickets`} target="_blank" rel="noopener">
                {t('customer.allTickets')}
              </Link>
            )}
          </>
        )}
      </Card>

      {!tickets.isPending && !tickets.isError && (
        <Card size="small" title={t('customer.pastTickets')}>
          {past.length === 0 ? (
            <Quiet text={t('customer.noPastTickets')} />
          ) : (
            past.map((row) => <TicketLine key={row.id} row={row} />)
          )}
        </Card>
      )}

      <Card size="small" title={t('customer.satisfaction')} data-testid="caller-satisfaction">
        <CustomerSatisfaction customerId={caller.id} compact />
      </Card>
    </Flex>
  );
}
