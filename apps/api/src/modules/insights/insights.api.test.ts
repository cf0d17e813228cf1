import { schema } from '@manyi/db';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';
import { rebuildDays, refreshTenant } from './insights.rollup';

/*
 * A small month with figures computed by hand (tenant zone Asia/Shanghai, March 2026):
 * work orders in March: 7 (T9 opened 00:30 on 1 April local time — still March in UTC — is not counted).
 * Complaints: T3 service_manner (closed after 24 h, satisfied, won back), T4 product_quality (48 h, partly,
 * churned), T5 service_manner (open) → Pareto service_manner 2 (66.67 %), product_quality 1 (100 %);
 * average handling 36 h; win-back 1/2.
 * Responses: NPS 10, 9, 3, 7, 8 → promoters 2, detractors 1, n 5 → NPS 20.0; CSAT 5, 4, 2, 3 → 3.5, 50 %
 * satisfied; CES 2, 3, 6, 4 → 3.75. Gaps (two answers each): tangibles +0.5, empathy −0.5,
 * professionalism −0.5, speed −2, credibility +0.5. Compliments: T6 + one response comment = 2; suggestions 1.
 * Follow-ups completed: 3, reached 2 → 66.67 %.
 */

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
const ids: Record<string, string> = {};
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const at = (local: string) => new Date(`${local}+08:00`);
const Q = 'from=2026-03-01&to=2026-03-31';

