import type { PGlite } from '@electric-sql/pglite';
import type { Role } from '@manyi/contracts';
import { schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { insertCustomers, makeCustomer } from '@manyi/db/seed/factories/customers';
import { and, count, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import * as repo from './customers.repository';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
});
afterAll(() => t.close());

interface Summary {
  id: string;
  name: string;
  tier: string;
  status: string;
  primaryPhone: string | null;
  city: string | null;
}
interface Lookup {
  normalised: string | null;
  matches: (Summary & { matchedPhone: string })[];
}
interface CustomerBody {
  id: string;
  name: string;
  email: string | null;
  tier: string;
  status: string;
  churnReason: string | null;
  churnedAt: string | null;
  version: number;
  phones: {
    id: string;
    e164: string;
    display: string;
    kind: string;
    isPrimary: boolean;
    label: string | null;
  }[];
  addresses: { id: string; city: string; isDefault: boolean }[];
}

const shenzhen = {
  provinceCode: '440000',
  province: '广东省',
  cityCode: '440300',
  city: '深圳市',
  districtCode: '440305',
  district: '南山区',
  detail: '科技园南区深南大道9966号5栋2单元801',
};
const hangzhou = {
  provinceCode: '330000',
  province: '浙江省',
  cityCode: '330100',
  city: '杭州市',
  detail: '文三路90号东部软件园3号楼',
};

