import { addressInput, customerCreateBody, normalisePhone } from '@manyi/contracts';
import { describe, expect, it } from 'vitest';
import { containsPattern, customerSearchText, escapeLike } from '../../search';
import { createRandom } from '../data/random';
import { type CustomerDataSource, chineseCustomerData, makeCustomer } from './customers';

const now = new Date('2026-06-01T04:00:00.000Z');
const dropNulls = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

describe('makeCustomer', () => {
  it('builds customers the create contract accepts, with normalised phones and one default address', () => {
    const rng = createRandom(7);
    for (let i = 0; i < 500; i++) {
      const { customer, phones, addresses } = makeCustomer(rng, {}, { now });
      const body = customerCreateBody.safeParse({
        kind: customer.kind,
        name: customer.name,
        companyName: customer.companyName ?? undefined,
        email: customer.email ?? undefined,
        tier: customer.tier,
        valueFen: customer.valueFen,
        phones: phones.map((p) => ({ number: p.e164, label: p.label ?? undefined })),
        addresses: addresses.map(({ id: _id, customerId: _c, createdAt: _t, ...a }) => dropNulls(a)),
      });
      expect(body.error?.issues ?? [], customer.name).toEqual([]);
      expect(phones.length).toBeGreaterThan(0);
      expect(phones.filter((p) => p.isPrimary)).toHaveLength(1);
      expect(new Set(phones.map((p) => p.e164)).size).toBe(phones.length);
      for (const p of phones) {
        expect(normalisePhone(p.e164)?.display).toBe(p.display);
        expect(p.e164.endsWith(p.national)).toBe(true);
        expect(p.customerId).toBe(customer.id);
      }
      for (const a of addresses) expect(addressInput.safeParse(dropNulls(a)).success).toBe(true);
      if (addresses.length > 0) expect(addresses.filter((a) => a.isDefault)).toHaveLength(1);
      expect(customer.searchText).toBe(
        customerSearchText({
          name: customer.name,
          companyName: customer.companyName,
          email: customer.email,
          phones,
        }),
      );
      expect(customer.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (customer.status === 'churned') {
        expect(customer.churnReason).toBeTruthy();
        expect(customer.churnedAt!.getTime()).toBeGreaterThanOrEqual(customer.createdAt.getTime());
      } else expect(customer.churnedAt).toBeNull();
    }
  });

  it('gives the same content for the same seed and day, and honours overrides', () => {
    const strip = (s: ReturnType<typeof makeCustomer>) => ({
      ...s.customer,
      id: undefined,
      phones: s.phones.map((p) => p.e164),
      addresses: s.addresses.map((a) => a.detail),
    });
    expect(strip(makeCustomer(createRandom(3), {}, { now }))).toEqual(
      strip(makeCustomer(createRandom(3), {}, { now })),
    );
    const c = makeCustomer(createRandom(3), {
      name: '测试客户',
      tier: 'vip',
      phones: ['138 0013 8000', { number: '0755-86012345', label: '家' }],
      addresses: [],
    });
    expect(c.customer).toMatchObject({ name: '测试客户', tier: 'vip' });
    expect(c.phones.map((p) => [p.e164, p.isPrimary, p.label])).toEqual([
      ['+8613800138000', true, null],
      ['+8675586012345', false, '家'],
    ]);
    expect(c.addresses).toEqual([]);
    expect(c.customer.searchText).toContain('测试客户 13800138000 +8613800138000 75586012345');
    expect(() => makeCustomer(createRandom(3), { phones: ['12345'] })).toThrow(/does not normalise/);
  });

  it('takes its content from the data source it is given', () => {
    const fixed: CustomerDataSource = {
      ...chineseCustomerData,
      personName: () => '固定名',
      mobile: () => '139 0000 0000',
    };
    const c = makeCustomer(createRandom(1), { kind: 'person' }, { data: fixed, now });
    expect(c.customer.name).toBe('固定名');
    expect(c.phones[0]!.e164).toBe('+8613900000000');
  });
});

describe('search text helpers', () => {
  it('joins name, company, email and both phone forms, lower-cased', () => {
    expect(
      customerSearchText({
        name: ' 王芳 ',
        companyName: 'ACME  Ltd',
        email: 'Wang.Fang@163.com',
        phones: [{ e164: '+8613800138000', national: '13800138000' }],
      }),
    ).toBe('王芳 acme ltd wang.fang@163.com 13800138000 +8613800138000');
    expect(customerSearchText({ name: '李', companyName: null, email: null, phones: [] })).toBe('李');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(containsPattern('张_')).toBe('%张\\_%');
  });
});
