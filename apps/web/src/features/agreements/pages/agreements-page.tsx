import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { RequirePermission } from '../../../app/guards';
import { NotFoundPage } from '../../../app/not-found-page';
import { useCurrentUser } from '../../auth/api';
import { AgreementEditor } from '../components/agreement-editor';
import { AgreementList } from '../components/agreement-list';
import { CalendarsSection } from '../components/calendars-section';
import { EscalationRules } from '../components/escalation-rules';

type Tab = 'agreements' | 'calendars' | 'escalation';

/**
 * /agreements/*: service agreements (list and editor), business calendars, escalation rules — one tab per URL.
 * Everyone signed in may read them; only settings.manage may change them (the API enforces the same).
 */
export function AgreementsPage() {
  const { t } = useTranslation('agreements');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const segment = useLocation().pathname.split('/')[2] ?? '';
  const active: Tab =
    segment === 'calendars' ? 'calendars' : segment === 'escalation' ? 'escalation' : 'agreements';
  const canEdit = user.permissions.includes('settings.manage');

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      {!canEdit && <Alert type="info" showIcon title={t('readOnly')} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(key === 'agreements' ? '/agreements' : `/agreements/${key}`)}
          items={(['agreements', 'calendars', 'escalation'] as const).map((key) => ({
            key,
            label: t(`tabs.${key}`),
          }))}
        />
        <Routes>
          <Route index element={<AgreementList canEdit={canEdit} />} />
          <Route
            path="new"
            element={
              <RequirePermission permission="settings.manage">
                <AgreementEditor key="new" />
              </RequirePermission>
            }
          />
          <Route path="calendars" element={<CalendarsSection canEdit={canEdit} />} />
          <Route path="calendars/:calendarId" element={<CalendarsSection canEdit={canEdit} />} />
          <Route path="escalation" element={<EscalationRules canEdit={canEdit} />} />
          <Route path=":agreementId" element={<AgreementEditorRoute canEdit={canEdit} />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Card>
    </Flex>
  );
}

function AgreementEditorRoute({ canEdit }: { canEdit: boolean }) {
  const { agreementId: id = '' } = useParams();
  return <AgreementEditor key={id} id={id} readOnly={!canEdit} />;
}
