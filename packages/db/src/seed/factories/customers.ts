/**
 * Customer factories shared by demo data, API tests and the scale seed: `makeCustomer` builds plain insert
 * objects (no database), `insertCustomers` writes many of them with multi-row INSERTs.
 */
import { randomUUID } from 'node:crypto';
import { normalisePhone, phoneNational } from '@manyi/contracts';
import type { Executor } from '../../client';
import { customerAddresses, customerPhones, customers } from '../../schema/customers';
import { customerSearchText } from '../../search';
import {
  cityByCode,
  cityLandline,
  companyName,
  createRandom,
  emailFor,
  mobile,
  personName,
  type Random,
  randomAddress,
  workEmailFor,
} from '../data/index';

type CustomerInsert = typeof customers.$inferInsert;
type PhoneInsert = typeof customerPhones.$inferInsert;
type AddressInsert = typeof customerAddresses.$inferInsert;

/** A customer ready to insert into any tenant: `insertCustomers` adds the tenant id. */
export interface CustomerSeed {
  customer: Omit<CustomerInsert, 'tenantId'> & {
    id: string;
    name: string;
    searchText: string;
    createdAt: Date;
  };
  phones: (Omit<PhoneInsert, 'tenantId'> & { id: string })[];
  addresses: (Omit<AddressInsert, 'tenantId'> & { id: string })[];
}

/** An address as the data source produces it (the contracts' addressInput shape). */
export interface SeedAddress {
  label?: string | null;
  provinceCode: string;
  province: string;
  cityCode: string;
  city: string;
  districtCode?: string | null;
  district?: string | null;
  detail: string;
  postalCode?: string | null;
  lat?: number | null;
  lng?: number | null;
}

/**
 * Where the factory gets its content. The default is the realistic Chinese data in ../data; tests can pass
 * their own (e.g. fixed names) without touching the factory.
 */
export interface CustomerDataSource {
  personName(rng: Random): string;
  companyName(rng: Random, cityCode: string): string;
  personalEmail(rng: Random, name: string): string;
  workEmail(rng: Random, name: string, domain: string): string;
  /** A mobile number as someone types it; must normalise (normalisePhone). */
  mobile(rng: Random): string;
  /** A landline in the city as someone types it; must normalise. */
  landline(rng: Random, cityCode: string): string;
  address(rng: Random, kind: 'home' | 'office'): SeedAddress;
}

export const chineseCustomerData: CustomerDataSource = {
  personName: (rng) => personName(rng),
  companyName: (rng, cityCode) => companyName(rng, cityByCode.get(cityCode)),
  personalEmail: (rng, name) => emailFor(name, rng),
  workEmail: (rng, name, domain) => workEmailFor(name, domain, rng),
  mobile: (rng) => mobile(rng),
  landline: (rng, cityCode) => {
    const city = cityByCode.get(cityCode);
    if (!city) throw new RangeError(`unknown city ${cityCode}`);
    return cityLandline(rng, city);
  },
  address: (rng, kind) => {
    const a = randomAddress(rng, undefined, { kind });
    return {
      provinceCode: a.provinceCode,
      province: a.province,
      cityCode: a.cityCode,
      city: a.city,
      districtCode: a.districtCode ?? null,
      district: a.district ?? null,
      detail: a.detail,
      postalCode: a.postalCode,
      lat: a.lat,
      lng: a.lng,
    };
  },
};

export interface CustomerOverrides
  extends Partial<
    Pick<
      CustomerInsert,
      | 'id'
      | 'kind'
      | 'name'
      | 'companyName'
      | 'email'
      | 'tier'
      | 'valueFen'
      | 'status'
      | 'churnReason'
      | 'churnedAt'
      | 'consent'
      | 'notes'
      | 'version'
      | 'createdAt'
      | 'updatedAt'
    >
  > {
  /** Phones as typed ("138 0013 8000") or with a label; the first is primary. Replaces the generated ones. */
  phones?: (string | { number: string; label?: string | null })[];
  /** Replaces the generated addresses; the first is the default unless one says otherwise. */
  addresses?: (SeedAddress & { isDefault?: boolean })[];
}

