import { Alert, App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketChange } from '../../api';
import { fieldsOf, otherChanges, stillApplicable, transitionVerb } from '../../ticket-logic';
import { describeValue, fieldLabel } from './describe-values';
import { useDesk } from './desk-context';
import type { VersionedEdit } from './use-versioned-edit';

/** Shows a 409: what the other person changed, what the user wanted, and the ways forward. Nothing is lost. */
export function ConflictAlert({
  edit,
  onDiscard,
  onReapplied,
}: {
  edit: VersionedEdit;
  onDiscard: () => void;
  onReapplied?: () => void;
}) {
  const { message } = App.useApp();
  const { t } = useTranslation('tickets');
  const desk = useDesk();
  const { conflict, base } = edit;
  if (!conflict) return null;
  const latest = desk.ticket;
  const theirs = base ? otherChanges(base, latest, fieldsOf(conflict)) : [];
  const applicable = stillApplicable(conflict, latest);
  const line = (field: string, from: unknown, to: unknown) =>
    t('conflict.fieldChange', {
      field: fieldLabel(field, t),
      from: describeValue(field, from, desk, t),
      to: describeValue(field, to, desk, t),
    });

  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflict-alert"
      title={t('conflict.title')}
      description={
        <Flex vertical gap={6}>
          <span>{t('conflict.description')}</span>
          {theirs.length > 0 && (
            <span>
              <Typography.Text strong>{t('conflict.theirChanges')}</Typography.Text>{' '}
              {theirs.map((d) => line(d.field, d.from, d.to)).join('；')}
            </span>
          )}
          <span>
            <Typography.Text strong>{t('conflict.yourChange')}</Typography.Text> {describeChange(conflict)}
          </span>
          {!applicable && conflict.kind === 'transition' && (
            <Typography.Text type="danger">
              {t('transition.notAllowedNow', {
                status: t(`status.${latest.status}`),
                verb: t(`verb.${transitionVerb(base?.status ?? latest.status, conflict.to)}`),
              })}
            </Typography.Text>
          )}
          <Flex gap={8} wrap>
            <Button
              type="primary"
              size="small"
              loading={edit.pending}
              disabled={!applicable}
              onClick={async () => {
                if (!(await edit.reapply())) return;
                void message.success(t('conflict.reapplied'));
                onReapplied?.();
              }}
              data-testid="conflict-reapply"
            >
              {t('conflict.reapply')}
            </Button>
            <Button size="small" onClick={onDiscard}>
              {t('conflict.discard')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );

  function describeChange(change: TicketChange): string {
    switch (change.kind) {
      case 'fields':
        return Object.entries(change.patch)
          .map(([field, value]) => line(field, base?.[field as keyof typeof change.patch], value))
          .join('；');
      case 'transition':
        return `${t(`verb.${transitionVerb(base?.status ?? latest.status, change.to)}`)}${change.note ? `（${change.note}）` : ''}`;
      case 'assign':
        return [
          line('teamId', base?.teamId ?? null, change.teamId),
          line('assigneeId', base?.assigneeId ?? null, change.assigneeId),
        ].join('；');
      case 'tags':
        return line('tags', base?.tags ?? [], change.tags);
    }
  }
}

/**
 * A quieter note while editing: someone saved a newer version, so saving now would conflict. `onReload` moves
 * the user's own changes onto the latest version (each editor knows what its changes are).
 */
export function ChangedMeanwhileAlert({ edit, onReload }: { edit: VersionedEdit; onReload: () => void }) {
  const { t } = useTranslation('tickets');
  if (!edit.changedMeanwhile) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="changed-meanwhile"
      title={t('desk.editingChanged')}
      action={
        <Button size="small" onClick={onReload}>
          {t('desk.reloadLatest')}
        </Button>
      }
    />
  );
}
