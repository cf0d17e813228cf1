import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where the app under test runs (web and API on one origin); set by the caller or by e2e/global-setup.ts. */
export const baseUrl = requireEnv('E2E_BASE_URL').replace(/\/+$/, '');

/** Flags that work for Debian's Chromium running as root in a container. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const screenshotDir = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** Launches the system Chromium (apt-get install -y chromium fonts-wqy-microhei); playwright-core ships no browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    headless: true,
  });
}

/** A fresh, isolated browser profile (no cookies, empty localStorage) with a desktop viewport. */
export function newContext(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** An env variable the e2e run cannot do without, with a message that says how to set it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run e2e with --config e2e/vitest.config.ts, which sets it`);
  return value;
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let fonts settle; a CJK face loading late otherwise shows as boxes in the image.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Signs in through the API (faster than the form) so flows other than login can start signed in. */
export async function signInViaApi(context: BrowserContext, email: string, password: string): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { email, password } });
  if (!response.ok())
    throw new Error(`sign-in as ${email} failed: ${response.status()} ${await response.text()}`);
}

/** Collects uncaught page errors, so a test can assert the page never crashed. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** A signed-in browser profile plus a way to call the API as that person (session cookie + CSRF token). */
export interface Session {
  context: BrowserContext;
  page: Page;
  errors: Error[];
  call: <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => Promise<T>;
}

/**
 * Demo users signed in through the API, each in a fresh Chinese-language browser context. Call it inside a
 * describe block: `const { signIn } = demoSessions();` — Chromium is launched before the tests and closed after.
 */
export function demoSessions() {
  let browser: Browser;
  let logins: DemoLogin[] = [];
  const sessions: Session[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { demoLogins?: DemoLogin[] };
    logins = meta.demoLogins ?? [];
  }, 30_000);

  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => {});
    await browser?.close();
  });

  async function signIn(role: string, viewport = { width: 1440, height: 900 }): Promise<Session> {
    const login = logins.find((l) => l.role === role);
    if (!login) throw new Error(`the demo server lists no ${role} login`);
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const response = await context.request.post('/api/v1/auth/login', {
      data: { email: login.email, password: login.password },
    });
    if (!response.ok()) throw new Error(`sign-in as ${role} failed: ${response.status()}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    // Every test starts in Chinese, whatever an earlier run left in storage.
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('e2e.lang')) {
        localStorage.setItem('manyi.language', 'zh-CN');
        sessionStorage.setItem('e2e.lang', '1');
      }
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const call = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> => {
      const r = await context.request.fetch(`/api/v1${path}`, {
        method,
        headers: {
          'X-CSRF-Token': csrfToken,
          ...(method === 'POST' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
        },
        data: body,
      });
      if (!r.ok()) throw new Error(`${method} ${path} → ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    };
    const session = { context, page, errors, call };
    sessions.push(session);
    return session;
  }

  return { signIn };
}
