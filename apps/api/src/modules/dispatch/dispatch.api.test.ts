import { randomBytes } from 'node:crypto';
import type { Role } from '@manyi/contracts';
import { schema } from '@manyi/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateIn } from '../../lib/local-date';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { insertApiToken } from '../auth/auth.repository';
import { sha256 } from '../auth/auth.service';
import { insertUser } from '../users/users.repository';
import { sweepDispatches } from './dispatch.service';

let t: TestApp;
let a: TenantFixture;
let b: TenantFixture;
let ownPoint: string;
let otherPartner: string;
let otherPartnerHeaders: Record<string, string>;
let customerId: string;
let unitId: string;
const tech: Record<string, string> = {};

// 深圳南山: the customer lives here.
const HOME = { lat: 22.5333, lng: 113.9304 };
// Dates as the tenant (Asia/Shanghai) counts them: its today can differ from UTC's.
const day = (offset: number) =>
  new Date(Date.parse(`${localDateIn('Asia/Shanghai', new Date())}T00:00:00Z`) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);

async function userWithToken(role: Role, teamId: string, name: string) {
  const u = await insertUser(t.database.db, {
    tenantId: a.tenantId,
    email: `${name}-${randomBytes(3).toString('hex')}@a.test`,
    displayName: name,
    role,
    teamId,
    passwordHash: 'x',
  });
  const token = `mny_test_${randomBytes(16).toString('hex')}`;
  await insertApiToken(t.database.db, {
    tenantId: a.tenantId,
    userId: u.id,
    name: 'test',
    prefix: token.slice(0, 10),
    tokenHash: sha256(token),
    expiresAt: null,
  });
  return { id: u.id, headers: { authorization: `Bearer ${token}` } };
}

const api = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

function point(name: string, ownership: 'own' | 'partner', lat: number, lng: number) {
  return {
    name,
    ownership,
    provinceCode: '440000',
    cityCode: '440300',
    districtCode: '440305',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    addressDetail: '科技园南区高新南一道 8 号',
    lat,
    lng,
    coverageRegionCodes: ['440300'],
    coverageRadiusKm: 30,
    categories: ['air_conditioner', 'refrigerator'],
    contactName: '陈志强',
    contactPhone: '0755-26651234',
  };
}

async function technician(
  name: string,
  teamId: string,
  opts: {
    lat: number;
    lng: number;
    categories?: string[];
    cert?: { expiresOn: string; score: number } | null;
    leave?: boolean;
    id?: string;
    calendarId?: string;
  },
) {
  const id =
    opts.id ??
    (
      await insertUser(t.database.db, {
        tenantId: a.tenantId,
        email: `${randomBytes(4).toString('hex')}@a.test`,
        displayName: name,
        role: 'technician',
        teamId,
        passwordHash: 'x',
      })
    ).id;
  const admin = a.as('admin');
  const r = await api('PUT', `/technicians/${id}`, admin, {
    version: 0,
    categories: opts.categories ?? ['air_conditioner'],
    jobTypes: ['repair', 'installation'],
    baseLat: opts.lat,
    baseLng: opts.lng,
    dailyCapacity: 4,
    calendarId: opts.calendarId ?? null,
  });
  expect(r.statusCode, r.body).toBe(200);
  if (opts.cert !== null) {
    const c = opts.cert ?? { expiresOn: day(365), score: 85 };
    const cr = await api('POST', `/technicians/${id}/certifications`, admin, {
      name: '空调安装维修上岗证',
      category: 'air_conditioner',
      issuedOn: day(-700),
      expiresOn: c.expiresOn,
      examScore: c.score,
      issuer: '中国家用电器服务维修协会',
    });
    expect(cr.statusCode, cr.body).toBe(201);
  }
  if (opts.leave) {
    const lr = await api('POST', `/technicians/${id}/leave`, admin, {
      startsOn: day(-1),
      endsOn: day(2),
      reason: '年假',
    });
    expect(lr.statusCode, lr.body).toBe(201);
  }
  tech[name] = id;
  return id;
}

