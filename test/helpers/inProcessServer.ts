import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '@guatu/server/config'
import { startListening, type ListeningServer } from '@guatu/server/http/listeningServer'
import type { Logger } from '@guatu/server/log'
import { deferCleanup } from './cleanup.ts'
import { PRE_DENGBAO_ACCOUNT_ENV, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, apiTokenFor } from './credentials.ts'
import type { RestartOptions, ServerExit, TestServer } from './serverProcess.ts'
import type { StartServerOptions } from './server.ts'

/** Keep only the tail of the log for failure messages, as the process helper does. */
const MAX_OUTPUT_CHARS = 20_000

/**
 * The production server (server/src/http/listeningServer.ts: the same assembly main.ts runs, real
 * SQLite in a temp dir, real websockets on a loopback port the OS picks) started inside the test's
 * own process: no build, no spawn, no process start per test. Only what truly needs a process
 * (SIGKILL, process guards, memory caps, a shifted clock) keeps using startServer().
 */
export interface InProcessServer extends TestServer {
  /** The HTTP app without the network (Hono's app.request): REST checks need no socket. */
  request(pathAndQuery: string, init?: RequestInit): Promise<Response>
  readonly listening: ListeningServer
}

/** Starts an in-process server with the options startServer takes; removed when the test (or file) ends. */
export async function startInProcessServer(options: StartServerOptions = {}): Promise<InProcessServer> {
  if (options.env?.NODE_OPTIONS) throw new Error('NODE_OPTIONS (a shifted clock) needs a real process: use startServer()')
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'guatu-test-')))
  const env: Record<string, string> = {
    GUATU_DEMO: options.demo ? '1' : '0',
    GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...PRE_DENGBAO_ACCOUNT_ENV,
    ...options.env,
    PORT: '0',
    GUATU_DATA_DIR: dataDir,
  }
  const adminPassword = options.signInAdmin === false ? undefined : env.GUATU_ADMIN_PASSWORD
  const server = new InProcessTestServer(dataDir, env, adminPassword)
  deferCleanup(async () => {
    await server.stop()
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
  })
  await server.launch(0)
  return server
}

class InProcessTestServer implements InProcessServer {
  private current: ListeningServer | undefined
  private outputTail = ''
  private currentAdminToken: string | undefined

  constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    private readonly adminPassword: string | undefined,
  ) {}

  get listening(): ListeningServer {
    if (!this.current) throw new Error('the in-process server is not running')
    return this.current
  }

  get port(): number {
    return this.listening.port
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`
  }

  get exited(): boolean {
    return this.current === undefined
  }

  get adminToken(): string {
    if (this.currentAdminToken === undefined)
      throw new Error(this.adminPassword ? 'adminToken read before the server started' : 'this server was started without an admin login')
    return this.currentAdminToken
  }

  output(): string {
    return this.outputTail
  }

  request(pathAndQuery: string, init?: RequestInit): Promise<Response> {
    return this.listening.request(pathAndQuery, init)
  }

  async launch(port: number): Promise<void> {
    const config = loadConfig({ ...this.env, PORT: String(port) })
    this.current = await startListening(config, this.recordingLogger(config.logLevel === 'silent'))
    this.currentAdminToken = this.adminPassword ? await apiTokenFor(this.url, TEST_ADMIN_USERNAME, this.adminPassword) : undefined
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ServerExit> {
    if (signal === 'SIGTERM') return this.stop()
    // A crash cannot be faked inside the test's own process: such a test belongs with startServer().
    throw new Error(`${signal} needs a real server process: use startServer() for this test`)
  }

  async stop(): Promise<ServerExit> {
    const running = this.current
    this.current = undefined
    await running?.close()
    return { code: 0, signal: null }
  }

  async restart(options: RestartOptions = {}): Promise<void> {
    const port = options.keepPort && this.current ? this.current.port : 0
    await this.stop()
    await this.launch(port)
  }

  /** The server's structured log lines, kept for output() like a process's stdout and stderr. */
  private recordingLogger(silent: boolean): Logger {
    const write = (level: string, message: string, fields?: Record<string, unknown>) => {
      if (silent) return
      const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })
      this.outputTail = (this.outputTail + line + '\n').slice(-MAX_OUTPUT_CHARS)
    }
    return {
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
    }
  }
}
