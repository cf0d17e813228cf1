import { EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { type TicketPriority, type TicketType, ticketPriorities, ticketTypes } from '@manyi/contracts';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../app/i18n';
import { errorText } from '../../../../shared/api-errors';
import { formatDateTime } from '../../../../shared/format';
import { fieldsPatch } from '../../ticket-logic';
import { PriorityTag } from '../ticket-badges';
import { ChangedMeanwhileAlert, ConflictAlert } from './conflict-alert';
import { useDesk } from './desk-context';
import { useVersionedEdit } from './use-versioned-edit';

interface FieldValues {
  subject: string;
  priority: TicketPriority;
  type: TicketType;
}

/** Type, priority, channel, team and assignee at a glance; subject, priority and type editable with a version. */
export function DetailsCard({ onAssign }: { onAssign: () => void }) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const desk = useDesk();
  const { ticket } = desk;
  const edit = useVersionedEdit();
  const [form] = Form.useForm<FieldValues>();
  const lang = currentLanguage();

  const start = () => {
    edit.begin();
    form.setFieldsValue({ subject: ticket.subject, priority: ticket.priority, type: ticket.type });
  };

  const save = async (values: FieldValues) => {
    const base = edit.base ?? ticket;
    const patch = fieldsPatch(base, values);
    if (Object.keys(patch).length === 0) {
      edit.end();
      return;
    }
    const result = await edit.submit({ kind: 'fields', patch });
    const known = result.fieldErrors.filter((e) => e.path in values);
    form.setFields(known.map((e) => ({ name: e.path as keyof FieldValues, errors: [e.message] })));
  };

  // Someone saved meanwhile: keep only what this user changed and lay it over the latest values.
  const moveOntoLatest = () => {
    const patch = edit.base ? fieldsPatch(edit.base, form.getFieldsValue()) : {};
    edit.begin(ticket);
    form.setFieldsValue({ subject: ticket.subject, priority: ticket.priority, type: ticket.type, ...patch });
  };

  const assignee = ticket.assigneeId ? desk.usersById.get(ticket.assigneeId)?.displayName : undefined;
  const team = ticket.teamId ? desk.teamsById.get(ticket.teamId)?.name : undefined;

  return (
    <Card
      title={t('desk.details')}
      size="small"
      data-testid="details-card"
      extra={
        desk.canWrite &&
        !edit.editing && (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={start} data-testid="edit-details">
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
          <Form form={form} layout="vertical" onFinish={(values) => void save(values)} requiredMark={false}>
            <Form.Item
              name="subject"
              label={t('desk.subject')}
              rules={[{ required: true, whitespace: true, message: t('desk.subjectRequired') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Flex gap={8}>
              <Form.Item name="priority" label={t('desk.priority')} style={{ flex: 1 }}>
                <Select
                  aria-label={t('desk.priority')}
                  data-testid="edit-priority"
                  options={ticketPriorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                />
              </Form.Item>
              <Form.Item name="type" label={t('desk.type')} style={{ flex: 1 }}>
                <Select
                  aria-label={t('desk.type')}
                  options={ticketTypes.map((p) => ({ value: p, label: t(`type.${p}`) }))}
                />
              </Form.Item>
            </Flex>
            <Flex gap={8} justify="flex-end">
              <Button onClick={edit.end}>{t('desk.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={edit.pending} data-testid="save-details">
                {t('desk.save')}
              </Button>
            </Flex>
          </Form>
        </Flex>
      ) : (
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'type', label: t('desk.type'), children: t(`type.${ticket.type}`) },
            {
              key: 'priority',
              label: t('desk.priority'),
              children: (
                <span data-testid="ticket-priority">
                  <PriorityTag priority={ticket.priority} />
                </span>
              ),
            },
            { key: 'channel', label: t('desk.channel'), children: t(`channel.${ticket.channel}`) },
            {
              key: 'team',
              label: t('desk.team'),
              children: team ?? <Typography.Text type="secondary">{t('desk.noTeam')}</Typography.Text>,
            },
            {
              key: 'assignee',
              label: t('desk.assignee'),
              children: (
                <Flex align="center" gap={4} wrap>
                  <span data-testid="ticket-assignee">
                    {assignee ?? <Typography.Text type="secondary">{t('queue.unassigned')}</Typography.Text>}
                  </span>
                  {desk.canAssign && (
                    <Button
                      size="small"
                      type="link"
                      icon={<UserSwitchOutlined />}
                      onClick={onAssign}
                      aria-label={t('desk.assignShortcut')}
                    >
                      {t('desk.assign')}
                    </Button>
                  )}
                </Flex>
              ),
            },
            {
              key: 'firstResponse',
              label: t('desk.firstResponse'),
              children: ticket.firstResponseAt ? (
                formatDateTime(ticket.firstResponseAt, lang, desk.timeZone)
              ) : (
                <Typography.Text type="secondary">{t('desk.notYet')}</Typography.Text>
              ),
            },
            ...(ticket.resolvedAt
              ? [
                  {
                    key: 'resolvedAt',
                    label: t('desk.resolvedAt'),
                    children: formatDateTime(ticket.resolvedAt, lang, desk.timeZone),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
