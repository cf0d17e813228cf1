import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  type Certification,
  productCategories,
  type ServicePoint,
  type Technician,
  ticketTypes,
} from '@manyi/contracts';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api-client';
import { errorText } from '../../../shared/api-errors';
import { useCurrentUser } from '../../auth/api';
import { IdempotentAttempt } from '../../customers/idempotency';
import {
  type ServicePointBody,
  useAddCertification,
  useAddLeave,
  useCertificationWarnings,
  useDispatchSettings,
  useRemoveCertification,
  useRemoveLeave,
  useSaveDispatchSettings,
  useSaveServicePoint,
  useSaveTechnician,
  useServicePoints,
  useTechnicians,
} from '../api';

const categoryOptions = (t: (k: never) => string) =>
  productCategories.map((c) => ({ value: c, label: t(`category.${c}` as never) }));

/** Service points (服务网点), technicians with certifications and leave, certification warnings, dispatch rules. */
export function FieldPage() {
  const { t } = useTranslation('dispatch');
  const warnings = useCertificationWarnings();
  const count = warnings.data?.length ?? 0;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('field.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('field.subtitle')}</Typography.Text>
      </div>
      <Tabs
        items={[
          { key: 'points', label: t('field.tabs.points'), children: <PointsTab /> },
          { key: 'technicians', label: t('field.tabs.technicians'), children: <TechniciansTab /> },
          {
            key: 'warnings',
            label: (
              <Badge count={count} size="small" offset={[8, 0]}>
                {t('field.tabs.warnings')}
              </Badge>
            ),
            children: <WarningsTab />,
          },
          { key: 'settings', label: t('field.tabs.settings'), children: <SettingsTab /> },
        ]}
      />
    </Flex>
  );
}

