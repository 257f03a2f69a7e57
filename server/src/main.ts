import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import { AccountService } from './accounts/accountService.ts'
import { bootstrapAccounts } from './accounts/bootstrapAccounts.ts'
import { BoardService } from './boards/boardService.ts'
import { LedgerService } from './boards/ledgerService.ts'
import { loadConfig, type ServerConfig } from './config.ts'
import { seedDemoBoard } from './demo/seedDemoBoard.ts'
import { createApp } from './http/app.ts'
import { startHeartbeat } from './http/heartbeat.ts'
import { createLogger, type Logger } from './log.ts'
import { openSqliteDatabase } from './storage/sqliteDatabase.ts'
import { SqliteAccountStore } from './storage/sqliteAccountStore.ts'
import { SqliteStorage } from './storage/sqliteStorage.ts'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { CommitQueue } from './sync/commitQueue.ts'
import { ConnectionTracker } from './sync/connectionTracker.ts'
import { RoomRegistry } from './sync/roomRegistry.ts'

/** Wiring: configuration → storage → sync → HTTP, plus graceful shutdown on SIGTERM/SIGINT. */
async function main(config: ServerConfig, log: Logger): Promise<void> {
  const db = openSqliteDatabase(config.dataDir, config.sqliteSync)
  const storage = new SqliteStorage(db)
  const accounts = new AccountService(new SqliteAccountStore(db))
  const commits = new CommitQueue(storage, log)
  const rooms = new RoomRegistry(storage, commits, {
    idleUnloadAfterMs: config.idleUnloadAfterMs,
    compactAfterUpdates: config.compactAfterUpdates,
    compactWhenQuietForMs: 1_000,
  }, log)
  const boards = new BoardService(storage, rooms, commits)
  const ledgers = new LedgerService(storage, rooms, commits, boards)
  const tracker = new ConnectionTracker(config.maxConnectionsPerUser)
  accounts.onScreenLinkRevoked = (linkId) => tracker.closeScreenLink(linkId)

  const firstStart = (await storage.listBoards()).length === 0
  if (config.demo && firstStart) {
    const demo = await seedDemoBoard(boards)
    log.info('demo board created', { boardId: demo.id, projects: demo.projectCount })
  }
  await bootstrapAccounts(accounts, { adminPassword: config.adminPassword, withDemoAccounts: config.demo && firstStart })

  let shuttingDown = false
  const root = new Hono()
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app: root })
  wss.options.maxPayload = config.maxMessageBytes
  root.route('/', createApp({
    storage,
    boards,
    ledgers,
    accounts,
    rooms,
    commits,
    tracker,
    limits: { messagesPerSecond: config.messagesPerSecond, messageBurst: config.messageBurst },
    allowedOrigins: config.allowedOrigins,
    log,
    clientDir: config.clientDir,
    upgradeWebSocket,
    isShuttingDown: () => shuttingDown,
  }))

  const server: ServerType = serve({ fetch: root.fetch, port: config.port, hostname: config.host }, (info) => {
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
    console.log(`挂图作战 Guatu listening on http://${shownHost}:${info.port} (data: ${config.dataDir})`)
  })
  injectWebSocket(server)
  const stopHeartbeat = startHeartbeat(wss)

  const shutdown = async (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    log.info('shutting down', { signal })
    server.close()
    stopHeartbeat()
    // Stop taking changes first; everything already accepted is in the commit queue and is
    // flushed and compacted before the database closes.
    for (const client of wss.clients) client.close(CloseCode.serverRestart, '服务器正在重启，请稍后重连')
    await rooms.closeAll()
    await storage.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

const log = createLogger()
let config: ServerConfig
try {
  config = loadConfig()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
main(config, createLogger(config.logLevel)).catch((error: unknown) => {
  log.error('startup failed', { error: String(error) })
  process.exit(1)
})