async function seed(f: TenantFixture) {
  const db = t.database.db;
  const [c1] = await db
    .insert(schema.customers)
    .values({ tenantId: f.tenantId, name: '张伟', searchText: '张伟' })
    .returning({ id: schema.customers.id });
  const [c2] = await db
    .insert(schema.customers)
    .values({
      tenantId: f.tenantId,
      name: '李娜',
      searchText: '李娜',
      status: 'churned',
      churnedAt: at('2026-03-20T12:00:00'),
      churnReason: '改用其他品牌',
    })
    .returning({ id: schema.customers.id });
  const addr = async (customerId: string, provinceCode: string, province: string) =>
    (
      await db
        .insert(schema.customerAddresses)
        .values({
          tenantId: f.tenantId,
          customerId,
          provinceCode,
          province,
          cityCode: `${provinceCode.slice(0, 4)}00`,
          city: province,
          detail: '幸福路 1 号',
          isDefault: true,
        })
        .returning({ id: schema.customerAddresses.id })
    )[0]!.id;
  const a1 = await addr(c1!.id, '440000', '广东省');
  const a2 = await addr(c2!.id, '110000', '北京市');
  const [wp] = await db
    .insert(schema.warrantyPolicies)
    .values({ tenantId: f.tenantId, name: '整机三年', wholeUnitMonths: 36 })
    .returning({ id: schema.warrantyPolicies.id });
  const model = async (code: string, category: string) =>
    (
      await db
        .insert(schema.productModels)
        .values({ tenantId: f.tenantId, code, name: code, category, warrantyPolicyId: wp!.id })
        .returning({ id: schema.productModels.id })
    )[0]!.id;
  const m1 = await model('KFR-35', '空调');
  const m2 = await model('BCD-500', '冰箱');
  const unit = async (
    customerId: string,
    modelId: string,
    addressId: string,
    serial: string,
    bought: string,
  ) =>
    (
      await db
        .insert(schema.units)
        .values({
          tenantId: f.tenantId,
          customerId,
          modelId,
          addressId,
          serialNumber: serial,
          purchaseDate: bought,
        })
        .returning({ id: schema.units.id })
    )[0]!.id;
  const u1 = await unit(c1!.id, m1, a1, `S1-${f.slug}`, '2025-06-01'); // in warranty
  const u2 = await unit(c2!.id, m2, a2, `S2-${f.slug}`, '2020-01-01'); // out of warranty
  let number = 0;
  const ticket = async (
    type: 'repair' | 'complaint' | 'compliment',
    created: string,
    o: { unit?: string; customer?: string; team?: string | null; tech?: string | null } = {},
  ) =>
    (
      await db
        .insert(schema.tickets)
        .values({
          tenantId: f.tenantId,
          number: ++number,
          type,
          channel: 'phone',
          subject: `${type} ${number}`,
          description: '—',
          customerId: o.customer ?? c1!.id,
          unitId: o.unit ?? null,
          teamId: o.team === undefined ? f.teamId : o.team,
          assigneeId: o.tech === undefined ? f.users.technician.id : o.tech,
          createdAt: at(created),
        })
        .returning({ id: schema.tickets.id })
    )[0]!.id;
  const T1 = await ticket('repair', '2026-03-02T10:00:00', { unit: u1 });
  const T2 = await ticket('repair', '2026-03-03T10:00:00', {
    unit: u2,
    customer: c2!.id,
    team: f.servicePointId,
  });
  const T3 = await ticket('complaint', '2026-03-05T10:00:00', { unit: u1, tech: null });
  const T4 = await ticket('complaint', '2026-03-10T10:00:00', { unit: u2, customer: c2!.id, tech: null });
  const T5 = await ticket('complaint', '2026-03-11T10:00:00', { unit: u1, tech: null });
  await ticket('compliment', '2026-03-15T10:00:00', { tech: null });
  await ticket('repair', '2026-03-31T23:30:00', { unit: u1 });
  await ticket('repair', '2026-04-01T00:30:00', { unit: u1 });
  const complaint = async (
    ticketId: string,
    customerId: string,
    cause: string,
    created: string,
    closed?: { at: string; verdict: 'satisfied' | 'partly'; winBack: 'active' | 'churned' },
  ) =>
    (
      await db
        .insert(schema.complaints)
        .values({
          tenantId: f.tenantId,
          ticketId,
          customerId,
          verbatim: '太不像话了',
          severity: 'serious',
          cause,
          acknowledgeDueAt: at(created),
          resolveDueAt: at(created),
          createdAt: at(created),
          closedAt: closed ? at(closed.at) : null,
          verdict: closed?.verdict ?? null,
          verdictAt: closed ? at(closed.at) : null,
          winBack: closed?.winBack ?? null,
        })
        .returning({ id: schema.complaints.id })
    )[0]!.id;
  await complaint(T3, c1!.id, 'service_manner', '2026-03-05T10:00:00', {
    at: '2026-03-06T10:00:00',
    verdict: 'satisfied',
    winBack: 'active',
  });
  await complaint(T4, c2!.id, 'product_quality', '2026-03-10T10:00:00', {
    at: '2026-03-12T10:00:00',
    verdict: 'partly',
    winBack: 'churned',
  });
  await complaint(T5, c1!.id, 'service_manner', '2026-03-11T10:00:00');

  const [tpl] = await db
    .insert(schema.surveyTemplates)
    .values({ tenantId: f.tenantId, name: '满意度', measures: ['csat', 'nps', 'ces', 'dimensions'] })
    .returning({ id: schema.surveyTemplates.id });
  let inv = 0;
  const response = async (
    ticketId: string,
    customerId: string,
    day: string,
    v: Partial<typeof schema.surveyResponses.$inferInsert>,
  ) => {
    const [i] = await db
      .insert(schema.surveyInvitations)
      .values({
        tenantId: f.tenantId,
        templateId: tpl!.id,
        customerId,
        ticketId,
        trigger: 'resolution',
        sourceKey: `test:${++inv}`,
        status: 'answered',
        expiresAt: at('2026-12-31T00:00:00'),
      })
      .returning({ id: schema.surveyInvitations.id });
    const tk = rowsOf<{ team_id: string | null; assignee_id: string | null }>(
      await db.execute(sql`SELECT team_id, assignee_id FROM tickets WHERE id = ${ticketId}`),
    )[0]!;
    await db.insert(schema.surveyResponses).values({
      tenantId: f.tenantId,
      invitationId: i!.id,
      templateId: tpl!.id,
      customerId,
      ticketId,
      trigger: 'resolution',
      teamId: tk.team_id,
      assigneeId: tk.assignee_id,
      respondedAt: at(`${day}T15:00:00`),
      ...v,
    });
  };
  const dims = (e: number[], p: number[]) => ({
    expTangibles: e[0],
    perTangibles: p[0],
    expEmpathy: e[1],
    perEmpathy: p[1],
    expProfessionalism: e[2],
    perProfessionalism: p[2],
    expSpeed: e[3],
    perSpeed: p[3],
    expCredibility: e[4],
    perCredibility: p[4],
  });
  await response(T1, c1!.id, '2026-03-04', {
    csat: 5,
    nps: 10,
    ces: 2,
    ...dims([6, 6, 7, 6, 5], [7, 5, 7, 4, 6]),
    commentKind: 'compliment',
  });
  await response(T2, c2!.id, '2026-03-05', {
    csat: 4,
    nps: 9,
    ces: 3,
    ...dims([5, 6, 6, 7, 6], [5, 6, 5, 5, 6]),
  });
  await response(T1, c1!.id, '2026-03-06', { csat: 2, nps: 3, ces: 6 });
  await response(T4, c2!.id, '2026-03-13', { csat: 3, nps: 7, ces: 4, commentKind: 'suggestion' });
  await response(T2, c2!.id, '2026-03-14', { nps: 8 });

  const followup = async (
    ticketId: string,
    customerId: string,
    status: 'done' | 'unreachable' | 'open',
    day?: string,
    reached?: boolean,
  ) =>
    db.insert(schema.followups).values({
      tenantId: f.tenantId,
      customerId,
      ticketId,
      reason: 'manual',
      dueAt: at('2026-03-03T09:00:00'),
      status,
      reached: reached ?? null,
      completedAt: day ? at(`${day}T11:00:00`) : null,
    });
  await followup(T1, c1!.id, 'done', '2026-03-04', true);
  await followup(T2, c2!.id, 'unreachable', '2026-03-05', false);
  await followup(T2, c2!.id, 'done', '2026-03-06', true);
  await followup(T1, c1!.id, 'open');
  return { T1, T2, T3, T4, T5, c1: c1!.id };
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  Object.assign(ids, await seed(acme));
  // The other tenant has its own data; none of it may show in acme's figures.
  await seed(other);
  await refreshTenant(t.database, acme.tenantId);
  await refreshTenant(t.database, other.tenantId);
});
afterAll(() => t?.close());

