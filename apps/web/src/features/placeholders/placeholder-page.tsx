import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Section } from '../../app/layout/nav-items';

/** Stands in for a section whose feature has not landed yet, in the user's language. */
export function PlaceholderPage({ section }: { section: Exclude<Section, 'home'> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        status="info"
        title={t('placeholder.comingSoon', { section: t(`nav.${section}`) })}
        subTitle={t('placeholder.description')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('placeholder.backHome')}
          </Button>
        }
      />
    </Card>
  );
}
