import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { assembleServer } from './assembleServer.ts'
import { loadConfig, type ServerConfig } from './config.ts'
import { startHeartbeat } from './http/heartbeat.ts'
import { createLogger, errorFields, type Logger } from './log.ts'
import { installProcessGuards } from './ops/processGuards.ts'

/** Listening, sockets and signals around the assembled server (assembleServer.ts). */
async function main(config: ServerConfig, log: Logger): Promise<void> {
  const root = new Hono()
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app: root })
  wss.options.maxPayload = config.maxMessageBytes
  const assembled = await assembleServer(config, log, { upgradeWebSocket, openSockets: () => wss.clients.size })
  root.route('/', assembled.app)

  const server: ServerType = serve({ fetch: root.fetch, port: config.port, hostname: config.host }, (info) => {
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
    const fanoutNote = assembled.scaledOut ? ', fan-out: Redis' : ''
    console.log(`挂图作战 Guatu listening on http://${shownHost}:${info.port} (data: ${assembled.label}${fanoutNote})`)
  })
  injectWebSocket(server)
  const stopHeartbeat = startHeartbeat(wss)

  let shuttingDown = false
  const shutdown = async (signal: string, exitCode = 0) => {
    if (shuttingDown) return
    shuttingDown = true
    assembled.beginShutdown()
    log.info('shutting down', { signal })
    server.close()
    stopHeartbeat()
    // Stop taking changes first; everything already accepted is in the commit queue and is
    // flushed, compacted and published to the other processes before Redis and the database close.
    for (const client of wss.clients) client.close(CloseCode.serverRestart, '服务器正在重启，请稍后重连')
    await assembled.close()
    process.exit(exitCode)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  shutDownBroken = (reason) => {
    // A drain that hangs must not keep a broken process alive.
    setTimeout(() => process.exit(1), BROKEN_EXIT_AFTER_MS).unref()
    void shutdown(reason, 1)
  }
}

/** How long a broken process may take to flush and close before it exits anyway. */
const BROKEN_EXIT_AFTER_MS = 10_000
/** Until the server is up there is nothing to drain: a broken start exits. */
let shutDownBroken: (reason: string) => void = () => process.exit(1)

const log = createLogger()
let config: ServerConfig
try {
  config = loadConfig()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const serverLog = createLogger(config.logLevel)
installProcessGuards(serverLog, { shutDown: (reason) => shutDownBroken(reason) })
main(config, serverLog).catch((error: unknown) => {
  log.error('startup failed', { ...errorFields(error) })
  process.exit(1)
})
