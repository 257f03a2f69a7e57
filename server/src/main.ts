import { loadConfig, type ServerConfig } from './config.ts'
import { startListening } from './http/listeningServer.ts'
import { createLogger, errorFields, type Logger } from './log.ts'
import { installProcessGuards } from './ops/processGuards.ts'

/** The process around the listening server (http/listeningServer.ts): the listening line, signals, exit. */
async function main(config: ServerConfig, log: Logger): Promise<void> {
  const listening = await startListening(config, log)
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
  const fanoutNote = listening.assembled.scaledOut ? ', fan-out: Redis' : ''
  console.log(`挂图作战 Guatu listening on http://${shownHost}:${listening.port} (data: ${listening.assembled.label}${fanoutNote})`)

  let shuttingDown = false
  const shutdown = async (signal: string, exitCode = 0) => {
    if (shuttingDown) return
    shuttingDown = true
    log.info('shutting down', { signal })
    await listening.close()
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
