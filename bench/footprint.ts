/** PGlite's share of the server's memory: a bare Node process with the data folder open vs one without. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './server';

const run = promisify(execFile);

async function stages(args: string[]): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/footprint-child.ts', ...args], {
    cwd: repoRoot,
    maxBuffer: 1024 * 1024,
  });
  const out: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { stage, rssMb } = JSON.parse(line) as { stage: string; rssMb: number };
    out[stage] = rssMb;
  }
  return out;
}

export interface PgliteFootprint {
  baselineMb: number;
  openMb: number;
  afterQueriesMb: number;
}

/** RSS of a bare Node process, and of one that opened the PGlite folder (then after a few index reads). */
export async function measurePgliteFootprint(dataDir: string, tenantId: string): Promise<PgliteFootprint> {
  const base = await stages(['baseline']);
  const pglite = await stages(['pglite', dataDir, tenantId]);
  return {
    baselineMb: base['baseline'] ?? 0,
    openMb: pglite['open'] ?? 0,
    afterQueriesMb: pglite['queries'] ?? 0,
  };
}
