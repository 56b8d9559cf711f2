import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo. Each test file gets its own worker (and so its own
// database, see @ndxp/db `openTestDatabase`). Two cores: two workers.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'bench/lib/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
