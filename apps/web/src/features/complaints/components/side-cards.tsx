import {
  type ComplaintDetail,
  type ComplaintSettings,
  type ComplaintVerdict,
  complaintVerdicts,
  type RemedyKind,
  remedyKinds,
} from '@manyi/contracts';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Radio,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime, formatLongDate, formatMoney } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import {
  useConclude,
  useDecideRemedy,
  useEscalate,
  useProposeRemedy,
  useRecordVerdict,
  useWinBackReview,
} from '../api';
import { yuanToFen } from '../complaint-logic';
import { levelColor } from './words';

/** The lowest-limit approving role that covers an amount (the API decides; this only tells the agent). */
function approverFor(settings: ComplaintSettings | undefined, amountFen: number) {
  const order = ['supervisor', 'quality_manager', 'admin'] as const;
  const limit = (r: (typeof order)[number]) => {
    const l = settings?.approvalLimits[r];
    return l === undefined ? 0 : l;
  };
  return (
    order
      .filter((r) => {
        const l = limit(r);
        return l === null || amountFen <= l;
      })
      .sort((a, b) => (limit(a) ?? Number.POSITIVE_INFINITY) - (limit(b) ?? Number.POSITIVE_INFINITY))[0] ??
    null
  );
}

const statusColor = { pending: 'warning', approved: 'success', rejected: 'default' } as const;

