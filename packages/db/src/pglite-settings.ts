import { PGlite } from '@electric-sql/pglite';

/**
 * How PGlite's PostgreSQL runs. It lives in this process's memory (WebAssembly, which never gives memory
 * back), so its buffers are the server's RSS: 32 MB of shared buffers instead of initdb's 128 MB (the data
 * folder's pages stay in the OS page cache, read back in microseconds), and smaller maintenance memory
 * (index builds and VACUUM would otherwise grow the heap for good). Measured in bench/ (server RSS < 400 MB).
 */
export const pgliteStartParams = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=32MB',
  '-c',
  'maintenance_work_mem=16MB',
  '-c',
  'work_mem=4MB',
];
