// Small helpers shared by the start and test scripts (plain Node: they run before dependencies exist).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function log(msg) {
  process.stdout.write(`\x1b[36m[manyi]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: root,
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  if (r.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    err.exitCode = r.status ?? 1;
    throw err;
  }
}

/** Installs npm dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  // `npm install` (it follows package-lock.json) rather than `npm ci`: the registry these machines reach lacks
  // some optional per-platform packages (e.g. Biome's macOS and Windows binaries), which `npm ci` treats as a
  // lock file out of sync, while `npm install` skips them as the optional packages they are.
  log('Installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its build is missing or older than its sources (or the shared contracts). */
export function ensureWebBuild() {
  const index = path.join(root, 'apps/web/dist/index.html');
  if (fs.existsSync(index)) {
    const built = fs.statSync(index).mtimeMs;
    const src = Math.max(
      newestMtime(path.join(root, 'apps/web')),
      newestMtime(path.join(root, 'packages/contracts/src')),
    );
    if (built >= src) return;
  }
  log('Building the web app…');
  run('npm', ['run', 'build', '-w', '@manyi/web']);
}

/**
 * Node flags of the server (bench/server.ts uses the same): a young generation of 4 MB semi-spaces instead of
 * 16 MB keeps ~50 MB off the RSS under load at no measurable CPU cost (bench/README.md, server RSS < 400 MB).
 */
export const serverNodeFlags = ['--max-semi-space-size=4'];

export function spawnServer(env, { quiet = false } = {}) {
  return spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
}
