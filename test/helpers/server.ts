import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { deferCleanup } from './cleanup.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from './credentials.ts'
import { HELPERS_DIR, SERVER_ENTRY } from './paths.ts'
import { ServerProcess, type TestServer } from './serverProcess.ts'

export type { RestartOptions, ServerExit, TestServer } from './serverProcess.ts'
export { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from './credentials.ts'

export interface StartServerOptions {
  /** Reuse a data directory (for example one a previous server wrote). Without it a fresh temp dir is made and removed afterwards. */
  dataDir?: string
  /**
   * Extra environment for the server process. GUATU_ADMIN_PASSWORD defaults to TEST_ADMIN_PASSWORD;
   * when given here, it is the password used to obtain `adminToken`.
   */
  env?: Record<string, string>
  /** Create the demo board on an empty data dir (GUATU_DEMO=1). Off by default in tests. */
  demo?: boolean
  /** false: do not sign in as the admin (whose password may have expired by the test's clock); no `adminToken`. */
  signInAdmin?: boolean
}

/**
 * Starts the built server (server/dist/main.js) on port 0 and resolves once it prints its
 * listening line and an admin API token has been obtained (`server.adminToken`). The process and
 * (when created here) its data dir are removed when the current test finishes, or after the file
 * when called from beforeAll.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: build the server first (pnpm --filter @guatu/server build)`)
  }
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'guatu-test-')))
  const env = {
    GUATU_DEMO: options.demo ? '1' : '0',
    GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...options.env,
  }
  const adminLogin = options.signInAdmin === false ? undefined : { username: TEST_ADMIN_USERNAME, password: env.GUATU_ADMIN_PASSWORD }
  const server = new ServerProcess(dataDir, env, adminLogin)
  deferCleanup(async () => {
    await server.shutdownQuietly()
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
  })
  await server.launch(0)
  return server
}

/** Server environment that runs the server's wall clock `shiftMs` ahead (see shiftClock.mjs). */
export function clockShiftEnv(shiftMs: number): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${pathToFileURL(path.join(HELPERS_DIR, 'shiftClock.mjs')).href}`,
    GUATU_TEST_CLOCK_SHIFT_MS: String(shiftMs),
  }
}