const get = (url: string, role: Parameters<TenantFixture['as']>[0] = 'quality_manager', f = acme) =>
  t.app.inject({ url: `/api/v1${url}`, headers: f.as(role) });

describe('satisfaction dashboard figures', () => {
  it('computes NPS, CSAT, CES, complaints, win-back, reach and compliments by hand-checked formulas', async () => {
    const r = await get(`/insights/overview?${Q}`);
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o.grain).toBe('day');
    expect(o.series).toHaveLength(31);
    expect(o.kpis).toMatchObject({
      tickets: 7,
      responses: 5,
      nps: 20,
      npsN: 5,
      promoters: 2,
      detractors: 1,
      csat: 3.5,
      csatSatisfiedRate: 0.5,
      ces: 3.75,
      complaints: 3,
      complaintsClosed: 2,
      complaintsVerdict: 2,
      avgHandlingHours: 36,
      winBackRate: 0.5,
      followupsDone: 3,
      followupReachRate: 0.6667,
      compliments: 2,
      suggestions: 1,
    });
  });

  it('gives the five-dimension gaps as perception − expectation', async () => {
    const o = (await get(`/insights/overview?${Q}`)).json();
    const gap = Object.fromEntries(
      o.gaps.map((g: { dimension: string; gap: number }) => [g.dimension, g.gap]),
    );
    expect(gap).toEqual({
      tangibles: 0.5,
      empathy: -0.5,
      professionalism: -0.5,
      speed: -2,
      credibility: 0.5,
    });
    expect(o.gaps.find((g: { dimension: string }) => g.dimension === 'speed')).toMatchObject({
      n: 2,
      expectation: 6.5,
      perception: 4.5,
    });
  });

  it('orders complaint causes as a Pareto with the running share', async () => {
    const o = (await get(`/insights/overview?${Q}`)).json();
    expect(o.causes).toEqual([
      { cause: 'service_manner', label: '服务态度', count: 2, cumulativeShare: 0.6667 },
      { cause: 'product_quality', label: '产品质量', count: 1, cumulativeShare: 1 },
    ]);
  });

  it('filters by one dimension and groups by week or month', async () => {
    const tech = acme.users.technician.id;
    const o = (await get(`/insights/overview?${Q}&dim=technician&key=${tech}&grain=month`)).json();
    expect(o.series).toHaveLength(1);
    // R1, R2, R3, R5 were answered on the technician's work orders: NPS 10, 9, 3, 8.
    expect(o.kpis).toMatchObject({ responses: 4, promoters: 2, detractors: 1, nps: 25, tickets: 3 });
    const gd = (await get(`/insights/overview?${Q}&dim=province&key=440000`)).json();
    expect(gd.kpis).toMatchObject({ tickets: 5, complaints: 2 });
    const wk = (await get(`/insights/overview?from=2026-03-02&to=2026-03-15&grain=week`)).json();
    expect(wk.series.map((s: { bucket: string }) => s.bucket)).toEqual(['2026-03-02', '2026-03-09']);
  });

  it('breaks the period down by category with readable labels', async () => {
    const b = (await get(`/insights/breakdown?${Q}&by=category`)).json();
    const byKey = Object.fromEntries(b.rows.map((r: { key: string }) => [r.key, r]));
    expect(byKey['空调']).toMatchObject({ label: '空调', tickets: 4, complaints: 2 });
    expect(byKey['冰箱']).toMatchObject({ tickets: 2, complaints: 1 });
    expect(byKey['-']).toMatchObject({ label: '（未指定）', tickets: 1 });
    const p = (await get(`/insights/breakdown?${Q}&by=province`)).json();
    expect(p.rows.map((r: { label: string }) => r.label).sort()).toEqual(['北京市', '广东省']);
  });

  it('refuses a reversed or too long period and a dimension without a key', async () => {
    const bad = await get('/insights/overview?from=2026-03-31&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INSIGHTS_PERIOD_INVALID');
    expect((await get('/insights/overview?from=2020-01-01&to=2026-03-01')).statusCode).toBe(400);
    const half = await get(`/insights/overview?${Q}&dim=team`);
    expect(half.statusCode).toBe(400);
    expect(half.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get(`/insights/overview?from=2026-02-30&to=2026-03-01`)).statusCode).toBe(400);
  });
});

