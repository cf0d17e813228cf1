import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@manyi/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Migrates one template database per run, so that each test file starts from a copy in milliseconds:
 * PostgreSQL: a template database (CREATE DATABASE … TEMPLATE); PGlite: a dumped data folder.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.MANYI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  project.provide('dbKind', kind);
  if (kind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const template = `manyi_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 1 });
    await database.close();
    project.provide('pgAdminUrl', adminUrl);
    project.provide('pgTemplate', template);
    project.provide('runId', String(process.pid));
    return async () => {
      // Drop the template and any per-file databases left behind.
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'manyi_t_${process.pid}\\_%' OR datname = $1`,
        [template],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  const raw = database.raw as import('@electric-sql/pglite').PGlite;
  const dump = await raw.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `manyi-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    pgAdminUrl: string;
    pgTemplate: string;
    pgliteTemplate: string;
    runId: string;
  }
}
