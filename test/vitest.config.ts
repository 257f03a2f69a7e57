import { defineConfig } from 'vitest/config'

/**
 * Two projects, decided by folder. Every `*.test.ts` under test/ lands in exactly one of them, so a
 * new folder cannot silently never run:
 * - `process`: e2e/, integration/, scaleout/, storage/. These start real server processes (to kill
 *   them with SIGKILL, for process guards, memory caps, a shifted clock, several processes over
 *   PostgreSQL + Redis), a real browser, or share one PostgreSQL database. They run one file at a
 *   time so a server under test never competes with another file's server for the two cores, after
 *   the in-process project (groupOrder 1).
 * - `in-process`: everything else (unit/, inprocess/, ledger/, progress/, validation/, any new
 *   folder). The server they test runs inside the test's own process (helpers/inProcessServer.ts:
 *   the production assembly, real SQLite in a temp dir, real websockets on a loopback port), so
 *   files run two at a time, one per core, in forks (SQLite's native module and process-wide
 *   handlers stay per file).
 */
const PROCESS_FOLDERS = ['e2e/**', 'integration/**', 'scaleout/**', 'storage/**']
const ALWAYS_EXCLUDED = ['**/node_modules/**', 'artifacts/**']

const shared = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  teardownTimeout: 30_000,
  // A failure in a fuzz run must report its seed, not be retried into silence.
  retry: 0,
} as const

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'in-process',
          include: ['**/*.test.ts'],
          exclude: [...ALWAYS_EXCLUDED, ...PROCESS_FOLDERS],
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'process',
          include: PROCESS_FOLDERS.map((folder) => `${folder.slice(0, -3)}/**/*.test.ts`),
          exclude: ALWAYS_EXCLUDED,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