function PointsTab() {
  const { t } = useTranslation('dispatch');
  const points = useServicePoints();
  const [editing, setEditing] = useState<ServicePoint | 'new' | null>(null);
  return (
    <Card size="small">
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('points.add')}
        </Button>
      </Flex>
      <Table<ServicePoint>
        rowKey="id"
        size="middle"
        loading={points.isPending}
        dataSource={points.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setEditing(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('points.name'), dataIndex: 'name' },
          {
            title: t('points.ownership'),
            render: (_, r) =>
              r.profile ? (
                <Tag color={r.profile.ownership === 'own' ? 'geekblue' : 'purple'}>
                  {t(`ownership.${r.profile.ownership}`)}
                </Tag>
              ) : (
                <Tag>{t('points.noProfile')}</Tag>
              ),
          },
          {
            title: t('points.address'),
            render: (_, r) =>
              r.profile
                ? `${r.profile.city}${r.profile.district ?? ''}${r.profile.addressDetail}`
                : t('common.none'),
          },
          {
            title: t('points.coverage'),
            render: (_, r) =>
              r.profile
                ? t('points.coverageText', {
                    regions: r.profile.coverageRegionCodes.join('、') || t('common.none'),
                    km: r.profile.coverageRadiusKm,
                  })
                : t('common.none'),
          },
          {
            title: t('points.categories'),
            render: (_, r) =>
              (r.profile?.categories ?? []).map((c) => <Tag key={c}>{t(`category.${c}` as never)}</Tag>),
          },
          { title: t('points.technicians'), dataIndex: 'technicianCount', width: 90 },
          {
            title: t('points.contact'),
            render: (_, r) =>
              r.profile?.contactName ? `${r.profile.contactName} ${r.profile.contactPhone ?? ''}` : '',
          },
        ]}
      />
      {editing && <PointDrawer point={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function PointDrawer({ point, onClose }: { point: ServicePoint | null; onClose: () => void }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ServicePointBody>();
  const save = useSaveServicePoint();
  const attempt = useRef(new IdempotentAttempt());
  const p = point?.profile;
  const initial: Partial<ServicePointBody> = p
    ? ({ name: point.name, ...p } as Partial<ServicePointBody>)
    : point
      ? {
          name: point.name,
          ownership: 'partner',
          coverageRadiusKm: 30,
          active: true,
          coverageRegionCodes: [],
          categories: [],
        }
      : {
          ownership: 'partner',
          coverageRadiusKm: 30,
          active: true,
          coverageRegionCodes: [],
          categories: [],
          provinceCode: '440000',
          province: '广东省',
        };
  const submit = async (values: ServicePointBody) => {
    const body = {
      ...values,
      districtCode: values.districtCode || null,
      district: values.district || null,
      contactName: values.contactName || null,
      contactPhone: values.contactPhone || null,
    };
    try {
      await save.mutateAsync({
        id: point?.id ?? null,
        body: { ...body, version: p?.version ?? 0 },
        idempotencyKey: attempt.current.keyFor(body),
      });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      message.error(isApiError(e, 'VERSION_CONFLICT') ? t('common.conflict') : errorText(e, tc));
    }
  };
  const f = (k: string) => t(`points.form.${k}` as never);
  return (
    <Drawer
      open
      width={560}
      title={point ? t('points.form.titleEdit') : t('points.form.titleNew')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('points.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="ownership" label={t('points.ownership')}>
          <Select
            options={(['own', 'partner'] as const).map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="provinceCode"
            label={f('provinceCode')}
            rules={[{ required: true, pattern: /^\d{6}$/ }]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="cityCode"
            label={f('cityCode')}
            rules={[{ required: true, pattern: /^\d{6}$/ }]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="districtCode"
            label={f('districtCode')}
            rules={[{ pattern: /^\d{6}$/ }]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="province" label={f('province')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="city" label={f('city')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="district" label={f('district')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="addressDetail" label={f('addressDetail')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="lat" label={f('lat')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={f('lng')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="coverageRadiusKm" label={f('coverageRadiusKm')} style={{ flex: 1 }}>
            <InputNumber min={0} max={500} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="coverageRegionCodes" label={f('coverageRegionCodes')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="categories" label={t('points.categories')}>
          <Select mode="multiple" options={categoryOptions(t as never)} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="contactName" label={f('contactName')} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="contactPhone" label={f('contactPhone')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="active" label={f('active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function CertTag({ c }: { c: Certification }) {
  const { t } = useTranslation('dispatch');
  const color = c.state === 'expired' ? 'red' : c.state === 'expiring' ? 'orange' : 'green';
  return (
    <Tag color={color} icon={c.state === 'valid' ? undefined : <WarningOutlined />}>
      {c.name} · {c.examScore}
      {c.state !== 'valid' &&
        ` · ${c.state === 'expired' ? t('technicians.cert.expiredAgo', { days: -c.daysLeft }) : t('technicians.cert.daysLeft', { days: c.daysLeft })}`}
    </Tag>
  );
}

function TechniciansTab() {
  const { t } = useTranslation('dispatch');
  const technicians = useTechnicians();
  const [editing, setEditing] = useState<Technician | null>(null);
  const current = editing ? ((technicians.data ?? []).find((x) => x.id === editing.id) ?? editing) : null;
  return (
    <Card size="small">
      <Table<Technician>
        rowKey="id"
        size="middle"
        loading={technicians.isPending}
        dataSource={technicians.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setEditing(r), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('technicians.name'),
            render: (_, r) => (
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{r.displayName}</Typography.Text>
                {r.certificationWarning && (
                  <Tag color={r.certificationWarning === 'expired' ? 'red' : 'orange'}>
                    {t(`technicians.${r.certificationWarning}`)}
                  </Tag>
                )}
                {r.onLeaveToday && <Tag color="default">{t('technicians.onLeave')}</Tag>}
              </Flex>
            ),
          },
          { title: t('technicians.point'), render: (_, r) => r.servicePointName ?? t('common.none') },
          {
            title: t('technicians.skills'),
            render: (_, r) =>
              r.profile ? (
                <Flex gap={4} wrap>
                  {r.profile.categories.map((c) => (
                    <Tag key={c}>{t(`category.${c}` as never)}</Tag>
                  ))}
                  {r.profile.jobTypes.map((j) => (
                    <Tag key={j} color="blue">
                      {t(`jobType.${j}` as never)}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Tag>{t('technicians.noProfile')}</Tag>
              ),
          },
          {
            title: t('technicians.capacity'),
            width: 100,
            render: (_, r) => r.profile?.dailyCapacity ?? t('common.none'),
          },
          {
            title: t('technicians.certifications'),
            render: (_, r) => (
              <Flex gap={4} wrap>
                {r.certifications.map((c) => (
                  <CertTag key={c.id} c={c} />
                ))}
              </Flex>
            ),
          },
        ]}
      />
      {current && <TechnicianDrawer technician={current} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface TechForm {
  categories: string[];
  jobTypes: string[];
  baseLat: number;
  baseLng: number;
  baseAddress?: string;
  dailyCapacity: number;
  phone?: string;
}

function TechnicianDrawer({ technician, onClose }: { technician: Technician; onClose: () => void }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = user.permissions.includes('dispatch.manage') || user.role === 'partner_manager';
  const [form] = Form.useForm<TechForm>();
  const [certForm] = Form.useForm();
  const [leaveForm] = Form.useForm();
  const save = useSaveTechnician();
  const addCert = useAddCertification();
  const removeCert = useRemoveCertification();
  const addLeave = useAddLeave();
  const removeLeave = useRemoveLeave();
  const certAttempt = useRef(new IdempotentAttempt());
  const leaveAttempt = useRef(new IdempotentAttempt());
  const p = technician.profile;
  const fail = (e: unknown) =>
    message.error(isApiError(e, 'VERSION_CONFLICT') ? t('common.conflict') : errorText(e, tc));
  return (
    <Drawer
      open
      width={620}
      title={t('technicians.form.title', { name: technician.displayName })}
      onClose={onClose}
    >
      <Flex vertical gap={16}>
        <Form<TechForm>
          form={form}
          layout="vertical"
          disabled={!canManage}
          initialValues={
            p ?? { categories: [], jobTypes: ['repair'], dailyCapacity: 6, baseLat: 22.54, baseLng: 114.05 }
          }
          onFinish={async (v) => {
            try {
              await save.mutateAsync({
                id: technician.id,
                body: {
                  ...v,
                  baseAddress: v.baseAddress || null,
                  phone: v.phone || null,
                  calendarId: p?.calendarId ?? null,
                  version: p?.version ?? 0,
                } as never,
              });
              message.success(t('common.saved'));
            } catch (e) {
              fail(e);
            }
          }}
        >
          <Form.Item name="categories" label={t('technicians.form.categories')}>
            <Select mode="multiple" options={categoryOptions(t as never)} />
          </Form.Item>
          <Form.Item name="jobTypes" label={t('technicians.form.jobTypes')}>
            <Select
              mode="multiple"
              options={ticketTypes.map((j) => ({ value: j, label: t(`jobType.${j}` as never) }))}
            />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="baseLat"
              label={t('technicians.form.baseLat')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="baseLng"
              label={t('technicians.form.baseLng')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="dailyCapacity" label={t('technicians.form.dailyCapacity')} style={{ flex: 1 }}>
              <InputNumber min={1} max={30} style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="baseAddress" label={t('technicians.form.baseAddress')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label={t('technicians.form.phone')}>
            <Input maxLength={40} />
          </Form.Item>
          {canManage && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Form>
        <Card size="small" title={t('technicians.certifications')}>
          <Flex vertical gap={8}>
            {technician.certifications.map((c) => (
              <Flex key={c.id} justify="space-between" align="center" gap={8}>
                <Flex vertical>
                  <CertTag c={c} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.category ? t(`category.${c.category}` as never) : ''} {c.issuer} · {c.issuedOn} →{' '}
                    {c.expiresOn}
                  </Typography.Text>
                </Flex>
                {canManage && (
                  <Popconfirm
                    title={t('common.remove')}
                    onConfirm={() =>
                      removeCert.mutateAsync({ id: technician.id, certificationId: c.id }).catch(fail)
                    }
                  >
                    <Button size="small" type="text" danger>
                      {t('common.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ))}
            {canManage && (
              <Form
                form={certForm}
                layout="inline"
                onFinish={async (v: {
                  name: string;
                  category?: string;
                  issuer: string;
                  examScore: number;
                  dates: [Dayjs, Dayjs];
                }) => {
                  const body = {
                    name: v.name,
                    category: v.category ?? null,
                    issuer: v.issuer,
                    examScore: v.examScore,
                    issuedOn: v.dates[0].format('YYYY-MM-DD'),
                    expiresOn: v.dates[1].format('YYYY-MM-DD'),
                  };
                  try {
                    await addCert.mutateAsync({
                      id: technician.id,
                      body,
                      idempotencyKey: certAttempt.current.keyFor(body),
                    });
                    certAttempt.current.reset();
                    certForm.resetFields();
                  } catch (e) {
                    fail(e);
                  }
                }}
              >
                <Form.Item name="name" rules={[{ required: true }]}>
                  <Input placeholder={t('technicians.cert.name')} />
                </Form.Item>
                <Form.Item name="category">
                  <Select
                    allowClear
                    placeholder={t('technicians.cert.category')}
                    style={{ width: 170 }}
                    options={categoryOptions(t as never)}
                  />
                </Form.Item>
                <Form.Item name="dates" rules={[{ required: true }]}>
                  <DatePicker.RangePicker
                    placeholder={[t('technicians.cert.issuedOn'), t('technicians.cert.expiresOn')]}
                  />
                </Form.Item>
                <Form.Item name="examScore" rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} placeholder={t('technicians.cert.examScore')} />
                </Form.Item>
                <Form.Item name="issuer" rules={[{ required: true }]}>
                  <Input placeholder={t('technicians.cert.issuer')} />
                </Form.Item>
                <Button htmlType="submit" loading={addCert.isPending} icon={<PlusOutlined />}>
                  {t('technicians.cert.add')}
                </Button>
              </Form>
            )}
          </Flex>
        </Card>
        <Card size="small" title={t('technicians.leave')}>
          <Flex vertical gap={8}>
            {technician.leave.map((l) => (
              <Flex key={l.id} justify="space-between" align="center">
                <Typography.Text>
                  {l.startsOn} → {l.endsOn} {l.reason ?? ''}
                </Typography.Text>
                {canManage && (
                  <Button
                    size="small"
                    type="text"
                    danger
                    onClick={() => removeLeave.mutateAsync({ id: technician.id, leaveId: l.id }).catch(fail)}
                  >
                    {t('common.remove')}
                  </Button>
                )}
              </Flex>
            ))}
            {canManage && (
              <Form
                form={leaveForm}
                layout="inline"
                onFinish={async (v: { range: [Dayjs, Dayjs]; reason?: string }) => {
                  const body = {
                    startsOn: v.range[0].format('YYYY-MM-DD'),
                    endsOn: v.range[1].format('YYYY-MM-DD'),
                    reason: v.reason || null,
                  };
                  try {
                    await addLeave.mutateAsync({
                      id: technician.id,
                      body,
                      idempotencyKey: leaveAttempt.current.keyFor(body),
                    });
                    leaveAttempt.current.reset();
                    leaveForm.resetFields();
                  } catch (e) {
                    fail(e);
                  }
                }}
              >
                <Form.Item name="range" rules={[{ required: true }]}>
                  <DatePicker.RangePicker />
                </Form.Item>
                <Form.Item name="reason">
                  <Input placeholder={t('technicians.leaveForm.reason')} />
                </Form.Item>
                <Button htmlType="submit" loading={addLeave.isPending}>
                  {t('technicians.leaveForm.add')}
                </Button>
              </Form>
            )}
          </Flex>
        </Card>
      </Flex>
    </Drawer>
  );
}

function WarningsTab() {
  const { t } = useTranslation('dispatch');
  const warnings = useCertificationWarnings();
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('warnings.intro')} style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="middle"
        loading={warnings.isPending}
        dataSource={warnings.data ?? []}
        pagination={false}
        locale={{ emptyText: t('warnings.empty') }}
        columns={[
          { title: t('warnings.technician'), dataIndex: 'technicianName' },
          { title: t('warnings.point'), dataIndex: 'servicePointName' },
          { title: t('warnings.cert'), dataIndex: 'name' },
          { title: t('warnings.expiresOn'), dataIndex: 'expiresOn' },
          {
            title: t('warnings.state'),
            render: (_, c) => (
              <Tag color={c.state === 'expired' ? 'red' : 'orange'}>
                {c.state === 'expired'
                  ? t('technicians.cert.expiredAgo', { days: -c.daysLeft })
                  : t('technicians.cert.daysLeft', { days: c.daysLeft })}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

function SettingsTab() {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canEdit = user.permissions.includes('settings.manage');
  const settings = useDispatchSettings();
  const save = useSaveDispatchSettings();
  if (!settings.data) return <Card size="small" loading />;
  return (
    <Card size="small" style={{ maxWidth: 560 }}>
      {!canEdit && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 12 }} />}
      <Form
        layout="vertical"
        disabled={!canEdit}
        initialValues={settings.data}
        onFinish={async (v) => {
          try {
            await save.mutateAsync({ ...settings.data, ...v });
            message.success(t('common.saved'));
          } catch (e) {
            message.error(isApiError(e, 'VERSION_CONFLICT') ? t('common.conflict') : errorText(e, tc));
            void settings.refetch();
          }
        }}
      >
        <Form.Item name="autoDispatch" label={t('settings.autoDispatch')}>
          <Select
            options={(['off', 'top_candidate'] as const).map((a) => ({
              value: a,
              label: t(`settings.auto.${a}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="partnerResponseMinutes" label={t('settings.partnerResponseMinutes')}>
          <InputNumber min={5} max={10080} />
        </Form.Item>
        <Form.Item name="maxDistanceKm" label={t('settings.maxDistanceKm')}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
