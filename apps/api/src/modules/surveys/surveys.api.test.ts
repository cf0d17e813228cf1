import type { Role } from '@manyi/contracts';
import { schema } from '@manyi/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { onTicketResolved, sampledIn } from '../followups/followups.service';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let standard: string;
let vip: string;

async function addCustomer(tenant: TenantFixture, name: string, tier: 'standard' | 'vip') {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers: tenant.as('agent'),
    payload: {
      name,
      tier,
      phones: [{ number: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }],
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

const call = async (
  role: Role,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
  tenant = acme,
) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: tenant.as(role), ...(payload ? { payload } : {}) });

async function openTicket(customerId: string, type = 'repair', tenant = acme) {
  const r = await call(
    'agent',
    'POST',
    '/tickets',
    { type, description: '空调不制冷，开机五分钟后停机', customerId },
    tenant,
  );
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number; number: string };
}

async function move(id: string, to: string, note?: string, tenant = acme) {
  const tk = (await call('agent', 'GET', `/tickets/${id}`, undefined, tenant)).json();
  const r = await call(
    'agent',
    'POST',
    `/tickets/${id}/transition`,
    { to, version: tk.version, note },
    tenant,
  );
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const resolve = (id: string, tenant = acme) => move(id, 'resolved', '更换温控器，试机正常', tenant);

async function settings(patch: Record<string, unknown>, tenant = acme) {
  const cur = (await call('quality_manager', 'GET', '/satisfaction-settings', undefined, tenant)).json();
  const r = await call(
    'quality_manager',
    'PUT',
    '/satisfaction-settings',
    { ...patch, version: cur.version },
    tenant,
  );
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const followupsOf = (ticketId: string) =>
  t.database.db.select().from(schema.followups).where(eq(schema.followups.ticketId, ticketId));
const invitationsOf = (ticketId: string) =>
  t.database.db
    .select()
    .from(schema.surveyInvitations)
    .where(eq(schema.surveyInvitations.ticketId, ticketId));

/** Issues a link to a ticket's resolution invitation, as an agent copying it into an SMS. */
async function linkFor(ticketId: string) {
  const [inv] = await invitationsOf(ticketId);
  const r = await call('agent', 'POST', `/survey-invitations/${inv!.id}/link`);
  expect(r.statusCode, r.body).toBe(200);
  return { invitationId: inv!.id, token: (r.json().path as string).split('/').at(-1)! };
}

const publicGet = (token: string) => t.app.inject({ url: `/api/v1/public/survey/${token}` });
const publicPost = (token: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/survey/${token}`, payload });

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  standard = await addCustomer(acme, '钱芳', 'standard');
  vip = await addCustomer(acme, '贵宾陈总', 'vip');
});
afterAll(() => t.close());

describe('automatic follow-up after resolution', () => {
  it('samples deterministically: the same resolution always decides the same, about the configured share', () => {
    const at = new Date('2026-06-01T08:00:00Z');
    let n = 0;
    for (let i = 0; i < 2000; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const a = sampledIn(id, at, 30);
      expect(sampledIn(id, at, 30)).toBe(a);
      if (a) n++;
    }
    expect(n / 2000).toBeGreaterThan(0.26);
    expect(n / 2000).toBeLessThan(0.34);
    expect(sampledIn('x', at, 0)).toBe(false);
    expect(sampledIn('x', at, 100)).toBe(true);
  });

  it('with 0 % sampling only complaints and VIP customers get a call; once per resolution', async () => {
    await settings({ followupSamplePercent: 0, followupDelayHours: 48 });
    const plain = await openTicket(standard);
    await resolve(plain.id);
    expect(await followupsOf(plain.id)).toHaveLength(0);
    // …but the resolution survey is still created, once
    expect(await invitationsOf(plain.id)).toHaveLength(1);

    const forVip = await openTicket(vip);
    const resolved = await resolve(forVip.id);
    const [f] = await followupsOf(forVip.id);
    expect(f).toMatchObject({ reason: 'vip', status: 'open' });
    expect(f!.dueAt.getTime() - new Date(resolved.resolvedAt).getTime()).toBe(48 * 3_600_000);

    const complaint = await openTicket(standard, 'complaint');
    await resolve(complaint.id);
    expect((await followupsOf(complaint.id)).map((x) => x.reason)).toEqual(['complaint']);

    // The hook retried for the same resolution (a redelivered job, a double call) adds nothing.
    const ctx = {
      db: t.database.db,
      database: t.database,
      config: t.app.config,
      principal: {
        kind: 'api_token' as const,
        tenantId: acme.tenantId,
        tenantTimeZone: 'Asia/Shanghai',
        ticketPrefix: 'GD',
        userId: acme.users.agent.id,
        role: 'agent' as const,
        teamId: null,
        credentialId: 'x',
      },
      lang: 'zh' as const,
      requestId: 'test',
      now: () => new Date(),
    };
    await onTicketResolved(ctx, { id: forVip.id, resolvedAt: new Date(resolved.resolvedAt) });
    await onTicketResolved(ctx, { id: forVip.id, resolvedAt: new Date(resolved.resolvedAt) });
    expect(await followupsOf(forVip.id)).toHaveLength(1);
    expect(await invitationsOf(forVip.id)).toHaveLength(1);

    // Reopened and resolved again: a new resolution, a new call.
    await move(forVip.id, 'reopened', '客户反映又不制冷了');
    await resolve(forVip.id);
    expect(await followupsOf(forVip.id)).toHaveLength(2);
  });

  it('with 100 % sampling every repair gets a call; compliments get none', async () => {
    await settings({ followupSamplePercent: 100, followupDelayHours: 0 });
    const plain = await openTicket(standard);
    await resolve(plain.id);
    expect((await followupsOf(plain.id)).map((x) => x.reason)).toEqual(['resolution']);
    const praise = await openTicket(standard, 'compliment');
    await resolve(praise.id);
    expect(await followupsOf(praise.id)).toHaveLength(0);
    expect(await invitationsOf(praise.id)).toHaveLength(0);
  });
});

describe('follow-up calls', () => {
  it('shows due calls with a filled-in script; N failed attempts → unreachable → survey link', async () => {
    await settings({ followupSamplePercent: 100, followupDelayHours: 0, followupMaxAttempts: 3 });
    const tk = await openTicket(standard);
    await resolve(tk.id);
    const [f] = await followupsOf(tk.id);
    const due = (await call('agent', 'GET', '/followups?view=due&limit=200')).json();
    expect(due.items.map((x: { id: string }) => x.id)).toContain(f!.id);
    expect(due.counts.due).toBeGreaterThan(0);

    const detail = (await call('agent', 'GET', `/followups/${f!.id}`)).json();
    expect(detail.script[0]).toContain('钱芳');
    expect(detail.script.join('')).toContain('更换温控器');
    expect(detail.maxAttempts).toBe(3);

    let version = detail.version as number;
    for (const [i, result] of (['no_answer', 'busy', 'no_answer'] as const).entries()) {
      const r = await call('agent', 'POST', `/followups/${f!.id}/attempts`, { version, result });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      version = body.followup.version;
      expect(body.followup.attemptCount).toBe(i + 1);
      if (i < 2) expect(body.surveyLink).toBeNull();
      else {
        expect(body.followup.status).toBe('unreachable');
        expect(body.surveyLink.path).toMatch(/^\/p\/survey\/[A-Za-z0-9_-]+$/);
        // the link works, and the invitation is recorded with its trigger
        const token = body.surveyLink.path.split('/').at(-1);
        expect((await publicGet(token)).statusCode).toBe(200);
        const [inv] = await t.database.db
          .select()
          .from(schema.surveyInvitations)
          .where(eq(schema.surveyInvitations.followupId, f!.id));
        expect(inv!.trigger).toBe('followup_unreachable');
        const sent = await call('agent', 'POST', `/survey-invitations/${inv!.id}/sent`, { via: 'sms' });
        expect(sent.json()).toMatchObject({ status: 'sent', sentVia: 'sms' });
      }
    }
    const closed = await call('agent', 'POST', `/followups/${f!.id}/attempts`, { version, result: 'busy' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('FOLLOWUP_CLOSED');
  });

  it('a stale version is a conflict; an outcome with a new issue opens a work order', async () => {
    const tk = await openTicket(standard);
    await resolve(tk.id);
    const [f] = await followupsOf(tk.id);
    const stale = await call('agent', 'POST', `/followups/${f!.id}/attempts`, {
      version: 99,
      result: 'busy',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    const missing = await call('agent', 'POST', `/followups/${f!.id}/outcome`, {
      version: f!.version,
      problemResolved: true,
      satisfaction: 5,
      newIssue: true,
    });
    expect(missing.statusCode).toBe(400);

    const r = await call('agent', 'POST', `/followups/${f!.id}/outcome`, {
      version: f!.version,
      problemResolved: true,
      satisfaction: 4,
      newIssue: true,
      newIssueDescription: '客厅的另一台空调也有异响，希望一起看看',
    });
    expect(r.statusCode, r.body).toBe(200);
    const { followup, newTicketId } = r.json();
    expect(followup).toMatchObject({ status: 'done', reached: true, satisfaction: 4, newIssue: true });
    expect(followup.newTicketId).toBe(newTicketId);
    const nt = (await call('agent', 'GET', `/tickets/${newTicketId}`)).json();
    expect(nt.customerId).toBe(standard);
    // the reaching attempt was logged for the agent
    const detail = (await call('agent', 'GET', `/followups/${f!.id}`)).json();
    expect(detail.attempts.map((a: { result: string }) => a.result)).toEqual(['reached']);
  });

  it('an unhappy follow-up (satisfaction ≤ CSAT threshold) opens a recovery work order', async () => {
    const tk = await openTicket(standard);
    await resolve(tk.id);
    const [f] = await followupsOf(tk.id);
    const r = await call('agent', 'POST', `/followups/${f!.id}/outcome`, {
      version: f!.version,
      problemResolved: false,
      satisfaction: 1,
      note: '师傅迟到两小时，态度也不好',
    });
    expect(r.statusCode, r.body).toBe(200);
    const recovery = await t.database.db
      .select()
      .from(schema.tickets)
      .where(and(eq(schema.tickets.tenantId, acme.tenantId), eq(schema.tickets.customerId, standard)));
    expect(recovery.some((x) => x.tags.includes('服务补救') && x.description.includes('态度也不好'))).toBe(
      true,
    );
  });
});

describe('survey links', () => {
  it('open once, refuse a second answer, an invalid token and an expired link', async () => {
    await settings({ surveyOnResolution: true });
    const tk = await openTicket(standard);
    await resolve(tk.id);
    const { token, invitationId } = await linkFor(tk.id);

    const page = await publicGet(token);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      customerName: '钱芳',
      measures: ['csat', 'nps'],
      ticketNumber: tk.number,
    });

    // answers must match the template: nothing half-stored, the link still usable
    const wrong = await publicPost(token, { csat: 5 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('VALIDATION_FAILED');
    const outOfRange = await publicPost(token, { csat: 6, nps: 10 });
    expect(outOfRange.statusCode).toBe(400);

    const ok = await publicPost(token, {
      csat: 5,
      nps: 10,
      comment: '师傅很专业，谢谢',
      commentKind: 'compliment',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, thanks: 'satisfied' });

    const again = await publicPost(token, { csat: 1, nps: 0 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LINK_USED');
    expect((await publicGet(token)).statusCode).toBe(409);
    const responses = await t.database.db
      .select()
      .from(schema.surveyResponses)
      .where(eq(schema.surveyResponses.invitationId, invitationId));
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ csat: 5, nps: 10, dissatisfied: false, commentKind: 'compliment' });
    // an answered invitation gets no new link
    expect((await call('agent', 'POST', `/survey-invitations/${invitationId}/link`)).statusCode).toBe(409);

    const invalid = await publicGet('not-a-real-token-0123456789');
    expect(invalid.statusCode).toBe(404);
    expect(invalid.json().error.code).toBe('LINK_INVALID');

    const tk2 = await openTicket(standard);
    await resolve(tk2.id);
    const second = await linkFor(tk2.id);
    // a re-issued link replaces the old one
    const third = await linkFor(tk2.id);
    expect((await publicGet(second.token)).statusCode).toBe(404);
    await t.database.db
      .update(schema.publicLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.publicLinks.subjectId, third.invitationId));
    const expired = await publicPost(third.token, { csat: 4, nps: 8 });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('LINK_EXPIRED');
  });
});

describe('recovery', () => {
  it('a dissatisfied answer opens a linked recovery work order and alerts supervisors at once', async () => {
    const tk = await openTicket(standard);
    await resolve(tk.id);
    const { token } = await linkFor(tk.id);
    const r = await publicPost(token, { csat: 2, nps: 3, comment: '等了三天才上门', lang: 'zh' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().thanks).toBe('sorry');
    const [resp] = await t.database.db
      .select()
      .from(schema.surveyResponses)
      .where(eq(schema.surveyResponses.ticketId, tk.id));
    expect(resp).toMatchObject({ dissatisfied: true, dissatisfiedReasons: ['csat', 'nps'] });
    const recovery = (await call('supervisor', 'GET', `/tickets/${resp!.recoveryTicketId}`)).json();
    expect(recovery).toMatchObject({ priority: 'high', customerId: standard });
    expect(recovery.tags).toContain('服务补救');
    expect(recovery.description).toContain(tk.number);
    const notes = (await call('supervisor', 'GET', '/notifications')).json().items;
    expect(
      notes.some(
        (n: { kind: string; ticketId: string }) =>
          n.kind === 'survey.dissatisfied' && n.ticketId === recovery.id,
      ),
    ).toBe(true);
    const timeline = (await call('agent', 'GET', `/tickets/${tk.id}/timeline`)).json().items;
    expect(
      timeline.some((e: { data: { recoveryTicketId?: string } }) => e.data.recoveryTicketId === recovery.id),
    ).toBe(true);
    // The customer's history shows it
    const history = (await call('agent', 'GET', `/customers/${standard}/satisfaction`)).json();
    expect(history.summary.dissatisfied).toBeGreaterThanOrEqual(1);
    expect(
      history.responses.some((x: { recoveryTicketId: string }) => x.recoveryTicketId === recovery.id),
    ).toBe(true);
  });

  it('five-dimension survey: a gap ≤ −2 on one dimension is dissatisfied; thresholds are configurable', async () => {
    const templates = (await call('agent', 'GET', '/survey-templates')).json().items;
    const five = templates.find((x: { measures: string[] }) => x.measures.includes('dimensions'));
    const link = await call('agent', 'POST', '/survey-invitations', { customerId: vip, templateId: five.id });
    expect(link.statusCode, link.body).toBe(201);
    const token = link.json().path.split('/').at(-1);
    expect((await publicGet(token)).json().measures).toEqual(['dimensions', 'csat']);
    const dims = {
      tangibles: { expectation: 5, perception: 6 },
      empathy: { expectation: 6, perception: 6 },
      professionalism: { expectation: 6, perception: 5 },
      speed: { expectation: 7, perception: 4 },
      credibility: { expectation: 6, perception: 6 },
    };
    const partial = await publicPost(token, { csat: 4, dimensions: { speed: dims.speed } });
    expect(partial.statusCode).toBe(400);
    const r = await publicPost(token, { csat: 4, dimensions: dims, lang: 'en' });
    expect(r.json().thanks).toBe('sorry');
    const [resp] = await t.database.db
      .select()
      .from(schema.surveyResponses)
      .where(eq(schema.surveyResponses.customerId, vip));
    expect(resp).toMatchObject({ expSpeed: 7, perSpeed: 4, dissatisfiedReasons: ['gap:speed'] });

    // with the gap threshold at −4 the same answer would not be dissatisfied
    await settings({ gapMax: -4 });
    const l2 = (
      await call('agent', 'POST', '/survey-invitations', { customerId: vip, templateId: five.id })
    ).json();
    const r2 = await publicPost(l2.path.split('/').at(-1), { csat: 4, dimensions: dims });
    expect(r2.json().thanks).toBe('satisfied');
    await settings({ gapMax: -2 });
  });
});

describe('templates, settings and who may do what', () => {
  it('quality managers edit templates and settings; agents may not; bad settings are refused', async () => {
    const created = await call('quality_manager', 'POST', '/survey-templates', {
      name: '安装回访 NPS',
      measures: ['nps', 'ces'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await call('quality_manager', 'POST', '/survey-templates', {
      name: '安装回访 NPS',
      measures: ['nps'],
    });
    expect(dup.statusCode).toBe(409);
    const bad = await call('quality_manager', 'POST', '/survey-templates', {
      name: 'x',
      measures: ['nps', 'nps'],
    });
    expect(bad.statusCode).toBe(400);
    const changed = await call('quality_manager', 'PATCH', `/survey-templates/${created.json().id}`, {
      version: 1,
      active: false,
    });
    expect(changed.json().active).toBe(false);
    // an inactive template cannot be sent
    const inactive = await call('agent', 'POST', '/survey-invitations', {
      customerId: standard,
      templateId: created.json().id,
    });
    expect(inactive.statusCode).toBe(422);

    expect(
      (await call('agent', 'PUT', '/satisfaction-settings', { version: 1, csatMax: 3 })).statusCode,
    ).toBe(403);
    expect(
      (await call('agent', 'POST', '/survey-templates', { name: 'y', measures: ['csat'] })).statusCode,
    ).toBe(403);
    const cur = (await call('quality_manager', 'GET', '/satisfaction-settings')).json();
    const out = await call('quality_manager', 'PUT', '/satisfaction-settings', {
      version: cur.version,
      npsMax: 11,
    });
    expect(out.statusCode).toBe(400);
    const stale = await call('quality_manager', 'PUT', '/satisfaction-settings', {
      version: cur.version - 1,
      npsMax: 5,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('technicians and partners see no follow-ups; another tenant sees none of ours', async () => {
    for (const role of ['technician', 'partner_manager', 'dispatcher'] as const)
      expect((await call(role, 'GET', '/followups')).statusCode).toBe(403);
    const [f] = await t.database.db
      .select()
      .from(schema.followups)
      .where(eq(schema.followups.tenantId, acme.tenantId));
    expect((await call('agent', 'GET', `/followups/${f!.id}`, undefined, other)).statusCode).toBe(404);
    expect(
      (await call('agent', 'GET', `/customers/${standard}/satisfaction`, undefined, other)).statusCode,
    ).toBe(404);
    const theirs = (await call('agent', 'GET', '/followups?view=all', undefined, other)).json();
    expect(theirs.items).toHaveLength(0);
    const theirResponses = (
      await call('quality_manager', 'GET', '/survey-responses', undefined, other)
    ).json();
    expect(theirResponses.items).toHaveLength(0);
    // a survey invitation for another tenant's customer is refused
    const cross = await call('agent', 'POST', '/survey-invitations', { customerId: standard }, other);
    expect(cross.statusCode).toBe(422);
  });
});
