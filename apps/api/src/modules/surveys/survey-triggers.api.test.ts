import { schema } from '@manyi/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { runCampaign } from '../followups/campaigns.service';
import { visitSampled } from './survey-triggers';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let modelId: string;

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function api(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers, payload: payload as object });
}
async function ok(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const r = await api(method, url, headers, payload);
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

let serial = 0;
async function customer(name: string, surveys = true, tenant = acme) {
  const c = await ok('POST', '/customers', tenant.as('admin'), {
    name,
    phones: [{ number: `1390000${String(2000 + ++serial).padStart(4, '0')}` }],
    addresses: [
      {
        provinceCode: '440000',
        cityCode: '440300',
        province: '广东省',
        city: '深圳市',
        detail: '福田区 1 号',
      },
    ],
    consent: { serviceCalls: true, surveys, marketing: false },
  });
  return c.id as string;
}

async function unit(customerId: string, tenant = acme, model = modelId) {
  await ok('POST', `/customers/${customerId}/units`, tenant.as('admin'), {
    modelId: model,
    serialNumber: `ST${String(++serial).padStart(6, '0')}`,
    purchaseDate: '2022-03-01',
  });
}

const invitationsOf = (customerId: string) =>
  t.database.db
    .select()
    .from(schema.surveyInvitations)
    .where(eq(schema.surveyInvitations.customerId, customerId));

/** Plans, checks in, reports with `result`, signs and checks out a visit; returns the visit id. */
async function completeVisit(customerId: string, result: 'resolved' | 'needs_revisit' | 'not_resolved') {
  const tk = await ok('POST', '/tickets', acme.as('agent'), {
    type: 'repair',
    description: '空调制冷效果差，外机噪音大',
    customerId,
  });
  const tech = acme.as('technician');
  let v = await ok('POST', `/tickets/${tk.id}/visits`, acme.as('dispatcher'), {
    technicianId: acme.users.technician.id,
    windowStart: inHours(1),
    windowEnd: inHours(3),
    confirmed: true,
  });
  v = await ok('POST', `/visits/${v.id}/check-in`, tech, { version: v.version, lat: 22.5, lng: 114.0 });
  v = await ok('POST', `/visits/${v.id}/report`, tech, {
    version: v.version,
    workDone: '检查冷媒压力，补充冷媒',
    result,
  });
  v = await ok('POST', `/visits/${v.id}/sign-off`, tech, {
    version: v.version,
    signaturePng: PNG,
    signedByName: '客户',
  });
  const out = await ok('POST', `/visits/${v.id}/check-out`, tech, { version: v.version });
  return { visitId: out.id as string, ticketId: tk.id as string, version: out.version as number };
}

async function setSettings(patch: Record<string, unknown>) {
  const s = await ok('GET', '/satisfaction-settings', acme.as('admin'));
  await ok('PUT', '/satisfaction-settings', acme.as('admin'), { ...patch, version: s.version });
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  modelId = (
    await ok('POST', '/product-models', acme.as('admin'), {
      code: 'KFR-26GW',
      name: '挂式空调 KFR-26GW',
      category: 'air_conditioner',
    })
  ).id;
  await setSettings({ followupSamplePercent: 100 });
});
afterAll(() => t.close());

describe('survey on visit completion', () => {
  it('invites the customer once per completed visit, with the visit trigger', async () => {
    const c = await customer('周雪梅');
    const { visitId, ticketId, version } = await completeVisit(c, 'needs_revisit');
    const inv = await invitationsOf(c);
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ trigger: 'visit', ticketId, sourceKey: `visit:${visitId}` });
    // A second check-out is refused and adds nothing.
    const again = await api('POST', `/visits/${visitId}/check-out`, acme.as('technician'), { version });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.statusCode).toBeLessThan(500);
    expect(await invitationsOf(c)).toHaveLength(1);
  });

  it('sends one survey, not two, when the visit resolves the work order', async () => {
    const c = await customer('郑国华');
    await completeVisit(c, 'resolved');
    const inv = await invitationsOf(c);
    expect(inv.map((i) => i.trigger)).toEqual(['resolution']);
  });

  it('respects the customer who refused surveys and the switch in the settings', async () => {
    const refused = await customer('孙丽', false);
    await completeVisit(refused, 'not_resolved');
    expect(await invitationsOf(refused)).toHaveLength(0);

    await setSettings({ surveyOnResolution: false });
    const c = await customer('何永强');
    await completeVisit(c, 'not_resolved');
    expect(await invitationsOf(c)).toHaveLength(0);
    await setSettings({ surveyOnResolution: true });
  });

  it('samples visits by the sample share, the same way every time', async () => {
    expect(visitSampled('a', 100)).toBe(true);
    expect(visitSampled('a', 0)).toBe(false);
    const ids = Array.from(
      { length: 400 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    );
    const inSample = ids.filter((id) => visitSampled(id, 30)).length;
    expect(inSample).toBeGreaterThan(60);
    expect(inSample).toBeLessThan(180);
    expect(ids.filter((id) => visitSampled(id, 30)).length).toBe(inSample);

    await setSettings({ followupSamplePercent: 0 });
    const c = await customer('冯晓燕');
    await completeVisit(c, 'not_resolved');
    expect(await invitationsOf(c)).toHaveLength(0);
    await setSettings({ followupSamplePercent: 100 });
  });
});

describe('survey campaign', () => {
  it('invites each matched customer once, skips refusals, and a re-run adds none', async () => {
    const a = await customer('韩志明');
    await unit(a);
    await unit(a); // two units, one invitation
    const b = await customer('曹婷');
    await unit(b);
    const refused = await customer('许文', false);
    await unit(refused);
    // Another tenant's customer with a matching unit is never touched.
    const otherModel = (
      await ok('POST', '/product-models', other.as('admin'), {
        code: 'KFR-26GW',
        name: '挂式空调',
        category: 'air_conditioner',
      })
    ).id;
    const foreign = await customer('外租户客户', true, other);
    await unit(foreign, other, otherModel);

    const c = await ok('POST', '/campaigns', acme.as('quality_manager'), {
      name: '空调使用满意度调查',
      filter: { categories: ['air_conditioner'] },
      action: 'survey',
    });
    expect(c).toMatchObject({ action: 'survey', ticketType: null, status: 'draft' });
    const done = await ok('POST', `/campaigns/${c.id}/start`, acme.as('quality_manager'), {
      version: c.version,
    });
    expect(done).toMatchObject({ status: 'done', total: 4, processed: 4, created: 2 });

    const made = await t.database.db
      .select()
      .from(schema.surveyInvitations)
      .where(eq(schema.surveyInvitations.campaignId, c.id));
    expect(made.map((i) => i.customerId).sort()).toEqual([a, b].sort());
    expect(made.every((i) => i.trigger === 'campaign' && i.status === 'pending')).toBe(true);

    // Re-run (a retried job): nothing new.
    await t.database.db
      .update(schema.campaigns)
      .set({ status: 'running' })
      .where(eq(schema.campaigns.id, c.id));
    await runCampaign(t.database, t.app.config, c.id);
    const after = await ok('GET', `/campaigns/${c.id}`, acme.as('quality_manager'));
    expect(after).toMatchObject({ status: 'done', created: 2 });
    const foreignInv = await t.database.db
      .select()
      .from(schema.surveyInvitations)
      .where(
        and(
          eq(schema.surveyInvitations.campaignId, c.id),
          eq(schema.surveyInvitations.tenantId, other.tenantId),
        ),
      );
    expect(foreignInv).toHaveLength(0);
    expect(await invitationsOf(refused)).toHaveLength(0);
  });
});
