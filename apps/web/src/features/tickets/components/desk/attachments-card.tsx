import {
  AudioOutlined,
  FileOutlined,
  FilePdfOutlined,
  PaperClipOutlined,
  UploadOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Image, Progress, Skeleton, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../app/i18n';
import { errorText } from '../../../../shared/api-errors';
import { formatDateTime } from '../../../../shared/format';
import { useSession } from '../../../auth/api';
import {
  type Attachment,
  attachmentUrl,
  uploadAttachment,
  useAttachments,
  useRefreshAfterUpload,
} from '../../api';
import { attachmentKind, formatBytes } from '../../ticket-logic';
import { useDesk } from './desk-context';

const kindIcon = {
  pdf: <FilePdfOutlined style={{ color: '#cf1322' }} />,
  audio: <AudioOutlined style={{ color: '#531dab' }} />,
  video: <VideoCameraOutlined style={{ color: '#08979c' }} />,
  other: <FileOutlined />,
} as const;

/** Photos, invoices and recordings of the work order: thumbnails with preview, PDFs in a new tab, uploads. */
export function AttachmentsCard() {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const desk = useDesk();
  const session = useSession();
  const attachments = useAttachments(desk.ticket.id);
  const refresh = useRefreshAfterUpload(desk.ticket.id);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const lang = currentLanguage();

  const images = (attachments.data ?? []).filter((a) => attachmentKind(a.contentType) === 'image');
  const files = (attachments.data ?? []).filter((a) => attachmentKind(a.contentType) !== 'image');
  const meta = (a: Attachment) =>
    `${formatBytes(a.sizeBytes, lang)} · ${formatDateTime(a.createdAt, lang, desk.timeZone)}`;

  return (
    <Card
      size="small"
      title={t('attachments.title')}
      data-testid="attachments-card"
      extra={
        desk.canWrite && (
          <Upload
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setProgress({ name: f.name, percent: 0 });
              uploadAttachment(desk.ticket.id, f, {
                key: crypto.randomUUID(),
                language: lang,
                csrf: session.data?.csrfToken,
                onProgress: (percent) => setProgress({ name: f.name, percent }),
              })
                .then((saved) => {
                  onSuccess?.(saved);
                  void message.success(t('attachments.uploaded', { name: saved.fileName }));
                  refresh();
                })
                .catch((error: unknown) => {
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                  // The server says why (too large, type not allowed) in the user's language.
                  void message.error(
                    t('attachments.failed', { name: f.name, reason: errorText(error, tc) }),
                    6,
                  );
                })
                .finally(() => setProgress(null));
            }}
          >
            <Button size="small" icon={<UploadOutlined />} data-testid="upload-attachment">
              {t('attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <Flex vertical gap={10}>
        {progress && (
          <Flex vertical gap={2}>
            <Typography.Text ellipsis style={{ fontSize: 12 }}>
              <PaperClipOutlined /> {progress.name}
            </Typography.Text>
            <Progress percent={progress.percent} size="small" />
          </Flex>
        )}
        {attachments.isPending && <Skeleton active paragraph={{ rows: 2 }} title={false} />}
        {attachments.isError && (
          <Alert
            type="error"
            showIcon
            title={t('attachments.loadFailed')}
            description={errorText(attachments.error, tc)}
            action={
              <Button size="small" onClick={() => void attachments.refetch()}>
                {tc('errors.retry')}
              </Button>
            }
          />
        )}
        {attachments.isSuccess && attachments.data.length === 0 && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('attachments.empty')}
            style={{ margin: 0 }}
          />
        )}
        {images.length > 0 && (
          <Image.PreviewGroup>
            <Flex wrap gap={8}>
              {images.map((a) => (
                <Image
                  key={a.id}
                  src={attachmentUrl(a.id)}
                  alt={a.fileName}
                  title={`${a.fileName} · ${meta(a)}`}
                  width={72}
                  height={72}
                  className="tickets-attachment-thumb"
                  preview={{ cover: t('attachments.preview') }}
                />
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
        {files.map((a) => {
          const kind = attachmentKind(a.contentType);
          const inline = kind === 'pdf';
          return (
            <Flex key={a.id} align="center" gap={8}>
              <span aria-hidden style={{ fontSize: 18 }}>
                {kind === 'image' ? null : kindIcon[kind]}
              </span>
              <Flex vertical style={{ minWidth: 0 }}>
                <a
                  href={attachmentUrl(a.id)}
                  target={inline ? '_blank' : undefined}
                  rel={inline ? 'noopener noreferrer' : undefined}
                  download={inline ? undefined : a.fileName}
                  aria-label={
                    inline
                      ? t('attachments.open', { name: a.fileName })
                      : t('attachments.download', { name: a.fileName })
                  }
                  style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {a.fileName}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {meta(a)}
                </Typography.Text>
              </Flex>
            </Flex>
          );
        })}
        {desk.canWrite && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachments.uploadHint')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
