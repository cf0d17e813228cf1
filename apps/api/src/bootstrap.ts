import type { Database } from '@manyi/db';
import { schema } from '@manyi/db';
import type { Config } from './config';
import { type DemoLogin, seedDemo } from './demo/demo-seed';
import { createTenant, createUserInTenant } from './modules/users/users.service';

export class BootstrapError extends Error {}

/**
 * First start: an empty database gets its first tenant. Demo mode loads the demo organisation with known
 * logins; otherwise the admin's email and password must come from the environment (no default password
 * ever exists outside demo mode).
 */
export async function bootstrap(
  database: Database,
  config: Config,
  log: (msg: string) => void,
): Promise<DemoLogin[]> {
  const existing = await database.db.$count(schema.tenants);
  if (config.demo) {
    if (existing === 0) {
      log('Loading demo data (first start)…');
      return seedDemo(database, { log });
    }
    return seedDemo(database, { log, onlyLogins: true });
  }
  if (existing > 0) return [];
  if (!config.adminEmail || !config.adminPassword)
    throw new BootstrapError(
      'First start on an empty database: set ADMIN_EMAIL and ADMIN_PASSWORD (at least 10 characters) for the first ' +
        'administrator, or start the demo with DEMO=true.',
    );
  const tenant = await createTenant(database.db, { slug: 'default', name: config.tenantName });
  await createUserInTenant(database.db, tenant.id, {
    email: config.adminEmail,
    displayName: '系统管理员',
    role: 'admin',
    password: config.adminPassword,
  });
  log(`Created tenant "${config.tenantName}" with administrator ${config.adminEmail}.`);
  return [];
}
