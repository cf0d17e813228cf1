import { AimOutlined, CameraOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import type { FieldVisit, VisitResult } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Result,
  Skeleton,
  Steps,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { safeTimeZone } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { attachmentUrl, uploadAttachment, useAttachments, useRefreshAfterUpload } from '../../tickets/api';
import { useFieldVisit, useMarkMissed, useVisitStep } from '../api';
import { ChargesSlot } from '../components/charges-slot';
import { MobileFrame } from '../components/mobile-frame';
import { SignatureCanvas, type SignatureCanvasHandle } from '../components/signature-canvas';
import { navigationUrl, statusColor, timeLabel, windowLabel, zonedInstant } from '../visit-format';

const results: VisitResult[] = ['resolved', 'needs_revisit', 'not_resolved'];

/** One visit on the technician's phone: arrive (check-in), work (report, charges, photos), sign, leave. */
export function MobileVisitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const visit = useFieldVisit(id);
  const back = { to: '/m', label: t('common.back') };

  if (visit.isPending)
    return (
      <MobileFrame title={t('mobile.title')} back={back}>
        <Skeleton active />
      </MobileFrame>
    );
  if (visit.isError)
    return (
      <MobileFrame title={t('mobile.title')} back={back}>
        <Result
          status={isApiError(visit.error, 'NOT_FOUND') ? '404' : 'warning'}
          subTitle={errorText(visit.error, tc)}
        />
      </MobileFrame>
    );
  return (
    <MobileFrame title={visit.data.customerName} back={back}>
      <VisitWork v={visit.data} onStale={() => void visit.refetch()} />
    </MobileFrame>
  );
}