/** Remedies: propose (granted at once within your limit, else sent for approval); approve or reject. */
export function RemediesCard({
  c,
  canWrite,
  settings,
}: {
  c: ComplaintDetail;
  canWrite: boolean;
  settings: ComplaintSettings | undefined;
}) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const lang = currentLanguage();
  const user = useCurrentUser();
  const propose = useProposeRemedy();
  const decide = useDecideRemedy();
  const [kind, setKind] = useState<RemedyKind>('apology');
  const [yuan, setYuan] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [rejectNote, setRejectNote] = useState('');
  const money = (fen: number) => formatMoney(fen, 'CNY', lang);
  const withAmount = kind === 'compensation' || kind === 'gift';
  const amountFen = withAmount ? (yuanToFen(yuan) ?? 0) : 0;
  const limit = c.myApprovalLimitFen;
  const overLimit = limit !== null && amountFen > limit;
  const canApprove = user.permissions.includes('complaints.approve');
  const role = (r: string | null) => (r ? t(`settings.role.${r as 'admin'}`) : '—');
  const error = propose.error ?? decide.error;

  return (
    <Card size="small" title={t('workspace.remediesTitle')} data-testid="remedies">
      <Flex vertical gap={10}>
        {c.remedies.length === 0 ? (
          <Typography.Text type="secondary">{t('workspace.noRemedies')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={c.remedies}
            renderItem={(r) => (
              <List.Item
                data-testid={`remedy-${r.status}`}
                actions={
                  r.status === 'pending' && canApprove && !c.closedAt
                    ? [
                        <Button
                          key="approve"
                          size="small"
                          type="primary"
                          loading={decide.isPending}
                          data-testid="remedy-approve"
                          onClick={() =>
                            decide.mutate({
                              id: c.id,
                              remedyId: r.id,
                              decision: 'approve',
                              version: r.version,
                            })
                          }
                        >
                          {t('workspace.approve')}
                        </Button>,
                        <Popconfirm
                          key="reject"
                          title={
                            <Input
                              placeholder={t('workspace.rejectReason')}
                              value={rejectNote}
                              onChange={(e) => setRejectNote(e.target.value)}
                            />
                          }
                          okButtonProps={{ disabled: !rejectNote.trim() }}
                          onConfirm={() =>
                            decide.mutate(
                              {
                                id: c.id,
                                remedyId: r.id,
                                decision: 'reject',
                                version: r.version,
                                note: rejectNote.trim(),
                              },
                              { onSuccess: () => setRejectNote('') },
                            )
                          }
                        >
                          <Button size="small" danger>
                            {t('workspace.reject')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <Flex vertical gap={2}>
                  <Flex gap={6} align="center" wrap>
                    <Tag>{t(`workspace.remedyKind.${r.kind}`)}</Tag>
                    {r.amountFen > 0 && <Typography.Text strong>{money(r.amountFen)}</Typography.Text>}
                    <Tag color={statusColor[r.status]}>{t(`workspace.remedyStatus.${r.status}`)}</Tag>
                  </Flex>
                  <Typography.Text>{r.description}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.requestedByName}
                    {r.status === 'pending' &&
                      ` · ${t('workspace.waitingFor', { role: role(r.approverRole) })}`}
                    {r.decidedByName &&
                      r.status !== 'pending' &&
                      r.decidedById !== r.requestedById &&
                      ` · ${r.decidedByName}`}
                    {r.decisionNote && ` · ${r.decisionNote}`}
                  </Typography.Text>
                  {r.redoTicketId && (
                    <a href={`/tickets/${r.redoTicketId}`}>
                      {t('workspace.redoTicket', { number: r.redoTicketNumber })}
                    </a>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
        {error && <Alert type="error" showIcon title={errorText(error, tc)} />}
        {canWrite && !c.closedAt && (
          <Flex vertical gap={6}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {limit === 0
                ? t('workspace.myLimitNone')
                : t('workspace.myLimit', { limit: limit === null ? t('workspace.unlimited') : money(limit) })}
            </Typography.Text>
            <Radio.Group
              optionType="button"
              size="small"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              options={remedyKinds.map((k) => ({ value: k, label: t(`workspace.remedyKind.${k}`) }))}
              data-testid="remedy-kind"
            />
            {withAmount && (
              <InputNumber
                min={0}
                step={50}
                precision={2}
                style={{ width: '100%' }}
                prefix="¥"
                placeholder={t('workspace.remedyAmount')}
                value={yuan}
                onChange={(v) => setYuan(v)}
                data-testid="remedy-amount"
              />
            )}
            <Input.TextArea
              rows={2}
              placeholder={t('workspace.remedyDescription')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              data-testid="remedy-description"
            />
            {overLimit && (
              <Alert
                type="warning"
                showIcon
                title={t('workspace.needsApproval', { role: role(approverFor(settings, amountFen)) })}
              />
            )}
            <Button
              type="primary"
              disabled={!description.trim() || (kind === 'compensation' && amountFen <= 0)}
              loading={propose.isPending}
              data-testid="remedy-propose"
              onClick={() =>
                propose.mutate(
                  { id: c.id, kind, amountFen, description: description.trim(), idempotencyKey: key },
                  {
                    onSuccess: () => {
                      setDescription('');
                      setYuan(null);
                      setKey(crypto.randomUUID());
                    },
                  },
                )
              }
            >
              {t('workspace.remedyPropose')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** Escalation: the level, its history (manual and automatic), and raising it by hand with a reason. */
export function EscalationCard({
  c,
  timeZone,
  canWrite,
}: {
  c: ComplaintDetail;
  timeZone: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const lang = currentLanguage();
  const escalate = useEscalate();
  const [note, setNote] = useState('');
  const next = Math.min(c.level + 1, 3) as 1 | 2 | 3;
  return (
    <Card
      size="small"
      title={t('workspace.escalationTitle')}
      extra={<Tag color={levelColor[c.level]}>{t(`level.${c.level as 1 | 2 | 3}`)}</Tag>}
      data-testid="escalation"
    >
      <Flex vertical gap={8}>
        <Timeline
          items={c.escalations.map((e) => ({
            color: e.reason.endsWith('breached') ? 'red' : 'blue',
            children: (
              <Flex vertical>
                <Typography.Text>
                  {t(`workspace.escalationReason.${e.reason}`)} · {t(`level.${e.toLevel as 1 | 2 | 3}`)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.createdAt, lang, timeZone)}
                  {e.byName ? ` · ${e.byName}` : ''} · {t('workspace.notified', { count: e.notified })}
                  {e.note ? ` · ${e.note}` : ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
        {escalate.error && <Alert type="error" showIcon title={errorText(escalate.error, tc)} />}
        {canWrite && !c.closedAt && c.level < 3 && (
          <Flex gap={6}>
            <Input
              placeholder={t('workspace.escalateReason')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="escalate-note"
            />
            <Button
              danger
              disabled={!note.trim()}
              loading={escalate.isPending}
              data-testid="escalate"
              onClick={() =>
                escalate.mutate(
                  { id: c.id, version: c.version, note: note.trim() },
                  { onSuccess: () => setNote('') },
                )
              }
            >
              {t('workspace.escalate', { level: t(`level.${next}`) })}
            </Button>
          </Flex>
        )}
        {c.level >= 3 && <Typography.Text type="secondary">{t('workspace.maxLevel')}</Typography.Text>}
      </Flex>
    </Card>
  );
}

/** The customer's verdict (after the follow-up) and concluding the complaint — the closing rule in the UI. */
export function VerdictCard({ c, canWrite }: { c: ComplaintDetail; canWrite: boolean }) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const record = useRecordVerdict();
  const conclude = useConclude();
  const [verdict, setVerdict] = useState<ComplaintVerdict | undefined>(c.verdict ?? undefined);
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState('');
  const followUpDone = c.steps.some((s) => s.step === 'follow_up');
  const error = record.error ?? conclude.error;
  return (
    <Card size="small" title={t('workspace.verdictTitle')} data-testid="verdict">
      <Flex vertical gap={8}>
        {c.closedAt ? (
          <Alert
            type="success"
            showIcon
            title={`${t('workspace.concluded')} · ${c.verdict ? t(`verdict.${c.verdict}`) : ''}`}
            description={c.verdictNote ?? undefined}
          />
        ) : !followUpDone ? (
          <Typography.Text type="secondary">{t('workspace.verdictNeedsFollowUp')}</Typography.Text>
        ) : (
          canWrite && (
            <Flex vertical gap={6}>
              <Radio.Group
                value={verdict}
                onChange={(e) => setVerdict(e.target.value)}
                options={complaintVerdicts.map((v) => ({ value: v, label: t(`verdict.${v}`) }))}
                data-testid="verdict-choice"
              />
              <Input.TextArea
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('workspace.verdictNote')}
              />
              <Button
                disabled={!verdict || verdict === c.verdict}
                loading={record.isPending}
                data-testid="verdict-save"
                onClick={() =>
                  verdict &&
                  record.mutate({ id: c.id, version: c.version, verdict, note: note.trim() || undefined })
                }
              >
                {t('workspace.recordVerdict')}
              </Button>
              {c.verdict && (
                <Tag
                  color={c.verdict === 'satisfied' ? 'success' : c.verdict === 'partly' ? 'warning' : 'error'}
                >
                  {t(`verdict.${c.verdict}`)}
                </Tag>
              )}
            </Flex>
          )
        )}
        {error && <Alert type="error" showIcon title={errorText(error, tc)} />}
        {canWrite && !c.closedAt && (
          <Flex vertical gap={6}>
            {!(followUpDone && c.verdict) && (
              <Alert type="info" showIcon title={t('workspace.concludeNeeds')} />
            )}
            <Input
              placeholder={t('workspace.concludeNote')}
              value={closing}
              onChange={(e) => setClosing(e.target.value)}
              disabled={!(followUpDone && c.verdict)}
              data-testid="conclude-note"
            />
            <Button
              type="primary"
              disabled={!(followUpDone && c.verdict) || !closing.trim()}
              loading={conclude.isPending}
              data-testid="conclude"
              onClick={() => conclude.mutate({ id: c.id, note: closing.trim() })}
            >
              {t('workspace.conclude')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** Win-back after closing: the period, what the customer did since, and the review once it has passed. */
export function WinBackCard({
  c,
  timeZone,
  winBackDays,
}: {
  c: ComplaintDetail;
  timeZone: string;
  winBackDays: number;
}) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const lang = currentLanguage();
  const review = useWinBackReview();
  const w = c.winBack;
  const [status, setStatus] = useState<'active' | 'bought_again' | 'churned' | undefined>(
    w.status === 'pending' ? undefined : w.status,
  );
  return (
    <Card size="small" title={t('workspace.winBackTitle')} data-testid="win-back">
      <Flex vertical gap={6}>
        {!c.closedAt ? (
          <Typography.Text type="secondary">
            {t('workspace.winBackOpen', { days: winBackDays })}
          </Typography.Text>
        ) : (
          <>
            <Flex gap={6} align="center">
              <Tag
                color={w.status === 'churned' ? 'error' : w.status === 'pending' ? 'processing' : 'success'}
              >
                {t(`winBack.${w.status}`)}
              </Tag>
              {w.status === 'pending' && w.dueAt && (
                <Typography.Text type="secondary">
                  {t('workspace.winBackPending', { date: formatLongDate(w.dueAt, lang, timeZone) })}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workspace.winBackFacts', {
                units: w.newUnits,
                tickets: w.newTickets,
                value: formatMoney(w.valueIncreaseFen, 'CNY', lang),
              })}
            </Typography.Text>
            {w.reviewedStatus && (
              <Typography.Text>
                {t('workspace.winBackReviewed', { status: t(`winBack.${w.reviewedStatus}`) })}
                {w.note ? ` · ${w.note}` : ''}
              </Typography.Text>
            )}
            {w.status !== 'pending' && !w.reviewedStatus && (
              <Flex gap={6}>
                <Select
                  style={{ flex: 1 }}
                  value={status}
                  onChange={setStatus}
                  options={(['active', 'bought_again', 'churned'] as const).map((s) => ({
                    value: s,
                    label: t(`winBack.${s}`),
                  }))}
                />
                <Button
                  disabled={!status}
                  loading={review.isPending}
                  onClick={() => status && review.mutate({ id: c.id, version: c.version, status })}
                >
                  {t('workspace.winBackReview')}
                </Button>
              </Flex>
            )}
            {review.error && <Alert type="error" showIcon title={errorText(review.error, tc)} />}
          </>
        )}
      </Flex>
    </Card>
  );
}
