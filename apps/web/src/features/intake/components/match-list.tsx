import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { TierTag, vipColors } from '../../customers/components/tier-tag';
import type { Caller } from '../intake-logic';

function cardStyle(caller: Caller, active: boolean): CSSProperties {
  const vip = caller.tier === 'vip';
  return {
    cursor: 'pointer',
    height: '100%',
    borderWidth: 2,
    borderColor: vip ? vipColors.red : active ? '#1668dc' : '#f0f0f0',
    background: vip ? vipColors.paleGold : active ? '#e6f4ff' : undefined,
    boxShadow: active ? '0 0 0 3px rgba(22,104,220,0.35)' : undefined,
    ...(vip ? { borderInlineStartWidth: 6 } : {}),
  };
}

/** Customers whose number matches, as cards; the highlighted one is what Enter picks. */
export function MatchList({
  listId,
  matches,
  activeIndex,
  onPick,
  onHover,
}: {
  listId: string;
  matches: Caller[];
  activeIndex: number;
  onPick: (caller: Caller) => void;
  onHover: (index: number) => void;
}) {
  const { t } = useTranslation('intake');
  const { t: tc } = useTranslation('customers');
  return (
    <Row
      gutter={[12, 12]}
      role="listbox"
      id={listId}
      aria-label={t('search.listLabel')}
      data-testid="match-list"
    >
      {matches.map((caller, index) => {
        const active = index === activeIndex;
        return (
          <Col key={caller.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              hoverable
              role="option"
              id={`${listId}-${index}`}
              aria-selected={active}
              data-testid="match-card"
              style={cardStyle(caller, active)}
              onClick={() => onPick(caller)}
              onMouseEnter={() => onHover(index)}
            >
              <Flex vertical gap={6}>
                <Flex align="center" gap={8} wrap>
                  <Typography.Text strong style={{ fontSize: 17 }}>
                    {caller.name}
                  </Typography.Text>
                  <TierTag tier={caller.tier} />
                  {caller.status === 'churned' && <Tag color="red">{tc('status.churned')}</Tag>}
                </Flex>
                {caller.tier === 'vip' && (
                  <Typography.Text strong style={{ color: vipColors.red }} data-testid="vip-hint">
                    {tc('tier.vipHint')}
                  </Typography.Text>
                )}
                <Flex gap={12} wrap>
                  {caller.matchedPhone && (
                    <Typography.Text>
                      <PhoneOutlined aria-hidden /> {t('search.matchedPhone', { phone: caller.matchedPhone })}
                    </Typography.Text>
                  )}
                  {caller.city && (
                    <Typography.Text type="secondary">
                      <EnvironmentOutlined aria-hidden /> {caller.city}
                    </Typography.Text>
                  )}
                </Flex>
              </Flex>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
