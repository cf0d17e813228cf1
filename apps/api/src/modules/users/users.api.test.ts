import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  loginSession,
  seedTenant,
  type TenantFixture,
  type TestApp,
} from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;

beforeAll(async () => {
  t = await createTestApp({ loginMaxFailures: 2 });
  acme = await seedTenant(t.database, 'acme');
});
afterAll(() => t.close());

const create = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/users', headers: acme.as('admin'), payload });

describe('users and teams', () => {
  it('creates a user who can sign in, and refuses a duplicate email naming the field', async () => {
    const r = await create({
      email: 'Li.Na@acme.test',
      displayName: '李娜',
      role: 'agent',
      teamId: acme.teamId,
      password: 'a-long-password-1',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      email: 'li.na@acme.test',
      role: 'agent',
      teamId: acme.teamId,
      active: true,
    });
    await loginSession(t.app, 'li.na@acme.test', 'a-long-password-1');
    const dup = await create({
      email: 'li.na@acme.test',
      displayName: '另一个',
      role: 'agent',
      password: 'a-long-password-2',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'email' } });
    const weak = await create({
      email: 'x@acme.test',
      displayName: 'x',
      role: 'agent',
      password: 'x@acme.test',
    });
    expect(weak.statusCode).toBe(400);
    const otherTeam = await create({
      email: 'y@acme.test',
      displayName: 'y',
      role: 'agent',
      teamId: '00000000-0000-4000-8000-000000000000',
      password: 'a-long-password-3',
    });
    expect(otherTeam.statusCode).toBe(422);
  });

  it('changes role and team with versions, refuses stale edits and an admin demoting themself', async () => {
    const u = (
      await create({
        email: 'zhao@acme.test',
        displayName: '赵磊',
        role: 'agent',
        password: 'a-long-password-4',
      })
    ).json();
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      headers: acme.as('admin'),
      payload: { version: u.version, role: 'dispatcher' },
    });
    expect(changed.json()).toMatchObject({ role: 'dispatcher', version: u.version + 1 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      headers: acme.as('admin'),
      payload: { version: u.version, active: false },
    });
    expect(stale.statusCode).toBe(409);
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${acme.users.admin.id}`,
      headers: acme.as('admin'),
      payload: { version: 1, role: 'agent' },
    });
    expect(self.statusCode).toBe(403);
  });

  it('unlocks a locked account when an admin sets a new password', async () => {
    const u = (
      await create({
        email: 'sun@acme.test',
        displayName: '孙浩',
        role: 'agent',
        password: 'a-long-password-5',
      })
    ).json();
    for (let i = 0; i < 2; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'sun@acme.test', password: 'wrong-wrong-wrong' },
      });
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'sun@acme.test', password: 'a-long-password-5' },
    });
    expect(locked.statusCode).toBe(423);
    const list = (await t.app.inject({ url: '/api/v1/users', headers: acme.as('admin') })).json().items;
    const current = list.find((x: { id: string }) => x.id === u.id);
    expect(current.lockedUntil).not.toBeNull();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/password`,
      headers: acme.as('admin'),
      payload: { version: current.version, password: 'a-new-password-6' },
    });
    expect(reset.json().lockedUntil).toBeNull();
    await loginSession(t.app, 'sun@acme.test', 'a-new-password-6');
  });

  it('renames teams with versions and refuses duplicate names', async () => {
    const team = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: acme.as('admin'),
        payload: { name: '投诉专席', kind: 'internal' },
      })
    ).json();
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: acme.as('admin'),
      payload: { name: '投诉专席' },
    });
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'name' } });
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: acme.as('admin'),
      payload: { version: team.version, name: '投诉处理组' },
    });
    expect(renamed.json()).toMatchObject({ name: '投诉处理组', version: 2 });
  });
});
