import type { Team } from '@manyi/contracts';
import { Alert, App, Flex, Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../shared/api-errors';
import { ChangedMeanwhileAlert, ConflictAlert } from './conflict-alert';
import { useDesk } from './desk-context';
import { useVersionedEdit } from './use-versioned-edit';

interface AssignValues {
  teamId: string | null;
  assigneeId: string | null;
}

/** Assign to a team or service point and (optionally) a person in it. Partner managers stay within their own. */
export function AssignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('tickets');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const desk = useDesk();
  const { ticket, user } = desk;
  const edit = useVersionedEdit();
  const [form] = Form.useForm<AssignValues>();
  const teamId = Form.useWatch('teamId', form) ?? null;
  // The API refuses a partner manager's assignment outside their service point; offer only what will work.
  const ownOnly = user.role === 'partner_manager';

  // biome-ignore lint/correctness/useExhaustiveDependencies: start a fresh edit each time the dialog opens
  useEffect(() => {
    if (!open) return;
    edit.begin();
    form.setFieldsValue({
      teamId: ownOnly ? user.teamId : ticket.teamId,
      assigneeId: ticket.assigneeId,
    });
  }, [open]);

  const teams = desk.teams.filter((team) => !ownOnly || team.id === user.teamId);
  const teamOptions = (kind: Team['kind']) =>
    teams.filter((team) => team.kind === kind).map((team) => ({ value: team.id, label: team.name }));
  const people = desk.users
    .filter((u) => u.active && (teamId === null || u.teamId === teamId))
    .map((u) => ({ value: u.id, label: `${u.displayName} · ${tc(`roles.${u.role}`)}` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));

  const submit = async (values: AssignValues) => {
    const result = await edit.submit({
      kind: 'assign',
      teamId: values.teamId ?? null,
      assigneeId: values.assigneeId ?? null,
    });
    if (result.saved) {
      void message.success(t('assign.done'));
      onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={t('assign.title')}
      okText={t('assign.ok')}
      cancelText={t('desk.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        edit.end();
        onClose();
      }}
      okButtonProps={{ disabled: edit.conflict !== null }}
      confirmLoading={edit.pending}
      forceRender
    >
      <Flex vertical gap={12}>
        <ConflictAlert
          edit={edit}
          onDiscard={() => {
            edit.end();
            onClose();
          }}
          onReapplied={onClose}
        />
        <ChangedMeanwhileAlert edit={edit} onReload={() => edit.begin(ticket)} />
        {edit.error !== null && <Alert type="error" showIcon title={errorText(edit.error, tc)} />}
        {ownOnly && <Typography.Text type="secondary">{t('assign.ownServicePointOnly')}</Typography.Text>}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="teamId" label={t('assign.team')}>
            <Select
              allowClear={!ownOnly}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('assign.teamPlaceholder')}
              aria-label={t('assign.team')}
              onChange={(next: string | undefined) => {
                const current = form.getFieldValue('assigneeId') as string | null;
                const person = current ? desk.usersById.get(current) : undefined;
                // A person outside the newly chosen team would be refused; clear them.
                if (next && person && person.teamId !== next) form.setFieldValue('assigneeId', null);
                form.setFieldValue('teamId', next ?? null);
              }}
              options={[
                { label: t('assign.internal'), options: teamOptions('internal') },
                { label: t('assign.servicePoint'), options: teamOptions('service_point') },
              ].filter((group) => group.options.length > 0)}
            />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('assign.assignee')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('assign.assigneePlaceholder')}
              aria-label={t('assign.assignee')}
              options={people}
              onChange={(next: string | undefined) => {
                form.setFieldValue('assigneeId', next ?? null);
                const person = next ? desk.usersById.get(next) : undefined;
                if (person?.teamId && !form.getFieldValue('teamId'))
                  form.setFieldValue('teamId', person.teamId);
              }}
            />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
