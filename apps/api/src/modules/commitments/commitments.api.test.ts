import { schema } from '@manyi/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { loadCompiledCalendar } from '../agreements/calendars.service';
import { addWorkingTime } from '../calendars/business-time';
import { sweepCommitments } from './escalation.service';

let t: TestApp;
let acme: TenantFixture;
let standardCustomer: string;
let vipCustomer: string;

async function addCustomer(name: string, tier: 'standard' | 'vip') {
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name, tier, searchText: name })
    .returning({ id: schema.customers.id });
  return c!.id;
}

async function open(body: Record<string, unknown>) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as('agent'),
    payload: { type: 'repair', description: '空调不制冷', customerId: standardCustomer, ...body },
  });
  expect(r.statusCode).toBe(201);
  return r.json();
}

const clocksOf = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/tickets/${id}/commitments`, headers: acme.as('agent') })).json()
    .items as {
    metric: string;
    state: string;
    promiseMinutes: number;
    internalMinutes: number;
    startedAt: string;
    promiseDueAt: string | null;
    internalDueAt: string | null;
    metPromise: boolean | null;
    metInternal: boolean | null;
    marginMinutes: number | null;
    promiseRemainingMinutes: number | null;
  }[];

const timelineOf = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/tickets/${id}/timeline`, headers: acme.as('agent') })).json().items as {
    kind: string;
    data: Record<string, unknown>;
  }[];