async function openTicket() {
  const r = await api('POST', '/tickets', a.as('agent'), {
    type: 'repair',
    description: '空调不制冷，外机有异响',
    customerId,
    unitId,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number };
}

const ticketOf = async (id: string) => (await api('GET', `/tickets/${id}`, a.as('dispatcher'))).json();
/** Dispatch steps on the timeline: kind `dispatch` with data.action. */
const timelineKinds = async (id: string) =>
  (
    (await api('GET', `/tickets/${id}/timeline`, a.as('dispatcher'))).json().items as {
      kind: string;
      body: string | null;
      data: { action?: string };
    }[]
  ).map((e) => ({ ...e, kind: e.kind === 'dispatch' ? `dispatch_${e.data.action}` : e.kind }));

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.database, 'disp-a');
  b = await seedTenant(t.database, 'disp-b');
  const admin = a.as('admin');
  // The fixture's service point is a partner in 南山; one own service point; another partner.
  const sp = await api('PUT', `/service-points/${a.servicePointId}`, admin, {
    version: 0,
    ...point('南山服务网点', 'partner', 22.54, 113.94),
  });
  expect(sp.statusCode, sp.body).toBe(200);
  const own = await api('POST', '/service-points', admin, point('深圳直营服务中心', 'own', 22.55, 114.05));
  expect(own.statusCode, own.body).toBe(201);
  ownPoint = own.json().id;
  const other = await api(
    'POST',
    '/service-points',
    admin,
    point('宝安特约维修站', 'partner', 22.57, 113.88),
  );
  otherPartner = other.json().id;
  otherPartnerHeaders = (await userWithToken('partner_manager', otherPartner, '宝安经理')).headers;

  await t.database.db
    .update(schema.users)
    .set({ displayName: '李师傅' })
    .where(eq(schema.users.id, a.users.technician.id));
  await technician('李师傅', a.servicePointId, {
    lat: 22.54,
    lng: 113.95,
    id: a.users.technician.id,
    cert: { expiresOn: day(365), score: 92 },
  });
  await technician('王师傅', ownPoint, { lat: 22.56, lng: 113.96, cert: { expiresOn: day(200), score: 80 } });
  await technician('赵师傅', ownPoint, { lat: 22.53, lng: 113.93, cert: { expiresOn: day(-3), score: 90 } });
  await technician('钱师傅', ownPoint, { lat: 22.53, lng: 113.93, leave: true });
  await technician('孙师傅', ownPoint, { lat: 22.53, lng: 113.93, categories: ['refrigerator'] });
  await technician('周师傅', ownPoint, { lat: 22.53, lng: 113.93, cert: null });
  await technician('吴师傅', ownPoint, { lat: 23.13, lng: 113.26, cert: { expiresOn: day(400), score: 99 } }); // 广州: far
  await technician('郑师傅', otherPartner, {
    lat: 22.6,
    lng: 113.9,
    cert: { expiresOn: day(10), score: 70 },
  });

  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: a.tenantId, name: '黄女士', tier: 'standard', searchText: '黄女士' })
    .returning({ id: schema.customers.id });
  customerId = c!.id;
  const [addr] = await t.database.db
    .insert(schema.customerAddresses)
    .values({
      tenantId: a.tenantId,
      customerId,
      provinceCode: '440000',
      cityCode: '440300',
      districtCode: '440305',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '南海大道 2001 号 5 栋 801',
      lat: HOME.lat,
      lng: HOME.lng,
      isDefault: true,
    })
    .returning({ id: schema.customerAddresses.id });
  const [m] = await t.database.db
    .insert(schema.productModels)
    .values({
      tenantId: a.tenantId,
      code: 'KFR-35GW',
      name: '壁挂式空调 1.5 匹',
      category: 'air_conditioner',
    })
    .returning({ id: schema.productModels.id });
  const [u] = await t.database.db
    .insert(schema.units)
    .values({
      tenantId: a.tenantId,
      customerId,
      modelId: m!.id,
      serialNumber: 'AC2025SZ000001',
      addressId: addr!.id,
    })
    .returning({ id: schema.units.id });
  unitId = u!.id;
});
afterAll(() => t.close());

