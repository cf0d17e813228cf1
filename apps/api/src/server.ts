import { DataFolderLockedError, openDatabase } from '@manyi/db';
import { buildApp } from './app';
import { BootstrapError, bootstrap } from './bootstrap';
import { loadConfig } from './config';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

async function main() {
  const config = loadConfig();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(
      config.databaseUrl
        ? { url: config.databaseUrl, poolSize: config.dbPoolSize }
        : { dataDir: config.dataDir },
    );
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      process.stderr.write(`\n${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  let demoLogins: Awaited<ReturnType<typeof bootstrap>> = [];
  try {
    demoLogins = await bootstrap(database, config, say);
  } catch (err) {
    if (err instanceof BootstrapError) {
      process.stderr.write(`\n${err.message}\n`);
      await database.close();
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp({ config, database, demoLogins });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('127.0.0.1', 'localhost');
  say('');
  say(`Manyi (满意) is running at ${url}`);
  say(`  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
  say(`  API docs: ${url}/api/docs`);
  if (demoLogins.length) {
    say('  Demo logins (演示账号):');
    for (const l of demoLogins) say(`    ${l.role.padEnd(16)} ${l.email.padEnd(28)} ${l.password}`);
  }
  say('');
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
