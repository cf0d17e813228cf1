import { defineConfig } from 'vitest/config';

// Browser tests: one Manyi server (demo data on a fresh embedded database) for the run, Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
