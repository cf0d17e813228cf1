/**
 * `npx tsx bench/dispatch.ts` — dispatch ranking at scale: 2,000 service points and 10,000 technicians across
 * Guangdong on PostgreSQL, then `rankCandidates` (the service behind GET /tickets/:id/dispatch-candidates,
 * without HTTP) timed for work orders at random customer addresses. Target: p95 < 20 ms.
 *
 * Options: --pg-url URL (default postgres://postgres@127.0.0.1:5432), --runs N (default 400).
 */
import { type Database, openDatabase, schema } from '@manyi/db';
import { cities } from '@manyi/db/seed/data/regions';
import pg from 'pg';
import { loadConfig } from '../apps/api/src/config';
import type { ServiceContext } from '../apps/api/src/lib/context';
import { rankCandidates } from '../apps/api/src/modules/dispatch/dispatch.service';
import { createTenant } from '../apps/api/src/modules/users/users.service';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const pgUrl = arg('pg-url', 'postgres://postgres@127.0.0.1:5432');
const runs = Number(arg('runs', '400'));
const POINTS = 2_000;
const TECHNICIANS = 10_000;
const DB = 'manyi_bench_dispatch';

// A fixed-seed generator, so every run ranks the same world.
let seed = 20261123;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const gauss = () => (rnd() + rnd() + rnd() - 1.5) / 1.5;
const say = (s: string) => process.stdout.write(`${s}\n`);

const categories = [
  'air_conditioner',
  'refrigerator',
  'washing_machine',
  'water_heater',
  'television',
  'range_hood',
  'dishwasher',
  'water_purifier',
];
const jobTypes = ['repair', 'installation', 'maintenance'];
const gd = cities.filter((c) => c.provinceCode === '440000');