const tiers = [
  ['standard', 70],
  ['silver', 18],
  ['gold', 9],
  ['vip', 3],
] as const;
/** Lifetime purchases in fen by tier: [min, max]. */
const valueRange = {
  standard: [0, 800_000],
  silver: [800_000, 3_000_000],
  gold: [3_000_000, 10_000_000],
  vip: [10_000_000, 60_000_000],
} as const;
const churnReasons = [
  '维修多次仍未解决，改用其他品牌',
  '上门服务迟到，客户不满意',
  '搬家到服务范围以外',
  '价格原因，选择了其他服务商',
  '投诉处理不及时',
  '产品已报废，不再购买',
] as const;
const notesPool = [
  '老人独居，上门前请先电话联系',
  '工作日白天不在家，请约周末',
  '小区门禁需提前登记',
  '家中有宠物狗，上门请注意',
  '只接受下午上门',
] as const;

const mailSlugs = [
  'huatong',
  'dingsheng',
  'jinxin',
  'hengtai',
  'xinda',
  'zhongtian',
  'meijia',
  'anju',
] as const;

const DAY = 86_400_000;

/** Normalises a typed number into a phone row; throws on an invalid number (a factory bug, not user input). */
function phoneInsert(customerId: string, typed: string, label: string | null, isPrimary: boolean, at: Date) {
  const n = normalisePhone(typed);
  if (!n) throw new RangeError(`factory phone does not normalise: ${typed}`);
  return {
    id: randomUUID(),
    customerId,
    e164: n.e164,
    national: phoneNational(n.e164),
    kind: n.kind,
    display: n.display,
    label,
    isPrimary,
    createdAt: at,
  };
}

export interface MakeCustomerOptions {
  /** Where names, phones and addresses come from (default: the Chinese demo data). */
  data?: CustomerDataSource;
  /** "Today" for the customer's dates (created in the 3 years before it); default: the current time. */
  now?: Date;
}

/**
 * A realistic customer (person or company, tier, value, phones, addresses, sometimes churned), with ids
 * assigned so the three parts can be inserted together. The same `rng` seed and `now` give the same content
 * (ids are random UUIDs, so seeds can be reused in one database). Call it with one generator for many
 * customers: a generator re-created from the same seed for each call makes identical customers.
 */