function VisitWork({ v, onStale }: { v: FieldVisit; onStale: () => void }) {
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const timeZone = safeTimeZone(user.tenantTimeZone);
  const lang = currentLanguage();
  const checkIn = useVisitStep('check-in');
  const report = useVisitStep('report');
  const signOff = useVisitStep('sign-off');
  const checkOut = useVisitStep('check-out');
  const missed = useMarkMissed();
  const [locating, setLocating] = useState(false);
  const [positionError, setPositionError] = useState<string | null>(null);
  const [positionNote, setPositionNote] = useState(t('mobile.positionNoteDefault'));
  const [missedOpen, setMissedOpen] = useState(false);
  const signature = useRef<SignatureCanvasHandle>(null);
  const [signerName, setSignerName] = useState(v.customerName);
  const nav = navigationUrl(v);
  const live = v.status === 'proposed' || v.status === 'confirmed';
  const onSite = v.status === 'checked_in';

  const fail = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT')) {
      message.warning(t('common.conflict'));
      onStale();
    } else message.error(errorText(e, tc));
  };

  const doCheckIn = () => {
    if (!('geolocation' in navigator)) {
      setPositionError('unsupported');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        checkIn.mutate(
          {
            id: v.id,
            body: {
              version: v.version,
              lat: pos.coords.latitude,
              lng: pos.coords.longitude,
              accuracyM: Math.round(pos.coords.accuracy),
            },
          },
          { onError: fail },
        );
      },
      (err) => {
        setLocating(false);
        setPositionError(
          err.code === err.PERMISSION_DENIED ? t('mobile.positionNoteDefault') : err.message || 'timeout',
        );
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const step = v.status === 'completed' ? 4 : v.signedAt ? 3 : onSite ? (v.reportedAt ? 2 : 1) : 0;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center">
          <Typography.Text strong style={{ fontSize: 16 }}>
            {windowLabel(v.windowStart, v.windowEnd, lang, timeZone)}
          </Typography.Text>
          <Tag color={statusColor[v.status]} data-testid="mobile-visit-status">
            {t(`status.${v.status}`)}
          </Tag>
        </Flex>
        <Descriptions
          column={1}
          size="small"
          style={{ marginTop: 8 }}
          items={[
            { key: 'wo', label: t('mobile.workOrder'), children: `${v.ticketNumber} · ${v.ticketSubject}` },
            {
              key: 'addr',
              label: t('mobile.address'),
              children: (
                <span>
                  <EnvironmentOutlined /> {v.address ?? t('mobile.noAddress')}
                </span>
              ),
            },
            { key: 'product', label: t('mobile.product'), children: v.product ?? t('common.none') },
            ...(v.serialNumber ? [{ key: 'sn', label: t('mobile.serial'), children: v.serialNumber }] : []),
          ]}
        />
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button
            block
            icon={<PhoneOutlined />}
            href={v.customerPhone ? `tel:${v.customerPhone}` : undefined}
            disabled={!v.customerPhone}
          >
            {t('mobile.call')}
          </Button>
          <Button block icon={<AimOutlined />} href={nav ?? undefined} target="_blank" disabled={!nav}>
            {t('mobile.navigate')}
          </Button>
        </Flex>
      </Card>

      <Steps
        size="small"
        direction="horizontal"
        responsive={false}
        current={step}
        items={[
          { title: t('mobile.step.arrive') },
          { title: t('mobile.step.work') },
          { title: t('mobile.step.sign') },
          { title: t('mobile.step.leave') },
        ]}
      />

      {live && (
        <Card size="small">
          <Button
            type="primary"
            size="large"
            block
            loading={locating || checkIn.isPending}
            onClick={doCheckIn}
            data-testid="check-in"
          >
            {locating ? t('mobile.checkingIn') : t('mobile.checkIn')}
          </Button>
          {positionError && (
            <Flex vertical gap={8} style={{ marginTop: 12 }}>
              <Alert type="warning" showIcon title={t('mobile.positionRefused', { reason: positionError })} />
              <Input
                value={positionNote}
                onChange={(e) => setPositionNote(e.target.value)}
                aria-label={t('mobile.positionNote')}
                maxLength={500}
              />
              <Button
                block
                disabled={positionNote.trim() === ''}
                loading={checkIn.isPending}
                onClick={() =>
                  checkIn.mutate(
                    { id: v.id, body: { version: v.version, note: positionNote.trim() } },
                    { onError: fail },
                  )
                }
                data-testid="check-in-without-position"
              >
                {t('mobile.checkInWithNote')}
              </Button>
            </Flex>
          )}
        </Card>
      )}

      {v.checkedInAt && (
        <Typography.Text type="secondary" data-testid="checked-in-at">
          {t('mobile.checkedInAt', { time: timeLabel(v.checkedInAt, lang, timeZone) })}
          {v.checkInLat !== null && v.checkInLng !== null
            ? ` · ${t('mobile.position', { lat: v.checkInLat.toFixed(4), lng: v.checkInLng.toFixed(4), acc: v.checkInAccuracyM ?? '?' })}`
            : v.checkInNote
              ? ` · ${v.checkInNote}`
              : ''}
        </Typography.Text>
      )}

      {onSite && (
        <>
          <Card size="small" title={t('mobile.report')}>
            <Form
              layout="vertical"
              initialValues={{
                workDone: v.workDone ?? '',
                cause: v.cause ?? '',
                result: v.result ?? 'resolved',
              }}
              onFinish={(f: { workDone: string; cause: string; result: VisitResult }) =>
                report.mutate(
                  {
                    id: v.id,
                    body: {
                      version: v.version,
                      workDone: f.workDone.trim(),
                      cause: f.cause.trim() || undefined,
                      result: f.result,
                    },
                  },
                  { onSuccess: () => message.success(t('mobile.reportSaved')), onError: fail },
                )
              }
            >
              <Form.Item
                name="workDone"
                label={t('mobile.workDone')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={4000}
                  placeholder={t('mobile.workDonePlaceholder')}
                  data-testid="work-done"
                />
              </Form.Item>
              <Form.Item name="cause" label={t('mobile.cause')}>
                <Input maxLength={1000} data-testid="work-cause" />
              </Form.Item>
              <Form.Item name="result" label={t('mobile.result')}>
                <Radio.Group
                  optionType="button"
                  options={results.map((r) => ({ value: r, label: t(`result.${r}`) }))}
                />
              </Form.Item>
              <Button htmlType="submit" block loading={report.isPending} data-testid="save-report">
                {t('mobile.saveReport')}
              </Button>
            </Form>
          </Card>

          <Card size="small" title={t('mobile.charges')}>
            <ChargesSlot ticketId={v.ticketId} />
          </Card>

          <Photos ticketId={v.ticketId} />

          <Card size="small" title={t('mobile.signature')}>
            {v.signedByName ? (
              <Alert type="success" showIcon title={t('mobile.signed', { name: v.signedByName })} />
            ) : (
              <Flex vertical gap={8}>
                <SignatureCanvas
                  ref={signature}
                  hint={t('mobile.signatureHint')}
                  clearLabel={t('mobile.clear')}
                />
                <Input
                  value={signerName}
                  onChange={(e) => setSignerName(e.target.value)}
                  addonBefore={t('mobile.signerName')}
                  maxLength={100}
                  data-testid="signer-name"
                />
                <Button
                  block
                  loading={signOff.isPending}
                  disabled={signerName.trim() === ''}
                  data-testid="save-signature"
                  onClick={() => {
                    const png = signature.current?.toPng();
                    if (!png) {
                      message.warning(t('mobile.signatureEmpty'));
                      return;
                    }
                    signOff.mutate(
                      {
                        id: v.id,
                        body: { version: v.version, signaturePng: png, signedByName: signerName.trim() },
                      },
                      { onError: fail },
                    );
                  }}
                >
                  {t('mobile.saveSignature')}
                </Button>
              </Flex>
            )}
          </Card>

          <Button
            type="primary"
            size="large"
            block
            disabled={!v.reportedAt || !v.signedAt}
            loading={checkOut.isPending}
            onClick={() => checkOut.mutate({ id: v.id, body: { version: v.version } }, { onError: fail })}
            data-testid="check-out"
          >
            {t('mobile.checkOut')}
          </Button>
          {(!v.reportedAt || !v.signedAt) && (
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('mobile.checkOutHint')}
            </Typography.Text>
          )}
        </>
      )}

      {v.status === 'completed' && (
        <Result
          status="success"
          title={t('mobile.completed')}
          subTitle={v.result ? t(`result.${v.result}`) : undefined}
          extra={
            <Link to="/m">
              <Button>{t('mobile.title')}</Button>
            </Link>
          }
        />
      )}
      {v.status === 'missed' && (
        <Alert type="error" showIcon title={t('status.missed')} description={v.missedReason} />
      )}

      {(live || onSite) && (
        <Button danger block onClick={() => setMissedOpen(true)} data-testid="mark-missed">
          {t('mobile.missed')}
        </Button>
      )}
      <MissedModal
        open={missedOpen}
        timeZone={timeZone}
        busy={missed.isPending}
        onCancel={() => setMissedOpen(false)}
        onSubmit={(body) =>
          missed.mutate(
            { id: v.id, body: { version: v.version, ...body } },
            { onSuccess: () => setMissedOpen(false), onError: fail },
          )
        }
      />
    </Flex>
  );
}

