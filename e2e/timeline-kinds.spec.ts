import type { PriceItem, QueueRow, Quote, TimelineEntry } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

const timeout = 20_000;

describe('work-order timeline: dispatch, visit and quote entries are worded', () => {
  const { signIn } = demoSessions();

  test('a dispatched and visited repair gets a quote accepted by link; the timeline tells it in sentences', async () => {
    const agent = await signIn('agent');
    const queue = await agent.call<{ items: QueueRow[] }>('GET', '/tickets?type=repair&view=all&limit=200');
    // The demo's richest open repair: dispatch and visit entries both if there is one, else either.
    let ticketId = '';
    let best = 0;
    for (const row of queue.items) {
      if (['closed', 'cancelled'].includes(row.status)) continue;
      const items = (await agent.call<{ items: TimelineEntry[] }>('GET', `/tickets/${row.id}/timeline`))
        .items;
      const score =
        Number(items.some((e) => e.kind === 'dispatch')) + Number(items.some((e) => e.kind === 'visit'));
      if (score > best) {
        best = score;
        ticketId = row.id;
      }
      if (best === 2) break;
    }
    if (!ticketId) throw new Error('no repair with dispatch and visit entries in the demo');
    const prices = (await agent.call<{ items: PriceItem[] }>('GET', '/price-items?active=true')).items;
    const quote = await agent.call<Quote>('POST', `/tickets/${ticketId}/quotes`, {
      lines: [{ priceItemId: prices.find((p) => p.kind === 'call_out' || p.kind === 'service')!.id }],
    });
    const sent = await agent.call<{ quote: Quote; link: { path: string } }>(
      'POST',
      `/quotes/${quote.id}/send`,
      {
        version: quote.version,
      },
    );
    const token = sent.link.path.split('/').at(-1);
    const decided = await agent.context.request.post(`/api/v1/public/quote/${token}/decision`, {
      data: { decision: 'accepted', customerName: '钱芳' },
    });
    expect(decided.ok()).toBe(true);

    const { page, errors } = agent;
    await page.goto(`/tickets/${ticketId}`);
    await page.locator('[data-kind="quote"]').last().waitFor({ timeout });
    expect(
      (await page.locator('[data-kind="dispatch"]').count()) +
        (await page.locator('[data-kind="visit"]').count()),
    ).toBeGreaterThan(0);
    await page.getByText('客户 钱芳 通过链接接受了报价').scrollIntoViewIfNeeded();
    await screenshot(page, 'timeline-kinds');
    expect(errors).toEqual([]);
  });
});
