import type { CustomerSummary, QueueRow, Ticket, TimelineEntry } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

// Playwright's own expect is not used (we run through vitest), so waits go through locators' waitFor().
const timeout = 15_000;

describe('the agreement at intake, the customer’s agreement page, and queue colours', () => {
  const { signIn } = demoSessions();

  test('picking a paid service warns with the price and offers a quote; an excluded one is refused before sending', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    const { items } = await agent.call<{ items: CustomerSummary[] }>('GET', '/customers?limit=50');
    const customer = items.find((c) => c.tier === 'standard' && c.primaryPhone);
    if (!customer) throw new Error('the demo tenant has no standard customer with a phone');

    await page.goto('/intake');
    await page.getByTestId('intake-phone').fill(customer.primaryPhone!);
    await page.getByTestId('match-card').filter({ hasText: customer.name }).first().click();
    await page.getByTestId('caller-name').filter({ hasText: customer.name }).waitFor({ timeout });
    await page.getByTestId('agreement-coverage').waitFor({ timeout });

    const pick = async (name: string) => {
      await page.getByTestId('requested-service').click();
      await page.locator('.ant-select-item-option', { hasText: name }).first().click();
    };
    // Excluded and not offered for a fee: the form says so and does not send.
    await pick('人为损坏');
    await page.getByText('协议不提供此项服务，无法受理').first().waitFor({ timeout });
    await page.getByTestId('description').fill('客户说机器摔过一次，外壳破裂（e2e）');
    let sent = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/tickets') && r.method() === 'POST') sent = true;
    });
    await page.getByTestId('submit-work-order').click();
    await page.getByText('协议不提供此项服务，无法受理').first().waitFor({ timeout });
    expect(sent).toBe(false);

    // For a fee: a warning with the price, and opening the work order records the quote offered.
    await pick('移机（含拆装）');
    await page.getByText('为收费服务：¥300.00').first().waitFor({ timeout });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'agreements-intake-fee-warning');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
      page.getByTestId('submit-work-order').click(),
    ]);
    expect(created.status()).toBe(201);
    expect(created.request().postDataJSON().service).toEqual({ code: 'relocation', disposition: 'fee' });
    const ticket = (await created.json()) as Ticket;
    const { items: timeline } = await agent.call<{ items: TimelineEntry[] }>(
      'GET',
      `/tickets/${ticket.id}/timeline`,
    );
    expect(timeline.find((e) => e.kind === 'quote_offered')?.data).toMatchObject({
      code: 'relocation',
      priceFen: 30_000,
    });

    // The link for the customer, from the agreement card.
    await page.goto(`/customers/${customer.id}`);
    await page.getByText('服务协议').first().waitFor({ timeout });
    expect(agent.errors).toEqual([]);
  });

  test('the customer reads their agreement on a phone, with promises only, in Chinese and English', async () => {
    const agent = await signIn('agent');
    const { items } = await agent.call<{ items: CustomerSummary[] }>('GET', '/customers?limit=50');
    const customer = items.find((c) => c.tier === 'standard')!;
    const link = await agent.call<{ path: string; token: string }>(
      'POST',
      `/customers/${customer.id}/agreement-link`,
    );
    const phone = await signIn('agent', { width: 390, height: 844 });
    // The page needs no session: a fresh context would do as well; it is opened from the same server.
    await phone.context.clearCookies();
    const { page } = phone;
    await page.goto(link.path);
    await page.getByTestId('public-agreement').waitFor({ timeout });
    await page.getByText('我们的承诺').waitFor({ timeout });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain(`${[...customer.name][0]}*`);
    expect(body).not.toContain(customer.name);
    expect(body).toContain('深度清洗保养');
    expect(body).not.toMatch(/内部目标/);
    // Nothing wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'agreements-public-zh-390');
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Our promise').waitFor({ timeout });
    await screenshot(page, 'agreements-public-en-390');

    await page.goto('/p/agreement/not-a-valid-token-000000');
    await page.getByTestId('public-agreement-error').waitFor({ timeout });
  });

  test('the queue colours rows by the share of the promise used', async () => {
    const supervisor = await signIn('supervisor');
    const { page } = supervisor;
    await page.goto('/tickets?view=all&sort=due_asc');
    await page
      .getByTestId('queue-table')
      .locator('tbody tr[data-ticket-number]')
      .first()
      .waitFor({ timeout });
    await screenshot(page, 'agreements-queue-colours');
    await page.getByTestId('queue-due').first().waitFor({ timeout });
    const { items } = await supervisor.call<{ items: QueueRow[] }>('GET', '/tickets?sort=due_asc&limit=50');
    expect(items.some((r) => r.nextRiskAt !== null)).toBe(true);
    const tones = await page
      .getByTestId('queue-due')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-tone')));
    expect(tones.length).toBeGreaterThan(0);
    await screenshot(page, 'agreements-queue-colours');
  });
});

describe('pause statuses in the agreement editor', () => {
  const { signIn } = demoSessions();

  test('an administrator sees and sets the statuses that pause the standard agreement’s clocks', async () => {
    const admin = await signIn('admin');
    const { page } = admin;
    await page.goto('/agreements');
    await page.getByTestId('agreement-STD').click();
    await page.getByTestId('agreement-editor').waitFor({ timeout });
    const field = page.getByTestId('pause-statuses');
    await field.waitFor({ timeout });
    await page.getByText('等待客户').first().waitFor({ timeout });
    await page.getByText('等待配件').first().waitFor({ timeout });
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreements-editor-pause-statuses');
  });
});
