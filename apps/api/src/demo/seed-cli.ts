/**
 * `npm run seed -- --tickets 1000000 [--customers 1000000] [--full] [--tenant scale]`
 * Loads scale data into a new tenant of the configured database (DATABASE_URL, else PGlite in DATA_DIR),
 * with a progress bar. `--full` writes whole timelines (slower); by default each work order has its
 * `created` event only. Staff sign in with the demo password.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@manyi/db';
import { seedWorld } from '@manyi/db/seed/world';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config';
import { hashPassword } from '../modules/auth/password';
import { insertTeam, insertUser } from '../modules/users/users.repository';
import { createTenant } from '../modules/users/users.service';
import { DEMO_PASSWORD } from './demo-seed';

export async function seedScale(
  database: Awaited<ReturnType<typeof openDatabase>>,
  opts: { tickets: number; customers: number; tenant: string; full: boolean; quiet?: boolean },
) {
  const db = database.db;
  const tenant = await createTenant(db, { slug: opts.tenant, name: `规模测试 ${opts.tenant}` });
  const team = await insertTeam(db, { tenantId: tenant.id, name: '呼叫中心', kind: 'internal' });
  const sp = await insertTeam(db, { tenantId: tenant.id, name: '服务网点', kind: 'service_point' });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const agents: { id: string; teamId: string | null }[] = [];
  const technicians: { id: string; teamId: string | null; name: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const u = await insertUser(db, {
      tenantId: tenant.id,
      email: `agent${i}@${opts.tenant}.manyi.cn`,
      displayName: `坐席${i}`,
      role: i === 0 ? 'admin' : 'agent',
      teamId: team.id,
      passwordHash,
    });
    agents.push({ id: u.id, teamId: team.id });
  }
  for (let i = 0; i < 100; i++) {
    const u = await insertUser(db, {
      tenantId: tenant.id,
      email: `tech${i}@${opts.tenant}.manyi.cn`,
      displayName: `技师${i}`,
      role: 'technician',
      teamId: sp.id,
      passwordHash,
    });
    technicians.push({ id: u.id, teamId: sp.id, name: `技师${i}` });
  }
  const bars = opts.quiet
    ? null
    : new cliProgress.MultiBar(
        {
          format: ' {stage} [{bar}] {percentage}% {value}/{total} ETA {eta_formatted}',
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 5000,
        },
        cliProgress.Presets.shades_classic,
      );
  const customerBar = bars?.create(opts.customers, 0, { stage: 'customers   ' });
  const ticketBar = bars?.create(opts.tickets, 0, { stage: 'work orders ' });
  const started = Date.now();
  await seedWorld(db, tenant.id, {
    customers: opts.customers,
    tickets: opts.tickets,
    agents,
    technicians,
    bare: !opts.full,
    seed: 7,
    onProgress: (stage, done) => (stage === 'customers' ? customerBar : ticketBar)?.update(done),
  });
  bars?.stop();
  return {
    tenantId: tenant.id,
    adminEmail: `agent0@${opts.tenant}.manyi.cn`,
    seconds: (Date.now() - started) / 1000,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      customers: { type: 'string' },
      tenant: { type: 'string', default: `scale${Date.now().toString(36)}` },
      full: { type: 'boolean', default: false },
    },
  });
  const tickets = Number(values.tickets);
  const customers = Number(values.customers ?? Math.max(1, Math.round(tickets / 2)));
  if (!Number.isInteger(tickets) || tickets < 0 || !Number.isInteger(customers) || customers < 1)
    throw new Error('--tickets and --customers take whole numbers (customers ≥ 1)');
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  process.stdout.write(
    `Seeding ${customers} customers and ${tickets} work orders into tenant "${values.tenant}" (${database.kind})…\n`,
  );
  const r = await seedScale(database, { tickets, customers, tenant: values.tenant!, full: values.full! });
  process.stdout.write(`Done in ${r.seconds.toFixed(1)} s. Sign in as ${r.adminEmail} / ${DEMO_PASSWORD}\n`);
  await database.close();
}

if (process.argv[1]?.endsWith('seed-cli.ts')) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
