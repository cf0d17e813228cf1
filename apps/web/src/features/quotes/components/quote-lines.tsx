import type { QuoteLine } from '@manyi/contracts';
import { List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { formatMoney } from '../../../shared/format';
import { coverageText, type Translate } from '../money-words';
import { usePartName } from '../part-name';

type Line = Omit<QuoteLine, 'id' | 'priceItemId'> & { id?: string };

/** A quote's lines: free ones show why (warranty of a part class, the whole unit, or the agreement). */
export function QuoteLines({
  lines,
  currency,
  compact,
}: {
  lines: Line[];
  currency: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('quotes');
  const partLabel = usePartName();
  const lang = currentLanguage();
  const money = (fen: number) => formatMoney(fen, currency, lang);
  const note = (l: Line) => {
    const why = coverageText(l.coverage, t as unknown as Translate, partLabel);
    if (why)
      return (
        <Tag color="green" style={{ whiteSpace: 'normal' }} data-testid="line-coverage">
          {why}
        </Tag>
      );
    if (l.adHocReason)
      return (
        <Typography.Text type="secondary">{t('lines.adHoc', { reason: l.adHocReason })}</Typography.Text>
      );
    return null;
  };
  if (compact)
    return (
      <List
        size="small"
        dataSource={lines}
        rowKey={(l) => l.id ?? String(l.position)}
        renderItem={(l) => (
          <List.Item style={{ display: 'block', paddingInline: 0 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text>
                {l.name}
                {l.quantity > 1 ? ` × ${l.quantity}` : ''}
              </Typography.Text>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {l.coverage && l.listPriceFen > 0 ? (
                  <Typography.Text delete type="secondary" style={{ marginRight: 6 }}>
                    {money(l.listPriceFen * l.quantity)}
                  </Typography.Text>
                ) : null}
                {money(l.amountFen)}
              </Typography.Text>
            </div>
            {note(l) && <div style={{ marginTop: 4 }}>{note(l)}</div>}
          </List.Item>
        )}
      />
    );
  return (
    <Table<Line>
      size="small"
      pagination={false}
      rowKey={(l) => l.id ?? String(l.position)}
      dataSource={lines}
      columns={[
        {
          title: t('lines.item'),
          key: 'name',
          render: (_, l) => (
            <>
              <Tag>{t(`kind.${l.kind}`)}</Tag>
              {l.name}
            </>
          ),
        },
        { title: t('lines.qty'), dataIndex: 'quantity', width: 60, align: 'right' },
        {
          title: t('lines.unitPrice'),
          key: 'unit',
          width: 130,
          align: 'right',
          render: (_, l) =>
            l.coverage && l.listPriceFen > 0 ? (
              <>
                <Typography.Text delete type="secondary">
                  {money(l.listPriceFen)}
                </Typography.Text>{' '}
                {money(0)}
              </>
            ) : (
              money(l.unitPriceFen)
            ),
        },
        {
          title: t('lines.amount'),
          key: 'amount',
          width: 110,
          align: 'right',
          render: (_, l) => money(l.amountFen),
        },
        { title: t('lines.reason'), key: 'reason', render: (_, l) => note(l) },
      ]}
    />
  );
}