async function move(id: string, to: string, note?: string) {
  const tk = (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: acme.as('agent') })).json();
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/transition`,
    headers: acme.as('agent'),
    payload: { to, version: tk.version, note },
  });
  expect(r.statusCode).toBe(200);
  return r.json();
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  standardCustomer = await addCustomer('钱芳', 'standard');
  vipCustomer = await addCustomer('贵宾陈总', 'vip');
});
afterAll(() => t.close());

describe('commitment clocks', () => {
  it('start with the standard agreement: promise and tighter internal target, due in the service calendar', async () => {
    const tk = await open({ priority: 'normal' });
    expect(tk.agreementId).not.toBeNull();
    const clocks = await clocksOf(tk.id);
    expect(clocks.map((c) => c.metric).sort()).toEqual(['first_response', 'on_site', 'resolution']);
    const onSite = clocks.find((c) => c.metric === 'on_site')!;
    expect(onSite).toMatchObject({ state: 'running', promiseMinutes: 720, internalMinutes: 360 });
    const [cal] = await t.database.db
      .select()
      .from(schema.businessCalendars)
      .where(eq(schema.businessCalendars.tenantId, acme.tenantId));
    const compiled = await loadCompiledCalendar(t.database.db, cal!.id);
    expect(onSite.promiseDueAt).toBe(addWorkingTime(compiled, new Date(onSite.startedAt), 720).toISOString());
    expect(onSite.internalDueAt).toBe(
      addWorkingTime(compiled, new Date(onSite.startedAt), 360).toISOString(),
    );
    expect(new Date(onSite.internalDueAt!) < new Date(onSite.promiseDueAt!)).toBe(true);
    expect(tk.nextDueAt).toBe(clocks.map((c) => c.promiseDueAt!).sort()[0]);
    const started = (await timelineOf(tk.id)).find((e) => e.kind === 'commitment')!;
    expect(started.data).toMatchObject({ event: 'started', agreement: { code: 'STD' } });
  });

  it('run the VIP express lane with tighter targets for a VIP customer', async () => {
    const tk = await open({ customerId: vipCustomer, priority: 'normal' });
    const clocks = await clocksOf(tk.id);
    expect(clocks.find((c) => c.metric === 'on_site')).toMatchObject({
      promiseMinutes: 360,
      internalMinutes: 180,
    });
    const coverage = (
      await t.app.inject({
        url: `/api/v1/agreements/coverage?customerId=${vipCustomer}&service=cleaning`,
        headers: acme.as('agent'),
      })
    ).json();
    expect(coverage.agreement.code).toBe('VIP');
    expect(coverage.service).toEqual({ code: 'cleaning', status: 'included', priceFen: null });
    const lane = (await t.app.inject({ url: '/api/v1/tickets?view=vip', headers: acme.as('agent') })).json()
      .items;
    expect(lane.map((x: { id: string }) => x.id)).toContain(tk.id);
    expect(lane.every((x: { customerTier: string }) => ['vip', 'gold'].includes(x.customerTier))).toBe(true);
    const counts = (await t.app.inject({ url: '/api/v1/tickets/counts', headers: acme.as('agent') })).json();
    expect(counts.views.vip).toBe(lane.length);
  });

  it('stop the first response at the first reply, on-site at work start, resolution at resolve — each judged', async () => {
    const tk = await open({});
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${tk.id}/replies`,
      headers: acme.as('agent'),
      payload: { body: '您好，已为您安排师傅。' },
    });
    await move(tk.id, 'in_progress');
    await move(tk.id, 'resolved', '更换电容');
    const clocks = await clocksOf(tk.id);
    for (const c of clocks) {
      expect(c.state, c.metric).toBe('stopped');
      expect(c.metPromise, c.metric).toBe(true);
      expect(c.metInternal, c.metric).toBe(true);
      expect(c.marginMinutes, c.metric).toBeGreaterThan(0);
    }
    const detail = (
      await t.app.inject({ url: `/api/v1/tickets/${tk.id}`, headers: acme.as('agent') })
    ).json();
    expect(detail.nextDueAt).toBeNull();
  });

  it('pause while waiting on the customer and resume afterwards, without counting the wait', async () => {
    const tk = await open({});
    const before = (await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!;
    await move(tk.id, 'waiting_customer');
    const paused = (await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!;
    expect(paused).toMatchObject({ state: 'paused', promiseDueAt: null });
    // Pretend the wait lasted two working hours: resuming must push the due time later by that much.
    await t.database.db.execute(
      sql`UPDATE ticket_commitments SET consumed_minutes = 0 WHERE ticket_id = ${tk.id}`,
    );
    await move(tk.id, 'open');
    const resumed = (await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!;
    expect(resumed.state).toBe('running');
    expect(new Date(resumed.promiseDueAt!) >= new Date(before.promiseDueAt!)).toBe(true);
    const events = (await timelineOf(tk.id)).filter((e) => e.kind === 'commitment').map((e) => e.data.event);
    expect(events).toEqual(['started', 'status', 'status']);
  });

  it('retarget when the priority changes mid-clock, keeping the time used, with the change on the timeline', async () => {
    const tk = await open({ priority: 'low' });
    const low = (await clocksOf(tk.id)).find((c) => c.metric === 'on_site')!;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${tk.id}`,
      headers: acme.as('agent'),
      payload: { version: tk.version, priority: 'urgent' },
    });
    expect(r.statusCode).toBe(200);
    const urgent = (await clocksOf(tk.id)).find((c) => c.metric === 'on_site')!;
    expect(urgent.promiseMinutes).toBe(240);
    expect(new Date(urgent.promiseDueAt!) < new Date(low.promiseDueAt!)).toBe(true);
    const last = (await timelineOf(tk.id)).filter((e) => e.kind === 'commitment').at(-1)!;
    expect(last.data).toMatchObject({
      event: 'retargeted',
      reason: { priority: { from: 'low', to: 'urgent' } },
    });
  });
});

describe('escalation', () => {
  it('flags a broken promise exactly once even when sweeps race, notifying supervisors and raising priority', async () => {
    const tk = await open({ assigneeId: acme.users.agent.id, priority: 'normal' });
    // The promise is really used up (not only its due time moved): raising the priority retargets the clock
    // through the tickets service, and a clock past its promise stays past its at-risk point too.
    await t.database.db.execute(
      sql`UPDATE ticket_commitments SET consumed_minutes = promise_minutes + 10, promise_due_at = now() - interval '1 minute', at_risk_due_at = now() - interval '2 minutes' WHERE ticket_id = ${tk.id} AND metric = 'on_site'`,
    );
    const results = await Promise.all([
      sweepCommitments(t.database),
      sweepCommitments(t.database),
      sweepCommitments(t.database),
    ]);
    // One breach and one at-risk event in all (a sweep that ran first may leave the at-risk one to the next).
    const late = await sweepCommitments(t.database);
    expect(results.reduce((a, b) => a + b, 0) + late).toBe(2);
    const clock = (await clocksOf(tk.id)).find((c) => c.metric === 'on_site')!;
    expect(clock).toMatchObject({ state: 'running' });
    const events = (await timelineOf(tk.id)).filter((e) => e.kind === 'commitment').map((e) => e.data);
    expect(events.filter((e) => e.event === 'breached')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'at_risk')).toHaveLength(1);
    expect(
      events
        .filter((e) => e.event === 'escalated')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['alert_supervisors', 'notify_assignee', 'raise_priority']);
    const detail = (
      await t.app.inject({ url: `/api/v1/tickets/${tk.id}`, headers: acme.as('agent') })
    ).json();
    expect(detail.priority).toBe('high');
    const supNotes = (
      await t.app.inject({ url: '/api/v1/notifications', headers: acme.as('supervisor') })
    ).json().items;
    expect(
      supNotes.filter(
        (n: { ticketId: string; kind: string }) => n.ticketId === tk.id && n.kind === 'commitment.breached',
      ),
    ).toHaveLength(1);
    const agentNotes = (
      await t.app.inject({ url: '/api/v1/notifications', headers: acme.as('agent') })
    ).json().items;
    expect(
      agentNotes.some(
        (n: { ticketId: string; kind: string }) => n.ticketId === tk.id && n.kind === 'commitment.at_risk',
      ),
    ).toBe(true);
  });
});

describe('calendars', () => {
  it('recompute due times after an edit to the working week', async () => {
    const tk = await open({ priority: 'normal' });
    const before = (await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!;
    const cals = (await t.app.inject({ url: '/api/v1/calendars', headers: acme.as('admin') })).json().items;
    const cal = cals[0];
    const shorter = Object.fromEntries(
      Object.keys(cal.week).map((d) => [
        d,
        [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      ]),
    );
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/calendars/${cal.id}`,
      headers: acme.as('admin'),
      payload: { version: cal.version, week: shorter },
    });
    expect(r.statusCode).toBe(200);
    const after = (await clocksOf(tk.id)).find((c) => c.metric === 'resolution')!;
    expect(new Date(after.promiseDueAt!) > new Date(before.promiseDueAt!)).toBe(true);
    const overlapping = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/calendars/${cal.id}`,
      headers: acme.as('admin'),
      payload: {
        version: r.json().version,
        week: {
          ...shorter,
          '1': [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
    });
    expect(overlapping.statusCode).toBe(400);
  });

  it('knows China’s holidays and adjusted working days, and warns about years it has no data for', async () => {
    const cals = (await t.app.inject({ url: '/api/v1/calendars', headers: acme.as('admin') })).json().items;
    const detail = (
      await t.app.inject({ url: `/api/v1/calendars/${cals[0].id}`, headers: acme.as('admin') })
    ).json();
    const day = (d: string) => detail.days.find((x: { day: string }) => x.day === d);
    expect(day('2026-10-01')).toMatchObject({ kind: 'holiday' });
    expect(day('2026-10-10')).toMatchObject({ kind: 'workday' });
    expect(detail.years.map((y: { year: number }) => y.year)).toContain(2026);
    // A long target reaches 2027, for which the bundled data has nothing: the calendar says so, loudly.
    await t.database.db
      .update(schema.commitmentTargets)
      .set({ promiseMinutes: 60 * 12 * 60, internalMinutes: 60 * 12 * 30 })
      .where(
        and(
          eq(schema.commitmentTargets.tenantId, acme.tenantId),
          eq(schema.commitmentTargets.metric, 'resolution'),
        ),
      );
    const { forgetCommitmentConfig } = await import('./commitments.service');
    forgetCommitmentConfig(acme.tenantId);
    const tk = await open({ priority: 'low' });
    const started = (await timelineOf(tk.id)).find((e) => e.kind === 'commitment')!;
    expect(started.data.missingHolidayYears).toEqual([2027]);
    const again = (
      await t.app.inject({ url: `/api/v1/calendars/${cals[0].id}`, headers: acme.as('admin') })
    ).json();
    expect(again.missingYears).toEqual([2027]);
    const unavailable = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${cals[0].id}/years`,
      headers: acme.as('admin'),
      payload: { version: again.version, year: 2027, source: 'chinese-days' },
    });
    expect(unavailable.statusCode).toBe(422);
    expect(unavailable.json().error.code).toBe('CALENDAR_YEAR_UNAVAILABLE');
    const manual = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${cals[0].id}/years`,
      headers: acme.as('admin'),
      payload: {
        version: again.version,
        year: 2027,
        source: 'days',
        days: [
          { day: '2027-01-01', kind: 'holiday', name: '元旦' },
          { day: '2027-02-06', kind: 'holiday', name: '春节' },
        ],
      },
    });
    expect(manual.statusCode).toBe(200);
    expect(manual.json().missingYears).toEqual([]);
  });
});

describe('measures and agreements', () => {
  it('report kept promises and the beat-the-promise rate by type', async () => {
    const stats = (
      await t.app.inject({ url: '/api/v1/stats/commitments?by=type', headers: acme.as('supervisor') })
    ).json();
    const repairOnSite = stats.rows.find(
      (r: { key: string; metric: string }) => r.key === 'repair' && r.metric === 'on_site',
    );
    expect(repairOnSite).toMatchObject({
      total: 1,
      metPromise: 1,
      metInternal: 1,
      breached: 0,
      metPromiseRate: 1,
      beatPromiseRate: 1,
    });
    expect(repairOnSite.avgMarginMinutes).toBeGreaterThan(0);
  });

  it('tell included, paid, excluded and unknown services apart for the agent', async () => {
    const q = (service: string) =>
      t.app.inject({
        url: `/api/v1/agreements/coverage?customerId=${standardCustomer}&service=${service}&ticketType=repair&priority=normal`,
        headers: acme.as('agent'),
      });
    expect((await q('repair_in_warranty')).json().service.status).toBe('included');
    expect((await q('cleaning')).json().service).toEqual({
      code: 'cleaning',
      status: 'paid',
      priceFen: 12000,
    });
    expect((await q('damage_by_misuse')).json().service.status).toBe('excluded');
    const unknown = (await q('teleportation')).json();
    expect(unknown.service.status).toBe('not_offered');
    expect(unknown.targets.map((x: { metric: string }) => x.metric).sort()).toEqual([
      'first_response',
      'on_site',
      'resolution',
    ]);
  });

  it('refuses an internal target looser than the promise, and edits by non-admins', async () => {
    const cals = (await t.app.inject({ url: '/api/v1/calendars', headers: acme.as('admin') })).json().items;
    const body = {
      code: 'BAD',
      name: '错误协议',
      calendarId: cals[0].id,
      targets: [
        {
          ticketType: 'repair',
          priority: 'normal',
          metric: 'on_site',
          promiseMinutes: 60,
          internalMinutes: 120,
        },
      ],
    };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agreements',
      headers: acme.as('admin'),
      payload: body,
    });
    expect(bad.statusCode).toBe(400);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agreements',
      headers: acme.as('supervisor'),
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
