import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

const START_TIMEOUT_MS = 10_000
const EXIT_TIMEOUT_MS = 5_000

const liveServers = new Set<ChildProcess>()
// A worker that dies mid-test must not leave redis-server processes behind.
process.on('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL')
})

/**
 * A private redis-server process (no persistence) on a free port, so a test can kill it and
 * start it again on the same port. Needs the `redis-server` binary on PATH.
 */
export class RedisServer {
  private child: ChildProcess | undefined
  private output = ''

  private constructor(readonly port: number) {}

  /** Picks a free port and starts the server; resolves once it accepts connections. */
  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort())
    await server.launch()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** The redis-server process id, for /proc readings (CPU, memory). */
  get pid(): number {
    if (!this.child?.pid || !this.running) throw new Error('redis-server is not running')
    return this.child.pid
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  async launch(): Promise<void> {
    if (this.running) throw new Error('redis-server is already running')
    this.output = ''
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    liveServers.add(child)
    child.once('exit', () => liveServers.delete(child))
    child.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-5_000)))
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-5_000)))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`redis-server on port ${this.port} did not get ready within ${START_TIMEOUT_MS} ms:\n${this.output}`))
      }, START_TIMEOUT_MS)
      const onData = () => {
        if (!/Ready to accept connections/.test(this.output)) return
        cleanup()
        resolve()
      }
      const onExit = (code: number | null) => {
        cleanup()
        reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${this.output}`))
      }
      const cleanup = () => {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.off('exit', onExit)
      }
      child.stdout?.on('data', onData)
      child.once('exit', onExit)
    })
  }

  /** Kills the server (SIGKILL by default: every connection drops at once). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill(signal)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis-server did not exit within ${EXIT_TIMEOUT_MS} ms of ${signal}`)), EXIT_TIMEOUT_MS)
    })
    try {
      await Promise.race([exited, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Kills the server and starts a new, empty one on the same port. */
  async restart(): Promise<void> {
    await this.kill()
    await this.launch()
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
