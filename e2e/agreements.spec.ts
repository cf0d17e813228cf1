import type { Agreement, Ticket } from '@manyi/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

// Playwright's own expect is not used (we run through vitest), so waits go through locators' waitFor().
const timeout = 15_000;

const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

describe('service agreements, calendars, commitment clocks and the bell', () => {
  const { signIn } = demoSessions();

  async function toEnglish(page: Page, expectText: string) {
    await page.getByText('English', { exact: true }).click();
    await page.getByText(expectText).first().waitFor({ timeout });
  }

  test('an administrator changes the on-site target of the standard agreement and it is saved', async () => {
    const admin = await signIn('admin');
    const { page } = admin;
    const { items } = await admin.call<{ items: Agreement[] }>('GET', '/agreements');
    const std = items.find((a) => a.code === 'STD');
    if (!std) throw new Error('the demo tenant has no STD agreement');
    const target = std.targets.find(
      (x) => x.ticketType === 'repair' && x.priority === 'normal' && x.metric === 'on_site',
    );
    if (!target) throw new Error('STD has no on-site target for normal repairs');
    // Alternate between two values so the test changes something on every run against the same server.
    const nextInternal = target.internalMinutes === 300 ? 330 : 300;

    await page.goto('/agreements');
    await page.getByTestId('agreement-list').waitFor({ timeout });
    await page.getByTestId('agreement-STD').waitFor({ timeout });
    await screenshot(page, 'agreements-zh');
    await page.getByTestId('agreement-STD').click();
    await page.getByTestId('agreement-editor').waitFor({ timeout });
    await page.getByTestId('targets-tab-repair').click();
    const internal = page.getByTestId('target-repair-normal-on_site-internal');
    await internal.waitFor({ timeout });
    expect(await internal.inputValue()).toBe(hm(target.internalMinutes));

    // An internal target looser than the promise is refused next to the cell, before anything is sent.
    await internal.fill(hm(target.promiseMinutes + 60));
    await page.getByText('内部目标不能比承诺宽松').first().waitFor({ timeout });

    await internal.fill(hm(nextInternal));
    expect(await page.getByText('内部目标不能比承诺宽松').count()).toBe(0);
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/agreements/${std.id}`) && r.request().method() === 'PATCH',
      ),
      page.getByTestId('save-agreement').click(),
    ]);
    expect(saved.status()).toBe(200);
    const sent = saved.request().postDataJSON() as { version: number; targets?: unknown[]; name?: string };
    expect(sent.version).toBe(std.version);
    expect(sent.targets).toBeDefined();
    expect(sent.name).toBeUndefined(); // only what changed is sent
    await page.getByText('服务协议已保存').waitFor({ timeout });

    const after = await admin.call<Agreement>('GET', `/agreements/${std.id}`);
    const changed = after.targets.find(
      (x) => x.ticketType === 'repair' && x.priority === 'normal' && x.metric === 'on_site',
    );
    expect(changed?.internalMinutes).toBe(nextInternal);
    expect(changed?.promiseMinutes).toBe(target.promiseMinutes);

    await page.reload();
    await page.getByTestId('targets-tab-repair').click();
    const reloaded = page.getByTestId('target-repair-normal-on_site-internal');
    expect(await reloaded.inputValue()).toBe(hm(nextInternal));

    // Someone else saves meanwhile: the save is refused as a conflict, the input stays, reload and re-apply works.
    await admin.call('PATCH', `/agreements/${std.id}`, { version: after.version, rank: after.rank + 1 });
    await reloaded.fill(hm(target.internalMinutes));
    await page.getByTestId('save-agreement').click();
    const conflict = page.getByTestId('version-conflict');
    await conflict.waitFor({ timeout });
    expect(await reloaded.inputValue()).toBe(hm(target.internalMinutes));
    await conflict.getByRole('button').click();
    await conflict.waitFor({ state: 'detached', timeout });
    const [resaved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/agreements/${std.id}`) && r.request().method() === 'PATCH',
      ),
      page.getByTestId('save-agreement').click(),
    ]);
    expect(resaved.status()).toBe(200);
    const final = await admin.call<Agreement>('GET', `/agreements/${std.id}`);
    expect(final.rank).toBe(after.rank + 1); // the other person's change is kept
    const kept = final.targets.find(
      (x) => x.ticketType === 'repair' && x.priority === 'normal' && x.metric === 'on_site',
    );
    expect(kept?.internalMinutes).toBe(target.internalMinutes);
    expect(admin.errors).toEqual([]);
  }, 60_000);

  test('the calendar shows National Day as a holiday and 2026-10-10 as an adjusted working day', async () => {
    const admin = await signIn('admin');
    const { page } = admin;
    await page.goto('/agreements/calendars');
    await page.getByTestId('calendar-editor').waitFor({ timeout });
    const year2026 = page.getByTestId('holiday-years').getByText('2026', { exact: false });
    if ((await page.getByTestId('year-view-2026').count()) === 0) await year2026.click();
    const holiday = page.getByTestId('cal-day-2026-10-01');
    await holiday.waitFor({ timeout });
    expect(await holiday.getAttribute('data-kind')).toBe('holiday');
    expect(await holiday.getAttribute('aria-label')).toContain('国庆节');
    expect(await page.getByTestId('cal-day-2026-10-10').getAttribute('data-kind')).toBe('workday');
    expect(await page.getByTestId('cal-day-2026-10-12').getAttribute('data-kind')).toBe('ordinary');
    // The list under the year: 休 in red, 班 in blue.
    expect(await page.getByTestId('day-tag-2026-10-01').textContent()).toMatch(/10月1日/);
    expect(await page.getByTestId('day-tag-2026-10-10').getAttribute('class')).toMatch(/blue/);
    expect(await page.getByTestId('day-tag-2026-10-01').getAttribute('class')).toMatch(/red/);
    // The demo calendar has every year its clocks reach, so there is no missing-years alarm.
    expect(await page.getByTestId('missing-years').count()).toBe(0);
    await screenshot(page, 'calendar-zh');

    await toEnglish(page, 'Holidays and adjusted working days');
    expect(await page.getByTestId('cal-day-2026-10-01').getAttribute('aria-label')).toContain('National Day');
    await screenshot(page, 'calendar-en');
    expect(admin.errors).toEqual([]);
  }, 60_000);

  test('a new work order shows its commitment clocks counting down on the desk', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    type Customers = { items: Array<{ id: string }> };
    const customers = await agent.call<Customers>('GET', '/customers?limit=1');
    const customer = customers.items[0];
    if (!customer) throw new Error('the demo server has no customers');
    const ticket = await agent.call<Ticket>('POST', '/tickets', {
      type: 'repair',
      channel: 'phone',
      priority: 'normal',
      description: `空调外机不转，e2e 承诺计时 ${Date.now()}`,
      customerId: customer.id,
    });
    expect(ticket.agreementId).not.toBeNull();

    await page.goto(`/tickets/${ticket.id}`);
    const panel = page.getByTestId('commitment-clocks');
    await panel.waitFor({ timeout });
    const countdown = page.getByTestId('countdown-on_site');
    await countdown.waitFor({ timeout });
    expect(await countdown.textContent()).toMatch(/^\d+:\d{2}:\d{2}$/);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('首次响应');
    expect(text).toContain('上门');
    expect(text).toContain('（工作时间）');
    expect(text).toMatch(/服务协议：/);
    // A fresh clock has used almost none of its promise: green.
    expect(await page.getByTestId('clock-on_site').getAttribute('data-tone')).toBe('ok');
    await screenshot(page, 'clocks-zh');

    await toEnglish(page, 'Commitments');
    expect(await panel.textContent()).toContain('(working time)');
    await screenshot(page, 'clocks-en');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  test('the bell reads /api/v1/notifications: empty state for the administrator, escalations for a supervisor', async () => {
    const admin = await signIn('admin');
    const [listed] = await Promise.all([
      admin.page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/notifications') && r.request().method() === 'GET',
      ),
      admin.page.goto('/'),
    ]);
    expect(listed.status()).toBe(200);
    const mine = await admin.call<{ items: unknown[] }>('GET', '/notifications');
    await admin.page.getByTestId('notification-bell').click();
    if (mine.items.length === 0) await admin.page.getByTestId('notifications-empty').waitFor({ timeout });
    else await admin.page.getByTestId('notification-item').first().waitFor({ timeout });

    // Supervisors are alerted when a promise is broken (the demo's overdue work orders).
    const supervisor = await signIn('supervisor');
    const { page } = supervisor;
    const { items } = await supervisor.call<{
      items: Array<{
        id: string;
        ticketId: string | null;
        kind: string;
        readAt: string | null;
        data: { number?: unknown };
      }>;
    }>('GET', '/notifications');
    await page.goto('/');
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor({ timeout });
    await bell.click();
    const unread = items.find((n) => !n.readAt && n.ticketId && n.kind.startsWith('commitment.'));
    if (!unread) {
      await page.getByTestId('notification-list').waitFor({ timeout });
      return;
    }
    const first = page.getByTestId('notification-item').first();
    await first.waitFor({ timeout });
    expect(await page.getByTestId('notification-list').textContent()).toMatch(
      /工单 GD-\d+ .+承诺(已超时|即将到期)/,
    );
    // Opening one goes to its work order and marks it read.
    const item = page
      .getByTestId('notification-item')
      .filter({ hasText: String(unread.data.number ?? '') })
      .first();
    const [marked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/read')),
      item.click(),
    ]);
    expect(marked.status()).toBe(200);
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/, { timeout });
    await page.getByTestId('commitment-clocks').waitFor({ timeout });
    expect(supervisor.errors).toEqual([]);
  }, 60_000);
});
