import { EyeOutlined, LockOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Radio, Space, Tabs, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../shared/api-errors';
import { useAppendToTimeline } from '../../api';
import { useDesk } from './desk-context';
import { validationDetails } from './use-versioned-edit';

type Kind = 'reply' | 'note' | 'call';
export interface ComposerHandle {
  focus: () => void;
}

interface Draft {
  reply: string;
  note: string;
  summary: string;
  direction: 'inbound' | 'outbound';
  minutes: number | null;
  seconds: number | null;
}
const emptyDraft: Draft = {
  reply: '',
  note: '',
  summary: '',
  direction: 'inbound',
  minutes: null,
  seconds: null,
};

// Drafts survive a reload of the tab (sessionStorage), so a half-written reply is never lost.
function draftKey(ticketId: string) {
  return `manyi.tickets.draft.${ticketId}`;
}
function loadDraft(ticketId: string): Draft {
  try {
    const raw = sessionStorage.getItem(draftKey(ticketId));
    return raw ? { ...emptyDraft, ...(JSON.parse(raw) as Partial<Draft>) } : emptyDraft;
  } catch {
    return emptyDraft;
  }
}
function saveDraft(ticketId: string, draft: Draft) {
  try {
    const empty = !draft.reply && !draft.note && !draft.summary;
    if (empty) sessionStorage.removeItem(draftKey(ticketId));
    else sessionStorage.setItem(draftKey(ticketId), JSON.stringify(draft));
  } catch {
    // Without storage the draft still lives as long as the page.
  }
}

/** Reply to the customer, note for colleagues, or log a call; Ctrl+Enter sends. */
export function Composer({ handle }: { handle: Ref<ComposerHandle> }) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const { ticket } = useDesk();
  const append = useAppendToTimeline(ticket.id);
  const [kind, setKind] = useState<Kind>('reply');
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticket.id));
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  // One idempotency key per draft and kind: a retry after a timeout cannot post twice.
  const keys = useRef<Record<Kind, string>>({
    reply: crypto.randomUUID(),
    note: crypto.randomUUID(),
    call: crypto.randomUUID(),
  });
  const replyArea = useRef<TextAreaRef>(null);
  const noteArea = useRef<TextAreaRef>(null);
  const callArea = useRef<TextAreaRef>(null);
  const areas = { reply: replyArea, note: noteArea, call: callArea };

  useEffect(() => saveDraft(ticket.id, draft), [ticket.id, draft]);
  useImperativeHandle(
    handle,
    () => ({
      focus: () => (kind === 'reply' ? replyArea : kind === 'note' ? noteArea : callArea).current?.focus(),
    }),
    [kind],
  );

  const update = (patch: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...patch }));
    setProblem(undefined);
  };

  const replyClosed = ticket.status === 'cancelled';

  const send = () => {
    if (append.isPending) return;
    setError(null);
    const body = (kind === 'reply' ? draft.reply : kind === 'note' ? draft.note : draft.summary).trim();
    if (!body) {
      setProblem(t('composer.empty'));
      areas[kind].current?.focus();
      return;
    }
    const input =
      kind === 'call'
        ? {
            kind,
            direction: draft.direction,
            durationSec: (draft.minutes ?? 0) * 60 + (draft.seconds ?? 0),
            summary: body,
          }
        : { kind, body };
    append.mutate(
      { input, key: keys.current[kind] },
      {
        onSuccess: () => {
          keys.current[kind] = crypto.randomUUID();
          if (kind === 'reply') update({ reply: '' });
          else if (kind === 'note') update({ note: '' });
          else update({ summary: '', minutes: null, seconds: null });
          void message.success(
            kind === 'reply'
              ? t('composer.sentReply')
              : kind === 'note'
                ? t('composer.sentNote')
                : t('composer.sentCall'),
          );
        },
        onError: (caught) => {
          const fieldProblem = validationDetails(caught)[0];
          if (fieldProblem) setProblem(fieldProblem.message);
          else setError(caught);
        },
      },
    );
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const sendLabel =
    kind === 'reply'
      ? t('composer.sendReply')
      : kind === 'note'
        ? t('composer.addNote')
        : t('composer.logCall');

  const textArea = (which: 'reply' | 'note') => (
    <Input.TextArea
      ref={areas[which]}
      value={draft[which]}
      onChange={(e) => update({ [which]: e.target.value })}
      onKeyDown={onKeyDown}
      autoSize={{ minRows: 3, maxRows: 12 }}
      maxLength={20_000}
      placeholder={which === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
      aria-label={which === 'reply' ? t('composer.reply') : t('composer.note')}
      status={problem ? 'error' : undefined}
      disabled={which === 'reply' && replyClosed}
      data-testid={`composer-${which}`}
    />
  );

  return (
    <section aria-label={t('composer.label')} data-testid="composer" style={{ marginTop: 8 }}>
      <Tabs
        activeKey={kind}
        onChange={(key) => {
          setKind(key as Kind);
          setProblem(undefined);
          setError(null);
          // Focus the newly shown field once it is on screen.
          setTimeout(() => areas[key as Kind].current?.focus(), 0);
        }}
        size="small"
        items={[
          {
            key: 'reply',
            label: (
              <span>
                <EyeOutlined /> {t('composer.reply')}
              </span>
            ),
            children: (
              <Flex vertical gap={6} className="tickets-composer-reply">
                <Typography.Text style={{ color: '#0958d9', fontSize: 12 }}>
                  <EyeOutlined /> {replyClosed ? t('composer.cancelledNoReply') : t('composer.replyHint')}
                </Typography.Text>
                {textArea('reply')}
              </Flex>
            ),
          },
          {
            key: 'note',
            label: (
              <span>
                <LockOutlined /> {t('composer.note')}
              </span>
            ),
            children: (
              <Flex vertical gap={6} className="tickets-composer-note">
                <Typography.Text style={{ color: '#ad6800', fontSize: 12 }}>
                  <LockOutlined /> {t('composer.noteHint')}
                </Typography.Text>
                {textArea('note')}
              </Flex>
            ),
          },
          {
            key: 'call',
            label: (
              <span>
                <PhoneOutlined /> {t('composer.call')}
              </span>
            ),
            children: (
              <Form layout="vertical" component="div" requiredMark={false}>
                <Flex gap={16} wrap>
                  <Form.Item label={t('composer.direction')} style={{ marginBottom: 8 }}>
                    <Radio.Group
                      value={draft.direction}
                      onChange={(e) => update({ direction: e.target.value as Draft['direction'] })}
                      optionType="button"
                      options={[
                        { value: 'inbound', label: t('composer.inbound') },
                        { value: 'outbound', label: t('composer.outbound') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item label={t('composer.duration')} style={{ marginBottom: 8 }}>
                    <Space.Compact>
                      <InputNumber
                        min={0}
                        max={1440}
                        precision={0}
                        value={draft.minutes}
                        onChange={(v) => update({ minutes: v })}
                        suffix={t('composer.minutes')}
                        aria-label={t('composer.minutesLabel')}
                        style={{ width: 96 }}
                        data-testid="call-minutes"
                      />
                      <InputNumber
                        min={0}
                        max={59}
                        precision={0}
                        value={draft.seconds}
                        onChange={(v) => update({ seconds: v })}
                        suffix={t('composer.seconds')}
                        aria-label={t('composer.secondsLabel')}
                        style={{ width: 88 }}
                        data-testid="call-seconds"
                      />
                    </Space.Compact>
                  </Form.Item>
                </Flex>
                <Form.Item label={t('composer.summary')} style={{ marginBottom: 0 }}>
                  <Input.TextArea
                    ref={areas.call}
                    value={draft.summary}
                    onChange={(e) => update({ summary: e.target.value })}
                    onKeyDown={onKeyDown}
                    autoSize={{ minRows: 2, maxRows: 10 }}
                    maxLength={5000}
                    placeholder={t('composer.callSummaryPlaceholder')}
                    aria-label={t('composer.summary')}
                    status={problem ? 'error' : undefined}
                    data-testid="composer-call"
                  />
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
        {error !== null && <Alert type="error" showIcon title={errorText(error, tc)} />}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('composer.sendHint')}
          </Typography.Text>
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={send}
            loading={append.isPending}
            disabled={kind === 'reply' && replyClosed}
            data-testid="composer-send"
          >
            {sendLabel}
          </Button>
        </Flex>
      </Flex>
    </section>
  );
}
