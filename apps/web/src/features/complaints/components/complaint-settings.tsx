import { type ComplaintSettings, complaintSeverities, roles } from '@manyi/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Flex,
  Input,
  InputNumber,
  message,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { useComplaintSettings, useSaveComplaintSettings } from '../api';
import { fenToYuan, yuanToFen } from '../complaint-logic';

const limitRoles = ['agent', 'supervisor', 'quality_manager', 'admin'] as const;

/** Causes (tenant-extensible), deadlines per severity, approval limits per role, level alerts, win-back period. */
export function ComplaintSettingsEditor() {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const canEdit = user.permissions.includes('complaints.configure');
  const settings = useComplaintSettings();
  const save = useSaveComplaintSettings();
  const [draft, setDraft] = useState<ComplaintSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(structuredClone(settings.data));
  }, [settings.data]);
  if (!draft) return <Skeleton active />;
  const set = (patch: Partial<ComplaintSettings>) => setDraft({ ...draft, ...patch });
  const roleLabel = (r: string) => t(`settings.role.${r as 'admin'}`);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }} data-testid="complaint-settings">
      {!canEdit && <Alert type="info" showIcon title={t('settings.readOnly')} />}
      <Typography.Title level={5}>{t('settings.causes')}</Typography.Title>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={draft.causes}
        columns={[
          {
            title: t('settings.causeCode'),
            width: 180,
            render: (_, c, i) => (
              <Input
                value={c.code}
                disabled={!canEdit || i < (settings.data?.causes.length ?? 0)}
                onChange={(e) => {
                  const causes = [...draft.causes];
                  causes[i] = { ...c, code: e.target.value.trim().toLowerCase() };
                  set({ causes });
                }}
              />
            ),
          },
          {
            title: t('settings.causeZh'),
            render: (_, c, i) => (
              <Input
                value={c.zh}
                disabled={!canEdit}
                onChange={(e) => {
                  const causes = [...draft.causes];
                  causes[i] = { ...c, zh: e.target.value };
                  set({ causes });
                }}
              />
            ),
          },
          {
            title: t('settings.causeEn'),
            render: (_, c, i) => (
              <Input
                value={c.en}
                disabled={!canEdit}
                onChange={(e) => {
                  const causes = [...draft.causes];
                  causes[i] = { ...c, en: e.target.value };
                  set({ causes });
                }}
              />
            ),
          },
          {
            title: t('settings.active'),
            width: 70,
            render: (_, c, i) => (
              <Checkbox
                checked={c.active}
                disabled={!canEdit}
                onChange={(e) => {
                  const causes = [...draft.causes];
                  causes[i] = { ...c, active: e.target.checked };
                  set({ causes });
                }}
              />
            ),
          },
        ]}
      />
      {canEdit && (
        <Button
          style={{ alignSelf: 'start' }}
          onClick={() => set({ causes: [...draft.causes, { code: '', zh: '', en: '', active: true }] })}
        >
          {t('settings.addCause')}
        </Button>
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Title level={5}>{t('settings.deadlines')}</Typography.Title>
      <Flex gap={16} wrap>
        {complaintSeverities.map((s) => (
          <Flex key={s} vertical gap={4} style={{ minWidth: 200 }}>
            <Typography.Text strong>{t(`severity.${s}`)}</Typography.Text>
            <InputNumber
              min={1}
              max={720}
              disabled={!canEdit}
              addonBefore={t('settings.acknowledgeHours')}
              value={draft.deadlines[s].acknowledgeHours}
              onChange={(v) =>
                set({
                  deadlines: { ...draft.deadlines, [s]: { ...draft.deadlines[s], acknowledgeHours: v ?? 1 } },
                })
              }
            />
            <InputNumber
              min={1}
              max={365}
              disabled={!canEdit}
              addonBefore={t('settings.resolveDays')}
              value={draft.deadlines[s].resolveDays}
              onChange={(v) =>
                set({
                  deadlines: { ...draft.deadlines, [s]: { ...draft.deadlines[s], resolveDays: v ?? 1 } },
                })
              }
            />
          </Flex>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Title level={5}>{t('settings.limits')}</Typography.Title>
      <Flex gap={16} wrap>
        {limitRoles.map((r) => (
          <InputNumber
            key={r}
            min={0}
            precision={2}
            disabled={!canEdit}
            style={{ width: 200 }}
            addonBefore={roleLabel(r)}
            prefix="¥"
            placeholder={t('workspace.unlimited')}
            value={r in draft.approvalLimits ? fenToYuan(draft.approvalLimits[r]) : 0}
            onChange={(v) => set({ approvalLimits: { ...draft.approvalLimits, [r]: yuanToFen(v) } })}
            data-testid={`limit-${r}`}
          />
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Title level={5}>{t('settings.levelAlerts')}</Typography.Title>
      <Flex vertical gap={6}>
        {(['1', '2', '3'] as const).map((l) => (
          <Flex key={l} gap={8} align="center">
            <Typography.Text style={{ width: 60 }}>{t(`level.${l}`)}</Typography.Text>
            <Select
              mode="multiple"
              disabled={!canEdit}
              style={{ flex: 1 }}
              value={draft.levelAlerts[l]}
              onChange={(v) => set({ levelAlerts: { ...draft.levelAlerts, [l]: v } })}
              options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
            />
          </Flex>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <Flex gap={8} align="center">
        <Typography.Text strong>{t('settings.winBackDays')}</Typography.Text>
        <InputNumber
          min={7}
          max={730}
          disabled={!canEdit}
          value={draft.winBackDays}
          onChange={(v) => set({ winBackDays: v ?? 90 })}
        />
      </Flex>
      {save.error && <Alert type="error" showIcon title={errorText(save.error, tc)} />}
      {canEdit && (
        <Button
          type="primary"
          style={{ alignSelf: 'start' }}
          loading={save.isPending}
          onClick={() => save.mutate(draft, { onSuccess: () => void message.success(t('saved')) })}
        >
          {t('save')}
        </Button>
      )}
    </Flex>
  );
}
