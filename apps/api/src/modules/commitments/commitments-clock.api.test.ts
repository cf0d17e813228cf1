import { type Database, openDatabase, schema } from '@manyi/db';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { forgetCommitmentConfig } from './commitments.service';
import { sweepCommitments } from './escalation.service';

/**
 * Clocks against a controlled wall clock (only Date is faked; timers and the database run normally), the
 * escalation sweep acting through the tickets service, and two instances sweeping the same database.
 */

let t: TestApp;
let acme: TenantFixture;
let customer: string;

/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const at = (local: string) => vi.setSystemTime(sh(local));

async function open(body: Record<string, unknown> = {}) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as('agent'),
    payload: {
      type: 'repair',
      description: '洗衣机不脱水',
      customerId: customer,
      assigneeId: acme.users.agent.id,
      ...body,
    },
  });
  expect(r.statusCode).toBe(201);
  return r.json();
}

const ticketOf = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: acme.as('agent') })).json();
const clockOf = async (id: string, metric: string) =>
  (
    (await t.app.inject({ url: `/api/v1/tickets/${id}/commitments`, headers: acme.as('agent') })).json()
      .items as Record<string, unknown>[]
  ).find((c) => c.metric === metric)!;
const timelineOf = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/tickets/${id}/timeline`, headers: acme.as('agent') })).json().items as {
    kind: string;
    data: Record<string, unknown>;
  }[];

async function move(id: string, to: string) {
  const tk = await ticketOf(id);
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/transition`,
    headers: acme.as('agent'),
    payload: { to, version: tk.version },
  });
  expect(r.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'clock-acme');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '孙丽', searchText: '孙丽' })
    .returning({ id: schema.customers.id });
  customer = c!.id;
});
afterEach(() => {
  vi.useRealTimers();
  forgetCommitmentConfig(acme.tenantId);
});
afterAll(() => t.close());

