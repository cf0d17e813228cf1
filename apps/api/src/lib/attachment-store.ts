import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. The database keeps the metadata and the key; the bytes go to a disk folder
 * here, or to an S3-compatible bucket behind the same interface.
 */
export interface AttachmentStore {
  put(key: string, data: Buffer): Promise<void>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

const safeKey = /^[a-z0-9-]+\/[a-z0-9-]+\/[a-f0-9]{64}$/;

export function diskStore(root: string): AttachmentStore {
  const file = (key: string) => {
    if (!safeKey.test(key)) throw new Error(`unsafe attachment key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const f = file(key);
      await fs.promises.mkdir(path.dirname(f), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under the final name.
      const tmp = `${f}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, data);
      await fs.promises.rename(tmp, f);
    },
    async open(key) {
      return fs.createReadStream(file(key));
    },
    async remove(key) {
      await fs.promises.rm(file(key), { force: true });
    },
  };
}
