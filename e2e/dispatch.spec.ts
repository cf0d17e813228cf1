import type { Dispatch, DispatchCandidates, QueueRow } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

const timeout = 20_000;

describe('dispatch: service points, technicians, the dispatch panel and the partner inbox', () => {
  const { signIn } = demoSessions();

  test('the dispatch desk sees service points, technicians and certification warnings', async () => {
    const { page, errors } = await signIn('dispatcher');
    await page.goto('/service-points');
    await page.getByText('深圳南山服务网点').first().waitFor({ timeout });
    await screenshot(page, 'dispatch-service-points');
    await page.getByRole('tab', { name: '技师' }).click();
    await page.getByText('空调安装维修上岗证').first().waitFor({ timeout });
    await screenshot(page, 'dispatch-technicians');
    await page.getByRole('tab', { name: /资质预警/ }).click();
    await page.getByText('已过期').first().waitFor({ timeout });
    await screenshot(page, 'dispatch-cert-warnings');
    expect(errors).toEqual([]);
  });

  test('a dispatcher overrides the top candidate with a reason; the partner accepts in its inbox', async () => {
    const desk = await signIn('dispatcher');
    const queue = await desk.call<{ items: QueueRow[] }>(
      'GET',
      '/tickets?view=unassigned&type=repair&limit=50',
    );
    let ticketId: string | null = null;
    for (const row of queue.items.filter((r) => r.type === 'repair' || r.type === 'installation')) {
      const c = await desk.call<DispatchCandidates>('GET', `/tickets/${row.id}/dispatch-candidates`);
      if (c.candidates.length >= 2 && c.excluded.length > 0) {
        ticketId = row.id;
        break;
      }
    }
    if (!ticketId)
      throw new Error('no unassigned field work in the demo with two candidates and an excluded one');
    const { page } = desk;
    await page.goto(`/tickets/${ticketId}`);
    await page.getByTestId('dispatch-candidates').waitFor({ timeout });
    await page.getByText(/不可派/).click();
    await page.getByTestId('dispatch-excluded').waitFor({ timeout });
    await screenshot(page, 'dispatch-panel');

    await page.getByTestId('dispatch-candidate').nth(1).getByRole('button').click();
    const reason = page.getByTestId('override-reason');
    await reason.waitFor({ timeout });
    await screenshot(page, 'dispatch-override');
    await reason.fill('客户要求由上次上门的师傅处理');
    const [sent] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/tickets/${ticketId}/dispatch`) && r.request().method() === 'POST',
      ),
      page
        .getByRole('button', { name: /^(派\s?工|改\s?派)$/ })
        .last()
        .click(),
    ]);
    expect(sent.status()).toBe(201);
    const d = (await sent.json()) as Dispatch;
    expect(d.rank).toBe(2);
    expect(d.overrideReason).toBe('客户要求由上次上门的师傅处理');
    await page.getByText('已派工').first().waitFor({ timeout });

    const partner = await signIn('partner_manager');
    await partner.page.goto('/partner-inbox');
    await partner.page.getByRole('heading', { name: '待接单' }).waitFor({ timeout });
    await partner.page.getByTestId('countdown').first().waitFor({ timeout });
    await screenshot(partner.page, 'dispatch-partner-inbox');
    const offers = await partner.call<{ items: Dispatch[] }>('GET', '/dispatch/inbox');
    expect(offers.items.length).toBeGreaterThan(0);
    const [answered] = await Promise.all([
      partner.page.waitForResponse((r) => r.url().includes('/accept') && r.request().method() === 'POST'),
      (async () => {
        await partner.page
          .getByRole('button', { name: /接\s?单/ })
          .first()
          .click();
        await partner.page
          .locator('.ant-modal')
          .getByRole('button', { name: /接\s?单/ })
          .click();
      })(),
    ]);
    expect(answered.status()).toBe(200);
    expect(partner.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  });
});
