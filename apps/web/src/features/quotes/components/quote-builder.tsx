import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PriceItemKind, Quote, QuoteLineInput } from '@manyi/contracts';
import { priceItemKinds } from '@manyi/contracts';
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { errorText } from '../../../shared/api-errors';
import { formatMoney } from '../../../shared/format';
import { usePriceItems, useSaveQuote } from '../api';
import { yuanToFen } from '../money-words';

type Row =
  | { key: string; type: 'item'; priceItemId: string | null; quantity: number }
  | {
      key: string;
      type: 'free';
      kind: PriceItemKind;
      name: string;
      price: string;
      quantity: number;
      reason: string;
    };

let seq = 0;
const rowKey = () => `r${++seq}`;

function rowsOf(q: Quote | null): Row[] {
  if (!q) return [{ key: rowKey(), type: 'item', priceItemId: null, quantity: 1 }];
  return q.lines.map((l) =>
    l.priceItemId
      ? { key: rowKey(), type: 'item', priceItemId: l.priceItemId, quantity: l.quantity }
      : {
          key: rowKey(),
          type: 'free',
          kind: l.kind,
          name: l.name,
          price: (l.listPriceFen / 100).toFixed(2),
          quantity: l.quantity,
          reason: l.adHocReason ?? '',
        },
  );
}

/** Composes a quote from the price list (or free lines with a reason); the server prices warranty lines at zero. */
export function QuoteBuilder({
  ticketId,
  quote,
  open,
  onClose,
  compact,
}: {
  ticketId: string;
  quote: Quote | null;
  open: boolean;
  onClose: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation('quotes');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const items = usePriceItems({ active: 'true' });
  const save = useSaveQuote(ticketId);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(quote));
  const [validDays, setValidDays] = useState<number>(7);
  const [note, setNote] = useState<string>(quote?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? ({ ...r, ...patch } as Row) : r)));
  const options = (items.data ?? []).map((i) => ({
    value: i.id,
    label: `${i.name} · ${formatMoney(i.priceFen, i.currency, lang)}`,
    search: `${i.code} ${i.name}`.toLowerCase(),
  }));

  const submit = async () => {
    const lines: QuoteLineInput[] = [];
    for (const r of rows) {
      if (r.type === 'item') {
        if (r.priceItemId) lines.push({ priceItemId: r.priceItemId, quantity: r.quantity });
        continue;
      }
      const fen = yuanToFen(r.price);
      if (!r.name.trim() || fen === null) continue;
      if (!r.reason.trim()) return setProblem(t('builder.freeReasonRequired'));
      lines.push({
        kind: r.kind,
        name: r.name.trim(),
        unitPriceFen: fen,
        quantity: r.quantity,
        partClass: null,
        adHocReason: r.reason.trim(),
      });
    }
    if (lines.length === 0) return setProblem(t('builder.empty'));
    setProblem(null);
    try {
      await save.mutateAsync({
        id: quote?.id,
        version: quote?.version,
        draft: { lines, validDays, note: note.trim() || null },
      });
      void message.success(t('panel.saved'));
      onClose();
    } catch (e) {
      setProblem(errorText(e, tc));
    }
  };

  return (
    <Modal
      open={open}
      title={t('builder.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('builder.save')}
      confirmLoading={save.isPending}
      width={compact ? '100%' : 760}
      style={compact ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="quote-builder">
        {rows.map((r) => (
          <Flex key={r.key} gap={8} wrap align="start">
            {r.type === 'item' ? (
              <Select
                showSearch
                style={{ flex: 1, minWidth: 220 }}
                placeholder={t('builder.pickItem')}
                value={r.priceItemId ?? undefined}
                loading={items.isPending}
                options={options}
                filterOption={(input, o) => (o?.search ?? '').includes(input.toLowerCase())}
                onChange={(v) => update(r.key, { priceItemId: v })}
                data-testid="quote-item-select"
              />
            ) : (
              <Flex vertical gap={6} style={{ flex: 1, minWidth: 220 }}>
                <Space.Compact style={{ width: '100%' }}>
                  <Select
                    style={{ width: 110 }}
                    value={r.kind}
                    options={priceItemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                    onChange={(v) => update(r.key, { kind: v })}
                  />
                  <Input
                    placeholder={t('builder.freeName')}
                    value={r.name}
                    onChange={(e) => update(r.key, { name: e.target.value })}
                  />
                  <Input
                    style={{ width: 120 }}
                    placeholder={t('builder.freePrice')}
                    value={r.price}
                    inputMode="decimal"
                    onChange={(e) => update(r.key, { price: e.target.value })}
                  />
                </Space.Compact>
                <Input
                  placeholder={t('builder.freeReason')}
                  value={r.reason}
                  onChange={(e) => update(r.key, { reason: e.target.value })}
                />
              </Flex>
            )}
            <InputNumber
              min={1}
              max={999}
              value={r.quantity}
              onChange={(v) => update(r.key, { quantity: v ?? 1 })}
              style={{ width: 72 }}
              aria-label={t('builder.quantity')}
            />
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('builder.remove')}
              onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
            />
          </Flex>
        ))}
        <Flex gap={8} wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((rs) => [...rs, { key: rowKey(), type: 'item', priceItemId: null, quantity: 1 }])
            }
          >
            {t('builder.addItem')}
          </Button>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((rs) => [
                ...rs,
                { key: rowKey(), type: 'free', kind: 'part', name: '', price: '', quantity: 1, reason: '' },
              ])
            }
          >
            {t('builder.addFree')}
          </Button>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('builder.validDays')}</Typography.Text>
          <InputNumber min={1} max={90} value={validDays} onChange={(v) => setValidDays(v ?? 7)} />
        </Flex>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('builder.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Typography.Text type="secondary">{t('builder.warrantyNote')}</Typography.Text>
        {problem && <Alert type="error" showIcon message={problem} />}
      </Flex>
    </Modal>
  );
}
