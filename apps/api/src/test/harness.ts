import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { type Role, roles } from '@manyi/contracts';
import { type Database, openDatabase } from '@manyi/db';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { insertApiToken } from '../modules/auth/auth.repository';
import { sha256 } from '../modules/auth/auth.service';
import { hashPassword } from '../modules/auth/password';
import { insertTeam, insertUser } from '../modules/users/users.repository';
import { createTenant } from '../modules/users/users.service';

/** A fresh database for one test file: a copy of the migrated template (PGlite or PostgreSQL). */
export async function openTestDatabase(): Promise<Database> {
  if (inject('dbKind') === 'postgres') {
    const name = `manyi_t_${inject('runId')}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.end();
    const url = new URL(inject('pgAdminUrl'));
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 8 });
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: inject('pgAdminUrl') });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ dataDir: 'memory://', template });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Parameters<typeof loadConfig>[1] = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    { attachmentDir: fs.mkdtempSync('/tmp/manyi-att-'), webDist: '/nonexistent', jobs: false, ...overrides },
  );
  const app = await buildApp({ config, database, logger: process.env.TEST_LOG === '1' });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const TEST_PASSWORD = 'correct-horse-battery';
let sharedHash: Promise<string> | undefined;

export interface TenantFixture {
  tenantId: string;
  slug: string;
  teamId: string;
  servicePointId: string;
  users: Record<Role, { id: string; email: string }>;
  /** Headers that authenticate as a user of this role (API token: no CSRF needed). */
  as(role: Role): Record<string, string>;
}

/**
 * A tenant with one team, one service point and one user of every role. The agent, supervisor and dispatcher
 * are in the team; the partner manager and technician are in the service point.
 */
export async function seedTenant(database: Database, slug: string): Promise<TenantFixture> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await sharedHash;
  const db = database.db;
  const tenant = await createTenant(db, { slug, name: `租户 ${slug}` });
  const team = await insertTeam(db, { tenantId: tenant.id, name: '呼叫中心一组', kind: 'internal' });
  const sp = await insertTeam(db, { tenantId: tenant.id, name: '南山服务网点', kind: 'service_point' });
  const users = {} as TenantFixture['users'];
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const teamId =
      role === 'partner_manager' || role === 'technician' ? sp.id : role === 'admin' ? null : team.id;
    const u = await insertUser(db, {
      tenantId: tenant.id,
      email,
      displayName: `${role} ${slug}`,
      role,
      teamId,
      passwordHash,
    });
    users[role] = { id: u.id, email };
    const token = `mny_test_${randomBytes(16).toString('hex')}`;
    await insertApiToken(db, {
      tenantId: tenant.id,
      userId: u.id,
      name: 'test',
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      expiresAt: null,
    });
    tokens[role] = token;
  }
  return {
    tenantId: tenant.id,
    slug,
    teamId: team.id,
    servicePointId: sp.id,
    users,
    as: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
  };
}

/** Signs in through the API with a password; returns cookie + CSRF headers for writes. */
export async function loginSession(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'manyi_session')!;
  const { csrfToken } = res.json() as { csrfToken: string };
  return {
    cookie: `manyi_session=${cookie.value}`,
    csrfToken,
    headers: { cookie: `manyi_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
}