function Photos({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('visits');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const attachments = useAttachments(ticketId);
  const refresh = useRefreshAfterUpload(ticketId);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const photos = (attachments.data ?? []).filter(
    (a) => a.contentType.startsWith('image/') && !a.fileName.startsWith('signature-'),
  );
  return (
    <Card size="small" title={t('mobile.photos')}>
      <Flex wrap gap={8} style={{ marginBottom: photos.length ? 8 : 0 }}>
        <Image.PreviewGroup>
          {photos.map((p) => (
            <Image
              key={p.id}
              src={attachmentUrl(p.id)}
              width={72}
              height={72}
              style={{ objectFit: 'cover', borderRadius: 6 }}
            />
          ))}
        </Image.PreviewGroup>
      </Flex>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="photo-input"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          try {
            await uploadAttachment(ticketId, file, { key: crypto.randomUUID(), language: currentLanguage() });
            message.success(t('mobile.photoUploaded'));
            refresh();
          } catch (err) {
            message.error(errorText(err, tc));
          } finally {
            setBusy(false);
          }
        }}
      />
      <Button block icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {t('mobile.addPhoto')}
      </Button>
    </Card>
  );
}

function MissedModal({
  open,
  timeZone,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  timeZone: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: { reason: string; revisit?: { windowStart: string; windowEnd: string } }) => void;
}) {
  const { t } = useTranslation('visits');
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title={t('mobile.missed')}
      okText={t('mobile.markMissed')}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: t('mobile.missedReasonDefault') }}
        onFinish={(f: { reason: string; date?: Dayjs; range?: [Dayjs, Dayjs] }) => {
          const day = f.date?.format('YYYY-MM-DD');
          onSubmit({
            reason: f.reason.trim(),
            ...(day && f.range
              ? {
                  revisit: {
                    windowStart: zonedInstant(day, f.range[0].format('HH:mm'), timeZone).toISOString(),
                    windowEnd: zonedInstant(day, f.range[1].format('HH:mm'), timeZone).toISOString(),
                  },
                }
              : {}),
          });
        }}
      >
        <Form.Item
          name="reason"
          label={t('mobile.missedReason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('mobile.revisitWindow')}>
          <Flex gap={8} wrap>
            <Form.Item name="date" noStyle>
              <DatePicker />
            </Form.Item>
            <Form.Item name="range" noStyle>
              <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
            </Form.Item>
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}
