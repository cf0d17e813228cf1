import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { NotFoundPage } from '../../../app/not-found-page';
import { useCurrentUser } from '../../auth/api';
import { ProductModelsSection } from '../components/product-models-section';
import { WarrantyPoliciesSection } from '../components/warranty-policies-section';

const tabKeys = ['models', 'policies'] as const;

/** /products/*: product models and warranty policies; everyone with catalog.read looks, catalog.write edits. */
export function CatalogPage() {
  const { t } = useTranslation('admin');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const segment = useLocation().pathname.split('/')[2] ?? '';
  const active = tabKeys.find((key) => key === segment);
  const canWrite = user.permissions.includes('catalog.write');

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('catalog.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('catalog.subtitle')}</Typography.Text>
      </div>
      {!canWrite && <Alert type="info" showIcon title={t('catalog.readOnly')} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(`/products/${key}`)}
          items={tabKeys.map((key) => ({ key, label: t(`catalog.tabs.${key}`) }))}
        />
        <Routes>
          <Route index element={<Navigate to="models" replace />} />
          <Route path="models" element={<ProductModelsSection canWrite={canWrite} />} />
          <Route path="policies" element={<WarrantyPoliciesSection canWrite={canWrite} />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Card>
    </Flex>
  );
}
