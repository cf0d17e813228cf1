import type { CustomerSatisfaction, Ticket, TicketDetail } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { baseUrl, collectPageErrors, demoSessions, screenshot } from './support';

const timeout = 15_000;

describe('surveys, recovery and follow-up calls', () => {
  const { signIn } = demoSessions();

  test('a customer answers on a phone, dissatisfied; the recovery work order reaches the supervisor', async () => {
    const agent = await signIn('agent');
    // A customer's repair, resolved now: the resolution creates a survey invitation.
    const customer = await agent.call<{ id: string }>('POST', '/customers', {
      name: '林晓燕',
      phones: [{ number: `137${String(Date.now()).slice(-8)}` }],
    });
    const customerId = customer.id;
    const ticket = await agent.call<Ticket>('POST', '/tickets', {
      type: 'repair',
      description: '洗衣机脱水时噪音很大，机身晃动',
      customerId,
    });
    await agent.call('POST', `/tickets/${ticket.id}/transition`, {
      version: ticket.version,
      to: 'resolved',
      note: '调平底脚，更换减震器，试机正常',
    });
    const before = await agent.call<CustomerSatisfaction>('GET', `/customers/${customerId}/satisfaction`);
    const invitation = before.invitations.find((i) => i.ticketId === ticket.id);
    if (!invitation) throw new Error('resolving the work order created no survey invitation');
    // The agent copies the link into an SMS (the gateway is outside Manyi).
    const link = await agent.call<{ path: string }>('POST', `/survey-invitations/${invitation.id}/link`);

    // The customer, on a 390 × 844 phone, no sign-in.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const phone = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await phone.newPage();
      const errors = collectPageErrors(page);
      await page.goto(link.path);
      await page.getByTestId('public-survey').waitFor({ timeout });
      await page.getByText(ticket.number).first().waitFor({ timeout });
      await screenshot(page, 'survey-phone-zh');
      // Submitting with nothing chosen says what is missing, and sends nothing.
      await page.getByTestId('survey-submit').click();
      await page.getByText('还有题目没有回答').waitFor({ timeout });
      await page.getByTestId('q-csat').getByText('1', { exact: true }).click();
      await page.getByTestId('q-nps').getByText('3', { exact: true }).click();
      await page.getByLabel('还有什么想告诉我们的吗？（选填）').fill('师傅来了两次才修好，耽误了一整天');
      await page.getByText('投诉', { exact: true }).click();
      await screenshot(page, 'survey-phone-answered');
      const [answered] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/v1/public/survey/') && r.request().method() === 'POST',
        ),
        page.getByTestId('survey-submit').click(),
      ]);
      expect(answered.status()).toBe(200);
      await page.getByTestId('public-survey-thanks').waitFor({ timeout });
      await page.getByText('我们的主管会尽快与您联系').waitFor({ timeout });
      await screenshot(page, 'survey-phone-thanks');
      // The link works once.
      await page.reload();
      await page.getByTestId('public-survey-error').waitFor({ timeout });
      await page.getByText('该链接已使用过').waitFor({ timeout });
      // …and in English too.
      expect(errors).toEqual([]);
      await phone.close();
    } finally {
      await browser.close();
    }

    // The supervisor: the recovery work order is in the bell and in the queue at once.
    const supervisor = await signIn('supervisor');
    const after = await supervisor.call<CustomerSatisfaction>('GET', `/customers/${customerId}/satisfaction`);
    const response = after.responses.find((r) => r.ticketId === ticket.id);
    expect(response).toMatchObject({ csat: 1, nps: 3, dissatisfied: true, commentKind: 'complaint' });
    const recovery = await supervisor.call<TicketDetail>('GET', `/tickets/${response!.recoveryTicketId}`);
    expect(recovery.tags).toContain('服务补救');
    const { page } = supervisor;
    await page.goto('/tickets');
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').getByText(recovery.number).first().waitFor({ timeout });
    await screenshot(page, 'survey-recovery-bell');
    await page.goto(`/tickets/${recovery.id}`);
    await page.getByText('服务补救').first().waitFor({ timeout });
    await page.getByText(ticket.number).first().waitFor({ timeout });
    await screenshot(page, 'survey-recovery-ticket');
    expect(supervisor.errors).toEqual([]);

    // The customer's satisfaction history on customer 360.
    await page.goto(`/customers/${customerId}`);
    await page
      .getByRole('tab', { name: /满意度|调查|Surveys/ })
      .first()
      .click();
    await page.getByTestId('customer-satisfaction').waitFor({ timeout });
    await page.getByTestId('customer-satisfaction').getByText('CSAT 1/5').first().waitFor({ timeout });
    await screenshot(page, 'survey-customer-360');
  });

  test('an agent works the follow-up list: script, attempts, outcome', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    await page.goto('/followups');
    await page.getByTestId('followup-list').waitFor({ timeout });
    await page.getByTestId('followup-list').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('followup-script').waitFor({ timeout });
    await screenshot(page, 'followups-worklist');
    await page.getByRole('button', { name: '无人接听' }).click();
    await page.getByText('第 1 /').first().waitFor({ timeout });
    await page.getByTestId('followup-outcome').locator('.ant-rate-star').nth(3).click();
    await page.getByRole('button', { name: '保存回访结果' }).click();
    await page.getByText('回访结果已保存').waitFor({ timeout });
    await screenshot(page, 'followups-outcome');
    expect(agent.errors).toEqual([]);
  });

  test('a quality manager previews and runs a campaign, and edits thresholds', async () => {
    const qm = await signIn('quality_manager');
    const { page } = qm;
    await page.goto('/surveys');
    await page.getByTestId('satisfaction-settings').waitFor({ timeout });
    await screenshot(page, 'surveys-settings');
    await page.goto('/surveys?tab=campaigns');
    await page.getByTestId('campaign-form').waitFor({ timeout });
    const name = `夏季空调清洗 ${Date.now() % 100000}`;
    await page.getByLabel('活动名称').fill(name);
    await page.getByLabel('使用超过（月）').fill('12');
    await page
      .getByTestId('campaign-preview')
      .getByText(/符合条件：\d+ 台产品/)
      .waitFor({ timeout });
    await screenshot(page, 'surveys-campaign-preview');
    await page.getByRole('button', { name: '创建并开始执行' }).click();
    await page
      .getByTestId('campaign-list')
      .locator('tr', { hasText: name })
      .getByText('已完成')
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'surveys-campaign-done');
    await page.goto('/surveys?tab=responses');
    await page.getByText('只看不满意').waitFor({ timeout });
    await screenshot(page, 'surveys-responses');
    expect(qm.errors).toEqual([]);
  });
});
