#!/usr/bin/env node
// `npm run dev`: the API with reload on change (tsx watch) and the Vite dev server with hot reload,
// which proxies /api to the API. Demo data on the embedded database unless told otherwise.
import { spawn } from 'node:child_process';
import { ensureDependencies, log, root } from './lib.mjs';

ensureDependencies();
const env = {
  ...process.env,
  DEMO: process.env.DEMO ?? 'true',
  NODE_ENV: 'development',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};
const api = spawn('npx', ['tsx', 'watch', 'apps/api/src/server.ts'], { cwd: root, env, stdio: 'inherit' });
const web = spawn('npm', ['run', 'dev', '-w', '@manyi/web'], { cwd: root, env, stdio: 'inherit' });
log('API on http://localhost:3000, web with hot reload on http://localhost:5173');
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    api.kill(sig);
    web.kill(sig);
  });
api.on('exit', () => web.kill());
web.on('exit', () => api.kill());