describe('drill-down', () => {
  it('lists the work orders behind a figure', async () => {
    const d = (await get(`/insights/drill?${Q}&metric=detractors`)).json();
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ ticketId: ids.T1, detail: 'NPS 3', number: 'GD-1' });
    const c = (await get(`/insights/drill?${Q}&metric=complaints&cause=service_manner`)).json();
    expect(c.items.map((x: { ticketId: string }) => x.ticketId)).toEqual([ids.T5, ids.T3]);
    expect(c.items[0].detail).toBe('服务态度 · 严重');
    const g = (await get(`/insights/drill?${Q}&metric=responses&gapDimension=speed`)).json();
    expect(g.items).toHaveLength(2);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { ticketId: string }[]; nextCursor: string | null } = (
        await get(`/insights/drill?${Q}&metric=tickets&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((x: { ticketId: string }) => x.ticketId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await get(`/insights/drill?${Q}&metric=tickets&cursor=garbage`)).statusCode).toBe(400);
  });
});

describe('rollups', () => {
  const snapshot = async (tenantId: string) =>
    rowsOf(
      await t.database.db.execute(sql`
        SELECT day::text, dim, dim_key, tickets, complaints, compliments, suggestions, repairs, complaint_causes,
          complaints_closed, complaint_handling_minutes::float8 AS hm, complaints_verdict, complaints_winback_known,
          complaints_won_back, followups_done, followups_reached, responses, csat_n, csat_sum, csat_satisfied,
          nps_n, nps_promoters, nps_detractors, ces_n, ces_sum, ces_easy, gap_n, gap_exp_sum, gap_perc_sum
        FROM insight_daily WHERE tenant_id = ${tenantId} ORDER BY day, dim, dim_key`),
    );

  it('stays equal to a full recomputation after writes, and a repeated refresh changes nothing', async () => {
    const db = t.database.db;
    // A reassignment (another team), a new response, a complaint closed now.
    await db.execute(
      sql`UPDATE tickets SET team_id = ${acme.servicePointId}, updated_at = now() WHERE id = ${ids.T1}`,
    );
    await db.execute(
      sql`UPDATE complaints SET closed_at = ${at('2026-03-20T10:00:00')}, verdict = 'satisfied',
        win_back = 'bought_again', updated_at = now() WHERE ticket_id = ${ids.T5}`,
    );
    const before = (await get(`/insights/overview?${Q}`)).json().kpis;
    expect(before.complaintsClosed).toBe(2);
    const days = await refreshTenant(t.database, acme.tenantId);
    expect(days).toBeGreaterThan(0);
    const after = (await get(`/insights/overview?${Q}`)).json().kpis;
    expect(after).toMatchObject({ complaintsClosed: 3, winBackRate: 0.6667 });
    const incremental = await snapshot(acme.tenantId);
    await refreshTenant(t.database, acme.tenantId);
    expect(await snapshot(acme.tenantId)).toEqual(incremental);
    await t.database.db.transaction((tx) => rebuildDays(tx, acme.tenantId, 'Asia/Shanghai', null));
    expect(await snapshot(acme.tenantId)).toEqual(incremental);
    const team = (await get(`/insights/overview?${Q}&dim=team&key=${acme.servicePointId}`)).json().kpis;
    expect(team.tickets).toBe(2); // T1 and T2 now both at the service point
  });

  it('is refreshed on demand through the API and survives a restart (watermark kept in the database)', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/refresh',
      headers: acme.as('supervisor'),
    });
    expect(r.statusCode).toBe(200);
    const wm = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM insight_watermarks WHERE tenant_id = ${acme.tenantId}`,
    );
    expect(rowsOf<{ n: number }>(wm)[0]!.n).toBe(1);
  });
});