describe('ranking', () => {
  it('ranks the eligible by score with reasons and lists the rest with why', async () => {
    const tk = await openTicket();
    const r = await api('GET', `/tickets/${tk.id}/dispatch-candidates`, a.as('dispatcher'));
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.basis).toMatchObject({ category: 'air_conditioner', ticketType: 'repair', lat: HOME.lat });
    const names = body.candidates.map((c: { technicianName: string }) => c.technicianName);
    // 李师傅 is nearest with the best exam; 王师傅 next; 郑师傅 farther with a weaker score.
    expect(names).toEqual(['李师傅', '王师傅', '郑师傅']);
    expect(body.candidates[0].rank).toBe(1);
    expect(body.candidates[0].score).toBeGreaterThan(body.candidates[1].score);
    const factors = body.candidates[0].reasons.map((x: { factor: string }) => x.factor);
    expect(factors).toEqual(
      expect.arrayContaining(['distance', 'skill', 'certification', 'load', 'due', 'tier', 'coverage']),
    );
    const why = Object.fromEntries(
      body.excluded.map((e: { technicianName: string; why: { code: string }[] }) => [
        e.technicianName,
        e.why.map((w) => w.code),
      ]),
    );
    expect(why['赵师傅']).toEqual(['certification_expired']);
    expect(why['钱师傅']).toEqual(['on_leave']);
    expect(why['孙师傅']).toContain('wrong_category');
    expect(why['周师傅']).toEqual(['no_certification']);
    // Beyond the search radius: neither offered nor listed.
    expect(JSON.stringify(body)).not.toContain('吴师傅');
  });

  it('weighs today’s load against capacity', async () => {
    const before = (
      await api('GET', `/tickets/${(await openTicket()).id}/dispatch-candidates`, a.as('dispatcher'))
    ).json();
    const li = before.candidates.find((c: { technicianName: string }) => c.technicianName === '李师傅');
    expect(li.load).toBe(0);
    expect(li.reasons.find((x: { factor: string }) => x.factor === 'load').points).toBe(25);
  });

  it('lets a partner rank only its own technicians and refuses technicians', async () => {
    const tk = await openTicket();
    expect((await api('GET', `/tickets/${tk.id}/dispatch-candidates`, a.as('technician'))).statusCode).toBe(
      403,
    );
    // Not dispatched to the partner yet: it cannot see the work order at all.
    expect(
      (await api('GET', `/tickets/${tk.id}/dispatch-candidates`, a.as('partner_manager'))).statusCode,
    ).toBe(404);
  });
});

describe('dispatching', () => {
  it('needs an override reason for anyone but the top candidate and refuses the excluded', async () => {
    const tk = await openTicket();
    const h = a.as('dispatcher');
    const noReason = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['王师傅'],
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.code).toBe('DISPATCH_OVERRIDE_REASON_REQUIRED');
    const excluded = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['赵师傅'],
      overrideReason: '客户指定',
    });
    expect(excluded.statusCode).toBe(422);
    expect(excluded.json().error.code).toBe('DISPATCH_CANDIDATE_EXCLUDED');
    expect(excluded.json().error.details.why[0].code).toBe('certification_expired');
    const far = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['吴师傅'],
    });
    expect(far.json().error.code).toBe('DISPATCH_OVERRIDE_REASON_REQUIRED');

    const ok = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['王师傅'],
      overrideReason: '客户上次由王师傅维修，要求同一位师傅',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'assigned', rank: 2, servicePointId: ownPoint });
    const ticket = await ticketOf(tk.id);
    expect(ticket).toMatchObject({ teamId: ownPoint, assigneeId: tech['王师傅'], status: 'open' });
    const events = await timelineKinds(tk.id);
    const dispatched = events.find((e) => e.kind === 'dispatch_dispatched')!;
    expect(dispatched.body).toBe('客户上次由王师傅维修，要求同一位师傅');
    // A stale version is a conflict, nothing changes.
    const stale = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['李师傅'],
    });
    expect(stale.statusCode).toBe(409);
    const history = (await api('GET', `/tickets/${tk.id}/dispatches`, h)).json().items;
    expect(history).toHaveLength(1);
  });

  it('re-dispatches: the old dispatch is superseded', async () => {
    const tk = await openTicket();
    const h = a.as('dispatcher');
    await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: tk.version,
      technicianId: tech['王师傅'],
      overrideReason: '就近',
    });
    const v = (await ticketOf(tk.id)).version;
    const again = await api('POST', `/tickets/${tk.id}/dispatch`, h, {
      version: v,
      technicianId: tech['李师傅'],
    });
    expect(again.statusCode, again.body).toBe(201);
    const history = (await api('GET', `/tickets/${tk.id}/dispatches`, h)).json().items;
    expect(history.map((d: { status: string }) => d.status)).toEqual(['offered', 'superseded']);
    expect((await timelineKinds(tk.id)).map((e) => e.kind)).toContain('dispatch_superseded');
  });

  it('honours Idempotency-Key on dispatch', async () => {
    const tk = await openTicket();
    const h = { ...a.as('dispatcher'), 'idempotency-key': `disp-${tk.id}` };
    const body = { version: tk.version, technicianId: tech['李师傅'] };
    const first = await api('POST', `/tickets/${tk.id}/dispatch`, h, body);
    const second = await api('POST', `/tickets/${tk.id}/dispatch`, h, body);
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('auto-dispatches to the top candidate on demand', async () => {
    const tk = await openTicket();
    const r = await api('POST', `/tickets/${tk.id}/auto-dispatch`, a.as('dispatcher'), {
      version: tk.version,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      mode: 'auto',
      rank: 1,
      technicianId: tech['李师傅'],
      status: 'offered',
    });
  });

  it('auto-dispatches waiting work in the sweep when the tenant turned it on', async () => {
    const put = await api('PUT', '/dispatch/settings', a.as('admin'), {
      version: 0,
      autoDispatch: 'top_candidate',
      partnerResponseMinutes: 60,
      maxDistanceKm: 60,
    });
    expect(put.statusCode, put.body).toBe(200);
    const tk = await openTicket();
    const r = await sweepDispatches(t.database, { tenantId: a.tenantId });
    expect(r.autoDispatched).toBeGreaterThanOrEqual(1);
    expect((await ticketOf(tk.id)).teamId).toBe(a.servicePointId);
    await api('PUT', '/dispatch/settings', a.as('admin'), { ...(put.json() as object), autoDispatch: 'off' });
  });
});

