import { type ComplaintDetail, type ComplaintStep, complaintSteps } from '@manyi/contracts';
import { Alert, Button, Card, Descriptions, Flex, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatDateTime } from '../../../shared/format';
import { useRecordStep, useStepNote } from '../api';

/**
 * The six steps as a guide: the current step shows what to do and what to say (from the seeds' training text),
 * steps are done in order, and a done step's note can be written later.
 */
export function SixSteps({
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
  const record = useRecordStep();
  const saveNote = useStepNote();
  const doneCount = c.steps.length;
  const [selected, setSelected] = useState<number>(Math.min(doneCount, 5));
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const step: ComplaintStep = complaintSteps[selected]!;
  const done = c.steps.find((s) => s.step === step);
  const isNext = selected === doneCount && !c.closedAt;
  const error = record.error ?? saveNote.error;

  const markDone = () =>
    record.mutate(
      { id: c.id, step, version: c.version, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setNote('');
          setSelected(Math.min(selected + 1, 5));
        },
      },
    );

  return (
    <Card size="small" title={t('workspace.stepsTitle')} data-testid="six-steps">
      <Flex vertical gap={12}>
        <Steps
          size="small"
          titlePlacement="vertical"
          current={selected}
          onChange={(i) => {
            setSelected(i);
            setEditing(null);
          }}
          items={complaintSteps.map((s, i) => ({
            title: t(`step.${s}`),
            status: i < doneCount ? 'finish' : i === doneCount && !c.closedAt ? 'process' : 'wait',
          }))}
        />
        <Flex vertical gap={8} data-testid={`step-panel-${step}`}>
          <Typography.Text strong>
            {t('workspace.stepOf', { n: selected + 1 })} · {t(`step.${step}`)}
          </Typography.Text>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'do', label: t('workspace.whatToDo'), children: t(`scripts.${step}.do`) },
              {
                key: 'say',
                label: t('workspace.whatToSay'),
                children: <Typography.Text italic>{t(`scripts.${step}.say`)}</Typography.Text>,
              },
              { key: 'avoid', label: t('workspace.avoid'), children: t(`scripts.${step}.avoid`) },
            ]}
          />
          {error && <Alert type="error" showIcon title={errorText(error, tc)} />}
          {done ? (
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">
                {t('workspace.doneBy', {
                  name: done.byName ?? '—',
                  time: formatDateTime(done.doneAt, lang, timeZone),
                })}
              </Typography.Text>
              {editing === step ? (
                <Flex vertical gap={6}>
                  <Input.TextArea
                    rows={3}
                    defaultValue={done.note ?? ''}
                    onChange={(e) => setNote(e.target.value)}
                    data-testid="step-note-edit"
                  />
                  <Flex gap={8}>
                    <Button
                      type="primary"
                      disabled={!note.trim()}
                      loading={saveNote.isPending}
                      onClick={() =>
                        saveNote.mutate(
                          { id: c.id, step, version: c.version, note: note.trim() },
                          {
                            onSuccess: () => {
                              setEditing(null);
                              setNote('');
                            },
                          },
                        )
                      }
                    >
                      {t('workspace.saveNote')}
                    </Button>
                    <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
                  </Flex>
                </Flex>
              ) : (
                <Flex gap={8} align="baseline">
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {done.note ?? <Typography.Text type="secondary">{t('none')}</Typography.Text>}
                  </Typography.Paragraph>
                  {canWrite && (
                    <Button size="small" type="link" onClick={() => setEditing(step)}>
                      {t('workspace.editNote')}
                    </Button>
                  )}
                </Flex>
              )}
            </Flex>
          ) : isNext && canWrite ? (
            <Flex vertical gap={6}>
              <Input.TextArea
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('workspace.notePlaceholder')}
                aria-label={t('workspace.note')}
                data-testid="step-note"
              />
              <Button type="primary" onClick={markDone} loading={record.isPending} data-testid="step-done">
                {t('workspace.markDone')}
              </Button>
            </Flex>
          ) : (
            !c.closedAt && <Typography.Text type="secondary">{t('workspace.notYet')}</Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
