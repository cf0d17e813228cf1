import { LeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/i18n/language-switch';
import { BrandMark } from '../../../shared/ui/brand-mark';

/** The technician's phone frame: a sticky title bar (back, title, language) over a single column. */
export function MobileFrame({
  title,
  back,
  children,
}: {
  title: string;
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }} data-testid="mobile-frame">
      <Flex
        align="center"
        justify="space-between"
        gap={8}
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#1668dc',
          color: '#fff',
          padding: '10px 12px',
        }}
      >
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {back ? (
            <Link to={back.to} aria-label={back.label}>
              <Button type="text" size="small" icon={<LeftOutlined style={{ color: '#fff' }} />} />
            </Link>
          ) : (
            <BrandMark size={24} />
          )}
          <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 16 }}>
            {title}
          </Typography.Text>
        </Flex>
        <LanguageSwitch size="small" />
      </Flex>
      <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}