export function makeCustomer(
  rng: Random = createRandom(Math.floor(Math.random() * 2 ** 32)),
  overrides: CustomerOverrides = {},
  options: MakeCustomerOptions = {},
): CustomerSeed {
  const data = options.data ?? chineseCustomerData;
  const id = overrides.id ?? randomUUID();
  const kind = overrides.kind ?? (rng.chance(0.12) ? 'company' : 'person');
  const home = data.address(rng, kind === 'company' ? 'office' : 'home');
  const contact = data.personName(rng);
  const name = overrides.name ?? (kind === 'company' ? data.companyName(rng, home.cityCode) : contact);
  const tier = overrides.tier ?? rng.weighted(tiers);
  const [minValue, maxValue] = valueRange[tier];
  const now = (options.now ?? new Date()).getTime();
  const createdAt = overrides.createdAt ?? new Date(now - rng.int(0, 3 * 365) * DAY - rng.int(0, DAY - 1));
  const status = overrides.status ?? (rng.chance(0.05) ? 'churned' : 'active');
  const churned = status === 'churned';

  let email: string | null;
  if (overrides.email !== undefined) email = overrides.email;
  else if (kind === 'company')
    email = rng.chance(0.7)
      ? data.workEmail(rng, contact, `${rng.pick(mailSlugs)}${rng.int(1, 99)}.com.cn`)
      : null;
  else email = rng.chance(0.4) ? data.personalEmail(rng, name) : null;
  const company = overrides.companyName !== undefined ? overrides.companyName : null;

  const phoneAt = (i: number) => new Date(createdAt.getTime() + i);
  let phones: CustomerSeed['phones'];
  if (overrides.phones) {
    phones = overrides.phones.map((p, i) => {
      const typed = typeof p === 'string' ? p : p.number;
      const label = typeof p === 'string' ? null : (p.label ?? null);
      return phoneInsert(id, typed, label, i === 0, phoneAt(i));
    });
  } else if (kind === 'company') {
    phones = [
      phoneInsert(id, data.landline(rng, home.cityCode), '前台', true, phoneAt(0)),
      phoneInsert(id, data.mobile(rng), `联系人 ${contact}`, false, phoneAt(1)),
    ];
  } else {
    phones = [phoneInsert(id, data.mobile(rng), null, true, phoneAt(0))];
    if (rng.chance(0.25)) {
      const second = rng.chance(0.6) ? data.landline(rng, home.cityCode) : data.mobile(rng);
      const extra = phoneInsert(id, second, rng.pick(['家', '家人', '备用', '单位']), false, phoneAt(1));
      if (extra.e164 !== phones[0]!.e164) phones.push(extra);
    }
  }

  let addresses: CustomerSeed['addresses'];
  if (overrides.addresses) {
    const anyDefault = overrides.addresses.some((a) => a.isDefault);
    addresses = overrides.addresses.map((a, i) => ({
      ...a,
      id: randomUUID(),
      customerId: id,
      isDefault: anyDefault ? a.isDefault === true : i === 0,
      createdAt: phoneAt(i),
    }));
  } else {
    const list: SeedAddress[] = rng.chance(0.96) ? [home] : [];
    if (list.length > 0 && rng.chance(0.1)) list.push(data.address(rng, rng.chance(0.7) ? 'home' : 'office'));
    const labels = kind === 'company' ? ['公司', '仓库'] : ['家', rng.pick(['公司', '父母家', '老家'])];
    addresses = list.map((a, i) => ({
      ...a,
      id: randomUUID(),
      customerId: id,
      label: labels[i] ?? null,
      isDefault: i === 0,
      createdAt: phoneAt(i),
    }));
  }

  const customer: CustomerSeed['customer'] = {
    id,
    kind,
    name,
    companyName: company,
    email,
    tier,
    valueFen: overrides.valueFen ?? rng.int(minValue, maxValue),
    status,
    churnReason:
      overrides.churnReason !== undefined ? overrides.churnReason : churned ? rng.pick(churnReasons) : null,
    churnedAt:
      overrides.churnedAt !== undefined
        ? overrides.churnedAt
        : churned
          ? new Date(
              createdAt.getTime() +
                rng.int(1, Math.max(1, Math.floor((now - createdAt.getTime()) / DAY))) * DAY,
            )
          : null,
    consent: overrides.consent ?? {
      serviceCalls: true,
      surveys: rng.chance(0.85),
      marketing: rng.chance(0.3),
    },
    notes:
      overrides.notes !== undefined
        ? overrides.notes
        : kind === 'company'
          ? `联系人：${contact}`
          : rng.chance(0.05)
            ? rng.pick(notesPool)
            : null,
    searchText: customerSearchText({ name, companyName: company, email, phones }),
    version: overrides.version ?? 1,
    createdAt,
    updatedAt: overrides.updatedAt ?? createdAt,
  };
  if (customer.churnedAt && customer.churnedAt.getTime() > now) customer.churnedAt = new Date(now);
  return { customer, phones, addresses };
}

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table here. */
export const INSERT_BATCH = 500;

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await insert(rows.slice(i, i + INSERT_BATCH));
}

/**
 * Inserts customers with their phones and addresses into a tenant, 500 rows per statement. Not wrapped in a
 * transaction: pass one as `db` when the whole load must be all-or-nothing. Returns the customer ids.
 */
export async function insertCustomers(
  db: Executor,
  tenantId: string,
  seeds: readonly CustomerSeed[],
): Promise<string[]> {
  await insertBatched(
    seeds.map((s) => ({ ...s.customer, tenantId })),
    (batch) => db.insert(customers).values(batch),
  );
  await insertBatched(
    seeds.flatMap((s) => s.phones.map((p) => ({ ...p, tenantId }))),
    (batch) => db.insert(customerPhones).values(batch),
  );
  await insertBatched(
    seeds.flatMap((s) => s.addresses.map((a) => ({ ...a, tenantId }))),
    (batch) => db.insert(customerAddresses).values(batch),
  );
  return seeds.map((s) => s.customer.id);
}
