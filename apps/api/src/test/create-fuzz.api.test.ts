import { schema } from '@manyi/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from './harness';

/**
 * Property: for EVERY create endpoint (every POST route), arbitrary JSON bodies — random shapes, wrong types,
 * huge strings, unicode, nulls, near-valid bodies with one field broken — never produce a 5xx, and a refused
 * request stores nothing.
 */

let t: TestApp;
let acme: TenantFixture;
let ticketId: string;
let customerId: string;

async function totalRows() {
  let n = 0;
  for (const table of [
    schema.tickets,
    schema.ticketEvents,
    schema.customers,
    schema.customerPhones,
    schema.units,
    schema.productModels,
    schema.warrantyPolicies,
    schema.teams,
    schema.users,
    schema.apiTokens,
  ])
    n += await t.database.db.$count(table);
  return n;
}

const validBodies: Record<string, () => Record<string, unknown>> = {
  '/api/v1/tickets': () => ({ type: 'repair', description: '空调不制冷', customerId }),
  '/api/v1/customers': () => ({ name: '王小明', phones: [{ number: '13800138000' }] }),
  '/api/v1/tickets/:id/calls': () => ({ direction: 'inbound', durationSec: 60, summary: '来电' }),
  '/api/v1/tickets/:id/notes': () => ({ body: '备注' }),
  '/api/v1/tickets/:id/replies': () => ({ body: '回复' }),
  '/api/v1/teams': () => ({ name: '新组' }),
};

const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A near-valid body with one field replaced by something arbitrary, or an arbitrary extra field. */
const nearValid = (base: Record<string, unknown>) =>
  fc.tuple(fc.constantFrom(...Object.keys(base), 'extra'), anyJson, fc.boolean()).map(([k, v, drop]) => {
    const copy: Record<string, unknown> = { ...base };
    if (drop) delete copy[k];
    else copy[k] = v;
    return copy;
  });

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'fuzz');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '赵六', searchText: '赵六' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as('admin'),
    payload: validBodies['/api/v1/tickets']!(),
  });
  ticketId = r.json().id;
});
afterAll(() => t.close());

describe('create endpoints under arbitrary input', () => {
  it('never answer 5xx and store nothing when they refuse', async () => {
    const creates = t.app.routeTable.filter(
      (r) => r.method === 'POST' && !r.public && !r.url.includes('attachments'),
    );
    expect(creates.length).toBeGreaterThan(5);
    for (const route of creates) {
      const url = route.url.replace(
        /:id|:customerId/g,
        route.url.startsWith('/api/v1/customers') ? customerId : ticketId,
      );
      const base = validBodies[route.url]?.() ?? { name: 'x', version: 1 };
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyJson, nearValid(base)), async (body) => {
          const before = await totalRows();
          const res = await t.app.inject({
            method: 'POST',
            url,
            headers: { ...acme.as('admin'), 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          if (res.statusCode >= 500)
            throw new Error(`${route.url} → ${res.statusCode} for ${JSON.stringify(body)}: ${res.body}`);
          if (res.statusCode >= 400) {
            expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
            expect(await totalRows()).toBe(before);
          }
        }),
        { numRuns: 25, seed: 20261123 },
      );
    }
    // Grows with every create route (25 bodies each); on a busy 2-core CI machine that is minutes, not seconds.
  }, 300_000);

  it('refuses a body that is not JSON at all', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...acme.as('admin'), 'content-type': 'application/json' },
      payload: '{"type": "repair", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});
