import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) and API tests (*.api.test.ts) run here; the API tests run once per database
// (MANYI_TEST_DB=pglite|postgres, set by scripts/test.mjs). Browser tests have their own config (e2e/).
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['apps/api/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
