import type { TicketStatus } from '@manyi/contracts';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../shared/api-errors';
import { orderTransitions, transitionsNeedingNote, transitionVerb } from '../../ticket-logic';
import { ConflictAlert } from './conflict-alert';
import { useDesk } from './desk-context';
import { useVersionedEdit } from './use-versioned-edit';

/**
 * One button per move the state machine allows from here (ticketDetail.allowedTransitions), nothing else.
 * Resolving asks for a resolution note; cancelling and reopening for a reason. A conflict or error opens the
 * dialog with the user's choice (and note) kept.
 */
export function TransitionActions() {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const desk = useDesk();
  const { ticket } = desk;
  const edit = useVersionedEdit();
  const [target, setTarget] = useState<TicketStatus | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const needsNote = target !== null && transitionsNeedingNote.includes(target);
  const fromStatus = edit.base?.status ?? ticket.status;

  if (!desk.canWrite) return null;
  const allowed = orderTransitions(ticket.status, ticket.allowedTransitions);
  if (allowed.length === 0) return <Typography.Text type="secondary">{t('desk.noActions')}</Typography.Text>;

  const close = () => {
    setTarget(null);
    setNote('');
    setNoteError(undefined);
    edit.end();
  };

  const send = async (to: TicketStatus, text: string) => {
    const trimmed = text.trim();
    if (transitionsNeedingNote.includes(to) && !trimmed) {
      setNoteError(t('transition.noteRequired'));
      return;
    }
    const result = await edit.submit({ kind: 'transition', to, note: trimmed || undefined });
    if (result.saved) {
      void message.success(t('transition.done', { status: t(`status.${to}`) }));
      setTarget(null);
      setNote('');
      setNoteError(undefined);
    } else {
      const noteProblem = result.fieldErrors.find((e) => e.path === 'note');
      if (noteProblem) setNoteError(noteProblem.message);
    }
  };

  const choose = (to: TicketStatus) => {
    edit.begin();
    setTarget(to);
    setNote('');
    setNoteError(undefined);
    // Moves without a note go straight through; the dialog only appears if something needs the user.
    if (!transitionsNeedingNote.includes(to)) void send(to, '');
  };

  const dialogOpen = target !== null && (needsNote || edit.conflict !== null || edit.error !== null);

  return (
    <>
      <Flex wrap gap={8} data-testid="transition-actions">
        {allowed.map((to) => (
          <Button
            key={to}
            type={to === 'resolved' ? 'primary' : 'default'}
            danger={to === 'cancelled'}
            loading={edit.pending && target === to && !dialogOpen}
            onClick={() => choose(to)}
            data-transition={to}
          >
            {t(`verb.${transitionVerb(ticket.status, to)}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={dialogOpen}
        title={target ? t(`verb.${transitionVerb(fromStatus, target)}`) : ''}
        okText={t('transition.confirm')}
        cancelText={t('desk.cancel')}
        onCancel={close}
        onOk={() => target && void send(target, note)}
        confirmLoading={edit.pending}
        okButtonProps={{
          disabled: edit.conflict !== null,
          danger: target === 'cancelled',
        }}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <ConflictAlert edit={edit} onDiscard={close} onReapplied={close} />
          {edit.error !== null && <Alert type="error" showIcon title={errorText(edit.error, tc)} />}
          {needsNote && (
            <Form layout="vertical" requiredMark={false}>
              <Form.Item
                label={target === 'resolved' ? t('transition.noteResolved') : t('transition.noteReason')}
                validateStatus={noteError ? 'error' : undefined}
                help={noteError}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    if (e.target.value.trim()) setNoteError(undefined);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target) {
                      e.preventDefault();
                      void send(target, note);
                    }
                  }}
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  maxLength={5000}
                  placeholder={
                    target === 'resolved'
                      ? t('transition.noteResolvedPlaceholder')
                      : t('transition.noteReasonPlaceholder')
                  }
                  autoFocus
                  data-testid="transition-note"
                />
              </Form.Item>
            </Form>
          )}
        </Flex>
      </Modal>
    </>
  );
}
