import type { ComplaintDetail, CustomerSummary } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

const timeout = 15_000;
const steps = ['listen', 'calm', 'empathise', 'solve', 'agree', 'follow_up'] as const;

describe('complaint handling end to end', () => {
  const { signIn } = demoSessions();

  test('an agent opens a complaint, walks the six steps, a supervisor approves the remedy, the agent closes it', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    const { items } = await agent.call<{ items: CustomerSummary[] }>('GET', '/customers?limit=5');
    const customer = items[0];
    if (!customer) throw new Error('the demo tenant has no customers');

    // The desk
    await page.goto('/complaints');
    await page.getByTestId('complaint-table').waitFor({ timeout });
    await page.getByTestId('complaint-link').first().waitFor({ timeout });
    await screenshot(page, 'complaints-desk-zh');

    // Receiving the complaint: the customer's words, severity, cause.
    await page.getByTestId('new-complaint').click();
    await page.getByTestId('complaint-verbatim').waitFor({ timeout });
    await page.getByTestId('complaint-customer').click();
    await page.keyboard.type(customer.name);
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: customer.name })
      .first()
      .click({ timeout });
    const words = '师傅说好上午十点到，我请了半天假，结果下午三点才来，还把地板划了！';
    await page.getByTestId('complaint-verbatim').fill(words);
    await page
      .locator('label')
      .filter({ has: page.getByTestId('severity-serious') })
      .click();
    await page.getByTestId('complaint-cause').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '服务效率低' }).click();
    await screenshot(page, 'complaints-new-zh');
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-workspace').waitFor({ timeout });
    const id = page.url().split('/').pop()!;
    await page.getByText(`“${words}”`).waitFor({ timeout });
    await page.getByTestId('countdown-acknowledge').first().waitFor({ timeout });

    // The six steps, in order, with what to say at each.
    for (const step of steps) {
      await page.getByTestId(`step-panel-${step}`).waitFor({ timeout });
      if (step === 'listen') await screenshot(page, 'complaints-workspace-step1-zh');
      await page.getByTestId('step-note').fill(`记录：${step}`);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/complaints/${id}/steps/${step}`)),
        page.getByTestId('step-done').click(),
      ]);
      expect(res.status()).toBe(200);
    }

    // A remedy over the agent's limit (¥200) waits for approval.
    await page.getByTestId('remedy-kind').getByText('赔偿').click();
    await page.getByPlaceholder('金额（元）').fill('500');
    await page.getByTestId('remedy-description').fill('补偿客户误工半天及地板修复');
    await page.getByText('超出您的权限').waitFor({ timeout });
    await page.getByTestId('remedy-propose').click();
    await page.getByTestId('remedy-pending').waitFor({ timeout });
    await screenshot(page, 'complaints-remedy-pending-zh');

    // The customer's verdict cannot be skipped: concluding is disabled until it is recorded.
    expect(await page.getByTestId('conclude').isDisabled()).toBe(true);

    // The supervisor approves it.
    const supervisor = await signIn('supervisor');
    await supervisor.page.goto(`/complaints/${id}`);
    await supervisor.page.getByTestId('remedy-approve').click({ timeout });
    await supervisor.page.getByTestId('remedy-approved').waitFor({ timeout });
    await screenshot(supervisor.page, 'complaints-remedy-approved-zh');

    // Back to the agent: the verdict, then conclude.
    await page.reload();
    await page.getByTestId('remedy-approved').waitFor({ timeout });
    await page.getByTestId('verdict-choice').getByText('满意', { exact: true }).click();
    await page.getByTestId('verdict-save').click();
    await page.getByTestId('conclude-note').waitFor({ timeout });
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="conclude-note"]') as HTMLInputElement)?.disabled,
    );
    await page.getByTestId('conclude-note').fill('已赔偿并回访，客户满意');
    await page.getByTestId('conclude').click();
    await page.getByText('已结案').first().waitFor({ timeout });
    await screenshot(page, 'complaints-concluded-zh');

    const done = await agent.call<ComplaintDetail>('GET', `/complaints/${id}`);
    expect(done.ticketStatus).toBe('resolved');
    expect(done.verdict).toBe('satisfied');
    expect(done.steps.map((s) => s.step)).toEqual([...steps]);
    expect(done.remedies[0]).toMatchObject({ status: 'approved', amountFen: 50_000 });

    // The work order page links to the complaint.
    await page.goto(`/tickets/${done.ticketId}`);
    await page.getByTestId('ticket-complaint-card').waitFor({ timeout });
    await screenshot(page, 'complaints-ticket-card-zh');

    // The workspace in English.
    await page.goto(`/complaints/${id}`);
    await page.getByTestId('complaint-workspace').waitFor({ timeout });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Six steps').waitFor({ timeout });
    await screenshot(page, 'complaints-concluded-en');

    // Settings, read by a quality manager.
    const qm = await signIn('quality_manager');
    await qm.page.goto('/complaints/settings');
    await qm.page.getByTestId('complaint-settings').waitFor({ timeout });
    await screenshot(qm.page, 'complaints-settings-zh');

    expect(agent.errors).toEqual([]);
    expect(supervisor.errors).toEqual([]);
    expect(qm.errors).toEqual([]);
  });

  test('choosing the complaint type on the intake page routes the agent to the complaint form', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    const { items } = await agent.call<{ items: CustomerSummary[] }>('GET', '/customers?limit=20');
    const customer = items.find((c) => c.primaryPhone);
    if (!customer?.primaryPhone) throw new Error('no demo customer with a phone');
    await page.goto('/intake');
    await page.getByTestId('intake-phone').waitFor({ timeout });
    await page.getByTestId('intake-phone').fill(customer.primaryPhone.replace(/\D/g, ''));
    await page.getByTestId('match-card').filter({ hasText: customer.name }).first().click({ timeout });
    await page.getByTestId('caller-name').filter({ hasText: customer.name }).waitFor({ timeout });
    await page.getByTestId('type-complaint').click();
    await page.getByTestId('intake-to-complaint').waitFor({ timeout });
    await screenshot(page, 'complaints-intake-hint-zh');
    await page.getByTestId('intake-to-complaint').click();
    await page.getByTestId('complaint-verbatim').waitFor({ timeout });
    expect(new URL(page.url()).searchParams.get('customerId')).toBe(customer.id);
    await page.getByTestId('complaint-customer').getByText(customer.name).waitFor({ timeout });
    expect(agent.errors).toEqual([]);
  });
});
