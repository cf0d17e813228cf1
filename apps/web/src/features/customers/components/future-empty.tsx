import { Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An empty state that says what will appear here and why it is empty: never a blank area, never fake data. */
export function ExplainedEmpty({ title, body, icon }: { title: string; body: string; icon?: ReactNode }) {
  return (
    <Empty
      image={icon ?? Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center" style={{ maxWidth: 560, margin: '0 auto' }}>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary">{body}</Typography.Text>
        </Flex>
      }
    />
  );
}
