import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * Points the browser tests at a server. With E2E_BASE_URL set, that one (E2E_ADMIN_EMAIL/PASSWORD too);
 * otherwise starts the real API in demo mode on a free port with a throwaway PGlite folder, serving
 * apps/web/dist, and takes the admin login from /api/v1/meta. Test workers inherit the env set here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) return async () => {};

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO: 'true',
      // Never seed demo data into a database configured for something else.
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      ATTACHMENT_DIR: path.join(dataDir, 'attachments'),
      // E2E_WEB_DIST: a build elsewhere, so that parallel work does not share one dist folder.
      WEB_DIST: process.env.E2E_WEB_DIST ?? path.join(root, 'apps/web/dist'),
      LOG_LEVEL: 'warn',
      // Every browser test signs in from 127.0.0.1; the per-address limit is for real traffic.
      LOGIN_RATE_LIMIT: '1000',
    },
  });

  const stop = async () => {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const baseUrl = await waitForUrl(server, 120_000);
    const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { demoLogins?: DemoLogin[] };
    const admin = meta.demoLogins?.find((login) => login.role === 'admin');
    if (!admin) throw new Error('the demo server listed no admin login in /api/v1/meta');
    process.env.E2E_BASE_URL = baseUrl;
    process.env.E2E_ADMIN_EMAIL ??= admin.email;
    process.env.E2E_ADMIN_PASSWORD ??= admin.password;
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/** Resolves with the server's URL once it prints "running at …"; rejects with its output if it dies first. */
function waitForUrl(server: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`API did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        // The server prints "localhost"; it listens on IPv4 only, so do not let the browser try ::1.
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before it was ready:\n${output}`));
    });
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
