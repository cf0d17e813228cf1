import type { Ticket } from '@manyi/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoSessions, type Session, screenshot } from './support';

// Playwright's own expect is not used (we run through vitest), so waits go through locators' waitFor().
const timeout = 15_000;

describe('work-order queues and desk', () => {
  const { signIn } = demoSessions();

  /** Opens a fresh work order as `who`, for a VIP customer when there is one. */
  async function openTicket(who: Session, description: string, priority = 'normal'): Promise<Ticket> {
    type Customers = { items: Array<{ id: string; tier: string }> };
    const vip = await who.call<Customers>('GET', '/customers?tier=vip&limit=1');
    const any = vip.items.length ? vip : await who.call<Customers>('GET', '/customers?limit=1');
    const customer = any.items[0];
    if (!customer) throw new Error('the demo server has no customers');
    return who.call<Ticket>('POST', '/tickets', {
      type: 'repair',
      channel: 'phone',
      priority,
      description,
      customerId: customer.id,
    });
  }

  async function waitLive(page: Page) {
    await page.locator('[data-testid="live-indicator"][data-live="live"]').waitFor({ timeout });
  }

  async function switchToEnglish(page: Page, expectText: string) {
    await page.getByText('English', { exact: true }).click();
    await page.getByText(expectText).first().waitFor({ timeout });
  }

  test('a work order opened by a colleague appears in the unassigned queue without reloading', async () => {
    const agent = await signIn('agent');
    const supervisor = await signIn('supervisor');
    const { page } = agent;

    await page.goto('/tickets?view=unassigned');
    await page.getByTestId('queue-table').waitFor({ timeout });
    await waitLive(page);
    const countCell = page.getByTestId('view-count-unassigned');
    await countCell.waitFor({ timeout });
    const before = Number(await countCell.textContent());
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);

    const description = `客户来电：空调外机异响，e2e ${Date.now()}`;
    const created = await openTicket(supervisor, description, 'urgent');

    // The new row arrives through the live stream (no reload), glows, and the tab count follows.
    const row = page.locator(`tr[data-row-key="${created.id}"]`);
    await row.waitFor({ timeout });
    expect(await row.getAttribute('class')).toContain('tickets-row-flash');
    expect(await row.textContent()).toContain(created.number);
    await page.waitForFunction(
      ({ selector, expected }) => Number(document.querySelector(selector)?.textContent) === expected,
      { selector: '[data-testid="view-count-unassigned"]', expected: before + 1 },
      { timeout },
    );
    expect(navigations).toBe(0);
    expect(page.url()).toContain('view=unassigned');
    await screenshot(page, 'queue-zh');

    // Search by number narrows the list and lives in the URL (shareable).
    await page.keyboard.press('/');
    await page.keyboard.type(created.number);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=GD-\d+|q=[A-Z]+-\d+/, { timeout });
    await page.waitForFunction(
      (id) => {
        const rows = document.querySelectorAll('tr[data-row-key]');
        return rows.length === 1 && rows[0]?.getAttribute('data-row-key') === id;
      },
      created.id,
      { timeout },
    );
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('q='), { timeout });

    await switchToEnglish(page, 'Unassigned');
    await page.locator(`tr[data-row-key="${created.id}"]`).waitFor({ timeout });
    await screenshot(page, 'queue-en');

    // Keyboard: j selects the first row, Enter opens it. Narrow the queue to this work order first: the
    // escalation sweep may touch other work orders meanwhile and move them to the top.
    await page.keyboard.press('/');
    await page.keyboard.type(created.number);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => {
        const rows = document.querySelectorAll('tr[data-row-key]');
        return rows.length === 1 && rows[0]?.getAttribute('data-row-key') === id;
      },
      created.id,
      { timeout },
    );
    await blur(page);
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${created.id}$`), { timeout });
    await page.getByTestId('ticket-number').waitFor({ timeout });
    expect(await page.getByTestId('ticket-number').textContent()).toContain(created.number);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  test('two people change the priority: the second sees the conflict, reloads and re-applies', async () => {
    const first = await signIn('agent');
    const second = await signIn('supervisor');
    const ticket = await openTicket(second, `冰箱不制冷，e2e 冲突 ${Date.now()}`);

    for (const s of [first, second]) {
      await s.page.goto(`/tickets/${ticket.id}`);
      await s.page.getByTestId('ticket-header').waitFor({ timeout });
    }

    // The second person starts editing first (their form holds the version they read)…
    await second.page.getByTestId('edit-details').click();
    await pickOption(second.page, '优先级', '高');

    // …the first person saves "urgent" meanwhile…
    await first.page.getByTestId('edit-details').click();
    await pickOption(first.page, '优先级', '紧急');
    await first.page.getByTestId('save-details').click();
    await first.page.getByTestId('ticket-priority').getByText('紧急').waitFor({ timeout });

    // …so the second save is refused as a conflict, with the other change shown and theirs kept.
    await second.page.getByTestId('save-details').click();
    const alert = second.page.getByTestId('conflict-alert');
    await alert.waitFor({ timeout });
    const alertText = (await alert.textContent()) ?? '';
    expect(alertText).toContain('此工单已被他人修改');
    expect(alertText).toContain('紧急');
    expect(alertText).toContain('高');

    await second.page.getByTestId('conflict-reapply').click();
    await second.page.getByTestId('ticket-priority').getByText('高').waitFor({ timeout });
    const latest = await second.call<Ticket>('GET', `/tickets/${ticket.id}`);
    expect(latest.priority).toBe('high');
    // The first person's screen follows live.
    await first.page.getByTestId('ticket-priority').getByText('高').waitFor({ timeout });
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  }, 60_000);

  test('the desk: a call, an internal note and a public reply are told apart; resolving asks for a note', async () => {
    const agent = await signIn('agent');
    const supervisor = await signIn('supervisor');
    const ticket = await openTicket(supervisor, `洗衣机脱水时噪音很大，e2e 工作台 ${Date.now()}`, 'high');
    const { page } = agent;
    await page.goto(`/tickets/${ticket.id}`);
    await page.getByTestId('composer').waitFor({ timeout });

    // Log an outbound call of 3:05.
    await page.getByRole('tab', { name: '记录通话' }).click();
    await page.getByText('致电客户').click();
    await page.getByLabel('通话分钟数').fill('3');
    await page.getByLabel('通话秒数').fill('5');
    await page.getByTestId('composer-call').fill('已致电客户，约定明天上午上门检查电机。');
    await page.getByTestId('composer-send').click();
    const call = page.locator('[data-testid="timeline-entry"][data-kind="call"]');
    await call.waitFor({ timeout });
    expect(await call.textContent()).toContain('3:05');

    // An internal note, sent with Ctrl+Enter after `c` focuses the composer.
    await page.getByRole('tab', { name: '内部备注' }).click();
    await blur(page);
    await page.keyboard.press('c');
    await page.keyboard.type('疑似减震吊杆断裂，带配件上门。');
    await page.keyboard.press('Control+Enter');
    const note = page.locator('[data-testid="timeline-entry"][data-kind="note"]').last();
    await note.waitFor({ timeout });
    expect(await note.textContent()).toContain('内部备注');
    expect(await note.getAttribute('data-visibility')).toBe('internal');

    // A public reply the customer sees.
    await page.getByRole('tab', { name: '回复客户' }).click();
    await page.getByTestId('composer-reply').fill('您好，师傅明天上午上门，请保持电话畅通。');
    await page.getByTestId('composer-send').click();
    const reply = page.locator('[data-testid="timeline-entry"][data-kind="reply"]').last();
    await reply.waitFor({ timeout });
    expect(await reply.textContent()).toContain('客户可见');
    expect(await reply.getAttribute('data-visibility')).toBe('public');
    // Three different looks: public bubble, internal bubble, call bubble.
    expect(await reply.locator('.tickets-bubble-public').count()).toBe(1);
    expect(await note.locator('.tickets-bubble-internal').count()).toBe(1);
    expect(await call.locator('.tickets-bubble-call').count()).toBe(1);

    // Only the moves the state machine allows are offered; resolving needs a note.
    const offered = await page
      .getByTestId('transition-actions')
      .locator('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-transition')));
    const detail = await agent.call<{ allowedTransitions: string[] }>('GET', `/tickets/${ticket.id}`);
    expect([...offered].sort()).toEqual([...detail.allowedTransitions].sort());

    await page.locator('button[data-transition="resolved"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout });
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await dialog.getByText('请填写').waitFor({ timeout });
    await page.getByTestId('transition-note').fill('更换减震吊杆后试机正常，已告知客户。');
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await page.getByTestId('ticket-status').getByText('已解决').waitFor({ timeout });
    const resolved = page.locator('[data-testid="timeline-entry"][data-kind="status_changed"]').last();
    await resolved.getByText('更换减震吊杆后试机正常').waitFor({ timeout });
    // A resolved work order offers closing or reopening, nothing else.
    const after = await page
      .getByTestId('transition-actions')
      .locator('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-transition')));
    expect([...after].sort()).toEqual(['closed', 'reopened']);
    await page.mouse.move(0, 0);
    await cleanShot(page, 'ticket-zh');

    await switchToEnglish(page, 'Customer can see');
    await cleanShot(page, 'ticket-en');
    expect(agent.errors).toEqual([]);
  }, 60_000);
});

/** Saves a screenshot without the transient "saved" toasts over the page. */
async function cleanShot(page: Page, name: string) {
  await page.evaluate(() => {
    for (const n of document.querySelectorAll('.ant-message-notice')) n.remove();
  });
  await screenshot(page, name);
}

/** Takes the focus off any field, so single-key shortcuts reach the page. */
async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Picks an option of the antd Select labelled `label`. */
async function pickOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}
