import { PlusOutlined } from '@ant-design/icons';
import { type PriceItem, type PriceItemKind, priceItemKinds, productCategories } from '@manyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { useCurrentUser } from '../../auth/api';
import { type PriceItemInput, usePriceItems, useSavePriceItem } from '../api';
import { yuanToFen } from '../money-words';
import { usePartName } from '../part-name';

const kindColor: Record<PriceItemKind, string> = {
  part: 'blue',
  labour: 'purple',
  call_out: 'orange',
  service: 'green',
};

/** The price list: everyone with catalog access reads it; pricing.manage adds, re-prices and retires items. */
export function PriceListPage() {
  const { t } = useTranslation('quotes');
  const { t: tp } = useTranslation('customers');
  const user = useCurrentUser();
  const lang = currentLanguage();
  const partLabel = usePartName();
  const canManage = user.permissions.includes('pricing.manage');
  const [kind, setKind] = useState<PriceItemKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<PriceItem | 'new' | null>(null);
  const items = usePriceItems({
    kind: kind === 'all' ? undefined : kind,
    q: q.trim() || undefined,
    active: showInactive ? undefined : 'true',
  });

  return (
    <Flex vertical gap={16} data-testid="price-list-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('priceList.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('priceList.subtitle')}</Typography.Text>
      </div>
      {!canManage && <Alert type="info" showIcon message={t('priceList.readOnly')} />}
      <Card size="small">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as PriceItemKind | 'all')}
            options={[
              { value: 'all', label: t('priceList.allKinds') },
              ...priceItemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('priceList.search')}
            style={{ width: 240 }}
            onSearch={setQ}
          />
          <Flex gap={6} align="center">
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
            <Typography.Text>{t('priceList.showInactive')}</Typography.Text>
          </Flex>
          <div style={{ flex: 1 }} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('priceList.add')}
            </Button>
          )}
        </Flex>
        <Table<PriceItem>
          size="small"
          rowKey="id"
          loading={items.isPending}
          dataSource={items.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('priceList.empty') }}
          columns={[
            {
              title: t('priceList.columns.kind'),
              key: 'kind',
              width: 100,
              render: (_, i) => <Tag color={kindColor[i.kind]}>{t(`kind.${i.kind}`)}</Tag>,
            },
            { title: t('priceList.columns.code'), dataIndex: 'code', width: 170 },
            { title: t('priceList.columns.name'), dataIndex: 'name' },
            {
              title: t('priceList.columns.price'),
              key: 'price',
              align: 'right',
              width: 120,
              render: (_, i) => formatMoney(i.priceFen, i.currency, lang),
            },
            {
              title: t('priceList.columns.partClass'),
              key: 'part',
              width: 140,
              render: (_, i) => (i.partClass ? partLabel(i.partClass) : '—'),
            },
            {
              title: t('priceList.columns.category'),
              key: 'cat',
              width: 120,
              render: (_, i) =>
                i.category ? tp(`category.${i.category}`, i.category) : t('priceList.anyCategory'),
            },
            {
              title: t('priceList.columns.active'),
              key: 'active',
              width: 90,
              render: (_, i) =>
                i.active ? (
                  <Tag color="success">{t('priceList.active')}</Tag>
                ) : (
                  <Tag>{t('priceList.inactive')}</Tag>
                ),
            },
            ...(canManage
              ? [
                  {
                    title: t('priceList.columns.actions'),
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, i: PriceItem) => (
                      <Button size="small" type="link" onClick={() => setEditing(i)}>
                        {t('priceList.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <PriceItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Flex>
  );
}

function PriceItemModal({ item, onClose }: { item: PriceItem | null; onClose: () => void }) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const { t: tp } = useTranslation('customers');
  const { message } = App.useApp();
  const save = useSavePriceItem();
  const [form] = Form.useForm<{
    kind: PriceItemKind;
    code: string;
    name: string;
    price: string;
    partClass?: string;
    category?: string;
    active: boolean;
  }>();
  const [problem, setProblem] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      title={item ? t('priceList.edit') : t('priceList.add')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const body: PriceItemInput = {
          kind: v.kind,
          code: v.code.trim(),
          name: v.name.trim(),
          priceFen: yuanToFen(v.price)!,
          partClass: v.partClass?.trim() || null,
          category: (v.category || null) as PriceItemInput['category'],
          active: v.active,
        };
        try {
          await save.mutateAsync({ id: item?.id, version: item?.version, body });
          void message.success(t('priceList.saved'));
          onClose();
        } catch (e) {
          setProblem(errorText(e, tc));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          item
            ? {
                ...item,
                price: (item.priceFen / 100).toFixed(2),
                partClass: item.partClass ?? undefined,
                category: item.category ?? undefined,
              }
            : { kind: 'part', active: true }
        }
      >
        <Form.Item name="kind" label={t('priceList.columns.kind')}>
          <Select
            disabled={!!item}
            options={priceItemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('priceList.columns.code')}
          extra={kind === 'service' ? t('priceList.serviceCodeHint') : undefined}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/ }]}
        >
          <Input disabled={!!item} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('priceList.columns.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="price"
          label={t('priceList.columns.price')}
          rules={[
            {
              validator: (_, v) =>
                yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('¥ 0.00')),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
        {(kind === 'part' || kind === 'labour') && (
          <Form.Item
            name="partClass"
            label={t('priceList.columns.partClass')}
            extra={t('priceList.partClassHint')}
            rules={[{ pattern: /^[a-z][a-z0-9_]*$/ }]}
          >
            <Input maxLength={50} placeholder="compressor" />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('priceList.columns.category')}>
          <Select
            allowClear
            placeholder={t('priceList.anyCategory')}
            options={productCategories.map((c) => ({ value: c, label: tp(`category.${c}`, c) }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('priceList.columns.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} />}
    </Modal>
  );
}
