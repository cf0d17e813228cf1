#!/usr/bin/env node
// `npm start`: installs what is missing, builds the web app, and starts Manyi on the embedded database
// with demo data. Set DATABASE_URL to use PostgreSQL instead; DEMO=false for a real first start.
import { ensureDependencies, ensureWebBuild, log, spawnServer } from './lib.mjs';

ensureDependencies();
ensureWebBuild();
log('Starting Manyi…');
const child = spawnServer({
  DEMO: process.env.DEMO ?? 'true',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  PORT: process.env.PORT ?? '3000',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
