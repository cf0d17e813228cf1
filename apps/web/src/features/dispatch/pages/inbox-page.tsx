import type { Dispatch } from '@manyi/contracts';
import { Alert, App, Button, Card, Flex, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useNow } from '../../tickets/use-hotkeys';
import { useAnswerOffer, useInbox, useTechnicians } from '../api';
import { dispatchStatusColor } from '../components/dispatch-panel';

/** "1 小时 05 分" from milliseconds. */
function countdown(ms: number) {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}` : `${m}′`;
}

/** The partner's inbox (待接单): offers dispatched to its service point, with the deadline counting down. */
export function InboxPage() {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [all, setAll] = useState(false);
  const inbox = useInbox(all ? 'all' : 'offered');
  const technicians = useTechnicians();
  const answer = useAnswerOffer();
  const now = useNow();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();
  const [accepting, setAccepting] = useState<Dispatch | null>(null);
  const [technicianId, setTechnicianId] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<Dispatch | null>(null);
  const [reason, setReason] = useState('');

  const fail = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT') || isApiError(e, 'DISPATCH_NOT_OFFERED')) void inbox.refetch();
    message.error(errorText(e, tc));
  };

  const ownTechnicians = (technicians.data ?? []).filter(
    (x) => x.servicePointId === accepting?.servicePointId,
  );

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('inbox.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('inbox.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Switch checked={all} onChange={setAll} size="small" />
          <Typography.Text>{t('inbox.showAll')}</Typography.Text>
        </Flex>
        {inbox.isError && <Alert type="warning" showIcon title={errorText(inbox.error, tc)} />}
        <Table<Dispatch>
          rowKey="id"
          size="middle"
          loading={inbox.isPending}
          dataSource={inbox.data ?? []}
          pagination={false}
          locale={{ emptyText: t('inbox.empty') }}
          scroll={{ x: 800 }}
          columns={[
            {
              title: t('inbox.ticket'),
              render: (_, d) => (
                <Flex vertical>
                  <Link to={`/tickets/${d.ticketId}`}>{d.ticketNumber}</Link>
                  <Typography.Text type="secondary">{d.ticketSubject}</Typography.Text>
                </Flex>
              ),
            },
            { title: t('inbox.technician'), render: (_, d) => d.technicianName ?? t('common.none') },
            {
              title: t('inbox.deadline'),
              render: (_, d) => {
                if (d.status !== 'offered' || !d.respondBy) return t('common.none');
                const left = Date.parse(d.respondBy) - now.getTime();
                return (
                  <Flex vertical>
                    <span>{formatDateTime(d.respondBy, lang, timeZone)}</span>
                    <Tag
                      color={left <= 0 ? 'red' : left < 30 * 60_000 ? 'orange' : 'blue'}
                      data-testid="countdown"
                    >
                      {left <= 0 ? t('inbox.overdue') : t('inbox.left', { time: countdown(left) })}
                    </Tag>
                  </Flex>
                );
              },
            },
            {
              title: t('inbox.status'),
              render: (_, d) => (
                <Flex vertical gap={2}>
                  <Tag color={dispatchStatusColor[d.status]}>{t(`panel.status.${d.status}`)}</Tag>
                  {d.refusalReason && <Typography.Text type="secondary">{d.refusalReason}</Typography.Text>}
                </Flex>
              ),
            },
            {
              title: '',
              render: (_, d) =>
                d.status === 'offered' && (
                  <Flex gap={8}>
                    <Button
                      type="primary"
                      onClick={() => {
                        setAccepting(d);
                        setTechnicianId(d.technicianId);
                      }}
                    >
                      {t('inbox.accept')}
                    </Button>
                    <Button danger onClick={() => setRefusing(d)}>
                      {t('inbox.refuse')}
                    </Button>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={accepting !== null}
        title={t('inbox.acceptTitle')}
        okText={t('inbox.accept')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: answer.isPending, disabled: !technicianId }}
        onCancel={() => setAccepting(null)}
        onOk={async () => {
          if (!accepting) return;
          try {
            await answer.mutateAsync({
              id: accepting.id,
              version: accepting.version,
              accept: true,
              technicianId,
            });
            message.success(t('inbox.accepted'));
            setAccepting(null);
          } catch (e) {
            fail(e);
          }
        }}
      >
        <Select
          style={{ width: '100%' }}
          value={technicianId}
          onChange={setTechnicianId}
          options={ownTechnicians.map((x) => ({ value: x.id, label: x.displayName }))}
        />
      </Modal>
      <Modal
        open={refusing !== null}
        title={t('inbox.refuseTitle')}
        okText={t('inbox.refuse')}
        okButtonProps={{ danger: true, loading: answer.isPending, disabled: !reason.trim() }}
        cancelText={t('common.cancel')}
        onCancel={() => setRefusing(null)}
        onOk={async () => {
          if (!refusing) return;
          try {
            await answer.mutateAsync({
              id: refusing.id,
              version: refusing.version,
              accept: false,
              reason: reason.trim(),
            });
            message.success(t('inbox.refused'));
            setRefusing(null);
            setReason('');
          } catch (e) {
            fail(e);
          }
        }}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          placeholder={t('inbox.refusePlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}
