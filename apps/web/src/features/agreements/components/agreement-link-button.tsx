import { CopyOutlined, SendOutlined } from '@ant-design/icons';
import { can } from '@manyi/contracts';
import { Alert, App, Button, Flex, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { type AgreementLink, useIssueAgreementLink } from '../api';

/**
 * "发送协议链接": issues a 30-day signed link to the page that shows this customer their agreement, and shows
 * it ready to copy into an SMS or WeChat message. Used on customer 360 and at intake.
 */
export function AgreementLinkButton({
  customerId,
  size = 'small',
}: {
  customerId: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation('agreements');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const issue = useIssueAgreementLink();
  const [link, setLink] = useState<AgreementLink | null>(null);
  const [open, setOpen] = useState(false);
  const url = link ? `${window.location.origin}${link.path}` : '';

  const start = () => {
    setOpen(true);
    setLink(null);
    issue.mutate(customerId, { onSuccess: setLink });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('agreementLink.copied'));
    } catch {
      void message.error(t('agreementLink.copyFailed'));
    }
  };
  const expires = link
    ? new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long' }).format(new Date(link.expiresAt))
    : '';

  // Issuing a link is a write on the customer (audited); roles that only read customers do not see it.
  if (!can(user.role, 'customers.write')) return null;
  return (
    <>
      <Button size={size} icon={<SendOutlined />} onClick={start} data-testid="agreement-link-button">
        {t('agreementLink.send')}
      </Button>
      <Modal
        open={open}
        title={t('agreementLink.title')}
        onCancel={() => setOpen(false)}
        footer={<Button onClick={() => setOpen(false)}>{t('agreementLink.close')}</Button>}
        destroyOnHidden
      >
        <Flex vertical gap={12} data-testid="agreement-link">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('agreementLink.hint')}
          </Typography.Paragraph>
          {issue.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('agreementLink.failed')}
              description={errorText(issue.error, tc)}
              action={
                <Button size="small" onClick={start}>
                  {tc('errors.retry')}
                </Button>
              }
            />
          ) : (
            <>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  readOnly
                  value={url}
                  placeholder="…"
                  aria-label={t('agreementLink.title')}
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid="agreement-link-url"
                />
                <Button
                  type="primary"
                  icon={<CopyOutlined />}
                  disabled={!link}
                  loading={issue.isPending}
                  onClick={() => void copy()}
                >
                  {t('agreementLink.copy')}
                </Button>
              </Space.Compact>
              {link && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('agreementLink.expires', { date: expires })}
                </Typography.Text>
              )}
            </>
          )}
        </Flex>
      </Modal>
    </>
  );
}
