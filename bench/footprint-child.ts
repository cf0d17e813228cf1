/**
 * A bare Node process for the PGlite footprint: `baseline` does nothing; `pglite <dataDir> <tenantId>` opens the
 * data folder as the server does (with pg_trgm) and then runs a few index reads. Prints one JSON line per stage
 * with its resident set size in MB.
 */
import { lockDataFolder } from '@manyi/db/lock';

const settle = () => new Promise((r) => setTimeout(r, 1000));
const report = (stage: string) =>
  process.stdout.write(`${JSON.stringify({ stage, rssMb: process.memoryUsage().rss / 1024 / 1024 })}\n`);

async function main() {
  const [mode, dataDir, tenantId] = process.argv.slice(2);
  if (mode === 'baseline') {
    await settle();
    report('baseline');
    return;
  }
  if (mode !== 'pglite' || !dataDir || !tenantId)
    throw new Error('usage: footprint-child baseline | pglite <dir> <tenant>');
  const release = lockDataFolder(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { pgliteStartParams } = await import('@manyi/db/pglite-settings');
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm }, startParams: pgliteStartParams });
  await db.query('SELECT 1');
  await settle();
  report('open');
  // What a queue page and a phone lookup touch: the newest work orders and phone numbers by index.
  for (let i = 0; i < 20; i++) {
    await db.query(
      `SELECT t.id, t.number, t.subject, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id
       WHERE t.tenant_id = $1 ORDER BY t.updated_at DESC, t.id DESC LIMIT 50 OFFSET $2`,
      [tenantId, i * 50],
    );
  }
  const phones = await db.query<{ e164: string }>(
    'SELECT e164 FROM customer_phones WHERE tenant_id = $1 LIMIT 500',
    [tenantId],
  );
  for (const p of phones.rows)
    await db.query('SELECT customer_id FROM customer_phones WHERE tenant_id = $1 AND e164 = $2', [
      tenantId,
      p.e164,
    ]);
  await settle();
  report('queries');
  await db.close();
  release();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
