import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type ServiceListName = 'included' | 'excluded' | 'paid';
export interface ServiceValue {
  code?: string;
  name?: string;
  /** Paid services only: the price in yuan as typed (the API keeps fen). */
  priceYuan?: number | null;
}

const codePattern = /^[a-z0-9_]+$/;

/** One list of services (included, excluded or paid-extra): code, name and, for paid ones, a price in ¥. */
export function ServicesEditor({ list, readOnly }: { list: ServiceListName; readOnly: boolean }) {
  const { t } = useTranslation('agreements');
  const form = Form.useFormInstance();
  const paid = list === 'paid';
  const title = t(`services.${list}`);
  const emptyKey =
    list === 'included' ? 'emptyIncluded' : list === 'excluded' ? 'emptyExcluded' : 'emptyPaid';

  const uniqueCodes = {
    validator: async (_rule: unknown, rows: ServiceValue[] | undefined) => {
      const codes = (rows ?? []).map((r) => r?.code?.trim()).filter(Boolean);
      if (new Set(codes).size !== codes.length) throw new Error(t('validation.duplicateService'));
    },
  };

  return (
    <Form.List name={list} rules={[uniqueCodes]}>
      {(rows, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid={`services-${list}`}>
          <Typography.Text strong>{title}</Typography.Text>
          {rows.length === 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`services.${emptyKey}`)}
            </Typography.Text>
          )}
          {rows.map((row) => (
            <Flex key={row.key} gap={8} align="flex-start" wrap>
              <Form.Item
                name={[row.name, 'code']}
                style={{ marginBottom: 0, width: 190 }}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { pattern: codePattern, message: t('validation.serviceCode') },
                  { max: 40, message: t('validation.maxLength', { max: 40 }) },
                ]}
              >
                <Input
                  placeholder={t('services.code')}
                  aria-label={`${title} · ${t('services.code')}`}
                  disabled={readOnly}
                  autoComplete="off"
                />
              </Form.Item>
              <Form.Item
                name={[row.name, 'name']}
                style={{ marginBottom: 0, flex: 1, minWidth: 200 }}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 80, message: t('validation.maxLength', { max: 80 }) },
                ]}
              >
                <Input
                  placeholder={t('services.name')}
                  aria-label={`${title} · ${t('services.name')}`}
                  disabled={readOnly}
                />
              </Form.Item>
              {paid && (
                <Form.Item
                  name={[row.name, 'priceYuan']}
                  style={{ marginBottom: 0 }}
                  rules={[
                    { required: true, message: t('validation.price') },
                    { type: 'number', min: 0, max: 1_000_000, message: t('validation.price') },
                  ]}
                >
                  <InputNumber
                    prefix="¥"
                    min={0}
                    max={1_000_000}
                    precision={2}
                    step={10}
                    style={{ width: 150 }}
                    aria-label={`${title} · ${t('services.price')}`}
                    placeholder={t('services.price')}
                    disabled={readOnly}
                  />
                </Form.Item>
              )}
              {!readOnly && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('services.removeService', {
                    name: String(form.getFieldValue([list, row.name, 'name']) ?? '') || row.name + 1,
                  })}
                  onClick={() => remove(row.name)}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          {!readOnly && (
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add(paid ? { priceYuan: 0 } : {})}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('services.add')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
