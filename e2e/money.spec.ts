import type { PriceItem, QueueRow, Quote, Ticket, TicketMoney, Unit } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

const timeout = 20_000;

describe('paid work and customer property: price list, quotes by link, charges, custody register', () => {
  const { signIn } = demoSessions();

  test('the price list: an administrator sees parts by warranty part class, labour, call-out fees and services', async () => {
    const { page, errors } = await signIn('admin');
    await page.goto('/pricing');
    await page.getByText('压缩机（1.5 匹变频）').waitFor({ timeout });
    await screenshot(page, 'money-price-list');
    await page.getByRole('button', { name: /新增价目/ }).click();
    await page.getByRole('dialog').getByText('编码').waitFor({ timeout });
    await screenshot(page, 'money-price-item-form');
    expect(errors).toEqual([]);
  });

  test('a quote with a warranty-free compressor is accepted by the customer on a phone; charges and payment follow', async () => {
    const agent = await signIn('agent');
    const queue = await agent.call<{ items: QueueRow[] }>('GET', '/tickets?type=repair&view=all&limit=200');
    const items = (await agent.call<{ items: PriceItem[] }>('GET', '/price-items?active=true')).items;
    const code = (c: string) => items.find((i) => i.code === c)!.id;
    // A repair whose unit is out of whole-unit warranty shows a paid line next to warranty-free ones.
    let quote: Quote | null = null;
    let ticketId = '';
    for (const row of queue.items) {
      if (['closed', 'cancelled', 'resolved'].includes(row.status)) continue;
      const unitId = (await agent.call<Ticket>('GET', `/tickets/${row.id}`)).unitId;
      if (!unitId) continue;
      const unit = await agent.call<Unit>('GET', `/units/${unitId}`);
      if (unit.category !== 'air_conditioner' || !unit.warranty.covered) continue;
      const money = await agent.call<TicketMoney>('GET', `/tickets/${row.id}/money`);
      if (money.quotes.length > 0) continue;
      quote = await agent.call<Quote>('POST', `/tickets/${row.id}/quotes`, {
        lines: [
          { priceItemId: code('P-AC-COMP-35') },
          { priceItemId: code('L-COMP') },
          { priceItemId: code('relocation') },
          {
            kind: 'part',
            name: '铜管加长 1 米',
            unitPriceFen: 6_000,
            adHocReason: '客户要求外机移位，原管长度不够',
          },
        ],
        note: '更换压缩机后加注冷媒；铜管加长为客户要求。',
      });
      ticketId = row.id;
      break;
    }
    if (!quote) throw new Error('no open repair of an air conditioner under warranty in the demo');
    const sent = await agent.call<{ quote: Quote; link: { path: string } }>(
      'POST',
      `/quotes/${quote.id}/send`,
      {
        version: quote.version,
      },
    );

    // The customer opens the link on a phone.
    const customer = await signIn('agent', { width: 390, height: 844 });
    await customer.context.clearCookies();
    const { page } = customer;
    await page.goto(sent.link.path);
    await page.getByTestId('public-quote').waitFor({ timeout });
    await screenshot(page, 'money-public-quote-390');
    await page.getByTestId('public-quote-name').fill('钱芳');
    await page.getByTestId('public-quote-accept').click();
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    await page.getByTestId('public-quote-decided').waitFor({ timeout });
    await screenshot(page, 'money-public-quote-accepted-390');
    // The link is single-use.
    await page.reload();
    await page.getByTestId('public-quote-decided').waitFor({ timeout });
    expect(await page.getByTestId('public-quote-accept').count()).toBe(0);

    // The desk sees the accepted quote, its charges, and records a payment.
    const desk = agent.page;
    await desk.goto(`/tickets/${ticketId}`);
    await desk.getByTestId('ticket-charges-panel').waitFor({ timeout });
    await desk.getByTestId('quote-status').getByText('客户已同意').waitFor({ timeout });
    await desk.getByTestId('ticket-charges-panel').scrollIntoViewIfNeeded();
    await screenshot(desk, 'money-ticket-charges-panel');
    await desk.getByTestId('record-payment').click();
    await desk.getByRole('dialog').getByText('收款方式').waitFor({ timeout });
    await screenshot(desk, 'money-payment-form');
    await desk
      .getByRole('dialog')
      .getByRole('button', { name: /确\s?定|OK/ })
      .click();
    await desk.getByText('收款已登记').waitFor({ timeout });
    const money = await agent.call<TicketMoney>('GET', `/tickets/${ticketId}/money`);
    expect(money.balanceFen).toBe(0);
    expect(money.chargedFen).toBeGreaterThan(0);
    expect(agent.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  });

  test('the quote builder prices lines from the list; an expired or bogus link is explained to the customer', async () => {
    const agent = await signIn('agent');
    const queue = await agent.call<{ items: QueueRow[] }>('GET', '/tickets?type=repair&view=all&limit=100');
    const row = queue.items.find((r) => !['closed', 'cancelled'].includes(r.status))!;
    await agent.page.goto(`/tickets/${row.id}`);
    await agent.page.getByTestId('new-quote').click();
    await agent.page.getByTestId('quote-builder').waitFor({ timeout });
    await agent.page.getByTestId('quote-item-select').first().click();
    await agent.page.keyboard.type('上门费');
    await agent.page.keyboard.press('Enter');
    await screenshot(agent.page, 'money-quote-builder');
    const bogus = await signIn('agent', { width: 390, height: 844 });
    await bogus.context.clearCookies();
    await bogus.page.goto('/p/quote/AAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await bogus.page.getByTestId('public-quote-error').waitFor({ timeout });
    await screenshot(bogus.page, 'money-public-quote-invalid-390');
  });

  test('the custody register, an item’s chain of custody and incidents, and the report per service point', async () => {
    const { page, errors } = await signIn('supervisor');
    await page.goto('/custody');
    await page.getByTestId('custody-page').waitFor({ timeout });
    await page.getByText('挂机室内机整机（返修检测）').waitFor({ timeout });
    await screenshot(page, 'money-custody-register');
    await page.getByText('全部', { exact: true }).click();
    await page.getByText('客户入户门钥匙两把（客户出差期间上门维修）').click();
    await page.getByTestId('custody-detail').waitFor({ timeout });
    await page.getByTestId('custody-incident').first().waitFor({ timeout });
    await screenshot(page, 'money-custody-item-incident');
    await page.keyboard.press('Escape');
    await page.getByText('空调遥控器（配对检测）').click();
    await page.getByTestId('custody-detail').getByRole('button', { name: '关闭事件' }).click();
    await page.getByRole('dialog').last().getByRole('textbox').fill('已与客户协商赔偿');
    await page
      .getByRole('dialog')
      .last()
      .getByRole('button', { name: /确\s?定|OK/ })
      .click();
    await page.getByText(/尚未记录已告知客户/).waitFor({ timeout });
    await screenshot(page, 'money-custody-close-refused');
    await page.goto('/custody/report');
    await page.getByTestId('custody-report-page').waitFor({ timeout });
    await page.getByText('未告知客户').waitFor({ timeout });
    await screenshot(page, 'money-custody-report');
    expect(errors).toEqual([]);
  });

  test('a partner manager sees only its service point’s custody items; the technician returns one with a signature', async () => {
    const partner = await signIn('partner_manager');
    await partner.page.goto('/custody/report');
    await partner.page.getByTestId('custody-report-page').waitFor({ timeout });
    const report = await partner.call<{ rows: { teamId: string | null }[] }>('GET', '/custody/report');
    expect(report.rows.length).toBeLessThanOrEqual(1);
    await screenshot(partner.page, 'money-custody-report-partner');

    // The supervisor hands an item to the technician, who returns it to the customer with a signature.
    const tech = await signIn('technician', { width: 390, height: 844 });
    const me = await tech.call<{ user: { id: string } }>('GET', '/auth/me');
    const supervisor = await signIn('supervisor');
    const held = await supervisor.call<{ items: { id: string; description: string; version: number }[] }>(
      'GET',
      '/custody/items?status=held',
    );
    const item = held.items[0]!;
    await supervisor.call('POST', `/custody/items/${item.id}/move`, {
      version: item.version,
      holderUserId: me.user.id,
      location: '上门服务车',
      note: '交技术员送还客户',
    });
    await tech.page.goto('/custody');
    await tech.page.getByText(item.description).first().click();
    await tech.page.getByTestId('custody-return').click();
    const pad = tech.page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
    await tech.page.mouse.move(...at(0.1, 0.6));
    await tech.page.mouse.down();
    await tech.page.mouse.move(...at(0.45, 0.3), { steps: 8 });
    await tech.page.mouse.move(...at(0.85, 0.7), { steps: 8 });
    await tech.page.mouse.up();
    await screenshot(tech.page, 'money-custody-return-signature-390');
    // The return form is a modal over the item drawer (both are dialogs): press the modal's own OK.
    await tech.page
      .getByRole('dialog')
      .filter({ has: pad })
      .getByRole('button', { name: /确\s?定|OK/ })
      .click();
    await tech.page.getByText('客户签名确认').waitFor({ timeout });
    expect(tech.errors).toEqual([]);
  });
});
