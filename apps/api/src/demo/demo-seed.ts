import type { Role } from '@manyi/contracts';
import { type Database, schema } from '@manyi/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../modules/auth/password';
import { insertTeam, insertUser } from '../modules/users/users.repository';
import { createTenant } from '../modules/users/users.service';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/** Known only in demo mode; a real first start takes the admin's password from the environment. */
export const DEMO_PASSWORD = 'manyi-demo-2026';
export const DEMO_SLUG = 'demo';

const demoUsers: {
  role: Role;
  email: string;
  name: string;
  team: 'call' | 'dispatch' | 'quality' | 'sp' | null;
}[] = [
  { role: 'admin', email: 'admin@demo.manyi.cn', name: '周明（系统管理员）', team: null },
  { role: 'supervisor', email: 'supervisor@demo.manyi.cn', name: '陈静', team: 'call' },
  { role: 'agent', email: 'agent@demo.manyi.cn', name: '李娜', team: 'call' },
  { role: 'dispatcher', email: 'dispatcher@demo.manyi.cn', name: '张伟', team: 'dispatch' },
  { role: 'technician', email: 'technician@demo.manyi.cn', name: '王建国', team: 'sp' },
  { role: 'partner_manager', email: 'partner@demo.manyi.cn', name: '刘强', team: 'sp' },
  { role: 'quality_manager', email: 'quality@demo.manyi.cn', name: '赵敏', team: 'quality' },
];

export const demoLogins: DemoLogin[] = demoUsers.map((u) => ({
  role: u.role,
  email: u.email,
  password: DEMO_PASSWORD,
}));

/** Loads the demo organisation: teams, a user per role, customers, products and a year of work orders. */
export async function seedDemo(
  database: Database,
  opts: { log: (msg: string) => void; onlyLogins?: boolean },
): Promise<DemoLogin[]> {
  const db = database.db;
  if (opts.onlyLogins) {
    const [t] = await db
      .select({ id: schema.tenants.id })
      .from(schema.tenants)
      .where(eq(schema.tenants.slug, DEMO_SLUG));
    return t ? demoLogins : [];
  }
  const tenant = await createTenant(db, { slug: DEMO_SLUG, name: '美达家电售后服务中心' });
  const teams = {
    call: await insertTeam(db, { tenantId: tenant.id, name: '呼叫中心一组', kind: 'internal' }),
    dispatch: await insertTeam(db, { tenantId: tenant.id, name: '派工调度组', kind: 'internal' }),
    quality: await insertTeam(db, { tenantId: tenant.id, name: '质量管理部', kind: 'internal' }),
    sp: await insertTeam(db, { tenantId: tenant.id, name: '深圳南山特约服务网点', kind: 'service_point' }),
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of demoUsers) {
    await insertUser(db, {
      tenantId: tenant.id,
      email: u.email,
      displayName: u.name,
      role: u.role,
      teamId: u.team ? teams[u.team].id : null,
      passwordHash,
    });
  }
  opts.log('  demo organisation, teams and users created');
  return demoLogins;
}
