import { openStatuses, type Role } from '@manyi/contracts';
import { type Database, type Executor, schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { internalStaff, servicePointStaff, teams as teamTemplates } from '@manyi/db/seed/data/staff';
import { seedWorld } from '@manyi/db/seed/world';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { hashPassword } from '../modules/auth/password';
import { coverageFacts } from '../modules/commitments/commitments.repository';
import {
  onFirstResponse,
  onStatusChanged,
  planCommitments,
  startCommitments,
} from '../modules/commitments/commitments.service';
import { insertTeam, insertUser } from '../modules/users/users.repository';
import { createTenant } from '../modules/users/users.service';
import { demoContext } from './demo-context';
import { seedComplaintsDemo } from './seed-complaints';
import { seedDispatchDemo } from './seed-dispatch';
import { seedInsightsDemo } from './seed-insights';
import { seedMoneyDemo } from './seed-money';
import { seedSurveysDemo } from './seed-surveys';
import { seedVisitsDemo } from './seed-visits';

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
    let adminId: string | undefined;
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
      if (person.role === 'admin') adminId ??= user.id;
      if (person.role === 'agent') agents.push({ id: user.id, teamId });
      if (person.role === 'technician') technicians.push({ id: user.id, teamId, name: person.displayName });
    }
    const result = await seedWorld(tx, tenant.id, {
      ...size,
      recentTickets: 60,
      agents,
      technicians,
      seed: 20261123,
    });
    const clocks = await startDemoClocks(tx, database, tenant.id, adminId!);
    await seedMoneyDemo(tx, database, tenant.id, adminId!); // price list, quotes, payments, custody register
    await seedVisitsDemo(tx, database, tenant.id, adminId!); // today's visits for the technicians
    await seedDispatchDemo(tx, database, tenant.id, adminId!); // service points, technicians, certifications, dispatches
    await seedComplaintsDemo(tx, database, tenant.id, adminId!); // complaint records: six steps, remedies, escalations
    await seedSurveysDemo(tx, database, tenant.id, adminId!); // a year of survey answers, follow-up calls, campaigns
    // Keep last: the satisfaction rollups are built from everything seeded above.
    await seedInsightsDemo(tx, tenant.id);
    opts.log(
      `  demo data: ${staff.length} staff, ${result.customers} customers, ${result.units} products, ` +
        `${size.tickets + 60} work orders, ${clocks} running commitment clocks (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return demoLogins;
  });
}

/**
 * Gives the demo's recent open work orders their commitment clocks, as if opened through the desk: the last
 * two days' work shows live countdowns, some at risk or overdue.
 */
async function startDemoClocks(db: Executor, database: Database, tenantId: string, adminId: string) {
  const recent = await db
    .select({
      id: schema.tickets.id,
      type: schema.tickets.type,
      priority: schema.tickets.priority,
      status: schema.tickets.status,
      customerId: schema.tickets.customerId,
      unitId: schema.tickets.unitId,
      createdAt: schema.tickets.createdAt,
      firstResponseAt: schema.tickets.firstResponseAt,
    })
    .from(schema.tickets)
    .where(
      and(
        eq(schema.tickets.tenantId, tenantId),
        inArray(schema.tickets.status, [...openStatuses]),
        gte(schema.tickets.createdAt, new Date(Date.now() - 2 * 86_400_000)),
      ),
    );
  const ctx = demoContext(db, database, { tenantId, userId: adminId, role: 'admin' });
  for (const t of recent) {
    const facts = await coverageFacts(db, tenantId, t.customerId, t.unitId);
    const plan = await planCommitments(ctx, { ...t, ...facts, at: t.createdAt });
    const timeline = async (data: Record<string, unknown>) => {
      await db
        .insert(schema.ticketEvents)
        .values({ tenantId, ticketId: t.id, kind: 'commitment', data, createdAt: t.createdAt });
    };
    await startCommitments(ctx, t.id, plan, t.createdAt, timeline);
    await db
      .update(schema.tickets)
      .set({ agreementId: plan.agreementId, nextDueAt: plan.nextDueAt })
      .where(eq(schema.tickets.id, t.id));
    if (t.status !== 'new' && t.status !== 'open' && t.status !== 'reopened')
      await onStatusChanged(ctx, t.id, 'open', t.status, timeline);
    if (t.firstResponseAt) await onFirstResponse(ctx, t.id, timeline);
  }
  return recent.length;
}
