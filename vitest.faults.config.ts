import { defineConfig } from 'vitest/config';

// The long fault suites (`npm run test:faults`): real PostgreSQL servers of their own, hub child
// processes killed and databases stopped under load. One file at a time: each one loads the
// machine on purpose, and two at once would measure each other.
export default defineConfig({
  test: {
    include: ['bench/faults/**/*.faults.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
