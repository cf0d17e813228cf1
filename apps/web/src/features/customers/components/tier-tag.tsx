import { CrownFilled } from '@ant-design/icons';
import type { CustomerTier } from '@manyi/contracts';
import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** Gold on red: a VIP must be unmistakable at a glance, whatever else is on screen. */
export const vipColors = {
  red: '#cf1322',
  deepRed: '#a8071a',
  gold: '#ffd666',
  paleGold: '#fff7e6',
} as const;

const tierStyle: Record<CustomerTier, CSSProperties | undefined> = {
  standard: undefined,
  silver: { background: '#f0f3f7', color: '#4a5568', borderColor: '#b8c2cc' },
  gold: undefined,
  vip: {
    background: `linear-gradient(135deg, ${vipColors.deepRed}, ${vipColors.red})`,
    color: vipColors.gold,
    borderColor: vipColors.deepRed,
    fontWeight: 600,
  },
};

/** The customer's tier as a badge; VIP gets a crown and its own colours. */
export function TierTag({ tier, large = false }: { tier: CustomerTier; large?: boolean }) {
  const { t } = useTranslation('customers');
  return (
    <Tag
      data-testid={`tier-${tier}`}
      color={tier === 'gold' ? 'gold' : undefined}
      icon={tier === 'vip' ? <CrownFilled aria-hidden /> : undefined}
      style={{
        ...tierStyle[tier],
        marginInlineEnd: 0,
        ...(large ? { fontSize: 14, lineHeight: '24px', paddingInline: 10 } : {}),
      }}
    >
      {t(`tier.${tier}`)}
    </Tag>
  );
}
