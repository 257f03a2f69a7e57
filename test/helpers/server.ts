import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { deferCleanup } from './cleanup.ts'
import { SERVER_ENTRY } from './paths.ts'
import { ServerProcess, type TestServer } from './serverProcess.ts'

export type { RestartOptions, ServerExit, TestServer } from './serverProcess.ts'

export interface StartServerOptions {
  /** Reuse a data directory (for example one a previous server wrote). Without it a fresh temp dir is made and removed afterwards. */
  dataDir?: string
  /** Extra environment for the server process. */
  env?: Record<string, string>
  /** Create the demo board on an empty data dir (GUATU_DEMO=1). Off by default in tests. */
  demo?: boolean
}

/**
 * Starts the built server (server/dist/main.js) on port 0 and resolves once it prints its
 * listening line. The process and (when created here) its data dir are removed when the current
 * test finishes, or after the file when called from beforeAll.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: build the server first (pnpm --filter @guatu/server build)`)
  }
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'guatu-test-')))
  const server = new ServerProcess(dataDir, {
    GUATU_DEMO: options.demo ? '1' : '0',
    ...options.env,
  })
  deferCleanup(async () => {
    await server.shutdownQuietly()
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
  })
  await server.launch(0)
  return server
}

