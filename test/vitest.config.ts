import { defineConfig } from 'vitest/config'

/**
 * Integration and e2e tests start real server processes and a real browser. The machine running CI
 * has two cores: test files run one at a time so a server under test never competes with another
 * file's server for CPU, and timeouts are generous because a cold server start includes SQLite.
 */
export default defineConfig({
  test: {
    environment: 'node',
    // Every test file anywhere under test/: a new folder cannot silently never run.
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'artifacts/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // A failure in a fuzz run must report its seed, not be retried into silence.
    retry: 0,
  },
})
