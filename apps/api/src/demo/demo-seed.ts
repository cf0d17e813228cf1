import type { Role } from '@manyi/contracts';
import { type Database, schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { internalStaff, servicePointStaff, teams as teamTemplates } from '@manyi/db/seed/data/staff';
import { seedWorld } from '@manyi/db/seed/world';
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
const DOMAIN = 'demo.manyi.cn';

/** The first person of each role signs in with a memorable address; everyone else with their pinyin name. */
const loginLocal: Record<Role, string> = {
  admin: 'admin',
  supervisor: 'supervisor',
  agent: 'agent',
  dispatcher: 'dispatcher',
  technician: 'technician',
  partner_manager: 'partner',
  quality_manager: 'quality',
};

export const demoLogins: DemoLogin[] = (Object.keys(loginLocal) as Role[]).map((role) => ({
  role,
  email: `${loginLocal[role]}@${DOMAIN}`,
  password: DEMO_PASSWORD,
}));

export interface DemoSize {
  customers: number;
  tickets: number;
}

/**
 * Loads the demo organisation: an appliance maker's after-sales centre with its call-centre teams, dispatch,
 * quality, and authorised service points in Guangdong; staff for every role; customers with their products;
 * a year of work orders with their timelines.
 */
export async function seedDemo(
  database: Database,
  opts: { log: (msg: string) => void; onlyLogins?: boolean; size?: DemoSize },
): Promise<DemoLogin[]> {
  const db = database.db;
  if (opts.onlyLogins) {
    const [t] = await db
      .select({ id: schema.tenants.id })
      .from(schema.tenants)
      .where(eq(schema.tenants.slug, DEMO_SLUG));
    return t ? demoLogins : [];
  }
  const size = opts.size ?? { customers: 600, tickets: 2_400 };
  const started = Date.now();
  const rng = createRandom(20261123);
  return db.transaction(async (tx) => {
    const tenant = await createTenant(tx, { slug: DEMO_SLUG, name: '美达家电售后服务中心' });
    const teamIds = new Map<string, string>();
    for (const t of teamTemplates) {
      const row = await insertTeam(tx, { tenantId: tenant.id, name: t.name, kind: t.kind });
      teamIds.set(t.key, row.id);
    }
    const taken = new Set<string>();
    const staff = [...internalStaff(rng)];
    for (const t of internalStaff(rng)) taken.add(t.emailLocal);
    let employeeNo = 2001;
    for (const sp of teamTemplates.filter((t) => t.kind === 'service_point')) {
      const people = servicePointStaff(rng.fork(sp.key), sp, employeeNo, taken);
      employeeNo += people.length;
      staff.push(...people);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const firstOfRole = new Set<Role>();
    const agents: { id: string; teamId: string | null }[] = [];
    const technicians: { id: string; teamId: string | null; name: string }[] = [];
    for (const person of staff) {
      const local = firstOfRole.has(person.role) ? person.emailLocal : loginLocal[person.role];
      firstOfRole.add(person.role);
      const teamId = person.teamKey ? (teamIds.get(person.teamKey) ?? null) : null;
      const user = await insertUser(tx, {
        tenantId: tenant.id,
        email: `${local}@${DOMAIN}`,
        displayName: person.displayName,
        role: person.role,
        teamId,
        passwordHash,
      });
      if (person.role === 'agent') agents.push({ id: user.id, teamId });
      if (person.role === 'technician') technicians.push({ id: user.id, teamId, name: person.displayName });
    }
    const result = await seedWorld(tx, tenant.id, { ...size, agents, technicians, seed: 20261123 });
    opts.log(
      `  demo data: ${staff.length} staff, ${result.customers} customers, ${result.units} products, ` +
        `${size.tickets} work orders (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return demoLogins;
  });
}
