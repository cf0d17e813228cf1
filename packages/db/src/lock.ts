import fs from 'node:fs';
import path from 'node:path';

export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${folder} is in use by another Manyi process (pid ${pid}). ` +
        'Two processes on one embedded database lose data; stop the other one, or set DATA_DIR to another folder, ' +
        'or use PostgreSQL (DATABASE_URL).',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on an embedded-database folder: a lock file holding our pid, created with O_EXCL.
 * A lock left by a process that has died is taken over at once (no stale-timeout wait after a crash).
 * Returns the function that releases it.
 */
export function lockDataFolder(folder: string): () => void {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'manyi.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid))
        throw new DataFolderLockedError(folder, pid);
      if (pid === process.pid) throw new DataFolderLockedError(folder, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
