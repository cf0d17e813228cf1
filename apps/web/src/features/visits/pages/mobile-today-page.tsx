import { AimOutlined, EnvironmentOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useMyVisits } from '../api';
import { MobileFrame } from '../components/mobile-frame';
import { navigationUrl, statusColor, timeLabel } from '../visit-format';

/** The technician's day on the phone: visits in window order with call and navigate at hand. */
export function MobileTodayPage() {
  const { t } = useTranslation('visits');
  const user = useCurrentUser();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const visits = useMyVisits(date);

  return (
    <MobileFrame title={`${t('mobile.title')} · ${user.displayName}`}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{visits.data?.date}</Typography.Text>
        <DatePicker
          size="small"
          allowClear={false}
          value={visits.data ? dayjs(visits.data.date) : undefined}
          onChange={(d) => d && setParams({ date: d.format('YYYY-MM-DD') })}
          aria-label={t('mobile.date')}
        />
      </Flex>
      {visits.isPending ? (
        <Skeleton active />
      ) : visits.isError ? (
        <Alert
          type="error"
          title={t('common.loadFailed')}
          action={<Button onClick={() => void visits.refetch()}>{t('common.retry')}</Button>}
        />
      ) : visits.data.items.length === 0 ? (
        <Empty description={t('mobile.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {visits.data.items.map((v, i) => {
            const nav = navigationUrl(v);
            return (
              <Card
                key={v.id}
                size="small"
                data-testid="mobile-visit-card"
                styles={{ body: { padding: 12 } }}
              >
                <Flex justify="space-between" align="center">
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {i + 1}. {timeLabel(v.windowStart, lang, timeZone)}–
                    {timeLabel(v.windowEnd, lang, timeZone)}
                  </Typography.Text>
                  <Tag color={statusColor[v.status]}>{t(`status.${v.status}`)}</Tag>
                </Flex>
                <Link to={`/m/visits/${v.id}`} data-testid="open-visit">
                  <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Typography.Text strong>{v.customerName}</Typography.Text>
                      <Typography.Text type="secondary" ellipsis>
                        <EnvironmentOutlined /> {v.address ?? t('mobile.noAddress')}
                      </Typography.Text>
                      <Typography.Text type="secondary" ellipsis>
                        {v.product ? `${v.product} · ` : ''}
                        {v.ticketSubject}
                      </Typography.Text>
                    </Flex>
                    <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                  </Flex>
                </Link>
                <Flex gap={8} style={{ marginTop: 10 }}>
                  <Button
                    block
                    icon={<PhoneOutlined />}
                    href={v.customerPhone ? `tel:${v.customerPhone}` : undefined}
                    disabled={!v.customerPhone}
                  >
                    {t('mobile.call')}
                  </Button>
                  <Button
                    block
                    icon={<AimOutlined />}
                    href={nav ?? undefined}
                    target="_blank"
                    disabled={!nav}
                  >
                    {t('mobile.navigate')}
                  </Button>
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
    </MobileFrame>
  );
}