describe('clocks on a controlled clock', () => {
  it('pause while waiting on the customer across the National Day week, then count on from the adjusted Saturday', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Wednesday 30 September 2026, 08:00: opened; the normal resolution promise is 36 working hours.
    at('2026-09-30T08:00:00');
    const tk = await open();
    // Open straight through the holiday the promise would fall on 9 October (1–7 October are holidays).
    expect((await clockOf(tk.id, 'resolution')).promiseDueAt).toBe(sh('2026-10-09T20:00:00').toISOString());
    at('2026-09-30T10:00:00');
    await move(tk.id, 'waiting_customer');
    expect(await clockOf(tk.id, 'resolution')).toMatchObject({ state: 'paused', promiseDueAt: null });
    // The customer calls back after the holiday, on Thursday 8 October at 09:00: two hours were used.
    at('2026-10-08T09:00:00');
    await move(tk.id, 'open');
    const resumed = await clockOf(tk.id, 'resolution');
    // 34 hours left: 8 Oct 09–20 (11 h), 9 Oct (12 h), Saturday 10 Oct is an adjusted working day (11 h more).
    expect(resumed).toMatchObject({
      state: 'running',
      promiseDueAt: sh('2026-10-10T19:00:00').toISOString(),
      promiseRemainingMinutes: 36 * 60 - 120,
    });
    const status = (await timelineOf(tk.id)).filter(
      (e) => e.kind === 'commitment' && e.data.event === 'status',
    );
    expect(status.map((e) => e.data.to)).toEqual(['waiting_customer', 'open']);
    expect(status[0]!.data.clocks).toContainEqual({
      metric: 'resolution',
      event: 'paused',
      usedMinutes: 120,
    });
  });

  it('retarget when the priority changes mid-clock: time used stays used, the due time moves, on the timeline', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-24T08:00:00');
    const tk = await open({ priority: 'low' });
    // Low: on site within 24 working hours.
    expect((await clockOf(tk.id, 'on_site')).promiseDueAt).toBe(sh('2026-11-25T20:00:00').toISOString());
    at('2026-11-24T10:00:00');
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${tk.id}`,
      headers: acme.as('agent'),
      payload: { version: tk.version, priority: 'urgent' },
    });
    expect(r.statusCode).toBe(200);
    // Urgent: 4 hours, of which 2 are already used.
    expect(await clockOf(tk.id, 'on_site')).toMatchObject({
      promiseMinutes: 240,
      promiseDueAt: sh('2026-11-24T12:00:00').toISOString(),
    });
    expect((await ticketOf(tk.id)).nextDueAt).toBe(sh('2026-11-24T10:00:00').toISOString());
    const timeline = await timelineOf(tk.id);
    expect(timeline.find((e) => e.kind === 'fields_changed')!.data).toEqual({
      changes: { priority: { from: 'low', to: 'urgent' } },
    });
    const retargeted = timeline.find((e) => e.kind === 'commitment' && e.data.event === 'retargeted')!;
    expect(retargeted.data.clocks).toContainEqual(
      expect.objectContaining({
        metric: 'on_site',
        promiseMinutes: 240,
        promiseDueAt: sh('2026-11-24T12:00:00').toISOString(),
      }),
    );
  });
});

describe('escalation through the tickets service', () => {
  it('raises the priority and reassigns as a person would: fields_changed, assigned, due times moved', async () => {
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/v1/escalation-rules',
      headers: acme.as('admin'),
      payload: {
        name: '解决超时：转服务网点',
        metric: 'resolution',
        trigger: 'breached',
        thresholdPct: 100,
        actions: [{ type: 'reassign', teamId: acme.servicePointId }],
      },
    });
    expect(rule.statusCode).toBe(201);
    const tk = await open({ priority: 'normal' });
    const onSiteBefore = await clockOf(tk.id, 'on_site');
    await t.database.db.execute(
      sql`UPDATE ticket_commitments SET promise_due_at = now() - interval '1 minute' WHERE ticket_id = ${tk.id} AND metric = 'resolution'`,
    );
    expect(await sweepCommitments(t.database)).toBeGreaterThanOrEqual(1);
    const after = await ticketOf(tk.id);
    expect(after).toMatchObject({ priority: 'high', teamId: acme.servicePointId, assigneeId: null });
    const timeline = await timelineOf(tk.id);
    const changed = timeline.find((e) => e.kind === 'fields_changed')!;
    expect(changed.data).toEqual({ changes: { priority: { from: 'normal', to: 'high' } } });
    const assigned = timeline.find((e) => e.kind === 'assigned')!;
    expect(assigned.data).toMatchObject({
      from: { teamId: acme.teamId, assigneeId: acme.users.agent.id },
      to: { teamId: acme.servicePointId, assigneeId: null },
    });
    // The raised priority went through retargeting: the on-site promise is now the tighter one.
    const onSite = await clockOf(tk.id, 'on_site');
    expect(onSite.promiseMinutes).toBe(480);
    expect(new Date(onSite.promiseDueAt as string) < new Date(onSiteBefore.promiseDueAt as string)).toBe(
      true,
    );
    const escalated = timeline.filter((e) => e.kind === 'commitment' && e.data.event === 'escalated');
    expect(escalated.map((e) => e.data.action).sort()).toEqual([
      'alert_supervisors',
      'raise_priority',
      'reassign',
    ]);
    expect(escalated.every((e) => e.data.failed === undefined)).toBe(true);
    const audit = await t.database.db
      .select({ action: schema.auditLog.action, actorKind: schema.auditLog.actorKind })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, tk.id));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'ticket.changed', actorKind: 'system' },
        { action: 'ticket.assigned', actorKind: 'system' },
      ]),
    );
  });

  it('writes a refused action on the timeline instead of failing the sweep', async () => {
    const tk = await open({ priority: 'normal' });
    const rules = (await t.app.inject({ url: '/api/v1/escalation-rules', headers: acme.as('admin') })).json()
      .items;
    const reassign = rules.find((r: { name: string }) => r.name === '解决超时：转服务网点');
    // The rule's person is deactivated after the rule was written.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/escalation-rules/${reassign.id}`,
      headers: acme.as('admin'),
      payload: {
        version: reassign.version,
        actions: [{ type: 'reassign', assigneeId: acme.users.technician.id }],
      },
    });
    await t.database.db
      .update(schema.users)
      .set({ active: false })
      .where(eq(schema.users.id, acme.users.technician.id));
    await t.database.db.execute(
      sql`UPDATE ticket_commitments SET promise_due_at = now() - interval '1 minute' WHERE ticket_id = ${tk.id} AND metric = 'resolution'`,
    );
    await sweepCommitments(t.database);
    const escalated = (await timelineOf(tk.id)).filter(
      (e) => e.kind === 'commitment' && e.data.event === 'escalated',
    );
    expect(escalated.find((e) => e.data.action === 'reassign')!.data.failed).toBe('REFERENCE_INVALID');
    expect((await ticketOf(tk.id)).assigneeId).toBe(acme.users.agent.id);
    await t.database.db
      .update(schema.users)
      .set({ active: true })
      .where(eq(schema.users.id, acme.users.technician.id));
  });
});

describe('two instances on one database', () => {
  let second: Database;
  beforeAll(async () => {
    // PostgreSQL: a second pool, as a second server would have. PGlite is one process's embedded database, so
    // "two instances" there are two sweepers sharing it (the claim is the same conditional UPDATE).
    second =
      t.database.kind === 'postgres'
        ? await openDatabase({ url: (t.database.raw as pg.Pool).options.connectionString!, poolSize: 4 })
        : t.database;
  });
  afterAll(async () => {
    if (second !== t.database) await second.close();
  });

  it('fire an escalation exactly once when both sweep at the same moment', async () => {
    const tk = await open({ priority: 'low' });
    await t.database.db.execute(
      sql`UPDATE ticket_commitments SET promise_due_at = now() - interval '1 minute' WHERE ticket_id = ${tk.id} AND metric = 'first_response'`,
    );
    const now = new Date();
    const [a, b] = await Promise.all([sweepCommitments(t.database, now), sweepCommitments(second, now)]);
    expect(a + b).toBe(1);
    const breached = (await timelineOf(tk.id)).filter(
      (e) => e.kind === 'commitment' && e.data.event === 'breached',
    );
    expect(breached).toHaveLength(1);
    const notes = await t.database.db.$count(
      schema.notifications,
      sql`${schema.notifications.ticketId} = ${tk.id} AND ${schema.notifications.userId} = ${acme.users.supervisor.id}`,
    );
    expect(notes).toBe(1);
  });
});
