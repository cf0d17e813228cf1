import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { visibleNavItems } from '../../../app/layout/nav-items';
import { formatLongDate, partOfDay, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { DashboardSummary } from '../../dashboard/components/dashboard-summary';

const greetingKey = {
  morning: 'home.greetingMorning',
  afternoon: 'home.greetingAfternoon',
  evening: 'home.greetingEvening',
} as const;

const hintKey = {
  intake: 'home.intakeHint',
  tickets: 'home.ticketsHint',
  customers: 'home.customersHint',
  products: 'home.productsHint',
  dashboard: 'home.dashboardHint',
  insights: 'home.insightsHint',
  complaints: 'home.complaintsHint',
  agreements: 'home.agreementsHint',
  admin: 'home.adminHint',
  board: 'home.boardHint',
  field: 'home.fieldHint',
  inbox: 'home.inboxHint',
  followups: 'home.followupsHint',
  surveys: 'home.surveysHint',
  pricing: 'home.pricingHint',
  custody: 'home.custodyHint',
} as const;

/** "Now", refreshed every minute so a screen left open overnight shows the right day and greeting. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const now = useNow();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const shortcuts = visibleNavItems(user).filter((item) => item.key !== 'home');
  // Technicians work from their phone pages (visits): today's visits are their home.
  if (user.role === 'technician') return <Navigate to="/m" replace />;

  return (
    <Flex vertical gap={24}>
      <Card data-testid="welcome-card" styles={{ body: { padding: 28 } }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(greetingKey[partOfDay(now, timeZone)], { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>
          {t('home.intro')}
        </Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 4 }}
          size="small"
          items={[
            {
              key: 'today',
              label: t('home.today'),
              children: <span data-testid="today">{formatLongDate(now, currentLanguage(), timeZone)}</span>,
            },
            {
              key: 'role',
              label: t('home.role'),
              children: <Tag color="blue">{t(`roles.${user.role}`)}</Tag>,
            },
            { key: 'tenant', label: t('home.tenant'), children: user.tenantName },
            { key: 'timeZone', label: t('home.timeZone'), children: timeZone },
          ]}
        />
      </Card>

      {/* Supervisors (and everyone who sees all work) start the day with the numbers. */}
      {user.permissions.includes('tickets.read_all') && <DashboardSummary />}

      <section aria-labelledby="shortcuts-title">
        <Typography.Title level={5} id="shortcuts-title" style={{ marginTop: 0 }}>
          {t('home.shortcutsTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {shortcuts.map((item) => (
            <Col key={item.key} xs={24} sm={12} xl={6}>
              <Link to={item.path} style={{ display: 'block', height: '100%' }}>
                <Card hoverable style={{ height: '100%' }}>
                  <Flex align="flex-start" gap={14}>
                    <span style={{ fontSize: 22, color: '#1668dc' }} aria-hidden>
                      {item.icon}
                    </span>
                    <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong>{t(`nav.${item.key}`)}</Typography.Text>
                      {item.key !== 'home' && (
                        <Typography.Text type="secondary">{t(hintKey[item.key])}</Typography.Text>
                      )}
                    </Flex>
                    <ArrowRightOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.35)', marginTop: 4 }} />
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </section>
    </Flex>
  );
}