describe('exports', () => {
  it('writes CSV with a BOM that parses back', async () => {
    const r = await get(`/insights/export/breakdown?${Q}&by=category&format=csv`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    expect(r.body.charCodeAt(0)).toBe(0xfeff);
    const lines = r.body.slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['维度', '工单数', '问卷回收']);
    const air = lines.find((l) => l.startsWith('空调,'))!;
    expect(air.split(',')[1]).toBe('4');
  });

  it('writes XLSX that parses back, for the series and for a drill-down list', async () => {
    const r = await t.app.inject({
      url: `/api/v1/insights/export/drill?${Q}&metric=tickets&format=xlsx`,
      headers: { ...acme.as('quality_manager'), 'accept-language': 'en' },
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Number');
    expect(ws.rowCount).toBe(1 + 7);
    const o = await get(`/insights/export/overview?${Q}&grain=month&format=xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(o.rawPayload as unknown as ArrayBuffer);
    const row = wb2.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('2026-03-01');
    expect(row.getCell(2).value).toBe(7);
  });
});

describe('monthly report', () => {
  it('gathers surveys, complaints, lost customers and warranty claims in the tenant time zone', async () => {
    const r = await get('/insights/report/2026-03');
    expect(r.statusCode).toBe(200);
    const m = r.json();
    expect(m).toMatchObject({ month: '2026-03', from: '2026-03-01', to: '2026-03-31', lostCount: 1 });
    expect(m.kpis.tickets).toBe(7);
    expect(m.lostCustomers[0]).toMatchObject({ name: '李娜', reason: '改用其他品牌' });
    // Repairs in March: T1 (unit bought 2025-06, in warranty), T2 (2020, out), T8 (in warranty).
    expect(m.warranty).toMatchObject({ repairs: 3, inWarranty: 2 });
    expect(m.verdicts.satisfied).toBeGreaterThanOrEqual(1);
    expect((await get('/insights/report/2026-13')).statusCode).toBe(400);
  });
});

describe('who may see insights', () => {
  it('lets quality managers, supervisors and admins in, and nobody else', async () => {
    for (const role of ['quality_manager', 'supervisor', 'admin'] as const)
      expect((await get(`/insights/overview?${Q}`, role)).statusCode).toBe(200);
    for (const role of ['agent', 'dispatcher', 'technician', 'partner_manager'] as const) {
      expect((await get(`/insights/overview?${Q}`, role)).statusCode).toBe(403);
      expect((await get(`/insights/export/drill?${Q}&metric=tickets`, role)).statusCode).toBe(403);
    }
  });

  it('shows each tenant only its own figures and work orders', async () => {
    const mine = (await get(`/insights/drill?${Q}&metric=tickets&limit=200`)).json().items;
    const theirs = (
      await get(`/insights/drill?${Q}&metric=tickets&limit=200`, 'quality_manager', other)
    ).json().items;
    const a = new Set(mine.map((x: { ticketId: string }) => x.ticketId));
    expect(theirs.some((x: { ticketId: string }) => a.has(x.ticketId))).toBe(false);
    // Acme changed since; the other tenant still has exactly its hand-computed month.
    const o = (await get(`/insights/overview?${Q}`, 'quality_manager', other)).json();
    expect(o.kpis).toMatchObject({ tickets: 7, nps: 20, complaintsClosed: 2 });
    // Another tenant's team id as a filter yields nothing, not their figures.
    const cross = (await get(`/insights/overview?${Q}&dim=team&key=${other.teamId}`)).json();
    expect(cross.kpis.tickets).toBe(0);
  });
});
