import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium against a real server. One file at a time: they share one server and one account.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
