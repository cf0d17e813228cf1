import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/i18n/language-switch';
import { BrandMark } from './brand-mark';

/**
 * The frame of every page a customer opens by signed link (agreement, appointment, quote, survey):
 * no sign-in, no navigation, readable on a phone, language switch at hand.
 */
export function PublicPage({
  title,
  tenantName,
  children,
}: {
  title: string;
  tenantName?: string;
  children: ReactNode;
}) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '16px 12px 32px' }}>
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Flex align="center" justify="space-between" style={{ marginBottom: 12 }} wrap gap={8}>
          <Flex align="center" gap={8}>
            <BrandMark size={28} />
            <Typography.Text strong>{tenantName ?? '满意 Manyi'}</Typography.Text>
          </Flex>
          <LanguageSwitch size="small" />
        </Flex>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </div>
    </div>
  );
}