async function freshDatabase(): Promise<Database> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${DB}`;
  return openDatabase({ url: url.toString(), poolSize: 4 });
}

async function seedWorld(database: Database) {
  const db = database.db;
  const tenant = await createTenant(db, { slug: 'bench-dispatch', name: '派工基准' });
  const tenantId = tenant.id;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  // Service points around Guangdong's cities, weighted like their populations.
  const weighted = gd.flatMap((c) =>
    Array.from({ length: Math.max(1, Math.round(c.weight / 100)) }, () => c),
  );
  const points: { id: string; lat: number; lng: number; city: string }[] = [];
  for (let i = 0; i < POINTS; i += 500) {
    const teams = await db
      .insert(schema.teams)
      .values(
        Array.from({ length: Math.min(500, POINTS - i) }, (_, k) => ({
          tenantId,
          name: `网点${i + k + 1}`,
          kind: 'service_point' as const,
        })),
      )
      .returning({ id: schema.teams.id });
    const profiles = teams.map((t) => {
      const c = pick(weighted);
      const p = { id: t.id, lat: c.lat + gauss() * 0.25, lng: c.lng + gauss() * 0.25, city: c.code };
      points.push(p);
      return {
        teamId: t.id,
        tenantId,
        ownership: rnd() < 0.2 ? ('own' as const) : ('partner' as const),
        provinceCode: '440000',
        cityCode: c.code,
        province: '广东省',
        city: c.name,
        addressDetail: '测试路 1 号',
        lat: p.lat,
        lng: p.lng,
        coverageRegionCodes: [c.code],
        coverageRadiusKm: 30,
        categories: categories.filter(() => rnd() < 0.6),
      };
    });
    await db.insert(schema.servicePointProfiles).values(profiles);
  }
  for (let i = 0; i < TECHNICIANS; i += 500) {
    const n = Math.min(500, TECHNICIANS - i);
    const homes = Array.from({ length: n }, () => pick(points));
    const users = await db
      .insert(schema.users)
      .values(
        homes.map((p, k) => ({
          tenantId,
          email: `tech${i + k}@bench.test`,
          displayName: `技师${i + k}`,
          passwordHash: 'x',
          role: 'technician' as const,
          teamId: p.id,
        })),
      )
      .returning({ id: schema.users.id });
    await db.insert(schema.technicianProfiles).values(
      users.map((u, k) => ({
        userId: u.id,
        tenantId,
        categories: categories.filter(() => rnd() < 0.35),
        jobTypes: jobTypes.filter(() => rnd() < 0.7),
        baseLat: homes[k]!.lat + gauss() * 0.05,
        baseLng: homes[k]!.lng + gauss() * 0.05,
        dailyCapacity: 4 + Math.floor(rnd() * 5),
      })),
    );
    await db.insert(schema.technicianCertifications).values(
      users.flatMap((u) =>
        Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
          tenantId,
          userId: u.id,
          name: '家电安装维修上岗证',
          category: pick(categories),
          issuedOn: day(-700),
          expiresOn: day(Math.floor(rnd() * 800) - 100),
          examScore: 60 + Math.floor(rnd() * 40),
          issuer: '中国家用电器服务维修协会',
        })),
      ),
    );
    await db
      .insert(schema.technicianLeave)
      .values(
        users
          .filter(() => rnd() < 0.05)
          .map((u) => ({ tenantId, userId: u.id, startsOn: day(-1), endsOn: day(3) })),
      );
  }
  // Work orders at random addresses near the cities, each with an air-conditioner or other unit.
  const [customer] = await db
    .insert(schema.customers)
    .values({ tenantId, name: '基准客户' })
    .returning({ id: schema.customers.id });
  const models = await db
    .insert(schema.productModels)
    .values(categories.map((c, k) => ({ tenantId, code: `M${k}`, name: c, category: c })))
    .returning({ id: schema.productModels.id });
  const ticketIds: string[] = [];
  for (let i = 0; i < 200; i++) {
    const c = pick(weighted);
    const [addr] = await db
      .insert(schema.customerAddresses)
      .values({
        tenantId,
        customerId: customer!.id,
        provinceCode: '440000',
        cityCode: c.code,
        province: '广东省',
        city: c.name,
        detail: 'x',
        lat: c.lat + gauss() * 0.2,
        lng: c.lng + gauss() * 0.2,
      })
      .returning({ id: schema.customerAddresses.id });
    const [unit] = await db
      .insert(schema.units)
      .values({
        tenantId,
        customerId: customer!.id,
        modelId: pick(models).id,
        serialNumber: `SN${i}`,
        addressId: addr!.id,
      })
      .returning({ id: schema.units.id });
    const [t] = await db
      .insert(schema.tickets)
      .values({
        tenantId,
        number: i + 1,
        type: pick(['repair', 'installation'] as const),
        channel: 'phone',
        subject: '基准',
        description: '基准',
        customerId: customer!.id,
        unitId: unit!.id,
      })
      .returning({ id: schema.tickets.id });
    ticketIds.push(t!.id);
  }
  await database.db.execute('ANALYZE');
  return { tenantId, ticketIds };
}

async function main() {
  const database = await freshDatabase();
  try {
    let started = performance.now();
    const { tenantId, ticketIds } = await seedWorld(database);
    say(
      `seeded ${POINTS} service points, ${TECHNICIANS} technicians in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const [dispatcher] = await database.db
      .insert(schema.users)
      .values({
        tenantId,
        email: 'dispatcher@bench.test',
        displayName: '调度',
        passwordHash: 'x',
        role: 'dispatcher',
      })
      .returning({ id: schema.users.id });
    const ctx: ServiceContext = {
      db: database.db,
      database,
      config: loadConfig({}),
      principal: {
        kind: 'api_token',
        tenantId,
        tenantTimeZone: 'Asia/Shanghai',
        ticketPrefix: 'GD',
        userId: dispatcher!.id,
        role: 'dispatcher',
        teamId: null,
        credentialId: 'bench',
      },
      lang: 'zh',
      requestId: 'bench',
      now: () => new Date(),
    };
    for (let i = 0; i < 50; i++) await rankCandidates(ctx, ticketIds[i % ticketIds.length]!);
    const times: number[] = [];
    let offered = 0;
    let excluded = 0;
    started = performance.now();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await rankCandidates(ctx, ticketIds[i % ticketIds.length]!);
      times.push(performance.now() - t0);
      offered += r.candidates.length;
      excluded += r.excluded.length;
    }
    times.sort((x, y) => x - y);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    say(`rankCandidates on PostgreSQL, ${runs} work orders (service call, no HTTP):`);
    say(
      `  p50 ${q(50).toFixed(2)} ms   p95 ${q(95).toFixed(2)} ms   p99 ${q(99).toFixed(2)} ms   max ${times.at(-1)!.toFixed(2)} ms`,
    );
    say(
      `  mean candidates offered ${(offered / runs).toFixed(1)}, excluded listed ${(excluded / runs).toFixed(1)}`,
    );
    say(`  target p95 < 20 ms: ${q(95) < 20 ? 'met' : 'NOT met'}`);
    if (q(95) >= 20) process.exitCode = 1;
  } finally {
    await database.close();
    if (!process.argv.includes('--keep')) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
      await admin.end();
    }
  }
}

await main();
