import { Checkbox, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AddressBody } from '../api';
import type { FieldName } from '../form-errors';
import { regionCodesFrom } from '../region-codes';

export interface AddressFormValues {
  label?: string;
  province?: string;
  city?: string;
  district?: string;
  regionCode?: string;
  detail?: string;
  isDefault?: boolean;
}

/** The API body for an address form, or null when it is incomplete (the form's rules say what is missing). */
export function toAddressBody(values: AddressFormValues): AddressBody | null {
  const codes = regionCodesFrom(values.regionCode ?? '');
  const province = values.province?.trim();
  const city = values.city?.trim();
  const detail = values.detail?.trim();
  if (!codes || !province || !city || !detail) return null;
  const label = values.label?.trim();
  const district = values.district?.trim();
  return {
    ...codes,
    province,
    city,
    detail,
    ...(label ? { label } : {}),
    ...(district ? { district } : {}),
    isDefault: values.isDefault ?? false,
  };
}

/** Where an address problem reported by the API (by its field name) shows in this form. */
export function addressFieldFor(field: string, prefix: FieldName): FieldName | null {
  if (field === 'provinceCode' || field === 'cityCode' || field === 'districtCode')
    return [...prefix, 'regionCode'];
  if (['label', 'province', 'city', 'district', 'detail'].includes(field)) return [...prefix, field];
  return null;
}

/** Province, city, district as text, the region code they belong to, and the street address. */
export function AddressFields({ prefix, withDefault = false }: { prefix: FieldName; withDefault?: boolean }) {
  const { t } = useTranslation('customers');
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('address.required', { field }),
  });
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item
          name={[...prefix, 'province']}
          label={t('address.province')}
          rules={[required(t('address.province'))]}
        >
          <Input placeholder={t('address.provincePlaceholder')} maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'city']} label={t('address.city')} rules={[required(t('address.city'))]}>
          <Input placeholder={t('address.cityPlaceholder')} maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'district']} label={t('address.district')}>
          <Input placeholder={t('address.districtPlaceholder')} maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          name={[...prefix, 'regionCode']}
          label={t('address.regionCode')}
          extra={t('address.regionCodeHelp')}
          rules={[
            {
              required: true,
              validator: (_rule, value: string | undefined) =>
                regionCodesFrom(value ?? '')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('address.regionCodeInvalid'))),
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={6} placeholder="440305" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item
          name={[...prefix, 'detail']}
          label={t('address.detail')}
          rules={[required(t('address.detail'))]}
        >
          <Input placeholder={t('address.detailPlaceholder')} maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'label']} label={t('address.label')}>
          <Input placeholder={t('address.labelPlaceholder')} maxLength={50} />
        </Form.Item>
      </Col>
      {withDefault && (
        <Col xs={24} sm={16}>
          <Form.Item name={[...prefix, 'isDefault']} valuePropName="checked" label=" " colon={false}>
            <Checkbox>{t('address.isDefault')}</Checkbox>
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
