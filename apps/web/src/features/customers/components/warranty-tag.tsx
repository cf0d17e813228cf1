import type { WarrantyStatus } from '@manyi/contracts';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatIsoDate } from '../dates';

/** 保内 / 保外 with the end date, and (unless compact) why, in words. */
export function WarrantyTag({ warranty, compact = false }: { warranty: WarrantyStatus; compact?: boolean }) {
  const { t } = useTranslation('customers');
  const lang = currentLanguage();
  const end = warranty.endDate ? formatIsoDate(warranty.endDate, lang) : null;
  const dateText = end
    ? warranty.covered
      ? t('warranty.until', { date: end })
      : t('warranty.expiredOn', { date: end })
    : null;
  return (
    <Flex vertical gap={2} data-testid="warranty-status">
      <Flex align="center" gap={6} wrap>
        <Tag color={warranty.covered ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
          {warranty.covered ? t('warranty.covered') : t('warranty.notCovered')}
        </Tag>
        {dateText && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dateText}
          </Typography.Text>
        )}
      </Flex>
      {!compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`warranty.reason.${warranty.reason}`)}
        </Typography.Text>
      )}
    </Flex>
  );
}
