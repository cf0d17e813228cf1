import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  loginSession,
  seedTenant,
  TEST_PASSWORD,
  type TenantFixture,
  type TestApp,
} from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedTenant(t.database, 'acme');
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with a password, sets an httpOnly SameSite cookie and returns the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'AGENT@acme.test ', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'manyi_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user.role).toBe('agent');
    expect(body.user.permissions).toContain('tickets.write');
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('refuses a wrong password in the caller language', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'supervisor@acme.test', password: 'wrong-password' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '邮箱或密码不正确。' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { email: 'nobody@acme.test', password: 'wrong-password' },
    });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.message).toBe('The email or password is incorrect.');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const fresh = await createTestApp({ loginMaxFailures: 3 });
    try {
      const f = await seedTenant(fresh.database, 'lock');
      for (let i = 0; i < 3; i++) {
        const r = await fresh.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: f.users.agent.email, password: 'nope-nope-nope' },
        });
        expect(r.statusCode).toBe(401);
      }
      const locked = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: f.users.agent.email, password: TEST_PASSWORD },
      });
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    } finally {
      await fresh.close();
    }
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const fresh = await createTestApp();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await fresh.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@y.test', password: 'whatever-123' },
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    } finally {
      await fresh.close();
    }
  });

  it('requires the CSRF token for cookie-authenticated writes but not for reads', async () => {
    const s = await loginSession(t.app, acme.users.admin.email);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(s.csrfToken);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: s.cookie },
      payload: { name: '二组' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x' },
      payload: { name: '二组' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: s.headers,
      payload: { name: '二组' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('signs out: the session stops working', async () => {
    const s = await loginSession(t.app, acme.users.dispatcher.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses calls without credentials and with a bad token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer mny_nope' },
    });
    expect(bad.statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, which then authenticates without CSRF, and can be revoked', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: acme.as('admin'),
      payload: { name: 'CRM 集成' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^mny_/);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: acme.as('admin') });
    expect(JSON.stringify(list.json())).not.toContain(token);
    const use = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: '集成组' },
    });
    expect(use.statusCode).toBe(201);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${id}`,
      headers: acme.as('admin'),
    });
    expect(revoke.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('is for admins only', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: acme.as('agent'),
      payload: { name: 'x' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });
});