function request(
  fx: TenantFixture,
  role: Role,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...fx.as(role), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function create(body: Record<string, unknown>, fx = acme): Promise<CustomerBody> {
  const res = await request(fx, 'agent', 'POST', '/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function lookup(phone: string, fx = acme): Promise<Lookup> {
  const res = await request(fx, 'agent', 'GET', `/customers/lookup?phone=${encodeURIComponent(phone)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function search(q: string, fx = acme, extra = ''): Promise<Summary[]> {
  const res = await request(fx, 'agent', 'GET', `/customers?limit=200&q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function customerCount(tenantId: string) {
  const [r] = await t.database.db
    .select({ n: count() })
    .from(schema.customers)
    .where(eq(schema.customers.tenantId, tenantId));
  return Number(r!.n);
}

async function auditOf(tenantId: string, entityId: string) {
  return t.database.db
    .select({ action: schema.auditLog.action, changes: schema.auditLog.changes })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.tenantId, tenantId), eq(schema.auditLog.entityId, entityId)))
    .orderBy(schema.auditLog.id);
}

/** EXPLAIN with sequential scans priced out: shows which indexes the query shape can use. */
async function explain(query: { sql: string; params: unknown[] }): Promise<string> {
  const text = `EXPLAIN ${query.sql}`;
  if (t.database.kind === 'postgres') {
    const client = await (t.database.raw as pg.Pool).connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const r = await client.query(text, query.params);
      await client.query('ROLLBACK');
      return r.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
    } finally {
      client.release();
    }
  }
  const lite = t.database.raw as PGlite;
  return lite.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_seqscan = off');
    const r = await tx.query<Record<string, string>>(text, query.params);
    return r.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('phone lookup', () => {
  let mobileOwner: CustomerBody;
  let landlineOwner: CustomerBody;

  beforeAll(async () => {
    mobileOwner = await create({
      name: '李秀英',
      phones: [{ number: '138 0013 8000' }],
      addresses: [shenzhen],
    });
    landlineOwner = await create({
      name: '深圳市华通物业管理有限公司',
      kind: 'company',
      phones: [{ number: '0755-86012345' }],
    });
  });

  it('finds the caller whichever way the mobile number is written', async () => {
    for (const spelling of ['138 0013 8000', '+86 138-0013-8000', '13800138000']) {
      const r = await lookup(spelling);
      expect(r.normalised).toBe('+8613800138000');
      expect(r.matches).toHaveLength(1);
      expect(r.matches[0]).toMatchObject({
        id: mobileOwner.id,
        name: '李秀英',
        matchedPhone: '138 0013 8000',
        primaryPhone: '138 0013 8000',
        city: '深圳市',
        status: 'active',
      });
    }
  });

  it('finds a landline with or without the dash after the area code', async () => {
    for (const spelling of ['0755-86012345', '075586012345']) {
      const r = await lookup(spelling);
      expect(r.normalised).toBe('+8675586012345');
      expect(r.matches.map((m) => m.id)).toEqual([landlineOwner.id]);
      expect(r.matches[0]!.matchedPhone).toBe('0755 8601 2345');
    }
  });

  it('matches the digits typed so far by prefix, and needs at least four digits', async () => {
    // "1380013" is a valid-looking landline to libphonenumber: no exact match, so the prefix is used.
    for (const partial of ['1380013', '138 00', '+86 1380', '0755 860', '7558601']) {
      const r = await lookup(partial);
      expect(r.matches.length, partial).toBe(1);
    }
    expect((await lookup('1380013')).matches[0]!.id).toBe(mobileOwner.id);
    expect((await lookup('0755 860')).matches[0]!.id).toBe(landlineOwner.id);
    expect((await lookup('138-')).matches).toEqual([]);
    expect((await lookup('abcdef')).matches).toEqual([]);
    expect((await lookup('13900')).matches).toEqual([]);
  });

  it('returns every customer sharing a number (a family landline)', async () => {
    const a = await create({
      name: '王建国',
      phones: [{ number: '13911112222' }, { number: '010-65529988' }],
    });
    const b = await create({ name: '王芳', phones: [{ number: '(010)65529988', label: '家' }] });
    const r = await lookup('010 6552 9988');
    expect(r.matches.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(r.matches.every((m) => m.matchedPhone === '010 6552 9988')).toBe(true);
    expect(r.matches.find((m) => m.id === a.id)!.primaryPhone).toBe('139 1111 2222');
  });

  it('never finds another tenant’s customers', async () => {
    expect((await lookup('13800138000', other)).matches).toEqual([]);
    expect((await lookup('13800', other)).matches).toEqual([]);
  });

  it('uses the phone indexes (exact: lookup index; prefix: text_pattern_ops index), scanning no table', async () => {
    const exact = await explain(
      repo.findByPhoneExact(t.database.db, acme.tenantId, '+8613800138000', 20).toSQL(),
    );
    expect(exact).toContain('Index Scan using customer_phones_lookup_idx on customer_phones');
    expect(exact).not.toContain('Seq Scan');
    const prefix = await explain(repo.findByPhonePrefix(t.database.db, acme.tenantId, '138001', 10).toSQL());
    expect(prefix).toContain('using customer_phones_prefix_idx on customer_phones');
    expect(prefix).not.toContain('Seq Scan');
    // Ordered by the index's own operator: the scan stops after the limit, no sort of all matches.
    expect(prefix.split('SubPlan')[0]).not.toMatch(/\bSort\b/);
  });
});

describe('search and pagination', () => {
  let zhang: CustomerBody;
  let ouyang: CustomerBody;
  let percent: CustomerBody;

  beforeAll(async () => {
    zhang = await create({ name: '张伟', email: 'Zhang.Wei88@163.com', phones: [{ number: '13612345678' }] });
    ouyang = await create({
      name: '欧阳子轩',
      companyName: '杭州西湖国际酒店',
      phones: [{ number: '15900001111' }],
      addresses: [hangzhou],
    });
    percent = await create({ name: '满意度100%_测试', phones: [{ number: '18600002222' }] });
  });

  const ids = (items: Summary[]) => items.map((i) => i.id);

  it('finds Chinese names with two and with three or more characters', async () => {
    expect(ids(await search('张伟'))).toEqual([zhang.id]);
    expect(ids(await search('子轩'))).toEqual([ouyang.id]);
    expect(await search('欧阳子轩')).toEqual([
      {
        id: ouyang.id,
        kind: 'person',
        name: '欧阳子轩',
        tier: 'standard',
        status: 'active',
        primaryPhone: '159 0000 1111',
        city: '杭州市',
      },
    ]);
    expect(ids(await search('欧阳子'))).toEqual([ouyang.id]);
    expect(ids(await search('西湖国际'))).toEqual([ouyang.id]);
  });

  it('finds by e-mail, case-insensitively', async () => {
    expect(ids(await search('zhang.wei88@163'))).toEqual([zhang.id]);
    expect(ids(await search('ZHANG.WEI88'))).toEqual([zhang.id]);
  });

  it('finds by phone digits, however the number is typed', async () => {
    expect(ids(await search('13612345678'))).toEqual([zhang.id]);
    expect(ids(await search('136 1234'))).toEqual([zhang.id]);
    expect(ids(await search('+86 136-1234-5678'))).toEqual([zhang.id]);
    expect(ids(await search('00001111'))).toEqual([ouyang.id]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect(ids(await search('100%_'))).toEqual([percent.id]);
    expect(await search('%')).toHaveLength(1);
    expect(await search('_')).toHaveLength(1);
    expect(await search('张%伟')).toEqual([]);
  });

  it('searches only the caller’s tenant', async () => {
    expect(await search('张伟', other)).toEqual([]);
  });

  it('pages with a keyset cursor: every row exactly once, newest first, ties broken by id', async () => {
    const fx = await seedTenant(t.database, 'pages');
    const rng = createRandom(20240601);
    const base = Date.parse('2024-06-01T08:00:00.000Z');
    // Groups of customers created in the same millisecond, so the id must break ties.
    const seeds = Array.from({ length: 53 }, (_, i) =>
      makeCustomer(rng, {
        createdAt: new Date(base - Math.floor(i / 4) * 60_000),
        tier: i % 3 === 0 ? 'gold' : 'standard',
      }),
    );
    await insertCustomers(t.database.db, fx.tenantId, seeds);
    // Sub-millisecond timestamps (as now() writes them) must not repeat or skip rows across pages.
    await t.database.db.execute(
      sql`update customers set created_at = created_at + interval '357 microseconds'
          where tenant_id = ${fx.tenantId} and id in (${sql.join(
            seeds.slice(10, 20).map((s) => sql`${s.customer.id}::uuid`),
            sql`, `,
          )})`,
    );
    const expected = await t.database.db
      .select({ id: schema.customers.id })
      .from(schema.customers)
      .where(eq(schema.customers.tenantId, fx.tenantId))
      .orderBy(sql`created_at desc, id desc`);

    async function walk(extra: string) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/customers?limit=7${extra}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await request(fx, 'agent', 'GET', url);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { items: Summary[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return seen;
    }

    const all = await walk('');
    expect(all).toHaveLength(53);
    expect(new Set(all).size).toBe(53);
    expect(all).toEqual(expected.map((r) => r.id));

    // Factory rows read back through the API contract, phones and addresses included.
    for (const seed of seeds.slice(0, 8)) {
      const res = await request(fx, 'agent', 'GET', `/customers/${seed.customer.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as CustomerBody;
      expect(body.name).toBe(seed.customer.name);
      expect(body.phones.map((p) => p.e164).sort()).toEqual(seed.phones.map((p) => p.e164).sort());
      expect(body.addresses).toHaveLength(seed.addresses.length);
      expect((await lookup(seed.phones[0]!.e164, fx)).matches.map((m) => m.id)).toContain(seed.customer.id);
    }

    const gold = await walk('&tier=gold');
    expect(gold).toHaveLength(seeds.filter((s) => s.customer.tier === 'gold').length);
    expect(new Set(gold).size).toBe(gold.length);
  });

  it('answers odd search and lookup input with 4xx or nothing found, never 5xx', async () => {
    const nul = await request(acme, 'agent', 'GET', '/customers?q=%00abc');
    expect(nul.statusCode).toBe(400);
    const long = await request(acme, 'agent', 'GET', `/customers?q=${'张'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect((await lookup('\u0000\u0000\u0000\u0000')).matches).toEqual([]);
    expect((await lookup('%%%%1380013')).matches.length).toBe(1);
    const short = await request(acme, 'agent', 'GET', '/customers/lookup?phone=138');
    expect(short.statusCode).toBe(400);
  });

  it('pages in the order of customers_tenant_created_idx, the keyset condition inside the index scan', async () => {
    const page = await explain(
      repo
        .findCustomerPage(t.database.db, acme.tenantId, {
          after: { createdAt: '2025-01-01T00:00:00.000123Z', id: '00000000-0000-4000-8000-000000000000' },
          limit: 51,
        })
        .toSQL(),
    );
    expect(page).toContain('customers_tenant_created_idx');
    // The index supplies the order: no sort of the tenant's customers before the limit.
    expect(page.split('SubPlan')[0]).not.toMatch(/\bSort\b/);
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['nonsense', Buffer.from('["x","y"]').toString('base64url'), 'W10']) {
      const res = await request(acme, 'agent', 'GET', `/customers?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('create', () => {
  it('normalises phones, makes the first primary and keeps the order', async () => {
    const c = await create({
      name: '陈晓明',
      phones: [{ number: '+86 139-0000-1234' }, { number: '0571 8888 8888', label: '单位' }],
      addresses: [hangzhou, { ...shenzhen, isDefault: true }],
    });
    expect(c.phones.map((p) => [p.e164, p.display, p.kind, p.isPrimary])).toEqual([
      ['+8613900001234', '139 0000 1234', 'mobile', true],
      ['+8657188888888', '0571 8888 8888', 'landline', false],
    ]);
    expect(c.phones[1]!.label).toBe('单位');
    expect(c.addresses.map((a) => [a.city, a.isDefault])).toEqual([
      ['深圳市', true],
      ['杭州市', false],
    ]);
    expect(c.version).toBe(1);
    const stored = await t.database.db
      .select({ searchText: schema.customers.searchText })
      .from(schema.customers)
      .where(eq(schema.customers.id, c.id));
    expect(stored[0]!.searchText).toBe('陈晓明 13900001234 +8613900001234 57188888888 +8657188888888');
  });

  it('refuses an invalid phone with the field named, and stores nothing', async () => {
    const before = await customerCount(acme.tenantId);
    const res = await request(acme, 'agent', 'POST', '/customers', {
      name: '赵敏',
      phones: [{ number: '13800001111' }, { number: '12345' }],
      addresses: [shenzhen],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'phones.1.number' })]),
    );
    expect(await customerCount(acme.tenantId)).toBe(before);
  });

  it('refuses the same number twice, two default addresses, and no phone at all', async () => {
    const before = await customerCount(acme.tenantId);
    const twice = await request(acme, 'agent', 'POST', '/customers', {
      name: '周杰',
      phones: [{ number: '13700001111' }, { number: '+86 137 0000 1111' }],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'phones.1.number' } });
    const defaults = await request(acme, 'agent', 'POST', '/customers', {
      name: '周杰',
      phones: [{ number: '13700001111' }],
      addresses: [
        { ...shenzhen, isDefault: true },
        { ...hangzhou, isDefault: true },
      ],
    });
    expect(defaults.statusCode).toBe(400);
    expect(defaults.json().error.details[0].path).toBe('addresses.1.isDefault');
    const none = await request(acme, 'agent', 'POST', '/customers', { name: '周杰', phones: [] });
    expect(none.statusCode).toBe(400);
    expect(await customerCount(acme.tenantId)).toBe(before);
  });

  it('creates once per Idempotency-Key and refuses the key with another body', async () => {
    const fx = await seedTenant(t.database, 'idem');
    const body = { name: '孙丽', phones: [{ number: '13512345678' }] };
    const headers = { 'idempotency-key': 'create-sunli-0001' };
    const first = await request(fx, 'agent', 'POST', '/customers', body, headers);
    const second = await request(fx, 'agent', 'POST', '/customers', body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(await customerCount(fx.tenantId)).toBe(1);
    const changed = await request(fx, 'agent', 'POST', '/customers', { ...body, name: '孙丽丽' }, headers);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await customerCount(fx.tenantId)).toBe(1);
  });

  it('never answers 5xx to arbitrary bodies, and stores nothing when it answers 4xx', async () => {
    const fx = await seedTenant(t.database, 'fuzz');
    // A valid body with some of its fields replaced by junk, or junk altogether.
    const valid = fc.record(
      {
        kind: fc.constantFrom('person', 'company'),
        name: fc.constantFrom('张三', ' 李四 ', 'Wang Fang', '欧阳子轩'),
        email: fc.constantFrom('zhang.san@qq.com', 'LI@163.COM'),
        tier: fc.constantFrom('standard', 'silver', 'gold', 'vip'),
        valueFen: fc.integer({ min: 0, max: 1e9 }),
        phones: fc.array(
          fc.record({
            number: fc.constantFrom('13800138000', '0755-86012345', '+1 650 253 0000', '010 6552 9988'),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        addresses: fc.array(fc.constantFrom(shenzhen, hangzhou), { maxLength: 2 }),
      },
      { requiredKeys: ['name', 'phones'] },
    );
    const junk = {
      kind: fc.oneof(fc.constantFrom('robot', ''), fc.jsonValue()),
      name: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.constantFrom('', '  ', 'a\u0000b'),
        fc.jsonValue(),
      ),
      companyName: fc.oneof(fc.string({ unit: 'binary', maxLength: 220 }), fc.jsonValue()),
      email: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('a\u0000b@example.com'), fc.jsonValue()),
      tier: fc.oneof(fc.constantFrom('platinum', 'VIP'), fc.integer()),
      valueFen: fc.oneof(fc.double(), fc.constantFrom(1e20, -1, 2 ** 63, '100')),
      consent: fc.oneof(fc.record({ serviceCalls: fc.jsonValue(), marketing: fc.boolean() }), fc.jsonValue()),
      notes: fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constant('x'.repeat(2001))),
      phones: fc.oneof(
        fc.array(
          fc.record({
            number: fc.oneof(
              fc.constantFrom('12345', '138\u00000013', '', '+86', '13800138000'),
              fc.string({ unit: 'binary', maxLength: 45 }),
              fc.jsonValue(),
            ),
            label: fc.option(fc.string({ unit: 'binary', maxLength: 35 }), { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        fc.jsonValue(),
      ),
      addresses: fc.oneof(
        fc.array(
          fc.record({
            provinceCode: fc.oneof(fc.constant('440000'), fc.string({ maxLength: 8 })),
            cityCode: fc.constant('440300'),
            province: fc.string({ unit: 'binary', maxLength: 55 }),
            city: fc.string({ maxLength: 10 }),
            detail: fc.string({ unit: 'binary', maxLength: 210 }),
            lat: fc.oneof(fc.double(), fc.constant(91)),
            isDefault: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        fc.jsonValue(),
      ),
    };
    const keys = Object.keys(junk) as (keyof typeof junk)[];
    const mutated = fc.tuple(valid, fc.subarray(keys), fc.record(junk)).map(([body, spoilt, bad]) => {
      const out: Record<string, unknown> = { ...body };
      for (const k of spoilt) out[k] = bad[k];
      return out;
    });
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: fc.jsonValue(), weight: 1 }),
        async (body) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/customers',
            headers: { ...fx.as('agent'), 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode === 201) stored++;
          else {
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
            refused++;
          }
          expect(await customerCount(fx.tenantId)).toBe(stored);
        },
      ),
      { numRuns: 150, seed: 20240601 },
    );
    // Both outcomes were exercised, not only refusals.
    expect(stored).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});

describe('changes', () => {
  it('changes fields with the current version, audits the diff, and refuses a stale version', async () => {
    const c = await create({ name: '刘洋', phones: [{ number: '13811112222' }] });
    const ok = await request(acme, 'agent', 'PATCH', `/customers/${c.id}`, {
      version: 1,
      tier: 'gold',
      email: 'Liu.Yang@qq.com',
      name: '刘洋',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ tier: 'gold', email: 'liu.yang@qq.com', version: 2 });
    expect((await search('liu.yang@qq')).map((s) => s.id)).toEqual([c.id]);

    const stale = await request(acme, 'agent', 'PATCH', `/customers/${c.id}`, { version: 1, tier: 'vip' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { entity: 'customer', id: c.id, currentVersion: 2 },
    });
    const now = (await request(acme, 'agent', 'GET', `/customers/${c.id}`)).json();
    expect(now.tier).toBe('gold');

    const audit = await auditOf(acme.tenantId, c.id);
    expect(audit.map((a) => a.action)).toEqual(['customer.created', 'customer.changed']);
    expect(audit[1]!.changes).toEqual({
      tier: { from: 'standard', to: 'gold' },
      email: { from: null, to: 'liu.yang@qq.com' },
    });
  });

  it('adds and removes phones with the customer version, keeping search and lookup in step', async () => {
    const c = await create({ name: '黄磊', phones: [{ number: '13822223333' }] });
    const dup = await request(acme, 'agent', 'POST', `/customers/${c.id}/phones`, {
      version: 1,
      number: '138-2222-3333',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');

    const added = await request(acme, 'agent', 'POST', `/customers/${c.id}/phones`, {
      version: 1,
      number: '020-83334444',
      label: '家',
    });
    expect(added.statusCode, added.body).toBe(201);
    const afterAdd = added.json() as CustomerBody;
    expect(afterAdd.version).toBe(2);
    expect(afterAdd.phones.map((p) => [p.display, p.isPrimary])).toEqual([
      ['138 2222 3333', true],
      ['020 8333 4444', false],
    ]);
    expect((await lookup('02083334444')).matches.map((m) => m.id)).toEqual([c.id]);
    expect((await search('2083334444')).map((s) => s.id)).toEqual([c.id]);

    const stale = await request(acme, 'agent', 'POST', `/customers/${c.id}/phones`, {
      version: 1,
      number: '13900009999',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(2);

    const primaryId = afterAdd.phones[0]!.id;
    const removed = await request(
      acme,
      'agent',
      'DELETE',
      `/customers/${c.id}/phones/${primaryId}?version=2`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    const afterRemove = removed.json() as CustomerBody;
    expect(afterRemove.version).toBe(3);
    expect(afterRemove.phones.map((p) => [p.display, p.isPrimary])).toEqual([['020 8333 4444', true]]);
    expect((await lookup('13822223333')).matches).toEqual([]);
    expect(await search('13822223333')).toEqual([]);

    const last = await request(
      acme,
      'agent',
      'DELETE',
      `/customers/${c.id}/phones/${afterRemove.phones[0]!.id}?version=3`,
    );
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('CUSTOMER_LAST_PHONE');

    const audit = await auditOf(acme.tenantId, c.id);
    expect(audit.map((a) => a.action)).toEqual([
      'customer.created',
      'customer.phone_added',
      'customer.phone_removed',
    ]);
  });

  it('adds and removes addresses: one default at a time', async () => {
    const c = await create({ name: '吴敏', phones: [{ number: '13833334444' }], addresses: [shenzhen] });
    expect(c.addresses[0]!.isDefault).toBe(true);
    const added = await request(acme, 'agent', 'POST', `/customers/${c.id}/addresses`, {
      ...hangzhou,
      isDefault: true,
      version: 1,
    });
    expect(added.statusCode, added.body).toBe(201);
    const body = added.json() as CustomerBody;
    expect(body.version).toBe(2);
    expect(body.addresses.map((a) => [a.city, a.isDefault])).toEqual([
      ['杭州市', true],
      ['深圳市', false],
    ]);
    const summary = (await lookup('13833334444')).matches[0]!;
    expect(summary.city).toBe('杭州市');

    const removed = await request(
      acme,
      'agent',
      'DELETE',
      `/customers/${c.id}/addresses/${body.addresses[0]!.id}?version=2`,
    );
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as CustomerBody).addresses.map((a) => a.city)).toEqual(['深圳市']);
    const missing = await request(
      acme,
      'agent',
      'DELETE',
      `/customers/${c.id}/addresses/${body.addresses[0]!.id}?version=3`,
    );
    expect(missing.statusCode).toBe(404);
    const noVersion = await request(
      acme,
      'agent',
      'DELETE',
      `/customers/${c.id}/addresses/${body.addresses[1]!.id}`,
    );
    expect(noVersion.statusCode).toBe(400);
  });

  it('churns and reactivates a customer', async () => {
    const c = await create({ name: '郑凯', phones: [{ number: '13844445555' }] });
    const churned = await request(acme, 'agent', 'POST', `/customers/${c.id}/churn`, {
      version: 1,
      reason: '维修多次仍未解决',
    });
    expect(churned.statusCode, churned.body).toBe(200);
    expect(churned.json()).toMatchObject({ status: 'churned', churnReason: '维修多次仍未解决', version: 2 });
    expect(Date.parse(churned.json().churnedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await search('郑凯', acme, '&status=churned')).map((s) => s.id)).toEqual([c.id]);
    expect(await search('郑凯', acme, '&status=active')).toEqual([]);

    const again = await request(acme, 'agent', 'POST', `/customers/${c.id}/churn`, {
      version: 2,
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CUSTOMER_STATUS_UNCHANGED');

    const back = await request(acme, 'agent', 'POST', `/customers/${c.id}/reactivate`, { version: 2 });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', churnReason: null, churnedAt: null, version: 3 });
    const audit = await auditOf(acme.tenantId, c.id);
    expect(audit.map((a) => a.action)).toEqual([
      'customer.created',
      'customer.churned',
      'customer.reactivated',
    ]);
    expect(audit[1]!.changes).toMatchObject({ reason: '维修多次仍未解决' });
  });
});

describe('access', () => {
  let c: CustomerBody;
  beforeAll(async () => {
    c = await create({ name: '马丽', phones: [{ number: '13855556666' }], addresses: [shenzhen] });
  });

  it('answers 404 for another tenant’s customer, on reads and writes alike', async () => {
    const get = await request(other, 'agent', 'GET', `/customers/${c.id}`);
    expect(get.statusCode).toBe(404);
    expect(get.json().error.code).toBe('NOT_FOUND');
    const patch = await request(other, 'agent', 'PATCH', `/customers/${c.id}`, { version: 1, tier: 'vip' });
    expect(patch.statusCode).toBe(404);
    const phone = await request(other, 'agent', 'POST', `/customers/${c.id}/phones`, {
      version: 1,
      number: '13900001111',
    });
    expect(phone.statusCode).toBe(404);
    const del = await request(
      other,
      'agent',
      'DELETE',
      `/customers/${c.id}/phones/${c.phones[0]!.id}?version=1`,
    );
    expect(del.statusCode).toBe(404);
    const churn = await request(other, 'agent', 'POST', `/customers/${c.id}/churn`, {
      version: 1,
      reason: 'x',
    });
    expect(churn.statusCode).toBe(404);
    const unchanged = (await request(acme, 'agent', 'GET', `/customers/${c.id}`)).json() as CustomerBody;
    expect(unchanged.version).toBe(1);
    expect(unchanged.phones).toHaveLength(1);
  });

  it('refuses technicians and partner managers everything, and lets a dispatcher read but not write', async () => {
    for (const role of ['technician', 'partner_manager'] as const) {
      const calls = [
        () => request(acme, role, 'GET', '/customers/lookup?phone=13855556666'),
        () => request(acme, role, 'GET', '/customers'),
        () => request(acme, role, 'GET', `/customers/${c.id}`),
        () =>
          request(acme, role, 'POST', '/customers', { name: '越权', phones: [{ number: '13900002222' }] }),
        () => request(acme, role, 'PATCH', `/customers/${c.id}`, { version: 1, tier: 'vip' }),
        () => request(acme, role, 'POST', `/customers/${c.id}/phones`, { version: 1, number: '13900002222' }),
        () => request(acme, role, 'DELETE', `/customers/${c.id}/phones/${c.phones[0]!.id}?version=1`),
        () => request(acme, role, 'POST', `/customers/${c.id}/churn`, { version: 1, reason: 'x' }),
      ];
      for (const call of calls) {
        const res = await call();
        expect(res.statusCode, `${role} ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect((await request(acme, 'dispatcher', 'GET', `/customers/${c.id}`)).statusCode).toBe(200);
    const write = await request(acme, 'dispatcher', 'PATCH', `/customers/${c.id}`, {
      version: 1,
      tier: 'vip',
    });
    expect(write.statusCode).toBe(403);
    expect((await lookup('13900002222')).matches).toEqual([]);
  });
});
