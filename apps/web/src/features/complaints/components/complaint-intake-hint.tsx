import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/**
 * Shown on the intake form when the agent picks the complaint type: complaints are taken on the complaint form
 * (customer's words, severity, cause, deadlines, six steps), with the caller and what was typed carried over.
 */
export function ComplaintIntakeHint({
  customerId,
  unitId,
  description,
}: {
  customerId: string;
  unitId?: string | null;
  description?: string;
}) {
  const { t } = useTranslation('complaints');
  const navigate = useNavigate();
  const go = () => {
    const q = new URLSearchParams({ customerId });
    if (unitId) q.set('unitId', unitId);
    if (description?.trim()) q.set('verbatim', description.trim());
    navigate(`/complaints/new?${q.toString()}`);
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('intakeHint.title')}
      description={t('intakeHint.body')}
      action={
        <Button type="primary" size="small" onClick={go} data-testid="intake-to-complaint">
          {t('intakeHint.go')}
        </Button>
      }
    />
  );
}
