import type { MonthlyReport } from '@manyi/contracts';
import { describe, expect, test } from 'vitest';
import { demoSessions, screenshot } from './support';

const timeout = 45_000; // the machine is shared; charts load their own chunk

describe('satisfaction insights', () => {
  const { signIn } = demoSessions();

  test('a quality manager reads the dashboards, filters, drills down and exports', async () => {
    const qm = await signIn('quality_manager');
    const { page } = qm;
    await qm.call('POST', '/insights/refresh');
    await page.goto('/insights');
    await page.getByTestId('insights-kpis').waitFor({ timeout });
    await page.getByTestId('chart-pareto').waitFor({ timeout });
    await page
      .getByTestId('insights-breakdown')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout });
    await page.waitForTimeout(600); // charts draw after their chunk loads
    await screenshot(page, 'insights-dashboard-zh');

    // Filter by one service point (the breakdown's first row) and look at its picture.
    await page.getByTestId('insights-breakdown').locator('tbody tr.ant-table-row').first().click();
    await page.waitForURL(/dim=team&key=/, { timeout });
    await page.getByTestId('insights-kpis').waitFor({ timeout });
    await page.waitForTimeout(600);
    await screenshot(page, 'insights-filtered-team');

    // Drill down from the complaints figure to its work orders; the list links to each work order.
    await page.goto('/insights');
    await page.getByTestId('kpi-complaints').click();
    const table = page.getByTestId('drill-table');
    await table.waitFor({ timeout });
    await table.locator('tbody tr.ant-table-row a').first().waitFor({ timeout });
    await page.waitForTimeout(300);
    await screenshot(page, 'insights-drill');
    const href = await table.locator('tbody tr.ant-table-row a').first().getAttribute('href');
    expect(href).toMatch(/^\/tickets\/[0-9a-f-]{36}$/);

    // The drill-down list's Excel export is a real file.
    const xlsxHref = await page
      .locator('.ant-drawer')
      .getByRole('link', { name: /导出 Excel/ })
      .getAttribute('href');
    expect(xlsxHref).toContain('/api/v1/insights/export/drill?');
    const res = await page.request.get(xlsxHref!);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
    expect(qm.errors).toEqual([]);
  });

  test('the monthly report prints as a document, in Chinese and in English', async () => {
    const qm = await signIn('quality_manager');
    const { page } = qm;
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const report = await qm.call<MonthlyReport>('GET', `/insights/report/${last}`);
    await page.goto(`/insights/report/${last}`);
    await page.getByTestId('monthly-report').waitFor({ timeout });
    await page.getByText('顾客满意度监视月报').first().waitFor({ timeout });
    expect(await page.getByText(`本月维修工单 ${report.warranty.repairs} 张`).count()).toBe(1);
    await screenshot(page, 'insights-report-zh');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'insights-report-print');
    expect(await page.locator('.mr-toolbar').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Customer satisfaction monitoring report').first().waitFor({ timeout });
    await screenshot(page, 'insights-report-en');
  });

  test('agents do not see the insights menu and are refused the page', async () => {
    const agent = await signIn('agent');
    const { page } = agent;
    await page.goto('/insights');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('insights-kpis').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '满意度分析' }).count()).toBe(0);
  });
});
