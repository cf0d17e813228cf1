import { createHash } from 'node:crypto';
import { schema } from '@manyi/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { insertTeam, insertUser } from '../users/users.repository';
import { dayBounds } from './visits.service';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let customerId: string;
/** A second service point of acme, with its own manager and technician. */
let sp2: { teamId: string; techId: string; managerHeaders: Record<string, string> };

// A 1×1 transparent PNG.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const hour = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();
/** The tenant's (Asia/Shanghai) calendar date of a moment: the day a visit shows under. */
const localDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

async function api(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers, payload: payload as object });
}

async function openTicket(type = 'repair') {
  const r = await api('POST', '/tickets', acme.as('agent'), {
    type,
    description: '洗衣机脱水时异响，滚筒晃动',
    customerId,
  });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; version: number; status: string };
}

async function plan(ticketId: string, body: Record<string, unknown> = {}, as = acme.as('dispatcher')) {
  return api('POST', `/tickets/${ticketId}/visits`, as, {
    technicianId: acme.users.technician.id,
    windowStart: inHours(1),
    windowEnd: inHours(3),
    ...body,
  });
}

const ticketOf = async (id: string) => (await api('GET', `/tickets/${id}`, acme.as('agent'))).json();
const clocksOf = async (id: string) =>
  (await api('GET', `/tickets/${id}/commitments`, acme.as('agent'))).json().items as {
    metric: string;
    state: string;
    stoppedAt: string | null;
  }[];
const timelineOf = async (id: string) =>
  (await api('GET', `/tickets/${id}/timeline`, acme.as('agent'))).json().items as {
    kind: string;
    authorId: string | null;
    data: Record<string, unknown>;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '钱芳', tier: 'standard', searchText: '钱芳' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  const team = await insertTeam(t.database.db, {
    tenantId: acme.tenantId,
    name: '宝安特约维修站',
    kind: 'service_point',
  });
  const tech = await insertUser(t.database.db, {
    tenantId: acme.tenantId,
    email: 'tech2@acme.test',
    displayName: '王师傅',
    role: 'technician',
    teamId: team.id,
    passwordHash: 'x',
  });
  const mgr = await insertUser(t.database.db, {
    tenantId: acme.tenantId,
    email: 'pm2@acme.test',
    displayName: '宝安网点经理',
    role: 'partner_manager',
    teamId: team.id,
    passwordHash: 'x',
  });
  // API token for the second manager, as the harness does it.
  const { insertApiToken } = await import('../auth/auth.repository');
  const { sha256 } = await import('../auth/auth.service');
  const token = 'mny_test_pm2_0123456789abcdef0123';
  await insertApiToken(t.database.db, {
    tenantId: acme.tenantId,
    userId: mgr.id,
    name: 'test',
    prefix: token.slice(0, 10),
    tokenHash: sha256(token),
    expiresAt: null,
  });
  sp2 = { teamId: team.id, techId: tech.id, managerHeaders: { authorization: `Bearer ${token}` } };
});
afterAll(() => t.close());

