import { can, roles } from '@manyi/contracts';
import { schema } from '@manyi/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from './harness';

/**
 * The access matrix over EVERY route the app registers (new routes are covered automatically):
 * - a role without a route's permission gets 403;
 * - no role of tenant A ever reads, changes or creates anything of tenant B through any route.
 */

let t: TestApp;
let a: TenantFixture;
let b: TenantFixture;
const SECRET = 'ZZSECRETB';
/** One real record id of tenant B per path parameter name / resource. */
const bIds: Record<string, string> = {};

async function tenantRowCounts(tenantId: string) {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (typeof table !== 'object' || !table || !('tenantId' in table)) continue;
    // biome-ignore lint/suspicious/noExplicitAny: iterating over heterogeneous Drizzle tables
    const tbl = table as any;
    counts[name] = await t.database.db.$count(tbl, eq(tbl.tenantId, tenantId));
  }
  const versions = await t.database.db.execute(
    sql`SELECT (SELECT coalesce(sum(version),0) FROM tickets WHERE tenant_id = ${tenantId}) +
               (SELECT coalesce(sum(version),0) FROM customers WHERE tenant_id = ${tenantId}) +
               (SELECT coalesce(sum(version),0) FROM users WHERE tenant_id = ${tenantId}) AS v`,
  );
  counts.versionSum = Number((versions as unknown as { rows: { v: number }[] }).rows[0]!.v);
  return counts;
}

async function seedB() {
  const h = b.as('admin');
  const post = async (url: string, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers: h, payload: payload as object });
    return r.statusCode === 201 ? r.json() : null;
  };
  const customer = await post('/api/v1/customers', {
    name: `${SECRET}客户`,
    phones: [{ number: '13912345678' }],
    addresses: [
      {
        provinceCode: '440000',
        cityCode: '440300',
        province: '广东省',
        city: '深圳市',
        detail: `${SECRET}路1号`,
      },
    ],
  });
  let customerId: string = customer?.id;
  if (!customerId) {
    const [c] = await t.database.db
      .insert(schema.customers)
      .values({ tenantId: b.tenantId, name: `${SECRET}客户`, searchText: SECRET })
      .returning({ id: schema.customers.id });
    customerId = c!.id;
  }
  bIds.customers = customerId;
  if (customer?.phones?.[0]) bIds.phoneId = customer.phones[0].id;
  if (customer?.addresses?.[0]) bIds.addressId = customer.addresses[0].id;
  const policy = await post('/api/v1/warranty-policies', {
    name: `${SECRET}保修`,
    wholeUnitMonths: 12,
    parts: [],
  });
  if (policy) bIds['warranty-policies'] = policy.id;
  const model = await post('/api/v1/product-models', {
    code: `${SECRET}-1`,
    name: `${SECRET}空调`,
    category: 'air_conditioner',
    warrantyPolicyId: policy?.id ?? null,
  });
  if (model) bIds['product-models'] = model.id;
  const unit = model
    ? await post(`/api/v1/customers/${customerId}/units`, {
        modelId: model.id,
        serialNumber: `${SECRET}SN`,
        purchaseDate: '2025-06-01',
      })
    : null;
  if (unit) bIds.units = unit.id;
  const ticket = await post('/api/v1/tickets', {
    type: 'repair',
    description: `${SECRET}工单`,
    customerId,
    teamId: b.servicePointId,
  });
  bIds.tickets = ticket.id;
  await post(`/api/v1/tickets/${ticket.id}/notes`, { body: `${SECRET}备注` });
  const token = await post('/api/v1/api-tokens', { name: `${SECRET}令牌` });
  bIds['api-tokens'] = token.id;
  bIds.users = b.users.agent.id;
  bIds.teams = b.teamId;
  const [att] = await t.database.db
    .insert(schema.attachments)
    .values({
      tenantId: b.tenantId,
      ticketId: ticket.id,
      fileName: `${SECRET}.png`,
      contentType: 'image/png',
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      storageKey: `${b.tenantId}/${ticket.id}/${'a'.repeat(64)}`,
    })
    .returning({ id: schema.attachments.id });
  bIds.attachments = att!.id;
}

/** Fills a route's path parameters with tenant B's ids (by resource name, then by parameter name). */
function urlWithBIds(url: string) {
  const resource = url.split('/')[3] ?? '';
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id') return bIds[resource] ?? '00000000-0000-4000-8000-000000000001';
    if (name === 'customerId') return bIds.customers!;
    return bIds[name] ?? bIds[`${name.replace(/Id$/, '')}s`] ?? '00000000-0000-4000-8000-000000000001';
  });
}

const plausibleBody = {
  version: 1,
  name: 'x',
  to: 'open',
  body: 'x',
  tags: [],
  teamId: null,
  assigneeId: null,
  reason: 'x',
};

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.database, 'tenant-a');
  b = await seedTenant(t.database, 'tenant-b');
  await seedB();
});
afterAll(() => t.close());

describe('access matrix', () => {
  it('covers the routes the app registers', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(20);
  });

  it('refuses every role that lacks a route permission with 403', async () => {
    for (const route of t.app.routeTable.filter((r) => r.permission && !r.stream)) {
      for (const role of roles.filter((r) => !can(r, route.permission!))) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: urlWithBIds(route.url).replace(/\/[0-9a-f-]{36}/g, '/00000000-0000-4000-8000-000000000002'),
          headers: a.as(role),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: plausibleBody }),
        });
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
      }
    }
  }, 300_000);

  it('never shows, changes or creates tenant B data for any role of tenant A', async () => {
    const before = await tenantRowCounts(b.tenantId);
    // Event streams never end a response; their tenant and visibility filtering is tested in live.api.test.ts.
    for (const route of t.app.routeTable.filter((r) => !r.public && !r.stream)) {
      for (const role of roles) {
        const url = urlWithBIds(route.url);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.method === 'GET' ? `${url}${url.includes('?') ? '&' : '?'}q=${SECRET}` : url,
          headers: a.as(role),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: plausibleBody }),
        });
        const where = `${role} ${route.method} ${url}`;
        if (route.url.includes(':')) expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, where).toBeLessThan(500);
        expect(res.body.includes(SECRET), `${where} leaked tenant B data`).toBe(false);
        // An id the caller sent may be echoed in a NOT_FOUND; any other id of tenant B is a leak.
        for (const id of Object.values(bIds).filter((i) => !url.includes(i)))
          expect(res.body.includes(id), `${where} leaked id ${id}`).toBe(false);
      }
    }
    expect(await tenantRowCounts(b.tenantId)).toEqual(before);
  }, 300_000);
});
