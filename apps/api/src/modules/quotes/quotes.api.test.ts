import { schema } from '@manyi/db';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
let unitId: string;
const items: Record<string, string> = {};

type Headers = Record<string, string>;
async function api(method: string, url: string, headers: Headers, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const yearsAgo = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return isoDay(d);
};

async function openRepair(extra: Record<string, unknown> = {}) {
  const r = await api('POST', '/tickets', acme.as('agent'), {
    type: 'repair',
    description: '空调不制冷，外机不启动',
    customerId,
    unitId,
    ...extra,
  });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; version: number };
}

/** Dispatches to the fixture's service point and technician (the visibility rule for partners). */
async function dispatch(ticketId: string) {
  const tk = (await api('GET', `/tickets/${ticketId}`, acme.as('agent'))).json();
  const r = await api('POST', `/tickets/${ticketId}/assign`, acme.as('dispatcher'), {
    version: tk.version,
    teamId: acme.servicePointId,
    assigneeId: acme.users.technician.id,
  });
  expect(r.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const db = t.database.db;
  const [policy] = await db
    .insert(schema.warrantyPolicies)
    .values({
      tenantId: acme.tenantId,
      name: '整机一年、压缩机十年',
      startsFrom: 'purchase',
      wholeUnitMonths: 12,
      parts: [{ partClass: 'compressor', months: 120 }],
    })
    .returning();
  const [model] = await db
    .insert(schema.productModels)
    .values({
      tenantId: acme.tenantId,
      code: 'KFR-35GW',
      name: '壁挂式空调 1.5 匹',
      category: 'air_conditioner',
      warrantyPolicyId: policy!.id,
    })
    .returning();
  const [c] = await db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '钱芳', tier: 'standard', searchText: '钱芳' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  const [u] = await db
    .insert(schema.units)
    .values({
      tenantId: acme.tenantId,
      customerId,
      modelId: model!.id,
      serialNumber: 'SN-AC-0001',
      purchaseDate: yearsAgo(3),
    })
    .returning({ id: schema.units.id });
  unitId = u!.id;

  const add = async (body: Record<string, unknown>) => {
    const r = await api('POST', '/price-items', acme.as('admin'), body);
    expect(r.statusCode).toBe(201);
    items[body.code as string] = r.json().id;
  };
  await add({
    kind: 'part',
    code: 'P-COMP-35',
    name: '压缩机（1.5 匹）',
    priceFen: 86_000,
    partClass: 'compressor',
  });
  await add({
    kind: 'labour',
    code: 'L-COMP',
    name: '更换压缩机工时',
    priceFen: 25_000,
    partClass: 'compressor',
  });
  await add({ kind: 'part', code: 'P-CAP', name: '启动电容', priceFen: 4_500, partClass: 'pcb' });
  await add({ kind: 'call_out', code: 'C-OUT', name: '上门费', priceFen: 5_000 });
  await add({ kind: 'service', code: 'cleaning', name: '深度清洗保养', priceFen: 12_000 });
});
afterAll(() => t.close());

describe('price list', () => {
  it('is managed by pricing.manage; others read it', async () => {
    expect((await api('GET', '/price-items', acme.as('technician'))).json().items).toHaveLength(5);
    const denied = await api('POST', '/price-items', acme.as('agent'), {
      kind: 'part',
      code: 'X',
      name: 'x',
      priceFen: 1,
    });
    expect(denied.statusCode).toBe(403);
    const dup = await api('POST', '/price-items', acme.as('admin'), {
      kind: 'part',
      code: 'P-CAP',
      name: '重复',
      priceFen: 1,
    });
    expect(dup.statusCode).toBe(409);
    const neg = await api('POST', '/price-items', acme.as('admin'), {
      kind: 'part',
      code: 'NEG',
      name: '负价',
      priceFen: -1,
    });
    expect(neg.statusCode).toBe(400);
    const cap = (await api('GET', '/price-items?q=P-CAP', acme.as('admin'))).json().items[0];
    const changed = await api('PATCH', `/price-items/${cap.id}`, acme.as('supervisor'), {
      version: cap.version,
      priceFen: 4_800,
    });
    expect(changed.json()).toMatchObject({ priceFen: 4_800, version: 2 });
    const stale = await api('PATCH', `/price-items/${cap.id}`, acme.as('supervisor'), {
      version: cap.version,
      priceFen: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await api('GET', '/price-items', other.as('admin'))).json().items).toHaveLength(0);
  });
});

