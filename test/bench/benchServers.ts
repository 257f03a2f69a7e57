/**
 * The servers `pnpm bench` compares, each started by the benchmark in its own process on loopback,
 * port 0: Guatu (durable before broadcast, every update validated), the y-websocket 1.x reference
 * server with LevelDB persistence, and Hocuspocus 3 with its SQLite extension.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { HELPERS_DIR, SERVER_ENTRY } from '../helpers/paths.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { WireProtocol, type Endpoint } from './rawClient.ts'

export const ServerKind = { guatu: 'guatu', yWebsocket: 'y-websocket', hocuspocus: 'hocuspocus' } as const
export type ServerKind = (typeof ServerKind)[keyof typeof ServerKind]
export const REFERENCE_KINDS = [ServerKind.yWebsocket, ServerKind.hocuspocus] as const
export const ALL_KINDS = [ServerKind.guatu, ...REFERENCE_KINDS] as const

const BENCH_DIR = path.join(HELPERS_DIR, '..', 'bench')
const LISTENING = /listening on port (\d+)/
const START_TIMEOUT_MS = 20_000

/** Versions as installed, for the report. */
export function serverVersions(): Record<ServerKind, string> {
  // Read from node_modules: these packages' "exports" do not all list package.json.
  const version = (name: string) =>
    (JSON.parse(readFileSync(path.join(BENCH_DIR, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  const guatu = JSON.parse(readFileSync(path.join(SERVER_ENTRY, '..', '..', 'package.json'), 'utf8')) as { version?: string }
  return {
    guatu: `${guatu.version ?? '0'} (this tree)`,
    'y-websocket': `y-websocket ${version('y-websocket-v1')} bin/utils.js + y-leveldb ${version('y-leveldb')}`,
    hocuspocus: `@hocuspocus/server ${version('@hocuspocus/server')} + extension-sqlite ${version('@hocuspocus/extension-sqlite')}`,
  }
}

export interface BenchServer {
  readonly kind: ServerKind
  readonly pid: number
  /** A board (room) ready to be connected to; Guatu creates it over its API. */
  createBoard(name: string): Promise<string>
  endpoint(boardId: string): Endpoint
  /** Graceful stop (SIGTERM): each server flushes what it keeps in memory. */
  stop(): Promise<void>
  /** A fresh process on the same data; `killed`: after SIGKILL, so nothing is flushed or compacted first. */
  restart(options?: { killed?: boolean }): Promise<void>
}

/**
 * Guatu's limits opened up for the load: every client signs in as the admin, and the movers send
 * far more than the per-connection message budget meant for people.
 */
const GUATU_BENCH_ENV = {
  GUATU_DEMO: '0',
  GUATU_LOG_LEVEL: 'warn',
  GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
  GUATU_MAX_CONNECTIONS_PER_USER: '10000',
  GUATU_MESSAGES_PER_SECOND: '1000000',
  GUATU_MESSAGE_BURST: '1000000',
}

export async function startServer(kind: ServerKind, dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
  return kind === ServerKind.guatu ? startGuatu(dataDir, env) : startReference(kind, dataDir, env)
}

async function startGuatu(dataDir: string, env: Record<string, string>): Promise<BenchServer> {
  const server = new ServerProcess(dataDir, { ...GUATU_BENCH_ENV, ...env }, { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD })
  await server.launch(0)
  let pid = findGuatuPid(dataDir)
  return {
    kind: ServerKind.guatu,
    get pid() {
      return pid
    },
    async createBoard(name) {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
        body: JSON.stringify({ name, year: 2022 }),
      })
      if (response.status !== 201 && response.status !== 200) throw new Error(`POST /api/boards answered ${response.status}`)
      return ((await response.json()) as { board: { id: string } }).board.id
    },
    endpoint: (boardId) => ({
      url: `${server.wsUrl}/${boardId}?token=${encodeURIComponent(server.adminToken)}`,
      protocol: WireProtocol.yWebsocket,
      documentName: boardId,
    }),
    async stop() {
      await server.stop()
    },
    async restart(options) {
      if (options?.killed) await server.kill('SIGKILL')
      await server.restart()
      pid = findGuatuPid(dataDir)
    },
    // Import and export go over HTTP with the admin token.
    ...{ http: server },
  } satisfies BenchServer & { http: ServerProcess }
}

/** The Guatu process behind a ServerProcess: the node process running server/dist/main.js on this data dir. */
function findGuatuPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (!cmdline.includes(SERVER_ENTRY)) continue
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0')
      if (environ.includes(`GUATU_DATA_DIR=${dataDir}`)) return Number(entry)
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no Guatu process found for ${dataDir}`)
}

/** The HTTP side of a Guatu bench server (import, export). */
export function guatuHttp(server: BenchServer): ServerProcess {
  return (server as BenchServer & { http: ServerProcess }).http
}

async function startReference(kind: ServerKind, dataDir: string, env: Record<string, string>): Promise<BenchServer> {
  const script = kind === ServerKind.yWebsocket ? 'yWebsocketReference.mjs' : 'hocuspocusReference.mjs'
  const persistence =
    kind === ServerKind.yWebsocket ? { YPERSISTENCE: path.join(dataDir, 'leveldb') } : { HOCUSPOCUS_SQLITE: path.join(dataDir, 'hocuspocus.sqlite') }
  let child: ChildProcess
  let port = 0
  const launch = async () => {
    child = spawn(process.execPath, [path.join(BENCH_DIR, 'references', script)], {
      cwd: path.join(BENCH_DIR, '..'),
      env: { ...process.env, ...persistence, ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    port = await new Promise<number>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`${kind} did not start: ${output}`)), START_TIMEOUT_MS)
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        const match = LISTENING.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => reject(new Error(`${kind} exited (${code}) before listening: ${output}`)))
    })
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  await launch()
  process.once('exit', () => child.kill('SIGKILL'))
  return {
    kind,
    get pid() {
      return child.pid!
    },
    createBoard: (name) => Promise.resolve(`${name.replace(/\W+/g, '-')}-${Date.now()}`),
    endpoint: (boardId) => ({
      url: `ws://127.0.0.1:${port}/${boardId}`,
      protocol: kind === ServerKind.hocuspocus ? WireProtocol.hocuspocus : WireProtocol.yWebsocket,
      documentName: boardId,
    }),
    stop,
    async restart() {
      await stop()
      await launch()
    },
  }
}
