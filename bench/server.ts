/** The real server as a child process, its memory sampled from /proc, and an API token to load it with. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-seed';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB (VmRSS), or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 250 ms and keeps the peak of each named phase. */
export class MemorySampler {
  private timer: NodeJS.Timeout;
  private phase = 'start';
  readonly peaks = new Map<string, number>();
  overallPeak = 0;
  samples = 0;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  sample(): number | null {
    const mb = rssMb(this.pid);
    if (mb === null) return null;
    this.samples++;
    this.overallPeak = Math.max(this.overallPeak, mb);
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, mb));
    return mb;
  }

  /** Starts a phase (the sample taken now counts towards it). */
  enter(phase: string) {
    this.phase = phase;
    this.sample();
  }

  stop() {
    clearInterval(this.timer);
  }
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  memory: MemorySampler;
  /** The last lines the server wrote (for diagnosis). */
  tail(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx apps/api/src/server.ts` and waits for /api/health. */
export async function startServer(
  env: Record<string, string>,
  attachmentDir: string,
  /** Extra flags for node (e.g. --cpu-prof while looking for a bottleneck). */
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    // The flags `npm start` gives the server (serverNodeFlags in scripts/lib.mjs).
    ['--max-semi-space-size=4', ...nodeArgs, '--import', 'tsx', 'apps/api/src/server.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: '',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DEMO: 'false',
        NODE_ENV: 'production',
        ATTACHMENT_DIR: attachmentDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const memory = new MemorySampler(child.pid!);
  const baseUrl = `http://127.0.0.1:${port}`;
  const tail = () => lines.slice(-30).join('\n');
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`The server exited while starting:\n${tail()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /api/health within 180 s:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    memory,
    tail,
    async stop() {
      memory.stop();
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Signs in as the given user and creates an API token acting as them; returns the bearer secret. */
export async function createApiToken(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`Sign-in as ${email} failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}` }),
  });
  if (created.status !== 201)
    throw new Error(`Creating an API token failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}
