import type { CustodyIncident, CustodyItemDetail } from '@manyi/contracts';
import { notifyChannels } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Image,
  Input,
  Modal,
  Radio,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { useUsers } from '../../tickets/api';
import {
  useCloseIncident,
  useCustodyItem,
  useMoveCustody,
  useNotifyCustomer,
  useReportIncident,
  useReturnCustody,
} from '../api';
import { SignaturePad } from './signature-pad';

type Action =
  | { kind: 'move' }
  | { kind: 'return' }
  | { kind: 'incident' }
  | { kind: 'notify'; incident: CustodyIncident }
  | { kind: 'close'; incident: CustodyIncident };

export const statusColor = { held: 'processing', returned: 'success', lost: 'error' } as const;

/** One custody item: what, whose, condition and photos on intake, the chain of custody, incidents; and the moves. */
export function CustodyItemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('custody');
  const user = useCurrentUser();
  const lang = currentLanguage();
  const item = useCustodyItem(id);
  const [action, setAction] = useState<Action | null>(null);
  const screens = Grid.useBreakpoint();
  const date = (iso: string) => formatDateTime(iso, lang, user.tenantTimeZone);
  const d = item.data;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={screens.sm ? 560 : '100%'}
      title={t('detail.title')}
      destroyOnHidden
    >
      {item.isPending || !d ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16} data-testid="custody-detail">
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {d.description}
            </Typography.Title>
            <Tag color={statusColor[d.status]}>{t(`status.${d.status}`)}</Tag>
            {d.overdue && <Tag color="red">{t('overdue')}</Tag>}
          </Flex>
          <Descriptions size="small" column={1} bordered layout={screens.sm ? 'horizontal' : 'vertical'}>
            <Descriptions.Item label={t('columns.customer')}>
              {d.customerName} · <Link to={`/tickets/${d.ticketId}`}>{d.ticketNumber}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('form.kind')}>{t(`kind.${d.kind}`)}</Descriptions.Item>
            {d.serialNumber && (
              <Descriptions.Item label={t('detail.serial')}>{d.serialNumber}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('detail.condition')}>{d.condition}</Descriptions.Item>
            <Descriptions.Item label={t('columns.team')}>{d.teamName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('columns.holder')}>
              {d.holderName} · {d.location}
            </Descriptions.Item>
            <Descriptions.Item label={t('columns.received')}>{date(d.receivedAt)}</Descriptions.Item>
            {d.dueBackAt && (
              <Descriptions.Item label={t('columns.dueBack')}>{date(d.dueBackAt)}</Descriptions.Item>
            )}
            {d.returnedAt && (
              <Descriptions.Item label={t('status.returned')}>
                {t('detail.returned', { name: d.returnedToName, date: date(d.returnedAt) })}
                {d.returnSignOff && <div>{t(`detail.signOff.${d.returnSignOff}`)}</div>}
                {d.returnSignature && (
                  <img
                    src={d.returnSignature}
                    alt={t('form.signature')}
                    style={{ maxWidth: 240, background: '#fff' }}
                  />
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
          {d.photoIds.length > 0 && (
            <div>
              <Typography.Text strong>{t('detail.photos')}</Typography.Text>
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                <Image.PreviewGroup>
                  {d.photoIds.map((p) => (
                    <Image
                      key={p}
                      width={96}
                      height={96}
                      style={{ objectFit: 'cover' }}
                      src={`/api/v1/attachments/${p}/content`}
                    />
                  ))}
                </Image.PreviewGroup>
              </Flex>
            </div>
          )}
          {d.status === 'held' && (
            <Flex gap={8} wrap>
              <Button onClick={() => setAction({ kind: 'move' })} data-testid="custody-move">
                {t('actions.move')}
              </Button>
              <Button
                type="primary"
                onClick={() => setAction({ kind: 'return' })}
                data-testid="custody-return"
              >
                {t('actions.return')}
              </Button>
              <Button danger onClick={() => setAction({ kind: 'incident' })}>
                {t('actions.incident')}
              </Button>
            </Flex>
          )}
          <div>
            <Typography.Title level={5}>{t('detail.incidents')}</Typography.Title>
            {d.incidents.length === 0 ? (
              <Typography.Text type="secondary">{t('detail.noIncidents')}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {d.incidents.map((inc) => (
                  <Card key={inc.id} size="small" data-testid="custody-incident">
                    <Flex gap={8} align="center" wrap>
                      <Tag color="red">{t(`incidentKind.${inc.kind}`)}</Tag>
                      <Tag color={inc.status === 'open' ? 'orange' : 'default'}>
                        {t(`incidentStatus.${inc.status}`)}
                      </Tag>
                      <Typography.Text type="secondary">{date(inc.occurredAt)}</Typography.Text>
                    </Flex>
                    <Typography.Paragraph style={{ margin: '8px 0' }}>{inc.description}</Typography.Paragraph>
                    {inc.notifiedAt ? (
                      <Alert
                        type="success"
                        showIcon
                        message={`${t('event.customer_notified')} · ${inc.notifiedVia ? t(`via.${inc.notifiedVia}`) : ''} · ${date(inc.notifiedAt)} · ${inc.notifiedByName ?? ''}`}
                        description={inc.notifiedWhat}
                      />
                    ) : (
                      <Alert type="warning" showIcon message={t('form.notToldHint')} />
                    )}
                    {inc.resolution && (
                      <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                        {t('form.resolution')}：{inc.resolution}
                      </Typography.Paragraph>
                    )}
                    {inc.status === 'open' && (
                      <Flex gap={8} style={{ marginTop: 8 }}>
                        <Button size="small" onClick={() => setAction({ kind: 'notify', incident: inc })}>
                          {t('actions.notify')}
                        </Button>
                        <Button size="small" onClick={() => setAction({ kind: 'close', incident: inc })}>
                          {t('actions.close')}
                        </Button>
                      </Flex>
                    )}
                  </Card>
                ))}
              </Flex>
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('detail.chain')}</Typography.Title>
            {d.events.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                items={d.events.map((e) => ({
                  color: e.kind.startsWith('incident') ? 'red' : e.kind === 'returned' ? 'green' : 'blue',
                  children: (
                    <div data-testid="custody-event">
                      <Typography.Text strong>{t(`event.${e.kind}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{date(e.at)}</Typography.Text>
                      {(e.holderName || e.location) && (
                        <div>{[e.holderName, e.location].filter(Boolean).join(' · ')}</div>
                      )}
                      {e.note && <div style={{ color: '#595959' }}>{e.note}</div>}
                      {e.actorName && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{e.actorName}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </Flex>
      )}
      {d && action && <ActionModal item={d} action={action} onClose={() => setAction(null)} />}
    </Drawer>
  );
}

function ActionModal({
  item,
  action,
  onClose,
}: {
  item: CustodyItemDetail;
  action: Action;
  onClose: () => void;
}) {
  const { t } = useTranslation('custody');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const users = useUsers();
  const move = useMoveCustody();
  const ret = useReturnCustody();
  const incident = useReportIncident();
  const notify = useNotifyCustomer();
  const close = useCloseIncident();
  const pending =
    move.isPending || ret.isPending || incident.isPending || notify.isPending || close.isPending;

  const run = async () => {
    const v = await form.validateFields();
    try {
      if (action.kind === 'move')
        await move.mutateAsync({
          id: item.id,
          version: item.version,
          holderUserId: v.holderUserId ?? null,
          holderName: v.holderName?.trim() || undefined,
          location: v.location,
          note: v.note?.trim() || undefined,
        });
      else if (action.kind === 'return') {
        if (!signature && !v.confirmed) return setProblem(t('form.signOffRequired'));
        await ret.mutateAsync({
          id: item.id,
          version: item.version,
          returnedToName: v.returnedToName,
          signature: signature ?? undefined,
          confirmed: Boolean(v.confirmed),
          note: v.note?.trim() || undefined,
        });
      } else if (action.kind === 'incident')
        await incident.mutateAsync({ id: item.id, kind: v.kind, description: v.description });
      else if (action.kind === 'notify')
        await notify.mutateAsync({
          incidentId: action.incident.id,
          version: action.incident.version,
          via: v.via,
          notifiedAt: (v.notifiedAt as dayjs.Dayjs).toISOString(),
          what: v.what,
        });
      else
        await close.mutateAsync({
          incidentId: action.incident.id,
          version: action.incident.version,
          resolution: v.resolution,
        });
      void message.success(t('saved'));
      onClose();
    } catch (e) {
      setProblem(errorText(e, tc));
    }
  };
  const title = {
    move: t('actions.move'),
    return: t('actions.return'),
    incident: t('actions.incident'),
    notify: t('actions.notify'),
    close: t('actions.close'),
  }[action.kind];
  const required = [{ required: true, whitespace: true }];

  return (
    // A stroke of a signature that strays onto the mask must not throw the form away.
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={run}
      confirmLoading={pending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          location: item.location,
          returnedToName: item.customerName,
          kind: 'damage',
          via: 'phone',
          notifiedAt: dayjs(),
        }}
      >
        {action.kind === 'move' && (
          <>
            <Form.Item name="holderUserId" label={t('form.holderUser')} extra={t('form.holderSelf')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
            <Form.Item name="holderName" label={t('form.holderName')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="location" label={t('form.location')} rules={required}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {action.kind === 'return' && (
          <>
            <Form.Item name="returnedToName" label={t('form.returnedToName')} rules={required}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={t('form.signature')}>
              <SignaturePad onChange={setSignature} clearLabel={t('form.clearSignature')} />
            </Form.Item>
            <Form.Item name="confirmed" valuePropName="checked">
              <Checkbox>{t('form.confirmed')}</Checkbox>
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {action.kind === 'incident' && (
          <>
            <Form.Item name="kind" label={t('form.incidentKind')}>
              <Radio.Group
                options={(['damage', 'loss'] as const).map((k) => ({
                  value: k,
                  label: t(`incidentKind.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="description" label={t('form.incidentDescription')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action.kind === 'notify' && (
          <>
            <Form.Item name="via" label={t('form.via')}>
              <Radio.Group options={notifyChannels.map((c) => ({ value: c, label: t(`via.${c}`) }))} />
            </Form.Item>
            <Form.Item name="notifiedAt" label={t('form.notifiedAt')} rules={[{ required: true }]}>
              <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
            <Form.Item name="what" label={t('form.what')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action.kind === 'close' && (
          <>
            {!action.incident.notifiedAt && <Alert type="warning" showIcon message={t('form.notToldHint')} />}
            <Form.Item
              name="resolution"
              label={t('form.resolution')}
              rules={required}
              style={{ marginTop: 12 }}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Modal>
  );
}