describe('visits', () => {
  it('plan → customer confirms → check-in → report → sign-off → check-out, moving the work order', async () => {
    const tk = await openTicket();
    const planned = await plan(tk.id);
    expect(planned.statusCode).toBe(201);
    const v = planned.json();
    expect(v).toMatchObject({ status: 'proposed', technicianId: acme.users.technician.id });
    // Planning assigns the work order to the technician (so that they can open it).
    let ticket = await ticketOf(tk.id);
    expect(ticket.assigneeId).toBe(acme.users.technician.id);
    expect(ticket.status).toBe('open');

    const confirmed = await api('POST', `/visits/${v.id}/confirm`, acme.as('dispatcher'), {
      version: v.version,
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await ticketOf(tk.id)).status).toBe('scheduled');

    const tech = acme.as('technician');
    const mine = (await api('GET', `/visits/mine?date=${localDay(v.windowStart)}`, tech)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(v.id);
    expect(mine.items.find((x: { id: string }) => x.id === v.id)).toMatchObject({
      customerName: '钱芳',
      ticketSubject: expect.any(String),
    });

    let cur = confirmed.json();
    const checkIn = await api('POST', `/visits/${v.id}/check-in`, tech, {
      version: cur.version,
      lat: 22.5431,
      lng: 113.9298,
      accuracyM: 12,
    });
    expect(checkIn.statusCode).toBe(200);
    cur = checkIn.json();
    expect(cur).toMatchObject({ status: 'checked_in', checkInLat: 22.5431, checkInLng: 113.9298 });
    ticket = await ticketOf(tk.id);
    expect(ticket.status).toBe('in_progress');

    // Check-out before the report and the signature is refused and names what is missing.
    const early = await api('POST', `/visits/${v.id}/check-out`, tech, { version: cur.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: 'VISIT_INCOMPLETE',
      details: { missing: ['report', 'signature'] },
    });

    cur = (
      await api('POST', `/visits/${v.id}/report`, tech, {
        version: cur.version,
        workDone: '更换减震器两只，调平机脚',
        cause: '减震器老化',
        result: 'resolved',
      })
    ).json();
    expect(cur.result).toBe('resolved');
    const signed = await api('POST', `/visits/${v.id}/sign-off`, tech, {
      version: cur.version,
      signaturePng: PNG,
      signedByName: '钱芳',
    });
    expect(signed.statusCode).toBe(200);
    cur = signed.json();
    expect(cur.signatureAttachmentId).toEqual(expect.any(String));
    const atts = (await api('GET', `/tickets/${tk.id}/attachments`, acme.as('agent'))).json();
    const list = Array.isArray(atts) ? atts : atts.items;
    expect(list.find((a: { id: string }) => a.id === cur.signatureAttachmentId)).toMatchObject({
      contentType: 'image/png',
    });

    const out = await api('POST', `/visits/${v.id}/check-out`, tech, { version: cur.version });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ status: 'completed', checkedOutAt: expect.any(String) });
    ticket = await ticketOf(tk.id);
    expect(ticket.status).toBe('resolved');

    const actions = (await timelineOf(tk.id)).filter((e) => e.kind === 'visit').map((e) => e.data.action);
    expect(actions).toEqual(['planned', 'confirmed', 'checked_in', 'reported', 'signed', 'completed']);
    // A completed visit takes no further step.
    const again = await api('POST', `/visits/${v.id}/cancel`, acme.as('dispatcher'), {
      version: out.json().version,
      reason: '测试',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('VISIT_STATUS_CONFLICT');
  });

  it('stops the on-site clock at check-in, not when the work order goes in_progress', async () => {
    const tk = await openTicket('repair');
    const v = (await plan(tk.id, { confirmed: true })).json();
    // Someone moves the ticket to in_progress before the technician arrives: the arrival promise still runs.
    const ticket = await ticketOf(tk.id);
    await api('POST', `/tickets/${tk.id}/transition`, acme.as('dispatcher'), {
      version: ticket.version,
      to: 'in_progress',
    });
    const before = (await clocksOf(tk.id)).find((c) => c.metric === 'on_site');
    expect(before?.state).toBe('running');
    const r = await api('POST', `/visits/${v.id}/check-in`, acme.as('technician'), {
      version: v.version,
      note: '定位权限被拒绝',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ checkInLat: null, checkInNote: '定位权限被拒绝' });
    const after = (await clocksOf(tk.id)).find((c) => c.metric === 'on_site')!;
    expect(after.state).toBe('stopped');
    expect(new Date(after.stoppedAt!).getTime()).toBe(new Date(r.json().checkedInAt).getTime());
    // Non-field work without a visit still meets arrival when it goes in_progress.
    const inquiry = await openTicket('complaint');
    const clocks = await clocksOf(inquiry.id);
    if (clocks.some((c) => c.metric === 'on_site')) {
      const cur = await ticketOf(inquiry.id);
      await api('POST', `/tickets/${inquiry.id}/transition`, acme.as('agent'), {
        version: cur.version,
        to: 'in_progress',
      });
      expect((await clocksOf(inquiry.id)).find((c) => c.metric === 'on_site')!.state).toBe('stopped');
    }
  });

  it('check-in without a position needs a note; wrong steps and stale versions are refused', async () => {
    const tk = await openTicket();
    const v = (await plan(tk.id)).json();
    const tech = acme.as('technician');
    const noPos = await api('POST', `/visits/${v.id}/check-in`, tech, { version: v.version });
    expect(noPos.statusCode).toBe(400);
    expect(noPos.json().error.code).toBe('VALIDATION_FAILED');
    const report = await api('POST', `/visits/${v.id}/report`, tech, {
      version: v.version,
      workDone: '—',
      result: 'resolved',
    });
    expect(report.statusCode).toBe(409);
    expect(report.json().error.code).toBe('VISIT_STATUS_CONFLICT');
    const stale = await api('POST', `/visits/${v.id}/confirm`, acme.as('dispatcher'), {
      version: v.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: v.version },
    });
    const badWindow = await plan(tk.id, { windowStart: inHours(3), windowEnd: inHours(2) });
    expect(badWindow.statusCode).toBe(400);
    expect(badWindow.json().error.code).toBe('VISIT_WINDOW_INVALID');
    const notTech = await plan(tk.id, { technicianId: acme.users.agent.id });
    expect(notTech.statusCode).toBe(422);
    expect(notTech.json().error.code).toBe('VISIT_TECHNICIAN_INVALID');
    const bad = await api('POST', `/visits/${v.id}/sign-off`, tech, {
      version: v.version,
      signaturePng: 'data:image/gif;base64,AAAA',
      signedByName: '钱芳',
    });
    expect(bad.statusCode).toBe(400);
    // Nothing of the refused plans was stored.
    expect((await api('GET', `/tickets/${tk.id}/visits`, acme.as('agent'))).json().items).toHaveLength(1);
  });

  it('honours Idempotency-Key on planning', async () => {
    const tk = await openTicket();
    const headers = { ...acme.as('dispatcher'), 'idempotency-key': 'visit-plan-0001' };
    const body = { windowStart: inHours(5), windowEnd: inHours(7) };
    const a = await plan(tk.id, body, headers);
    const b = await plan(tk.id, body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.json(), b.body).toMatchObject({ id: a.json().id });
    expect((await api('GET', `/tickets/${tk.id}/visits`, acme.as('agent'))).json().items).toHaveLength(1);
  });

  it('reschedule and cancel: the work order follows, old links stop working', async () => {
    const tk = await openTicket();
    const v = (await plan(tk.id, { confirmed: true })).json();
    expect((await ticketOf(tk.id)).status).toBe('scheduled');
    const link = (await api('POST', `/visits/${v.id}/link`, acme.as('dispatcher'), {})).json();
    const moved = await api('POST', `/visits/${v.id}/reschedule`, acme.as('dispatcher'), {
      version: v.version,
      windowStart: inHours(25),
      windowEnd: inHours(27),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().status).toBe('proposed');
    expect((await ticketOf(tk.id)).status).toBe('open');
    expect((await t.app.inject({ url: `/api/v1/public/visit/${link.token}` })).statusCode).toBe(404);
    const cancelled = await api('POST', `/visits/${v.id}/cancel`, acme.as('dispatcher'), {
      version: moved.json().version,
      reason: '客户出差',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户出差' });
  });

  it('missed visit: reason, the work order waits on the customer, a revisit linked to it', async () => {
    const tk = await openTicket();
    const v = (await plan(tk.id, { confirmed: true })).json();
    const tech = acme.as('technician');
    const checked = (
      await api('POST', `/visits/${v.id}/check-in`, tech, { version: v.version, lat: 22.5, lng: 113.9 })
    ).json();
    const missed = await api('POST', `/visits/${v.id}/missed`, tech, {
      version: checked.version,
      reason: '客户不在家，电话未接',
      revisit: { windowStart: inHours(24), windowEnd: inHours(26) },
    });
    expect(missed.statusCode).toBe(200);
    const body = missed.json();
    expect(body.visit).toMatchObject({ status: 'missed', missedReason: '客户不在家，电话未接' });
    expect(body.revisit).toMatchObject({ status: 'proposed', revisitOfId: v.id });
    expect((await ticketOf(tk.id)).status).toBe('waiting_customer');
    // A revisit for parts, planned by the dispatcher after a completed visit.
    const more = await api('POST', `/visits/${body.revisit.id}/revisits`, acme.as('dispatcher'), {
      windowStart: inHours(48),
      windowEnd: inHours(50),
      reason: '需要更换主板',
    });
    expect(more.statusCode).toBe(409);
  });

  it("the customer's link: confirm once; reused, expired and foreign tokens are refused", async () => {
    const tk = await openTicket();
    const v = (
      await plan(tk.id, {
        offeredWindows: [{ start: inHours(26), end: inHours(28) }],
      })
    ).json();
    const issued = await api('POST', `/visits/${v.id}/link`, acme.as('dispatcher'), { expiresInHours: 48 });
    expect(issued.statusCode).toBe(200);
    const { token, path } = issued.json();
    expect(path).toBe(`/p/visit/${token}`);
    const page = await t.app.inject({ url: `/api/v1/public/visit/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ status: 'proposed', canAnswer: true, customerName: '钱芳' });
    expect(page.json()).not.toHaveProperty('customerPhone');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/visit/${token}`,
      payload: { answer: 'confirm' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', customerAnswer: 'confirmed', canAnswer: false });
    expect((await ticketOf(tk.id)).status).toBe('scheduled');
    const confirmedEvent = (await timelineOf(tk.id)).find(
      (e) => e.kind === 'visit' && e.data.action === 'confirmed',
    );
    expect(confirmedEvent).toMatchObject({ authorId: null, data: { by: 'customer' } });
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/visit/${token}`,
      payload: { answer: 'confirm' },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('LINK_USED');

    // Expired.
    const expiring = (
      await api('POST', `/visits/${v.id}/link`, acme.as('dispatcher'), { expiresInHours: 1 })
    ).json();
    await t.database.db
      .update(schema.publicLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.publicLinks.tokenHash, createHash('sha256').update(expiring.token).digest('hex')));
    const expired = await t.app.inject({ url: `/api/v1/public/visit/${expiring.token}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('LINK_EXPIRED');
    const junk = await t.app.inject({ url: '/api/v1/public/visit/not-a-real-token-at-all-xx' });
    expect(junk.statusCode).toBe(404);
  });

  it('the customer asks for another time: an offered window confirms, own words wait for the dispatcher', async () => {
    const tk = await openTicket();
    const alt = { start: inHours(30), end: inHours(32) };
    const v = (await plan(tk.id, { offeredWindows: [alt] })).json();
    const a = (await api('POST', `/visits/${v.id}/link`, acme.as('dispatcher'), {})).json();
    const picked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/visit/${a.token}`,
      payload: { answer: 'reschedule', offeredIndex: 0 },
    });
    expect(picked.statusCode).toBe(200);
    expect(picked.json()).toMatchObject({
      status: 'confirmed',
      windowStart: new Date(alt.start).toISOString(),
    });

    const tk2 = await openTicket();
    const v2 = (await plan(tk2.id)).json();
    const b = (await api('POST', `/visits/${v2.id}/link`, acme.as('dispatcher'), {})).json();
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/visit/${b.token}`,
      payload: { answer: 'reschedule' },
    });
    expect(empty.statusCode).toBe(400);
    const words = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/visit/${b.token}`,
      headers: { 'accept-language': 'en' },
      payload: { answer: 'reschedule', preferredTime: '周六上午 9 点以后', note: '工作日家里没人' },
    });
    expect(words.statusCode).toBe(200);
    expect(words.json()).toMatchObject({ status: 'proposed', customerAnswer: 'reschedule_requested' });
    // The dispatcher sees the answer on the visit.
    const seen = (await api('GET', `/tickets/${tk2.id}/visits`, acme.as('dispatcher'))).json().items[0];
    expect(seen).toMatchObject({
      customerAnswer: 'reschedule_requested',
      customerPreferredTime: '周六上午 9 点以后',
      customerNote: '工作日家里没人',
    });
  });

  it('a technician sees and works only their own visits; a partner only its own service point’s', async () => {
    const tk = await openTicket();
    const mineV = (await plan(tk.id)).json();
    const tk2 = await openTicket();
    const theirs = await plan(tk2.id, { technicianId: sp2.techId });
    expect(theirs.statusCode).toBe(201);
    const theirV = theirs.json();

    const tech = acme.as('technician');
    const day = (await api('GET', `/visits/mine?date=${localDay(mineV.windowStart)}`, tech))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(day).toContain(mineV.id);
    expect(day).not.toContain(theirV.id);
    expect((await api('GET', `/visits/${theirV.id}`, tech)).statusCode).toBe(404);
    const foreignCheckIn = await api('POST', `/visits/${theirV.id}/check-in`, tech, {
      version: theirV.version,
      lat: 1,
      lng: 1,
    });
    expect(foreignCheckIn.statusCode).toBe(404);
    // Planning is not the technician's job.
    expect((await plan(tk.id, {}, tech)).statusCode).toBe(403);

    // The first service point's manager sees its own visit, not the other point's.
    const pm = acme.as('partner_manager');
    expect((await api('GET', `/visits/${mineV.id}`, pm)).statusCode).toBe(200);
    expect((await api('GET', `/visits/${theirV.id}`, pm)).statusCode).toBe(404);
    expect((await api('GET', `/tickets/${tk2.id}/visits`, pm)).statusCode).toBe(404);
    expect(
      (await api('POST', `/visits/${theirV.id}/cancel`, pm, { version: theirV.version, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    // … and cannot send its technician to the other point's job, nor plan with the other point's technician.
    const cross = await plan(tk.id, { technicianId: sp2.techId }, pm);
    expect(cross.statusCode).toBe(403);
    // The board shows a partner manager its own technicians only.
    const date = new Date().toISOString().slice(0, 10);
    const board = (await api('GET', `/visits/board?date=${date}`, pm)).json();
    expect(board.rows.map((r: { technicianId: string }) => r.technicianId)).toEqual([
      acme.users.technician.id,
    ]);
    const forbidden = await api('GET', `/visits/board?date=${date}&teamId=${sp2.teamId}`, pm);
    expect(forbidden.statusCode).toBe(403);
    expect((await api('GET', `/visits/board?date=${date}`, sp2.managerHeaders)).json().rows).toHaveLength(1);
    // Another tenant sees nothing of it.
    expect((await api('GET', `/visits/${mineV.id}`, other.as('admin'))).statusCode).toBe(404);
    expect((await api('GET', `/tickets/${tk.id}/visits`, other.as('admin'))).statusCode).toBe(404);
  });

  it('dispatch board: technicians × visits of the day with load against capacity', async () => {
    const date = new Date().toISOString().slice(0, 10);
    const r = await api('GET', `/visits/board?date=${date}`, acme.as('dispatcher'));
    expect(r.statusCode).toBe(200);
    const board = r.json();
    expect(board.timeZone).toBe('Asia/Shanghai');
    const row = board.rows.find((x: { technicianId: string }) => x.technicianId === acme.users.technician.id);
    expect(row.capacity).toBeGreaterThan(0);
    expect(row.load).toBe(row.visits.filter((x: { status: string }) => x.status !== 'missed').length);
    expect((await api('GET', `/visits/board?date=${date}`, acme.as('agent'))).statusCode).toBe(403);
  });

  it('computes day bounds in the tenant time zone', () => {
    expect(dayBounds('Asia/Shanghai', '2026-11-24')).toEqual({
      from: new Date('2026-11-23T16:00:00Z'),
      to: new Date('2026-11-24T16:00:00Z'),
    });
    expect(
      dayBounds('Europe/Berlin', '2026-03-29').to.getTime() -
        dayBounds('Europe/Berlin', '2026-03-29').from.getTime(),
    ).toBe(23 * hour);
  });
});
