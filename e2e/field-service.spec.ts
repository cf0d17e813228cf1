import type { DispatchCandidates, FieldVisit, Ticket, Visit } from '@manyi/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseUrl, collectPageErrors, demoSessions, screenshot } from './support';

const timeout = 20_000;
const phone = { width: 390, height: 844 };
const hour = 3_600_000;
/** The tenant's (Asia/Shanghai) calendar date of a moment: the day a visit is listed under. */
const localDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

/** Draws a signature-like stroke on the canvas with the mouse. */
async function sign(page: Page) {
  const canvas = page.locator('[data-testid="signature-canvas"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('signature canvas not visible');
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++)
    await page.mouse.move(box.x + 30 + i * 11, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 3)), {
      steps: 2,
    });
  await page.mouse.up();
}

describe('field service: from the call to the customer’s sign-off on a phone', () => {
  const { signIn } = demoSessions();

  test('call → work order → dispatch → visit confirmed by link → on-site work, paid extra, sign-off, check-out', async () => {
    const agent = await signIn('agent');
    const dispatcher = await signIn('dispatcher');
    const tech = await signIn('technician', phone);
    const me = await tech.call<{ user: { id: string; displayName: string; teamId: string } }>(
      'GET',
      '/auth/me',
    );
    const techId = me.user.id;

    // 1. The call: a caller from 深圳南山 with a washing machine; the agent registers both and opens a repair.
    const models = await agent.call<{ items: { id: string; category: string }[] }>(
      'GET',
      '/product-models?limit=100',
    );
    const washer = models.items.find((m) => m.category === 'washing_machine');
    expect(washer).toBeDefined();
    const phoneNo = `139${String(Date.now()).slice(-8)}`;
    const customer = await agent.call<{ id: string; name: string }>('POST', '/customers', {
      name: '郑海燕',
      phones: [{ number: phoneNo }],
      addresses: [
        {
          provinceCode: '440000',
          cityCode: '440300',
          districtCode: '440305',
          province: '广东省',
          city: '深圳市',
          district: '南山区',
          detail: '科技园南区高新南七道 18 号 3 栋 1203',
          lat: 22.5371,
          lng: 113.9469,
          isDefault: true,
        },
      ],
    });
    const unit = await agent.call<{ id: string }>('POST', `/customers/${customer.id}/units`, {
      modelId: washer!.id,
      serialNumber: `E2E-WM-${Date.now()}`,
      purchaseDate: '2025-06-18',
    });
    const unitId = unit.id;
    const ticket = await agent.call<Ticket>('POST', '/tickets', {
      type: 'repair',
      channel: 'phone',
      description: '洗衣机脱水时剧烈晃动并有异响，已持续三天',
      customerId: customer.id,
      unitId,
    });
    await agent.call('POST', `/tickets/${ticket.id}/calls`, {
      direction: 'inbound',
      durationSec: 185,
      summary: '客户来电：洗衣机脱水异响，希望尽快上门',
    });

    // 2. Dispatch: the demo technician (深圳南山, a partner service point, certified for washing machines) is
    // among the ranked candidates; picking anyone but the top one needs a reason. The partner then accepts.
    const fresh = await dispatcher.call<Ticket>('GET', `/tickets/${ticket.id}`);
    const ranking = await dispatcher.call<DispatchCandidates>(
      'GET',
      `/tickets/${ticket.id}/dispatch-candidates`,
    );
    const offered = ranking.candidates.find((c) => c.technicianId === techId);
    expect(offered, JSON.stringify(ranking.excluded.find((c) => c.technicianId === techId))).toBeDefined();
    await dispatcher.call('POST', `/tickets/${ticket.id}/dispatch`, {
      version: fresh.version,
      technicianId: techId,
      ...(offered!.rank > 1 ? { overrideReason: '客户指定熟悉的工程师' } : {}),
    });
    const partner = await signIn('partner_manager');
    const inbox = await partner.call<{ items: { id: string; ticketId: string; version: number }[] }>(
      'GET',
      '/dispatch/inbox',
    );
    const offer = inbox.items.find((d) => d.ticketId === ticket.id);
    expect(offer).toBeDefined();
    await partner.call('POST', `/dispatches/${offer!.id}/accept`, { version: offer!.version });
    const dispatched = await dispatcher.call<Ticket>('GET', `/tickets/${ticket.id}`);
    expect(dispatched.assigneeId).toBe(techId);

    // 3. The dispatcher plans the visit with an alternative window and sends the appointment link.
    const start = new Date(Date.now() + 30 * 60_000);
    const visit = await dispatcher.call<Visit>('POST', `/tickets/${ticket.id}/visits`, {
      technicianId: techId,
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 2 * hour).toISOString(),
      offeredWindows: [
        {
          start: new Date(start.getTime() + 24 * hour).toISOString(),
          end: new Date(start.getTime() + 26 * hour).toISOString(),
        },
      ],
    });
    expect(visit.status).toBe('proposed');
    const desk = dispatcher.page;
    await dispatcher.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await desk.goto(`/tickets/${ticket.id}`);
    await desk.locator('[data-testid="visit-panel"] [data-testid="visit-item"]').first().waitFor({ timeout });
    await desk.locator('[data-testid="copy-visit-link"]').first().click();
    await desk.getByText('预约确认链接已复制').first().waitFor({ timeout });
    const url = await desk.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/\/p\/visit\/[A-Za-z0-9_-]+$/);
    await screenshot(desk, 'field-01-desk-visit-panel');

    // 4. The customer opens the link on their phone, without signing in, and confirms.
    const customerContext = await tech.context
      .browser()!
      .newContext({ baseURL: baseUrl, viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const customerPage = await customerContext.newPage();
    const customerErrors = collectPageErrors(customerPage);
    await customerPage.goto(new URL(url).pathname);
    await customerPage.locator('[data-testid="public-visit"]').waitFor({ timeout });
    await screenshot(customerPage, 'field-02-customer-appointment-390');
    await customerPage.locator('[data-testid="public-confirm"]').click();
    await customerPage.locator('[data-testid="public-visit-done"]').waitFor({ timeout });
    await screenshot(customerPage, 'field-03-customer-confirmed-390');
    // The dispatcher sees the answer; the work order is scheduled.
    await desk.reload();
    await desk.locator('[data-testid="customer-answer"]').first().waitFor({ timeout });
    expect((await dispatcher.call<Ticket>('GET', `/tickets/${ticket.id}`)).status).toBe('scheduled');

    // 5. The technician's phone: home goes to today's visits; open the visit.
    const page = tech.page;
    await page.goto('/');
    await page.waitForURL(/\/m(\?|$)/, { timeout });
    await page.goto(`/m?date=${localDay(visit.windowStart)}`);
    await page.locator('[data-testid="mobile-visit-card"]').first().waitFor({ timeout });
    await screenshot(page, 'field-04-technician-today-390');
    await page.locator(`a[href="/m/visits/${visit.id}"]`).click();
    await page.locator('[data-testid="check-in"]').waitFor({ timeout });
    expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'field-05-technician-visit-390');

    // Check-in with the phone's position.
    await tech.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await tech.context.setGeolocation({ latitude: 22.5405, longitude: 113.9346, accuracy: 20 });
    await page.locator('[data-testid="check-in"]').click();
    await page.locator('[data-testid="checked-in-at"]').waitFor({ timeout });

    // Work report.
    await page.locator('[data-testid="work-done"]').fill('更换减震器两只，调平机脚，试机正常');
    await page.locator('[data-testid="work-cause"]').fill('减震器老化');
    await page.locator('[data-testid="save-report"]').click();
    await page.getByText('服务报告已保存').first().waitFor({ timeout });

    // A paid extra (the money helper's API): a quote sent by link, accepted by the customer before the work.
    type Sent = { quote: { id: string; version: number }; link: { path: string } };
    const draft = await tech.call<{ id: string; version: number }>('POST', `/tickets/${ticket.id}/quotes`, {
      lines: [
        {
          kind: 'service',
          name: '滚筒深度清洗',
          unitPriceFen: 12_000,
          quantity: 1,
          adHocReason: '客户现场要求加做清洗（协议外收费项目）',
        },
      ],
    });
    const sent = await tech.call<Sent>('POST', `/quotes/${draft.id}/send`, { version: draft.version });
    // The customer accepts on their phone, through the quote link (the money helper's public page).
    await customerPage.goto(sent.link.path);
    await customerPage.locator('[data-testid="public-quote"]').waitFor({ timeout });
    await customerPage.locator('[data-testid="public-quote-name"]').fill(customer.name);
    await customerPage.locator('[data-testid="public-quote-accept"]').click();
    // The page asks the customer to confirm the decision.
    await customerPage.locator('.ant-modal-confirm .ant-btn-primary').click();
    await customerPage.locator('[data-testid="public-quote-decided"]').waitFor({ timeout });
    await screenshot(customerPage, 'field-06a-customer-quote-accepted-390');
    // The technician's charges panel (the money helper's component, compact) shows the accepted extra.
    await page.reload();
    await page.locator('[data-testid="charges-slot"]').getByText('滚筒深度清洗').first().waitFor({ timeout });
    await screenshot(page, 'field-06-technician-on-site-390');

    // The customer's sign-off, drawn on the screen.
    await sign(page);
    await page.locator('[data-testid="signer-name"]').fill(customer.name);
    await page.locator('[data-testid="save-signature"]').click();
    await page.getByText(`已由 ${customer.name} 签字确认`).waitFor({ timeout });
    await screenshot(page, 'field-07-technician-signed-390');

    // Check-out resolves the work order; the on-site promise was judged at check-in.
    await page.locator('[data-testid="check-out"]').click();
    await page.getByText('上门服务已完成').waitFor({ timeout });
    await screenshot(page, 'field-08-technician-done-390');
    const done = await dispatcher.call<Ticket>('GET', `/tickets/${ticket.id}`);
    expect(done.status).toBe('resolved');
    const v = await dispatcher.call<FieldVisit>('GET', `/visits/${visit.id}`);
    expect(v).toMatchObject({ status: 'completed', signedByName: customer.name, checkInLat: 22.5405 });
    const clocks = await dispatcher.call<{ items: { metric: string; stoppedAt: string | null }[] }>(
      'GET',
      `/tickets/${ticket.id}/commitments`,
    );
    const onSite = clocks.items.find((c) => c.metric === 'on_site');
    if (onSite) expect(new Date(onSite.stoppedAt!).getTime()).toBe(new Date(v.checkedInAt!).getTime());

    // The dispatch board shows the day's visit.
    await desk.goto(`/dispatch/board?date=${localDay(visit.windowStart)}`);
    await desk.locator('[data-testid="dispatch-board"]').waitFor({ timeout });
    await desk.locator('[data-testid="board-visit"]').first().waitFor({ timeout });
    await screenshot(desk, 'field-09-dispatch-board');
    await desk.setViewportSize(phone);
    await desk.reload();
    await desk.locator('[data-testid="board-visit"]').first().waitFor({ timeout });
    await screenshot(desk, 'field-10-dispatch-board-390');
    await desk.setViewportSize({ width: 1440, height: 900 });

    // 6. A partner manager of another service point cannot see the job.
    const users = await dispatcher.call<{ items: { email: string; role: string; teamId: string | null }[] }>(
      'GET',
      '/users',
    );
    const assigned = await dispatcher.call<Ticket>('GET', `/tickets/${ticket.id}`);
    const stranger = users.items.find((u) => u.role === 'partner_manager' && u.teamId !== assigned.teamId);
    expect(stranger).toBeDefined();
    const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as {
      demoLogins: { password: string }[];
    };
    const partnerContext = await tech.context
      .browser()!
      .newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
    const login = await partnerContext.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: stranger!.email, password: meta.demoLogins[0]!.password },
    });
    expect(login.ok()).toBe(true);
    expect((await partnerContext.request.get(`${baseUrl}/api/v1/tickets/${ticket.id}`)).status()).toBe(404);
    expect((await partnerContext.request.get(`${baseUrl}/api/v1/visits/${visit.id}`)).status()).toBe(404);
    expect((await partnerContext.request.get(`${baseUrl}/api/v1/tickets/${ticket.id}/visits`)).status()).toBe(
      404,
    );
    const partnerPage = await partnerContext.newPage();
    await partnerPage.goto(`/tickets/${ticket.id}`);
    await partnerPage
      .getByText(ticket.number)
      .first()
      .waitFor({ timeout: 3_000 })
      .then(
        () => {
          throw new Error('another service point sees the job');
        },
        () => undefined,
      );

    expect(tech.errors).toEqual([]);
    expect(customerErrors).toEqual([]);
    expect(dispatcher.errors).toEqual([]);
    await customerContext.close();
    await partnerContext.close();
  }, 180_000);
});