describe('partner acceptance', () => {
  async function offered() {
    const tk = await openTicket();
    const r = await api('POST', `/tickets/${tk.id}/dispatch`, a.as('dispatcher'), {
      version: tk.version,
      technicianId: tech['李师傅'],
      overrideReason: '合作网点就近',
    });
    expect(r.json().status, r.body).toBe('offered');
    return { ticketId: tk.id, dispatch: r.json() as { id: string; version: number; respondBy: string } };
  }

  it('waits for the partner, who accepts; then its technician sees the job', async () => {
    const { ticketId, dispatch } = await offered();
    expect(Date.parse(dispatch.respondBy)).toBeGreaterThan(Date.now());
    const ticket = await ticketOf(ticketId);
    expect(ticket).toMatchObject({ teamId: a.servicePointId, assigneeId: null });
    // The technician does not see it until the partner accepts; the other partner never does.
    expect((await api('GET', `/tickets/${ticketId}`, a.as('technician'))).statusCode).toBe(404);
    expect((await api('GET', `/tickets/${ticketId}`, otherPartnerHeaders)).statusCode).toBe(404);
    expect(
      (await api('GET', `/tickets/${ticketId}/dispatch-candidates`, otherPartnerHeaders)).statusCode,
    ).toBe(404);
    expect(
      (await api('POST', `/dispatches/${dispatch.id}/accept`, otherPartnerHeaders, { version: 1 }))
        .statusCode,
    ).toBe(404);
    expect((await api('GET', `/tickets/${ticketId}`, b.as('admin'))).statusCode).toBe(404);
    expect(
      (await api('GET', `/tickets/${ticketId}/dispatch-candidates`, b.as('dispatcher'))).statusCode,
    ).toBe(404);

    const inbox = (await api('GET', '/dispatch/inbox', a.as('partner_manager'))).json().items;
    expect(inbox.map((d: { id: string }) => d.id)).toContain(dispatch.id);
    expect(
      (await api('GET', '/dispatch/inbox', otherPartnerHeaders))
        .json()
        .items.map((d: { id: string }) => d.id),
    ).not.toContain(dispatch.id);
    // Its candidates: only its own technicians.
    const own = (
      await api('GET', `/tickets/${ticketId}/dispatch-candidates`, a.as('partner_manager'))
    ).json();
    expect(own.candidates.map((c: { technicianName: string }) => c.technicianName)).toEqual(['李师傅']);

    const acc = await api('POST', `/dispatches/${dispatch.id}/accept`, a.as('partner_manager'), {
      version: dispatch.version,
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().status).toBe('assigned');
    expect(await ticketOf(ticketId)).toMatchObject({ assigneeId: a.users.technician.id, status: 'open' });
    expect((await api('GET', `/tickets/${ticketId}`, a.as('technician'))).statusCode).toBe(200);
    expect((await api('GET', `/tickets/${ticketId}`, otherPartnerHeaders)).statusCode).toBe(404);
    expect((await timelineKinds(ticketId)).map((e) => e.kind)).toContain('dispatch_accepted');
    // Answered once only.
    const twice = await api('POST', `/dispatches/${dispatch.id}/accept`, a.as('partner_manager'), {
      version: 2,
    });
    expect(twice.json().error.code).toBe('DISPATCH_NOT_OFFERED');
  });

  it('records the refusal reason and returns the job to the dispatchers', async () => {
    const { ticketId, dispatch } = await offered();
    const h = a.as('partner_manager');
    expect(
      (await api('POST', `/dispatches/${dispatch.id}/refuse`, h, { version: dispatch.version })).statusCode,
    ).toBe(400);
    const r = await api('POST', `/dispatches/${dispatch.id}/refuse`, h, {
      version: dispatch.version,
      reason: '师傅全部外出，今日无法上门',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'refused', refusalReason: '师傅全部外出，今日无法上门' });
    expect(await ticketOf(ticketId)).toMatchObject({ teamId: null, assigneeId: null });
    const refused = (await timelineKinds(ticketId)).find((e) => e.kind === 'dispatch_refused');
    expect(refused?.body).toBe('师傅全部外出，今日无法上门');
    expect((await api('GET', `/tickets/${ticketId}`, h)).statusCode).toBe(404);
  });

  it('expires an unanswered offer after the deadline', async () => {
    const { ticketId, dispatch } = await offered();
    const later = new Date(Date.parse(dispatch.respondBy) + 60_000);
    const r = await sweepDispatches(t.database, { tenantId: a.tenantId, now: later });
    expect(r.expired).toBeGreaterThanOrEqual(1);
    const d = (await api('GET', `/dispatches/${dispatch.id}`, a.as('dispatcher'))).json();
    expect(d.status).toBe('expired');
    expect(await ticketOf(ticketId)).toMatchObject({ teamId: null, assigneeId: null });
    expect((await timelineKinds(ticketId)).map((e) => e.kind)).toContain('dispatch_expired');
    const late = await api('POST', `/dispatches/${dispatch.id}/accept`, a.as('partner_manager'), {
      version: d.version,
    });
    expect(late.json().error.code).toBe('DISPATCH_NOT_OFFERED');
  });
});

describe('service points and technicians', () => {
  it('validates a service point and guards its version', async () => {
    const admin = a.as('admin');
    const bad = await api('POST', '/service-points', admin, {
      ...point('坏网点', 'own', 22.5, 113.9),
      cityCode: '110100',
    });
    expect(bad.statusCode).toBe(400);
    const dup = await api('POST', '/service-points', admin, point('深圳直营服务中心', 'own', 22.5, 113.9));
    expect(dup.statusCode).toBe(409);
    const sp = (await api('GET', `/service-points/${ownPoint}`, admin)).json();
    const stale = await api('PUT', `/service-points/${ownPoint}`, admin, {
      ...point('深圳直营服务中心', 'own', 22.5, 113.9),
      version: sp.profile.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect((await api('GET', '/service-points', a.as('technician'))).statusCode).toBe(403);
    expect((await api('GET', `/service-points/${ownPoint}`, b.as('admin'))).statusCode).toBe(404);
  });

  it('flags expired and soon-expiring certifications for admins and on the technician', async () => {
    const w = (await api('GET', '/certification-warnings', a.as('admin'))).json().items;
    const byName = Object.fromEntries(
      w.map((x: { technicianName: string; state: string }) => [x.technicianName, x.state]),
    );
    expect(byName['赵师傅']).toBe('expired');
    expect(byName['郑师傅']).toBe('expiring');
    expect(byName['李师傅']).toBeUndefined();
    const zheng = (await api('GET', `/technicians/${tech['郑师傅']}`, a.as('dispatcher'))).json();
    expect(zheng.certificationWarning).toBe('expiring');
    expect(zheng.certifications[0].daysLeft).toBe(10);
    // A technician sees their own record, not others'; a partner only its own people.
    expect((await api('GET', `/technicians/${a.users.technician.id}`, a.as('technician'))).statusCode).toBe(
      200,
    );
    expect((await api('GET', `/technicians/${tech['郑师傅']}`, a.as('technician'))).statusCode).toBe(404);
    const mine = (await api('GET', '/technicians', a.as('partner_manager'))).json().items;
    expect(mine.map((x: { displayName: string }) => x.displayName)).toEqual(['李师傅']);
    const other = (await api('GET', '/technicians', b.as('admin'))).json().items;
    expect(other.map((x: { id: string }) => x.id)).not.toContain(a.users.technician.id);
  });

  it('rejects bad certification and leave dates', async () => {
    const admin = a.as('admin');
    const cert = await api('POST', `/technicians/${tech['王师傅']}/certifications`, admin, {
      name: '电工证',
      issuedOn: '2026-05-01',
      expiresOn: '2026-01-01',
      examScore: 80,
      issuer: '应急管理局',
    });
    expect(cert.statusCode).toBe(400);
    const lv = await api('POST', `/technicians/${tech['王师傅']}/leave`, admin, {
      startsOn: '2026-05-03',
      endsOn: '2026-05-01',
    });
    expect(lv.statusCode).toBe(400);
    const other = await api('POST', `/technicians/${tech['王师傅']}/leave`, b.as('admin'), {
      startsOn: '2026-05-01',
      endsOn: '2026-05-03',
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('working calendar and today’s load', () => {
  type Cand = {
    technicianName: string;
    load: number;
    score: number;
    reasons: { factor: string; points: number; values: Record<string, unknown> }[];
  };
  type Excl = { technicianName: string; why: { code: string; values: Record<string, unknown> }[] };
  const candidates = async (ticketId: string) => {
    const r = await api('GET', `/tickets/${ticketId}/dispatch-candidates`, a.as('dispatcher'));
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { candidates: Cand[]; excluded: Excl[] };
  };
  const byName = (list: { technicianName: string }[], name: string) =>
    list.find((c) => c.technicianName === name);
  /** The job's due time as ranking reads it: the on-site promise (else the work order's next due time). */
  const setDue = async (ticketId: string, at: Date) => {
    await t.database.db
      .update(schema.ticketCommitments)
      .set({ promiseDueAt: at })
      .where(
        and(eq(schema.ticketCommitments.ticketId, ticketId), eq(schema.ticketCommitments.metric, 'on_site')),
      );
    await t.database.db.update(schema.tickets).set({ nextDueAt: at }).where(eq(schema.tickets.id, ticketId));
  };

  it('a technician whose calendar has no working time today: ranked lower if back in time, else excluded', async () => {
    // Works 09:00–18:00 every day but today's weekday (in the tenant's zone): today is their day off.
    const today = new Date(`${day(0)}T00:00:00Z`).getUTCDay();
    const week = Object.fromEntries(
      [0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), d === today ? [] : [['09:00', '18:00']]]),
    );
    const cal = await api('POST', '/calendars', a.as('admin'), {
      name: '技师排班（今日轮休）',
      week,
      chinaHolidays: false,
    });
    expect(cal.statusCode, cal.body).toBe(201);
    await technician('冯师傅', ownPoint, {
      lat: 22.531,
      lng: 113.931,
      cert: { expiresOn: day(365), score: 95 },
      calendarId: cal.json().id,
    });
    // A colleague on an every-day calendar is not affected.
    const always = await api('POST', '/calendars', a.as('admin'), {
      name: '全年无休',
      week: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [['08:00', '20:00']]])),
      chinaHolidays: false,
    });
    await technician('陈师傅', ownPoint, {
      lat: 22.531,
      lng: 113.931,
      cert: { expiresOn: day(365), score: 95 },
      calendarId: always.json().id,
    });
    const tk = await openTicket();

    // Due in three days: back tomorrow at 09:00, so still offered, 20 points lower, with the reason.
    await setDue(tk.id, new Date(Date.now() + 3 * 86_400_000));
    let r = await candidates(tk.id);
    const feng = byName(r.candidates, '冯师傅') as Cand;
    const chen = byName(r.candidates, '陈师傅') as Cand;
    expect(feng).toBeTruthy();
    const reason = feng.reasons.find((x) => x.factor === 'calendar');
    expect(reason?.points).toBe(-20);
    expect(reason?.values.offToday).toBe(true);
    expect(localDateIn('Asia/Shanghai', new Date(reason?.values.nextWorkingAt as string))).toBe(day(1));
    expect(chen.reasons.some((x) => x.factor === 'calendar')).toBe(false);
    expect(feng.score).toBe(Math.round((chen.score - 20) * 10) / 10);

    // Due in two hours: they cannot make it, so they are excluded with when they are next at work.
    await setDue(tk.id, new Date(Date.now() + 2 * 3_600_000));
    r = await candidates(tk.id);
    expect(byName(r.candidates, '冯师傅')).toBeUndefined();
    const why = (byName(r.excluded, '冯师傅') as Excl).why;
    expect(why.map((w) => w.code)).toEqual(['off_duty']);
    expect(typeof why[0]?.values.nextWorkingAt).toBe('string');
    expect(byName(r.candidates, '陈师傅')).toBeTruthy();

    // Picking them anyway is refused with the same reason.
    const d = await api('POST', `/tickets/${tk.id}/dispatch`, a.as('dispatcher'), {
      version: (await ticketOf(tk.id)).version,
      technicianId: tech['冯师傅'],
      overrideReason: '客户指定',
    });
    expect(d.statusCode, d.body).toBe(422);
    expect(d.json().error).toMatchObject({ code: 'DISPATCH_CANDIDATE_EXCLUDED' });
    expect(d.json().error.details.why.map((w: { code: string }) => w.code)).toEqual(['off_duty']);
  });

  it('counts today’s visits and open work without a visit against capacity, in one look', async () => {
    const wang = tech['王师傅'] as string;
    const loadOfWang = async (ticketId: string) =>
      (byName((await candidates(ticketId)).candidates, '王师傅') as Cand).load;
    const probe = await openTicket();
    const base = await loadOfWang(probe.id);

    // Dispatched to 王师傅 (own point: assigned at once), no visit yet: one more.
    const job = await openTicket();
    const d = await api('POST', `/tickets/${job.id}/dispatch`, a.as('dispatcher'), {
      version: job.version,
      technicianId: wang,
      overrideReason: '熟悉该小区',
    });
    expect(d.statusCode, d.body).toBe(201);
    expect(await loadOfWang(probe.id)).toBe(base + 1);

    const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3_600_000);
    const { from, to } = dayBoundsOfToday();
    const inToday = (h: number) =>
      new Date(Math.min(Math.max(at(h).getTime(), from + 60_000), to - 3_600_000));
    const visit = async (
      ticketId: string,
      status: 'confirmed' | 'cancelled' | 'missed' | 'completed',
      start: Date,
    ) => {
      const [v] = await t.database.db
        .insert(schema.visits)
        .values({
          tenantId: a.tenantId,
          ticketId,
          technicianId: wang,
          teamId: ownPoint,
          status,
          windowStart: start,
          windowEnd: new Date(start.getTime() + 3_600_000),
        })
        .returning({ id: schema.visits.id });
      return v!.id;
    };
    // Its visit today: still one (the work order is counted through the visit, not twice).
    const v1 = await visit(job.id, 'confirmed', inToday(0));
    expect(await loadOfWang(probe.id)).toBe(base + 1);
    // Moved to the day after tomorrow: not today's load.
    await t.database.db
      .update(schema.visits)
      .set({ windowStart: at(48), windowEnd: at(49) })
      .where(eq(schema.visits.id, v1));
    expect(await loadOfWang(probe.id)).toBe(base);
    // Cancelled and missed visits today do not count; a completed one does.
    const other = await openTicket();
    await visit(other.id, 'cancelled', inToday(0));
    await visit(other.id, 'missed', inToday(0));
    expect(await loadOfWang(probe.id)).toBe(base);
    await visit(other.id, 'completed', inToday(0));
    expect(await loadOfWang(probe.id)).toBe(base + 1);
  });
});

/** Today in the tenant's zone (Asia/Shanghai, no DST) as UTC epoch ms. */
function dayBoundsOfToday() {
  const from = Date.parse(`${day(0)}T00:00:00+08:00`);
  return { from, to: from + 86_400_000 };
}
