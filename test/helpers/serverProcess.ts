import { spawn, type ChildProcess } from 'node:child_process'
import { PRE_DENGBAO_ACCOUNT_ENV, apiTokenFor } from './credentials.ts'
import { REPO_ROOT, SERVER_ENTRY } from './paths.ts'
import { withTimeout } from './wait.ts'

/** The line the server prints once it accepts connections; the port is the one the OS picked. */
const LISTENING_PATTERN = /listening on http:\/\/127\.0\.0\.1:(\d+)/
const START_TIMEOUT_MS = 20_000
const EXIT_TIMEOUT_MS = 10_000
/** Keep only the tail of the server's output for failure messages. */
const MAX_OUTPUT_CHARS = 20_000

export interface ServerExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface RestartOptions {
  /** Listen on the same port as before, so providers that are still open reconnect by themselves. */
  keepPort?: boolean
}

/** A real Guatu server process. Port, url and wsUrl change after `restart()` unless `keepPort`. */
export interface TestServer {
  readonly port: number
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** ws://127.0.0.1:PORT/sync: the serverUrl a WebsocketProvider takes; the board id is the room. */
  readonly wsUrl: string
  readonly dataDir: string
  /** Whether the current process has exited. */
  readonly exited: boolean
  /** The tail of the current process's stdout and stderr. */
  output(): string
  /** Sends `signal` and waits for the process to exit. SIGKILL simulates a crash. */
  kill(signal?: NodeJS.Signals): Promise<ServerExit>
  /** Graceful stop: SIGTERM, then waits for exit; fails when the server ignores SIGTERM. */
  stop(): Promise<ServerExit>
  /** Stops the process if it still runs (SIGTERM) and starts a new one on the same data dir. */
  restart(options?: RestartOptions): Promise<void>
  /**
   * A personal API token of the admin account, obtained after every launch (so a new one after
   * `restart()`). Helpers present it unless a test asks for other credentials.
   */
  readonly adminToken: string
}

/** Who to sign in as after each launch to get `adminToken`. */
export interface AdminLogin {
  username: string
  password: string
}

const liveChildren = new Set<ChildProcess>()
// A worker that dies mid-test must not leave servers holding ports and temp files.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL')
})

/** A real server process on a data dir; knows nothing of the test runner, so benchmarks use it too. */
export class ServerProcess implements TestServer {
  private child: ChildProcess | undefined
  private exitPromise: Promise<ServerExit> | undefined
  private currentPort = 0
  private outputTail = ''
  private hasExited = true
  private currentAdminToken: string | undefined

  constructor(
    readonly dataDir: string,
    private readonly extraEnv: Record<string, string>,
    /** Without it no token is fetched and `adminToken` throws: for a server that is not meant to be used. */
    private readonly adminLogin?: AdminLogin,
  ) {}

  get adminToken(): string {
    if (this.currentAdminToken === undefined) {
      throw new Error(this.adminLogin ? 'adminToken read before the server finished launching' : 'this server was started without an admin login')
    }
    return this.currentAdminToken
  }

  get port(): number {
    return this.currentPort
  }

  /** The server's own process id (it is spawned directly, no shell between): for /proc readings. */
  get pid(): number {
    if (!this.child?.pid || this.hasExited) throw new Error('the server is not running')
    return this.child.pid
  }

  get url(): string {
    return `http://127.0.0.1:${this.currentPort}`
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.currentPort}/sync`
  }

  get exited(): boolean {
    return this.hasExited
  }

  output(): string {
    return this.outputTail
  }

  async launch(port: number): Promise<void> {
    this.outputTail = ''
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...PRE_DENGBAO_ACCOUNT_ENV, ...this.extraEnv, PORT: String(port), GUATU_DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.hasExited = false
    liveChildren.add(child)
    this.exitPromise = new Promise<ServerExit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.hasExited = true
        liveChildren.delete(child)
        resolve({ code, signal })
      })
    })

    const listeningPort = await new Promise<number>((resolve, reject) => {
      let buffered = ''
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8')
        this.appendOutput(text)
        buffered += text
        const match = LISTENING_PATTERN.exec(buffered)
        if (match) {
          finish()
          resolve(Number(match[1]))
        }
      }
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        finish()
        reject(new Error(`server exited before listening (code ${code}, signal ${signal}). Output:\n${this.outputTail}`))
      }
      const timer = setTimeout(() => {
        finish()
        child.kill('SIGKILL')
        reject(new Error(`server did not print "listening on http://127.0.0.1:PORT" within ${START_TIMEOUT_MS} ms. Output:\n${this.outputTail}`))
      }, START_TIMEOUT_MS)
      const finish = () => {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stderr?.off('data', onData)
        child.off('exit', onExit)
        // Keep recording output after startup for failure messages.
        child.stdout?.on('data', (more: Buffer) => this.appendOutput(more.toString('utf8')))
        child.stderr?.on('data', (more: Buffer) => this.appendOutput(more.toString('utf8')))
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', onExit)
    })
    this.currentPort = listeningPort
    this.currentAdminToken = undefined
    if (this.adminLogin) {
      try {
        this.currentAdminToken = await apiTokenFor(this.url, this.adminLogin.username, this.adminLogin.password)
      } catch (error) {
        throw new Error(`the server started but signing in as ${this.adminLogin.username} failed: ${(error as Error).message}\nOutput:\n${this.outputTail}`)
      }
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ServerExit> {
    const { child, exitPromise } = this
    if (!child || !exitPromise) throw new Error('server was never started')
    if (!this.hasExited) child.kill(signal)
    return withTimeout(exitPromise, EXIT_TIMEOUT_MS, () => {
      child.kill('SIGKILL')
      return `server did not exit within ${EXIT_TIMEOUT_MS} ms of ${signal}. Output:\n${this.outputTail}`
    })
  }

  stop(): Promise<ServerExit> {
    return this.kill('SIGTERM')
  }

  async restart(options: RestartOptions = {}): Promise<void> {
    const port = options.keepPort ? this.currentPort : 0
    if (!this.hasExited) await this.stop()
    await this.launch(port)
  }

  async shutdownQuietly(): Promise<void> {
    if (this.hasExited || !this.child) return
    try {
      await this.stop()
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`)
    }
  }

  private appendOutput(text: string): void {
    this.outputTail = (this.outputTail + text).slice(-MAX_OUTPUT_CHARS)
  }
}