describe('quotes', () => {
  it('price warranty-covered parts and labour at zero with the reason; the rest at list price', async () => {
    const tk = await openRepair();
    const r = await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
      lines: [
        { priceItemId: items['P-COMP-35'] },
        { priceItemId: items['L-COMP'] },
        { priceItemId: items['P-CAP'], quantity: 2 },
        { priceItemId: items['C-OUT'] },
        { kind: 'part', name: '铜管加长 1 米', unitPriceFen: 6_000, adHocReason: '用户要求移位后加长' },
      ],
    });
    expect(r.statusCode).toBe(201);
    const q = r.json();
    expect(q.status).toBe('draft');
    const [comp, labour, cap, callOut, adHoc] = q.lines;
    // 3 years after purchase: whole unit (12 months) expired, compressor (120 months) still covered.
    expect(comp).toMatchObject({ unitPriceFen: 0, amountFen: 0, listPriceFen: 86_000 });
    expect(comp.coverage).toMatchObject({ basis: 'warranty', partClass: 'compressor', months: 120 });
    expect(labour).toMatchObject({ unitPriceFen: 0, coverage: { partClass: 'compressor', months: 120 } });
    expect(cap).toMatchObject({ unitPriceFen: 4_800, amountFen: 9_600, coverage: null });
    expect(callOut).toMatchObject({ amountFen: 5_000, coverage: null });
    expect(adHoc).toMatchObject({ amountFen: 6_000, adHocReason: '用户要求移位后加长', priceItemId: null });
    expect(q.totalFen).toBe(9_600 + 5_000 + 6_000);
    expect(q.listTotalFen).toBe(86_000 + 25_000 + 9_600 + 5_000 + 6_000);
  });

  it('within the whole-unit warranty the call-out fee is free too; agreement-included services are free', async () => {
    const db = t.database.db;
    await db
      .update(schema.units)
      .set({ purchaseDate: yearsAgo(0) })
      .where(eq(schema.units.id, unitId));
    try {
      const tk = await openRepair();
      const q = (
        await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
          lines: [
            { priceItemId: items['C-OUT'] },
            { priceItemId: items['P-CAP'] },
            // Extra work the customer asked for: not a warranty repair, priced as entered.
            { kind: 'part', name: '铜管加长 1 米', unitPriceFen: 6_000, adHocReason: '客户要求外机移位' },
          ],
        })
      ).json();
      expect(q.lines[0].coverage).toMatchObject({ basis: 'warranty', partClass: null, months: 12 });
      expect(q.lines[1].coverage).toMatchObject({ basis: 'warranty', reason: 'covered_whole_unit' });
      expect(q.lines[2]).toMatchObject({ coverage: null, amountFen: 6_000 });
      expect(q.totalFen).toBe(6_000);
    } finally {
      await db
        .update(schema.units)
        .set({ purchaseDate: yearsAgo(3) })
        .where(eq(schema.units.id, unitId));
    }
  });

  it('refuse empty quotes, inactive items, other tenants’ items and non-field work orders', async () => {
    const tk = await openRepair();
    const empty = await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), { lines: [] });
    expect(empty.json().error.code).toBe('QUOTE_EMPTY');
    const foreign = (
      await api('POST', '/price-items', other.as('admin'), {
        kind: 'part',
        code: 'F',
        name: 'f',
        priceFen: 1,
      })
    ).json();
    const cross = await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
      lines: [{ priceItemId: foreign.id }],
    });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().error.code).toBe('REFERENCE_INVALID');
    const inquiry = await openRepair({ type: 'inquiry' });
    const na = await api('POST', `/tickets/${inquiry.id}/quotes`, acme.as('agent'), {
      lines: [{ priceItemId: items['C-OUT'] }],
    });
    expect(na.json().error.code).toBe('QUOTE_NOT_APPLICABLE');
    const n = await t.database.db.select().from(schema.quotes).where(eq(schema.quotes.ticketId, inquiry.id));
    expect(n).toHaveLength(0);
  });

  it('prefill a draft from the paid services offered at intake', async () => {
    const tk = await openRepair();
    await t.database.db.insert(schema.ticketEvents).values([
      {
        tenantId: acme.tenantId,
        ticketId: tk.id,
        kind: 'quote_offered',
        data: { code: 'cleaning', name: '深度清洗保养', priceFen: 12_000 },
      },
      {
        tenantId: acme.tenantId,
        ticketId: tk.id,
        kind: 'quote_offered',
        data: { code: 'relocation', name: '移机（含拆装）', priceFen: 30_000 },
      },
    ]);
    const money = (await api('GET', `/tickets/${tk.id}/money`, acme.as('agent'))).json();
    expect(money.offers.map((o: { code: string }) => o.code)).toEqual(['cleaning', 'relocation']);
    const q = (await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), { fromOffers: true })).json();
    expect(q.lines).toHaveLength(2);
    expect(q.lines[0]).toMatchObject({ priceItemId: items.cleaning, amountFen: 12_000 });
    expect(q.lines[1]).toMatchObject({ priceItemId: null, name: '移机（含拆装）', amountFen: 30_000 });
    expect(q.totalFen).toBe(42_000);
    expect((await api('GET', `/tickets/${tk.id}/money`, acme.as('agent'))).json().offers).toEqual([]);
  });

  it('are accepted by signed link once; the link shows lines and reasons; charges follow', async () => {
    const tk = await openRepair();
    const q = (
      await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
        lines: [{ priceItemId: items['P-COMP-35'] }, { priceItemId: items['C-OUT'] }],
      })
    ).json();
    // Nothing is charged before the customer accepts.
    expect((await api('GET', `/tickets/${tk.id}/money`, acme.as('agent'))).json().chargedFen).toBe(0);
    const sent = await api('POST', `/quotes/${q.id}/send`, acme.as('agent'), { version: q.version });
    expect(sent.statusCode).toBe(200);
    const { link, quote } = sent.json();
    expect(quote.status).toBe('sent');
    expect(link.path).toMatch(/^\/p\/quote\/[A-Za-z0-9_-]+$/);
    const token = link.path.split('/').at(-1);
    // A sent quote can no longer be edited.
    const edit = await api('PATCH', `/quotes/${q.id}`, acme.as('agent'), {
      version: quote.version,
      note: 'x',
    });
    expect(edit.json().error.code).toBe('QUOTE_NOT_EDITABLE');

    const view = await t.app.inject({ url: `/api/v1/public/quote/${token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      canDecide: true,
      totalFen: 5_000,
      customerName: '钱芳',
      status: 'sent',
    });
    expect(view.json().lines[0].coverage).toMatchObject({ partClass: 'compressor', months: 120 });
    expect(JSON.stringify(view.json())).not.toContain(acme.users.agent.id);

    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quote/${token}/decision`,
      payload: { decision: 'accepted', customerName: '钱芳' },
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ status: 'accepted', canDecide: false, decidedByName: '钱芳' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quote/${token}/decision`,
      payload: { decision: 'declined', customerName: '钱芳' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LINK_USED');

    const money = (await api('GET', `/tickets/${tk.id}/money`, acme.as('agent'))).json();
    expect(money.quotes[0]).toMatchObject({ status: 'accepted', decidedVia: 'link' });
    expect(money.charges).toHaveLength(2);
    expect(money.charges.map((c: { amountFen: number }) => c.amountFen)).toEqual([0, 5_000]);
    expect(money.charges[0].coverage).toMatchObject({ partClass: 'compressor' });
    expect(money).toMatchObject({ chargedFen: 5_000, paidFen: 0, balanceFen: 5_000 });
    // The work order's timeline tells the story: sent by the agent, accepted by the customer through the link.
    const timeline = (await api('GET', `/tickets/${tk.id}/timeline`, acme.as('agent'))).json().items as {
      kind: string;
      authorId: string | null;
      data: Record<string, unknown>;
    }[];
    const steps = timeline.filter((e) => e.kind === 'quote');
    expect(steps.map((e) => e.data['action'])).toEqual(['sent', 'accepted']);
    expect(steps[0]).toMatchObject({
      authorId: acme.users.agent.id,
      data: { quoteId: q.id, totalFen: 5_000 },
    });
    expect(steps[1]).toMatchObject({
      authorId: null,
      data: { quoteId: q.id, via: 'link', customerName: '钱芳', totalFen: 5_000, currency: 'CNY' },
    });
  });

  it('a declined link leaves no charges; an expired link is refused with 410', async () => {
    const tk = await openRepair();
    const mk = async () =>
      (
        await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
          lines: [{ priceItemId: items['P-CAP'] }],
        })
      ).json();
    const q1 = await mk();
    const token1 = (await api('POST', `/quotes/${q1.id}/send`, acme.as('agent'), { version: q1.version }))
      .json()
      .link.path.split('/')
      .at(-1);
    const declined = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quote/${token1}/decision`,
      payload: { decision: 'declined', customerName: '钱芳', reason: '太贵了，先不修' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined' });
    const reuse = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quote/${token1}/decision`,
      payload: { decision: 'accepted', customerName: '钱芳' },
    });
    expect(reuse.json().error.code).toBe('LINK_USED');

    const q2 = await mk();
    const token2 = (await api('POST', `/quotes/${q2.id}/send`, acme.as('agent'), { version: q2.version }))
      .json()
      .link.path.split('/')
      .at(-1);
    const past = new Date(Date.now() - 60_000);
    await t.database.db.update(schema.quotes).set({ validUntil: past }).where(eq(schema.quotes.id, q2.id));
    await t.database.db
      .update(schema.publicLinks)
      .set({ expiresAt: past })
      .where(eq(schema.publicLinks.subjectId, q2.id));
    const expired = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quote/${token2}/decision`,
      payload: { decision: 'accepted', customerName: '钱芳' },
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('LINK_EXPIRED');
    const onSite = await api('POST', `/quotes/${q2.id}/decision`, acme.as('agent'), {
      version: q2.version + 1,
      decision: 'accepted',
      customerName: '钱芳',
    });
    expect(onSite.json().error.code).toBe('QUOTE_EXPIRED');
    const money = (await api('GET', `/tickets/${tk.id}/money`, acme.as('agent'))).json();
    expect(money.quotes.map((q: { status: string }) => q.status).sort()).toEqual(['declined', 'expired']);
    expect(money.charges).toHaveLength(0);
    const bogus = await t.app.inject({ url: '/api/v1/public/quote/AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(bogus.statusCode).toBe(404);
  });

  it('charges come only from accepted quotes: a paid part used without one is refused', async () => {
    const tk = await openRepair();
    await dispatch(tk.id);
    // Covered by the compressor's warranty: recorded at no charge, with the reason.
    const free = await api('POST', `/tickets/${tk.id}/parts-used`, acme.as('technician'), {
      priceItemId: items['P-COMP-35'],
    });
    expect(free.statusCode).toBe(201);
    expect(free.json()).toMatchObject({
      amountFen: 0,
      source: 'part_used',
      coverage: { partClass: 'compressor' },
    });
    const paid = await api('POST', `/tickets/${tk.id}/parts-used`, acme.as('technician'), {
      priceItemId: items['P-CAP'],
    });
    expect(paid.statusCode).toBe(409);
    expect(paid.json().error.code).toBe('QUOTE_REQUIRED');

    // The technician quotes on site; the customer accepts in front of them.
    const q = (
      await api('POST', `/tickets/${tk.id}/quotes`, acme.as('technician'), {
        lines: [{ priceItemId: items['P-CAP'] }],
      })
    ).json();
    const noName = await api('POST', `/quotes/${q.id}/decision`, acme.as('technician'), {
      version: q.version,
      decision: 'accepted',
    });
    expect(noName.statusCode).toBe(400);
    const ok = await api('POST', `/quotes/${q.id}/decision`, acme.as('technician'), {
      version: q.version,
      decision: 'accepted',
      customerName: '钱芳',
    });
    expect(ok.json()).toMatchObject({ status: 'accepted', decidedVia: 'on_site', decidedByName: '钱芳' });
    const twice = await api('POST', `/quotes/${q.id}/decision`, acme.as('technician'), {
      version: ok.json().version,
      decision: 'declined',
      customerName: '钱芳',
    });
    expect(twice.json().error.code).toBe('QUOTE_NOT_PENDING');
    const nowOnQuote = await api('POST', `/tickets/${tk.id}/parts-used`, acme.as('technician'), {
      priceItemId: items['P-CAP'],
    });
    expect(nowOnQuote.statusCode).toBe(201);
    expect(nowOnQuote.json()).toMatchObject({ source: 'quote_line', amountFen: 4_800 });
    const money = (await api('GET', `/tickets/${tk.id}/money`, acme.as('technician'))).json();
    expect(money.charges).toHaveLength(2); // the free compressor and the accepted capacitor, not doubled
    expect(money.chargedFen).toBe(4_800);
  });

  it('payments reduce the balance and may not exceed it; idempotent', async () => {
    const tk = await openRepair();
    const q = (
      await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
        lines: [{ priceItemId: items['C-OUT'] }, { priceItemId: items['P-CAP'], quantity: 2 }],
      })
    ).json();
    await api('POST', `/quotes/${q.id}/decision`, acme.as('agent'), {
      version: q.version,
      decision: 'accepted',
      customerName: '钱芳',
    });
    const headers = { ...acme.as('agent'), 'idempotency-key': `pay-${tk.id}` };
    const pay = { method: 'wechat', amountFen: 10_000, reference: '4200001234202611230001' };
    const first = await api('POST', `/tickets/${tk.id}/payments`, headers, pay);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ chargedFen: 14_600, paidFen: 10_000, balanceFen: 4_600 });
    const retry = await api('POST', `/tickets/${tk.id}/payments`, headers, pay);
    expect(retry.json().paidFen).toBe(10_000);
    const over = await api('POST', `/tickets/${tk.id}/payments`, acme.as('agent'), {
      method: 'cash',
      amountFen: 4_601,
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'PAYMENT_EXCEEDS_BALANCE',
      details: { balanceFen: 4_600 },
    });
    const rest = await api('POST', `/tickets/${tk.id}/payments`, acme.as('agent'), {
      method: 'cash',
      amountFen: 4_600,
      reference: 'SJ-0001',
    });
    expect(rest.json()).toMatchObject({ balanceFen: 0, paidFen: 14_600 });
    expect(rest.json().payments.map((p: { method: string }) => p.method)).toEqual(['wechat', 'cash']);
    const badMethod = await api('POST', `/tickets/${tk.id}/payments`, acme.as('agent'), {
      method: 'bitcoin',
      amountFen: 1,
    });
    expect(badMethod.statusCode).toBe(400);
  });

  it('follow the work order’s visibility: another service point, technician or tenant sees nothing', async () => {
    const tk = await openRepair();
    const q = (
      await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
        lines: [{ priceItemId: items['C-OUT'] }],
      })
    ).json();
    // Not yet dispatched: the partner and technician cannot see it.
    expect((await api('GET', `/tickets/${tk.id}/money`, acme.as('partner_manager'))).statusCode).toBe(404);
    expect((await api('GET', `/quotes/${q.id}`, acme.as('technician'))).statusCode).toBe(404);
    expect((await api('GET', `/quotes/${q.id}`, other.as('admin'))).statusCode).toBe(404);
    const foreignPay = await api('POST', `/tickets/${tk.id}/payments`, other.as('admin'), {
      method: 'cash',
      amountFen: 1,
    });
    expect(foreignPay.statusCode).toBe(404);
    await dispatch(tk.id);
    expect((await api('GET', `/tickets/${tk.id}/money`, acme.as('partner_manager'))).statusCode).toBe(200);
    expect((await api('GET', `/quotes/${q.id}`, acme.as('technician'))).statusCode).toBe(200);
  });
});

describe('money and custody writes under arbitrary input', () => {
  it('never answer 5xx', async () => {
    const tk = await openRepair();
    const q = (
      await api('POST', `/tickets/${tk.id}/quotes`, acme.as('agent'), {
        lines: [{ priceItemId: items['C-OUT'] }],
      })
    ).json();
    const urls = [
      '/price-items',
      `/tickets/${tk.id}/quotes`,
      `/quotes/${q.id}/send`,
      `/quotes/${q.id}/decision`,
      `/tickets/${tk.id}/parts-used`,
      `/tickets/${tk.id}/payments`,
      '/custody/items',
      `/custody/items/${q.id}/move`,
      `/custody/incidents/${q.id}/close`,
      '/public/quote/AAAAAAAAAAAAAAAAAAAAAAAA/decision',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), fc.jsonValue({ maxDepth: 3 }), async (url, body) => {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1${url}`,
          headers: { ...acme.as('admin'), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });
});
