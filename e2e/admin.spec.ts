import type { User } from '@manyi/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  collectPageErrors,
  launchBrowser,
  newContext,
  requireEnv,
  screenshot,
  signInViaApi,
} from './support';

const timeout = 15_000;

interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** The CSRF token of a signed-in context, for writes sent straight to the API. */
async function csrfOf(context: BrowserContext): Promise<string> {
  const me = (await (await context.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return me.csrfToken;
}

async function switchLanguage(page: Page, label: 'English' | '中文') {
  await page.locator('header').getByText(label, { exact: true }).click();
}

describe('administration, catalog and dashboard', () => {
  let browser: Browser;
  let logins: DemoLogin[] = [];
  const adminEmail = requireEnv('E2E_ADMIN_EMAIL');
  const adminPassword = requireEnv('E2E_ADMIN_PASSWORD');
  const login = (role: string): DemoLogin => {
    const found = logins.find((l) => l.role === role);
    if (!found) throw new Error(`the demo server listed no ${role} login`);
    return found;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await newContext(browser);
    const meta = (await (await context.request.get('/api/v1/meta')).json()) as { demoLogins?: DemoLogin[] };
    logins = meta.demoLogins ?? [];
    await context.close();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('an agent sees no administration: no menu entry, a no-access page, and the API refuses', async () => {
    const agent = login('agent');
    const context = await newContext(browser);
    await signInViaApi(context, agent.email, agent.password);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    await page.goto('/');
    const nav = page.getByRole('navigation', { name: '主菜单' });
    await nav.getByRole('link', { name: '工单', exact: true }).waitFor({ timeout });
    expect(await nav.getByRole('link', { name: '管理', exact: true }).count()).toBe(0);

    await page.goto('/admin/users');
    await page.getByText('无权访问').waitFor({ timeout });
    expect(await page.getByTestId('users-table').count()).toBe(0);

    const refused = await context.request.post('/api/v1/users', {
      headers: { 'X-CSRF-Token': await csrfOf(context) },
      data: { email: 'intruder@demo.manyi.cn', displayName: '越权', role: 'admin', password: 'abcdefghijkl' },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    // The catalog is readable for agents, but not editable.
    await page.goto('/products/models');
    await page.getByTestId('models-table').locator('tbody tr').nth(2).waitFor({ timeout });
    await page.getByText('您可以查看产品目录').waitFor({ timeout });
    expect(await page.getByRole('button', { name: /新建型号/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  test('an admin creates a user and a service point; the server’s duplicate-email error sits on the field', async () => {
    const context = await newContext(browser, { width: 1440, height: 900 });
    await signInViaApi(context, adminEmail, adminPassword);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const stamp = Date.now().toString(36);

    await page.goto('/admin');
    await page.waitForURL(/\/admin\/users$/, { timeout });
    const table = page.getByTestId('users-table');
    await table.locator('tbody tr').nth(5).waitFor({ timeout });
    expect(await table.textContent()).toContain('服务工程师'); // roles in words, not codes
    await screenshot(page, 'admin-users-zh');

    // The client refuses what the contract refuses, before anything is sent.
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('邮箱', { exact: true }).fill('not-an-email');
    await dialog.getByLabel('姓名', { exact: true }).fill('测试用户');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /创\s?建/ }).click();
    await dialog.getByText('邮箱格式不正确').waitFor({ timeout });
    await dialog.getByText('至少需要 10 个字符').waitFor({ timeout });

    // What only the server knows: the email is taken. Its message lands next to the email field.
    await dialog.getByLabel('邮箱', { exact: true }).fill(login('agent').email);
    await dialog.getByRole('button', { name: '随机生成' }).click();
    const [duplicate] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /创\s?建/ }).click(),
    ]);
    expect(duplicate.status()).toBe(409);
    const body = (await duplicate.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DUPLICATE');
    const emailHelp = dialog.locator('#user-form_email_help');
    await emailHelp.getByText(body.error.message).waitFor({ timeout });
    expect(await dialog.getByTestId('form-error').count()).toBe(0);

    // Corrected, it goes through, sent with an Idempotency-Key.
    const email = `e2e.${stamp}@demo.manyi.cn`;
    await dialog.getByLabel('邮箱', { exact: true }).fill(email);
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /创\s?建/ }).click(),
    ]);
    expect(created.status()).toBe(201);
    expect(created.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const newUser = (await created.json()) as User;
    await dialog.waitFor({ state: 'hidden', timeout });
    await page.getByPlaceholder('按姓名或邮箱搜索').fill(email);
    await table.getByText(email).waitFor({ timeout });

    // Someone else changes the user while the form is open: the save says so, and reload-and-re-apply works.
    await page.getByRole('button', { name: '编辑 测试用户' }).click();
    await dialog.getByRole('switch').click();
    const other = await context.request.patch(`/api/v1/users/${newUser.id}`, {
      headers: { 'X-CSRF-Token': await csrfOf(context) },
      data: { version: newUser.version, displayName: '测试用户（改）' },
    });
    expect(other.status()).toBe(200);
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.getByTestId('version-conflict').getByText('该记录已被他人修改').waitFor({ timeout });
    await dialog.getByRole('button', { name: '载入最新版本' }).click();
    await dialog.getByText('他人修改了：姓名').waitFor({ timeout });
    expect(await dialog.getByLabel('姓名', { exact: true }).inputValue()).toBe('测试用户（改）');
    expect(await dialog.getByRole('switch').getAttribute('aria-checked')).toBe('false'); // the user's change kept
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout });
    await table.getByText('已停用').waitFor({ timeout });

    // Teams and service points, one tab per URL.
    await page.getByRole('tab', { name: '团队与服务网点' }).click();
    await page.waitForURL(/\/admin\/teams$/, { timeout });
    await page.getByRole('button', { name: /新建团队/ }).click();
    const teamName = `E2E 服务网点 ${stamp}`;
    await dialog.getByLabel('名称', { exact: true }).fill(teamName);
    await dialog.getByText('服务网点', { exact: true }).click();
    const [team] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/teams') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /创\s?建/ }).click(),
    ]);
    expect(team.status()).toBe(201);
    expect(((await team.json()) as { kind: string }).kind).toBe('service_point');
    await dialog.waitFor({ state: 'hidden', timeout });
    await page.getByTestId('teams-table').getByText(teamName).waitFor({ timeout });

    // An API token: its secret is shown once, with a warning, and the list keeps only its prefix.
    await page.getByRole('tab', { name: '接口令牌' }).click();
    await page.waitForURL(/\/admin\/tokens$/, { timeout });
    await page
      .getByRole('button', { name: /新建令牌/ })
      .first()
      .click();
    await dialog.getByLabel('用途名称').fill(`E2E 对接 ${stamp}`);
    const [token] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/api-tokens') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /创\s?建/ }).click(),
    ]);
    expect(token.status()).toBe(201);
    const secret = ((await token.json()) as { token: string }).token;
    expect(await page.getByTestId('token-secret').inputValue()).toBe(secret);
    await page.getByText('关闭此窗口后将无法再次查看完整令牌').waitFor({ timeout });
    await page.getByRole('button', { name: '我已保存，关闭' }).click();
    await page.getByTestId('tokens-table').getByText(`E2E 对接 ${stamp}`).waitFor({ timeout });
    expect(await page.getByTestId('tokens-table').textContent()).not.toContain(secret);

    // The same page in English (reloaded, so no Chinese toast from above lingers in the picture).
    await switchLanguage(page, 'English');
    await page.goto('/admin/users');
    await page.getByRole('tab', { name: 'Users and roles', selected: true }).waitFor({ timeout });
    await table.getByText('Technician').first().waitFor({ timeout });
    await screenshot(page, 'admin-users-en');
    await switchLanguage(page, '中文');

    await page.goto('/products');
    await page.waitForURL(/\/products\/models$/, { timeout });
    await page.getByTestId('models-table').locator('tbody tr').nth(5).waitFor({ timeout });
    expect(await page.getByTestId('models-table').textContent()).toMatch(/整机 \d+ (年|个月)/);
    await screenshot(page, 'catalog-zh');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  test('the dashboard draws its charts, in Chinese and in English', async () => {
    const supervisor = login('supervisor');
    const context = await newContext(browser, { width: 1440, height: 900 });
    await signInViaApi(context, supervisor.email, supervisor.password);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const charts = ['chart-incoming', 'chart-status', 'chart-age', 'chart-channel', 'chart-load'];
    const waitForCharts = async () => {
      for (const id of charts) await page.getByTestId(id).locator('canvas').first().waitFor({ timeout });
    };

    await page.goto('/dashboard');
    await page.getByRole('heading', { name: '服务看板' }).waitFor({ timeout });
    await waitForCharts();
    expect(await page.locator('main canvas').count()).toBeGreaterThanOrEqual(charts.length);
    expect(await page.getByTestId('kpi-cards').textContent()).toContain('未结工单');
    expect(await page.getByRole('img', { name: /每日受理量/ }).count()).toBe(1);
    await screenshot(page, 'dashboard-zh');

    // The period lives in the URL.
    const [week] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/stats/overview?days=7')),
      page.getByText('近 7 天', { exact: true }).click(),
    ]);
    expect(week.status()).toBe(200);
    expect(page.url()).toContain('days=7');

    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'Service dashboard' }).waitFor({ timeout });
    await page.getByText('Last 30 days', { exact: true }).click();
    await waitForCharts();
    expect(await page.getByRole('img', { name: /opened per day by type/ }).count()).toBe(1);
    await screenshot(page, 'dashboard-en');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
