import { CalendarOutlined, CopyOutlined, MobileOutlined } from '@ant-design/icons';
import type { Visit } from '@manyi/contracts';
import { Alert, App, Button, Card, Empty, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { IdempotentAttempt } from '../../customers/idempotency';
import { useIssueLink, usePlanVisit, useTicketVisits, useVisitStep } from '../api';
import { statusColor, timeLabel, windowLabel } from '../visit-format';
import { VisitFormModal, type VisitFormValues } from './visit-form-modal';

const FIELD_TYPES = ['repair', 'installation', 'maintenance'];

/**
 * The visits of a work order on its desk: plan, confirm, reschedule, cancel, the customer's answer through the
 * appointment link, and what happened on site. Shown for field work (or when visits exist).
 */
export function VisitPanel({ ticketId, ticketType }: { ticketId: string; ticketType: string }) {
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();
  const visits = useTicketVisits(ticketId);
  const canManage = user.permissions.includes('visits.manage');
  const [planning, setPlanning] = useState(false);
  const [rescheduling, setRescheduling] = useState<Visit | null>(null);
  const [cancelling, setCancelling] = useState<Visit | null>(null);
  const [cancelReason, setCancelReason] = useState('');
  const attempt = useRef(new IdempotentAttempt());
  const plan = usePlanVisit(ticketId);
  const reschedule = useVisitStep('reschedule');
  const confirm = useVisitStep('confirm');
  const cancel = useVisitStep('cancel');
  const link = useIssueLink();

  const items = visits.data?.items ?? [];
  if (!FIELD_TYPES.includes(ticketType) && items.length === 0) return null;

  const onConflict = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT')) {
      message.warning(t('common.conflict'));
      void visits.refetch();
    } else message.error(errorText(e, tc));
  };

  const copyLink = async (v: Visit) => {
    try {
      const l = await link.mutateAsync(v.id);
      const url = `${window.location.origin}${l.path}`;
      try {
        await navigator.clipboard.writeText(url);
        message.success(t('panel.linkCopied'));
      } catch {
        // Clipboard refused (no focus, insecure origin): show the link to copy by hand.
        Modal.info({
          title: t('panel.linkReady', { hours: 72 }),
          content: <Typography.Text copyable>{url}</Typography.Text>,
        });
      }
      return url;
    } catch (e) {
      onConflict(e);
      return null;
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <CalendarOutlined />
          {t('panel.title')}
        </Space>
      }
      extra={
        canManage ? (
          <Button size="small" type="primary" onClick={() => setPlanning(true)} data-testid="plan-visit">
            {t('panel.plan')}
          </Button>
        ) : null
      }
      data-testid="visit-panel"
    >
      {visits.isError ? (
        <Alert type="error" title={t('common.loadFailed')} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.empty')} />
      ) : (
        <List
          size="small"
          dataSource={[...items].reverse()}
          renderItem={(v) => (
            <List.Item key={v.id} data-testid="visit-item" style={{ display: 'block' }}>
              <Flex justify="space-between" align="center" wrap gap={4}>
                <Space wrap size={4}>
                  <Tag color={statusColor[v.status]} data-testid="visit-status">
                    {t(`status.${v.status}`)}
                  </Tag>
                  {v.revisitOfId && <Tag>{t('panel.revisitOf')}</Tag>}
                  <Typography.Text strong>
                    {windowLabel(v.windowStart, v.windowEnd, lang, timeZone)}
                  </Typography.Text>
                </Space>
                <Typography.Text type="secondary">{v.technicianName}</Typography.Text>
              </Flex>
              {v.reason && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {v.reason}
                </Typography.Paragraph>
              )}
              {v.customerAnswer === 'reschedule_requested' && (
                <Alert
                  style={{ marginTop: 6 }}
                  type="warning"
                  showIcon
                  data-testid="customer-answer"
                  title={t('panel.answerReschedule', { time: v.customerPreferredTime ?? '' })}
                  description={v.customerNote ?? undefined}
                />
              )}
              {v.customerAnswer === 'confirmed' && v.status === 'confirmed' && (
                <Typography.Text
                  type="success"
                  style={{ display: 'block', marginTop: 4 }}
                  data-testid="customer-answer"
                >
                  {t('panel.answerConfirmed')}
                </Typography.Text>
              )}
              {v.checkedInAt && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {t('panel.checkIn')} {timeLabel(v.checkedInAt, lang, timeZone)}
                  {v.checkInLat === null && v.checkInNote
                    ? ` · ${t('panel.noPosition', { note: v.checkInNote })}`
                    : ''}
                </Typography.Text>
              )}
              {v.workDone && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                  {t('panel.report')}：{v.workDone}
                  {v.result ? ` · ${t(`result.${v.result}`)}` : ''}
                </Typography.Paragraph>
              )}
              {v.signedByName && (
                <Typography.Text type="secondary">
                  {t('panel.signedBy', { name: v.signedByName })}
                </Typography.Text>
              )}
              {v.missedReason && <Typography.Text type="danger">{v.missedReason}</Typography.Text>}
              <Space wrap size={4} style={{ marginTop: 6 }}>
                {canManage && v.status === 'proposed' && (
                  <Button
                    size="small"
                    onClick={() =>
                      confirm.mutate({ id: v.id, body: { version: v.version } }, { onError: onConflict })
                    }
                  >
                    {t('panel.confirm')}
                  </Button>
                )}
                {canManage && (v.status === 'proposed' || v.status === 'confirmed') && (
                  <>
                    <Button
                      size="small"
                      icon={<CopyOutlined />}
                      onClick={() => void copyLink(v)}
                      data-testid="copy-visit-link"
                    >
                      {t('panel.copyLink')}
                    </Button>
                    <Button size="small" onClick={() => setRescheduling(v)}>
                      {t('panel.reschedule')}
                    </Button>
                    <Button size="small" danger onClick={() => setCancelling(v)}>
                      {t('panel.cancelVisit')}
                    </Button>
                  </>
                )}
                {user.role === 'technician' && v.technicianId === user.id && (
                  <Link to={`/m/visits/${v.id}`}>
                    <Button size="small" icon={<MobileOutlined />}>
                      {t('mobile.title')}
                    </Button>
                  </Link>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <VisitFormModal
        open={planning}
        title={t('panel.plan')}
        timeZone={timeZone}
        busy={plan.isPending}
        error={plan.error}
        onCancel={() => setPlanning(false)}
        onSubmit={(body: VisitFormValues) =>
          plan.mutate(
            { body, key: attempt.current.keyFor(body) },
            {
              onSuccess: () => {
                attempt.current.reset();
                setPlanning(false);
                message.success(t('panel.planned'));
              },
            },
          )
        }
      />
      {rescheduling && (
        <VisitFormModal
          open
          title={t('panel.reschedule')}
          timeZone={timeZone}
          visit={rescheduling}
          busy={reschedule.isPending}
          error={reschedule.error}
          onCancel={() => setRescheduling(null)}
          onSubmit={(body) =>
            reschedule.mutate(
              { id: rescheduling.id, body: { ...body, version: rescheduling.version } },
              { onSuccess: () => setRescheduling(null), onError: onConflict },
            )
          }
        />
      )}
      <Modal
        open={cancelling !== null}
        title={t('panel.cancelVisit')}
        okButtonProps={{ danger: true, disabled: cancelReason.trim() === '', loading: cancel.isPending }}
        onCancel={() => setCancelling(null)}
        onOk={() =>
          cancelling &&
          cancel.mutate(
            { id: cancelling.id, body: { version: cancelling.version, reason: cancelReason.trim() } },
            {
              onSuccess: () => {
                setCancelling(null);
                setCancelReason('');
              },
              onError: onConflict,
            },
          )
        }
      >
        <Input.TextArea
          placeholder={t('panel.cancelReason')}
          value={cancelReason}
          maxLength={500}
          onChange={(e) => setCancelReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
