import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { type Candidate, type Dispatch, openStatuses, type TicketStatus } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Empty,
  Flex,
  Input,
  List,
  Modal,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { IdempotentAttempt } from '../../customers/idempotency';
import { useCandidates, useDispatchSettings, useDispatchTicket, useTicketDispatches } from '../api';
import { exclusionText, reasonText } from '../reasons';

const FIELD_TYPES = ['repair', 'installation', 'maintenance'];

export const dispatchStatusColor: Record<Dispatch['status'], string> = {
  offered: 'gold',
  assigned: 'green',
  refused: 'red',
  expired: 'volcano',
  superseded: 'default',
};

interface Props {
  ticket: { id: string; type: string; status: TicketStatus; version: number };
}

/**
 * The dispatch panel of a work order (派工): ranked technicians with the reasons for their rank, those not
 * eligible with why, dispatch / re-dispatch (an override of the top candidate needs a reason), and the history.
 */
export function DispatchPanel({ ticket }: Props) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canDispatch = user.permissions.includes('dispatch.manage');
  const open = (openStatuses as readonly string[]).includes(ticket.status);
  const show = canDispatch && FIELD_TYPES.includes(ticket.type);
  const history = useTicketDispatches(ticket.id);
  const candidates = useCandidates(ticket.id, show && open);
  const settings = useDispatchSettings();
  const dispatch = useDispatchTicket(ticket.id);
  const attempt = useRef(new IdempotentAttempt());
  const [picked, setPicked] = useState<Candidate | null>(null);
  const [reason, setReason] = useState('');
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();

  if (!show && !(history.data?.length ?? 0)) return null;

  const items = history.data ?? [];
  const current = items.find((d) => d.status === 'offered' || d.status === 'assigned');
  const top = candidates.data?.candidates[0];
  const needsReason = picked !== null && picked.rank !== 1;

  const submit = async () => {
    if (!picked) return;
    const body = {
      version: ticket.version,
      technicianId: picked.technicianId,
      overrideReason: needsReason ? reason.trim() : null,
    };
    try {
      await dispatch.mutateAsync({ ...body, idempotencyKey: attempt.current.keyFor(body) });
      attempt.current.reset();
      message.success(t('panel.dispatched'));
      setPicked(null);
      setReason('');
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT')) message.warning(t('common.conflict'));
      else message.error(errorText(e, tc));
      void candidates.refetch();
    }
  };

  return (
    <Card
      size="small"
      title={t('panel.title')}
      data-testid="dispatch-panel"
      extra={
        show &&
        open && (
          <Tooltip title={t('panel.refresh')}>
            <Button
              size="small"
              type="text"
              icon={<ReloadOutlined />}
              onClick={() => void candidates.refetch()}
            />
          </Tooltip>
        )
      }
    >
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">{t('panel.current')}</Typography.Text>
          {current ? (
            <DispatchLine d={current} timeZone={timeZone} lang={lang} />
          ) : (
            <div>
              <Typography.Text>{t('panel.none')}</Typography.Text>
            </div>
          )}
        </div>
        {show && open && candidates.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
        {show && open && candidates.isError && (
          <Alert type="warning" showIcon title={errorText(candidates.error, tc)} />
        )}
        {show && open && candidates.data && (
          <>
            <Typography.Text type="secondary">
              {t('panel.basis', {
                category: candidates.data.basis.category
                  ? t(`category.${candidates.data.basis.category}` as never)
                  : t('common.none'),
                jobType: t(`jobType.${candidates.data.basis.ticketType}` as never),
                tier: t(`tier.${candidates.data.basis.customerTier}` as never, {
                  defaultValue: candidates.data.basis.customerTier,
                }),
              })}
              {candidates.data.basis.dueAt &&
                ` · ${t('panel.dueAt', { time: formatDateTime(candidates.data.basis.dueAt, lang, timeZone) })}`}
            </Typography.Text>
            {candidates.data.basis.lat === null && (
              <Alert type="info" showIcon title={t('panel.noCoordinates')} />
            )}
            {candidates.data.candidates.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.noCandidates')} />
            ) : (
              <List
                size="small"
                data-testid="dispatch-candidates"
                dataSource={candidates.data.candidates.slice(0, 8)}
                renderItem={(c) => (
                  <List.Item
                    data-testid="dispatch-candidate"
                    actions={[
                      <Button
                        key="go"
                        size="small"
                        type={c.rank === 1 ? 'primary' : 'default'}
                        icon={<SendOutlined />}
                        onClick={() => setPicked(c)}
                      >
                        {current ? t('panel.redispatch') : t('panel.dispatch')}
                      </Button>,
                    ]}
                  >
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Flex gap={6} align="center" wrap>
                        <Tag color={c.rank === 1 ? 'blue' : 'default'}>#{c.rank}</Tag>
                        <Typography.Text strong>{c.technicianName}</Typography.Text>
                        <Typography.Text type="secondary">{c.servicePointName}</Typography.Text>
                        <Tag color={c.ownership === 'own' ? 'geekblue' : 'purple'}>
                          {t(`ownership.${c.ownership}`)}
                        </Tag>
                        <Typography.Text strong>{t('panel.score', { score: c.score })}</Typography.Text>
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.reasons.map((r) => reasonText(r, t)).join(' · ')}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
            {candidates.data.excluded.length > 0 && (
              <Collapse
                size="small"
                items={[
                  {
                    key: 'excluded',
                    label: t('panel.excludedTitle', { count: candidates.data.excluded.length }),
                    children: (
                      <List
                        size="small"
                        data-testid="dispatch-excluded"
                        dataSource={candidates.data.excluded}
                        renderItem={(e) => (
                          <List.Item>
                            <Flex gap={6} wrap align="center">
                              <Typography.Text>{e.technicianName}</Typography.Text>
                              <Typography.Text type="secondary">{e.servicePointName}</Typography.Text>
                              {e.why.map((w) => (
                                <Tag key={w.code} color="red">
                                  {exclusionText(w, t)}
                                </Tag>
                              ))}
                            </Flex>
                          </List.Item>
                        )}
                      />
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
        {items.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'history',
                label: `${t('panel.history')} (${items.length})`,
                children: (
                  <Flex vertical gap={8}>
                    {items.map((d) => (
                      <DispatchLine key={d.id} d={d} timeZone={timeZone} lang={lang} />
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Flex>
      <Modal
        open={picked !== null}
        title={picked ? t('panel.confirmTitle', { name: picked.technicianName }) : ''}
        okText={current ? t('panel.redispatch') : t('panel.dispatch')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: needsReason && !reason.trim(), loading: dispatch.isPending }}
        onOk={() => void submit()}
        onCancel={() => setPicked(null)}
        destroyOnHidden
      >
        {picked && (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">
              {picked.reasons.map((r) => reasonText(r, t)).join(' · ')}
            </Typography.Text>
            {picked.ownership === 'partner' && (
              <Alert
                type="info"
                showIcon
                title={t('panel.confirmPartner', {
                  point: picked.servicePointName,
                  minutes: settings.data?.partnerResponseMinutes ?? 120,
                })}
              />
            )}
            {needsReason && (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title={t('panel.overrideHint', { top: top?.technicianName ?? '' })}
                />
                <Input.TextArea
                  aria-label={t('panel.overrideTitle')}
                  data-testid="override-reason"
                  rows={3}
                  maxLength={500}
                  value={reason}
                  placeholder={t('panel.overridePlaceholder')}
                  onChange={(e) => setReason(e.target.value)}
                />
              </>
            )}
          </Flex>
        )}
      </Modal>
    </Card>
  );
}

function DispatchLine({
  d,
  timeZone,
  lang,
}: {
  d: Dispatch;
  timeZone: string;
  lang: ReturnType<typeof currentLanguage>;
}) {
  const { t } = useTranslation('dispatch');
  return (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <Tag color={dispatchStatusColor[d.status]}>{t(`panel.status.${d.status}`)}</Tag>
        <Typography.Text>{d.servicePointName}</Typography.Text>
        {d.technicianName && <Typography.Text strong>{d.technicianName}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(d.createdAt, lang, timeZone)}
        </Typography.Text>
      </Flex>
      {d.status === 'offered' && d.respondBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('panel.respondBy', { time: formatDateTime(d.respondBy, lang, timeZone) })}
        </Typography.Text>
      )}
      {d.overrideReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('panel.override', { reason: d.overrideReason })}
        </Typography.Text>
      )}
      {d.refusalReason && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('panel.refusal', { reason: d.refusalReason })}
        </Typography.Text>
      )}
    </Flex>
  );
}
