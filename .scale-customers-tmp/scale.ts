import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { openDatabase, schema } from '../packages/db/src/index';
import { insertCustomers, makeCustomer } from '../packages/db/src/seed/factories/customers';
import { createRandom } from '../packages/db/src/seed/data/random';
import pg from 'pg';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { insertApiToken } from '../apps/api/src/modules/auth/auth.repository';
import { sha256 } from '../apps/api/src/modules/auth/auth.service';
import { insertUser } from '../apps/api/src/modules/users/users.repository';
import * as repo from '../apps/api/src/modules/customers/customers.repository';

const N = Number(process.env.N ?? 1_000_000);
const dbName = `manyi_cust_scale_${process.pid}`;
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = `postgres://postgres@127.0.0.1:5432/${dbName}`;
const database = await openDatabase({ url, poolSize: 4 });
const db = database.db;
try {
  const [tenant] = await db.insert(schema.tenants).values({ slug: 'scale', name: '规模' }).returning({ id: schema.tenants.id });
  const tenantId = tenant!.id;
  const rng = createRandom(1);
  const t0 = Date.now();
  let gen = 0;
  let ins = 0;
  const CHUNK = 10_000;
  const sample: string[] = [];
  for (let done = 0; done < N; done += CHUNK) {
    const g0 = Date.now();
    const seeds = Array.from({ length: Math.min(CHUNK, N - done) }, () => makeCustomer(rng));
    gen += Date.now() - g0;
    if (done % 100_000 === 0) sample.push(...seeds.slice(0, 200).map((s) => s.phones[0]!.e164));
    const i0 = Date.now();
    await db.transaction((tx) => insertCustomers(tx, tenantId, seeds));
    ins += Date.now() - i0;
    if ((done / CHUNK) % 10 === 0) console.log(`${done + CHUNK} rows, gen ${gen} ms, insert ${ins} ms, total ${Date.now() - t0} ms`);
  }
  console.log(`LOADED ${N} customers: generate ${gen} ms, insert ${ins} ms`);
  await database.exec('ANALYZE');
  const counts = await (database.raw as pg.Pool).query(
    'select (select count(*) from customers) c, (select count(*) from customer_phones) p, (select count(*) from customer_addresses) a',
  );
  console.log('COUNTS', counts.rows[0]);

  const explain = async (label: string, q: { sql: string; params: unknown[] }) => {
    const r = await (database.raw as pg.Pool).query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    console.log(`--- ${label}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
  };
  await explain('exact', repo.findByPhoneExact(db, tenantId, sample[5]!, 20).toSQL());
  await explain('prefix 7 digits', repo.findByPhonePrefix(db, tenantId, sample[7]!.slice(3, 10), 10).toSQL());
  await explain('prefix 4 digits', repo.findByPhonePrefix(db, tenantId, '1380', 10).toSQL());
  await explain('list first page', repo.findCustomerPage(db, tenantId, { limit: 51 }).toSQL());
  await explain('search 3-char name', repo.findCustomerPage(db, tenantId, { searchPattern: '%王子轩%', limit: 51 }).toSQL());
  await explain('search digits', repo.findCustomerPage(db, tenantId, { searchPattern: `%${sample[9]!.slice(5)}%`, limit: 51 }).toSQL());

  // End to end through HTTP (auth + validation + serialisation), as an agent would call it.
  const [u] = await db.insert(schema.users).values({ tenantId, email: 'agent@scale.test', displayName: 'a', role: 'agent', passwordHash: 'x' }).returning({ id: schema.users.id });
  const token = `mny_scale_${randomBytes(16).toString('hex')}`;
  await insertApiToken(db, { tenantId, userId: u!.id, name: 't', prefix: token.slice(0, 10), tokenHash: sha256(token), expiresAt: null });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { attachmentDir: fs.mkdtempSync('/tmp/manyi-att-'), webDist: '/nonexistent' });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const measure = async (label: string, urls: string[]) => {
    const times: number[] = [];
    for (const u of urls) {
      const s = process.hrtime.bigint();
      const res = await app.inject({ url: u, headers: { authorization: `Bearer ${token}` } });
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (res.statusCode !== 200) throw new Error(`${u} ${res.statusCode} ${res.body}`);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    console.log(`HTTP ${label}: n=${times.length} p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms`);
  };
  const r = createRandom(99);
  const exactUrls = Array.from({ length: 2000 }, () => `/api/v1/customers/lookup?phone=${encodeURIComponent(r.pick(sample))}`);
  const prefixUrls = Array.from({ length: 1000 }, () => `/api/v1/customers/lookup?phone=${r.pick(sample).slice(3, 3 + r.int(4, 8))}`);
  const missUrls = Array.from({ length: 500 }, () => `/api/v1/customers/lookup?phone=1${r.pick(['3', '5', '8'])}${r.digits(9)}`);
  await measure('warm-up', exactUrls.slice(0, 200));
  await measure('lookup exact', exactUrls);
  await measure('lookup prefix', prefixUrls);
  await measure('lookup valid-but-unknown (exact miss, then prefix)', missUrls);
  await measure('list first page', Array.from({ length: 200 }, () => '/api/v1/customers?limit=50'));
  await app.close();
} finally {
  await database.close();
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
