import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../shared/api-errors';
import { isValidTag, normaliseTags } from '../../ticket-logic';
import { ChangedMeanwhileAlert, ConflictAlert } from './conflict-alert';
import { useDesk } from './desk-context';
import { useVersionedEdit } from './use-versioned-edit';

const maxTags = 20;

/** The work order's tags; editing replaces the whole list (PUT with the version it started from). */
export function TagsCard() {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const desk = useDesk();
  const { ticket } = desk;
  const edit = useVersionedEdit();
  const [draft, setDraft] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();

  const start = () => {
    edit.begin();
    setDraft(ticket.tags);
    setProblem(undefined);
  };

  const change = (values: string[]) => {
    const tags = normaliseTags(values);
    const bad = tags.find((tag) => !isValidTag(tag));
    if (bad) {
      setProblem(t('desk.tagInvalid', { tag: bad }));
      return;
    }
    if (tags.length > maxTags) {
      setProblem(t('desk.tooManyTags'));
      return;
    }
    setProblem(undefined);
    setDraft(tags);
  };

  // Keep this user's additions and removals, applied to the latest list.
  const moveOntoLatest = () => {
    const base = edit.base?.tags ?? ticket.tags;
    const added = draft.filter((tag) => !base.includes(tag));
    const removed = base.filter((tag) => !draft.includes(tag));
    edit.begin(ticket);
    setDraft(normaliseTags([...ticket.tags.filter((tag) => !removed.includes(tag)), ...added]));
  };

  return (
    <Card
      title={t('desk.tags')}
      size="small"
      data-testid="tags-card"
      extra={
        desk.canWrite &&
        !edit.editing && (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={start}
            aria-label={t('desk.editTags')}
          >
            {t('desk.edit')}
          </Button>
        )
      }
    >
      {edit.editing ? (
        <Flex vertical gap={8}>
          <ConflictAlert edit={edit} onDiscard={edit.end} />
          <ChangedMeanwhileAlert edit={edit} onReload={moveOntoLatest} />
          {edit.error !== null && <Alert type="error" showIcon title={errorText(edit.error, tc)} />}
          <Select
            mode="tags"
            value={draft}
            onChange={change}
            tokenSeparators={[',', '，']}
            placeholder={t('desk.tagsPlaceholder')}
            aria-label={t('desk.editTags')}
            open={false}
            suffixIcon={null}
            status={problem ? 'error' : undefined}
            autoFocus
          />
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <Flex gap={8} justify="flex-end">
            <Button onClick={edit.end}>{t('desk.cancel')}</Button>
            <Button
              type="primary"
              loading={edit.pending}
              onClick={() => void edit.submit({ kind: 'tags', tags: draft })}
            >
              {t('desk.save')}
            </Button>
          </Flex>
        </Flex>
      ) : ticket.tags.length > 0 ? (
        <Flex wrap gap={6}>
          {ticket.tags.map((tag) => (
            <Tag key={tag} style={{ marginInlineEnd: 0 }}>
              {tag}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('desk.noTags')}</Typography.Text>
      )}
    </Card>
  );
}
