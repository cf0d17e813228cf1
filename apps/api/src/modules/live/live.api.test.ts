import { openDatabase, schema } from '@manyi/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

/**
 * Live updates through a real listening server: the event stream delivers work-order changes committed by
 * this or ANOTHER app instance on the same database (PostgreSQL: a second pool and LISTEN connection, as a
 * second server would have; PGlite: a second app on the one embedded instance), filtered by tenant and by
 * what the subscriber may see.
 */

let t: TestApp;
let second: { app: FastifyInstance; close: () => Promise<void> };
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
let baseUrl: string;

interface Stream {
  events: { type: string; ticketId: string }[];
  close(): void;
}

async function subscribe(headers: Record<string, string>): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Stream['events'] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let i = buffer.indexOf('\n\n');
        while (i >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          for (const line of chunk.split('\n'))
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          i = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort() };
}

async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '周杰', searchText: '周杰' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    { webDist: '/nonexistent', attachmentDir: '/tmp/manyi-live-att' },
  );
  if (inject('dbKind') === 'postgres') {
    const url = (t.database.raw as import('pg').Pool).options.connectionString!;
    const db2 = await openDatabase({ url, poolSize: 2 });
    const app2 = await buildApp({ config, database: db2, logger: false });
    await app2.ready();
    second = {
      app: app2,
      close: async () => {
        await app2.close();
        await db2.close();
      },
    };
  } else {
    const app2 = await buildApp({ config, database: t.database, logger: false });
    await app2.ready();
    second = { app: app2, close: () => app2.close() };
  }
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('live updates', () => {
  it('reach subscribers of this and other instances, only in their tenant and only for what they may see', async () => {
    const supervisor = await subscribe(acme.as('supervisor'));
    const partner = await subscribe(acme.as('partner_manager'));
    const otherTenant = await subscribe(other.as('supervisor'));
    await until(() => t.app.live.size === 3);

    // Opened through the SECOND instance; the streams are served by the first.
    const created = await second.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: acme.as('agent'),
      payload: { type: 'repair', description: '洗衣机脱水时响声很大', customerId },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await until(() => supervisor.events.length >= 1);
    expect(supervisor.events).toEqual([expect.objectContaining({ type: 'ticket.created', ticketId: id })]);

    // Dispatched to the partner's service point: now the partner hears of it.
    const assigned = await second.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/assign`,
      headers: acme.as('dispatcher'),
      payload: { version: created.json().version, teamId: acme.servicePointId, assigneeId: null },
    });
    expect(assigned.statusCode).toBe(200);
    await until(() => partner.events.length >= 1 && supervisor.events.length >= 2);
    expect(partner.events).toEqual([expect.objectContaining({ type: 'ticket.changed', ticketId: id })]);
    expect(supervisor.events.map((e) => e.type)).toEqual(['ticket.created', 'ticket.changed']);
    expect(otherTenant.events).toEqual([]);

    // A refused change announces nothing.
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${id}`,
      headers: acme.as('agent'),
      payload: { version: 1, priority: 'urgent' },
    });
    expect(stale.statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(supervisor.events).toHaveLength(2);
    for (const s of [supervisor, partner, otherTenant]) s.close();
  });

  it('needs a signed-in caller', async () => {
    const res = await fetch(`${baseUrl}/api/v1/events`);
    expect(res.status).toBe(401);
  });
});
