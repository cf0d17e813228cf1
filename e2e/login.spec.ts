import type { CurrentUser } from '@manyi/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, collectPageErrors, launchBrowser, newContext, requireEnv, screenshot } from './support';

// Playwright's own expect is not used (we run through vitest), so waits go through locators' waitFor().
const timeout = 15_000;

describe('sign-in flow', () => {
  let browser: Browser;
  const email = requireEnv('E2E_ADMIN_EMAIL');
  const password = requireEnv('E2E_ADMIN_PASSWORD');

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  // Runs first: a later successful sign-in resets the failure count, so repeated runs never lock the account.
  test('a wrong password shows the server’s message above the form', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto('/login');

    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(`${password}-wrong`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: /^登\s?录$/ }).click(),
    ]);
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_CREDENTIALS');

    const alert = page.getByTestId('login-error');
    await alert.waitFor({ timeout });
    expect(await alert.textContent()).toContain(body.error.message);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // asked in Chinese, answered in Chinese
    expect(page.url()).toContain('/login');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  test('admin signs in, is welcomed in Chinese, switches to English and signs out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    // A protected page sends a signed-out visitor to /login and back after signing in.
    await page.goto('/tickets');
    await page.waitForURL(/\/login\?next=%2Ftickets/, { timeout });
    await page.goto('/login');
    await page.getByRole('heading', { name: '满意' }).waitFor({ timeout });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The demo accounts box appears exactly when the server says it is a demo.
    const meta = (await (await context.request.get('/api/v1/meta')).json()) as { demo?: boolean };
    const demoBox = page.getByTestId('demo-logins');
    if (meta.demo) expect(await demoBox.textContent({ timeout })).toContain(email);
    else expect(await demoBox.count()).toBe(0);
    await screenshot(page, 'login-zh');

    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await page.waitForURL(`${baseUrl}/`, { timeout });

    const me = (await (await context.request.get('/api/v1/auth/me')).json()) as { user: CurrentUser };
    const welcome = page.getByTestId('welcome-card');
    await welcome.getByText(me.user.displayName, { exact: false }).first().waitFor({ timeout });
    const zhText = await welcome.textContent();
    expect(zhText).toMatch(new RegExp(`(早上好|下午好|晚上好)，${escapeRegExp(me.user.displayName)}`));
    expect(zhText).toContain('系统管理员');
    expect(zhText).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByRole('navigation', { name: '主菜单' }).textContent()).toContain('管理');
    await screenshot(page, 'home-zh');

    await page.getByText('English', { exact: true }).click();
    await welcome.getByText(/Good (morning|afternoon|evening)/).waitFor({ timeout });
    const enText = await welcome.textContent();
    expect(enText).toContain(me.user.displayName);
    expect(enText).toContain('Administrator');
    expect(enText).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}/);
    expect(await page.getByRole('navigation', { name: 'Main menu' }).textContent()).toContain('Work orders');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'home-en');

    // The choice survives a reload (localStorage).
    await page.reload();
    await welcome.getByText(/Good (morning|afternoon|evening)/).waitFor({ timeout });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/, { timeout });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout });
    const after = await context.request.get('/api/v1/auth/me');
    expect(after.status()).toBe(401);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
