#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// `npm test`: the whole suite — lint, types, unit and API tests on PGlite AND PostgreSQL, browser tests in
// Debian's Chromium. Installs npm dependencies if missing; on a root Debian machine also Chromium and a CJK
// font. PostgreSQL comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies, ensureWebBuild, log, run } from './lib.mjs';

const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-test-'));

function vitest(name, args, env = {}) {
  const out = path.join(reports, `${name}.json`);
  log(`Vitest: ${name}`);
  let failed = false;
  try {
    run(
      'npx',
      ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
      { env },
    );
  } catch {
    failed = true;
  }
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) failed = true;
  }
  if (failed) {
    finish(1);
  }
}

function finish(code) {
  const secs = Math.round((Date.now() - started) / 1000);
  log(`Finished in ${secs} s`);
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(code);
}

async function postgresReachable(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function ensurePostgres(url) {
  if (await postgresReachable(url)) return;
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  for (const v of versions) {
    log(`Starting PostgreSQL ${v}…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'inherit' });
  }
  for (let i = 0; i < 20 && !(await postgresReachable(url)); i++)
    await new Promise((r) => setTimeout(r, 500));
  if (!(await postgresReachable(url))) {
    process.stderr.write(
      `\nPostgreSQL is not reachable at ${url}. The suite runs on PGlite and PostgreSQL; start PostgreSQL or set ` +
        'TEST_DATABASE_URL to a server where this user may create databases.\n',
    );
    finish(1);
  }
}

function ensureChromium() {
  const has = () => fs.existsSync('/usr/bin/chromium');
  const hasFont = () => spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .']).status === 0;
  if (has() && hasFont()) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    log('Installing Chromium and a CJK font from Debian…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!has()) {
    process.stderr.write(
      "\nBrowser tests need Debian's Chromium: apt-get install -y chromium fonts-wqy-microhei\n",
    );
    finish(1);
  }
}

ensureDependencies();
log('Lint and format (Biome)');
run('npx', ['biome', 'check', '.']);
log('Types (tsc --noEmit)');
run('npx', ['tsc', '--noEmit', '-p', '.']);

vitest('unit-and-api-pglite', [], { MANYI_TEST_DB: 'pglite' });
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
await ensurePostgres(pgUrl);
vitest('api-postgres', ['api.test'], { MANYI_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl });

ensureChromium();
ensureWebBuild();
vitest('e2e-chromium', ['--config', 'e2e/vitest.config.ts']);
finish(0);
