import { AccountLockout } from './accounts/accountLockout.ts'
import { AccountService } from './accounts/accountService.ts'
import { MemoryAttemptCounters } from './accounts/attemptCounters.ts'
import { bootstrapAccounts } from './accounts/bootstrapAccounts.ts'
import { RelyingParty } from './accounts/oidc/relyingParty.ts'
import { SingleSignOn } from './accounts/oidc/singleSignOn.ts'
import type { SsoStore } from './accounts/oidc/ssoStore.ts'
import type { AccountStore } from './accounts/accountStore.ts'
import { BoardService } from './boards/boardService.ts'
import { LedgerService } from './boards/ledgerService.ts'
import type { ServerConfig } from './config.ts'
import { seedDemoBoard } from './demo/seedDemoBoard.ts'
import { createApp, type AppDependencies } from './http/app.ts'
import { TrustedProxies } from './http/clientAddress.ts'
import { LedgerParser } from './ledger/ledgerParser.ts'
import type { Logger } from './log.ts'
import { DocxToPdf } from './meetings/minutesPdf.ts'
import { MeetingService } from './meetings/meetingService.ts'
import { ServerMetrics } from './ops/metrics.ts'
import { readinessProbe, type ReadinessCheck } from './ops/readiness.ts'
import { ClusterConnectionTracker } from './scaleout/clusterTracker.ts'
import { RedisAttemptCounters } from './scaleout/redisAttemptCounters.ts'
import { RedisFanout } from './scaleout/redisFanout.ts'
import { SecurityAuditLog } from './securityAudit/securityAuditLog.ts'
import type { SecurityAuditStore } from './securityAudit/securityAuditStore.ts'
import type { BoardStorage } from './storage/boardStorage.ts'
import { PostgresAccountStore } from './storage/postgresAccountStore.ts'
import { openPostgresPool, underStartupLock } from './storage/postgresDatabase.ts'
import { PostgresSecurityAuditStore } from './storage/postgresSecurityAuditStore.ts'
import { PostgresSsoStore } from './storage/postgresSsoStore.ts'
import { PostgresStorage } from './storage/postgresStorage.ts'
import { SqliteAccountStore } from './storage/sqliteAccountStore.ts'
import { openSqliteDatabase } from './storage/sqliteDatabase.ts'
import { SqliteSecurityAuditStore } from './storage/sqliteSecurityAuditStore.ts'
import { SqliteSsoStore } from './storage/sqliteSsoStore.ts'
import { SqliteStorage } from './storage/sqliteStorage.ts'
import type { BlobStore } from './storage/blobStore.ts'
import { FileBlobStore } from './storage/fileBlobStore.ts'
import { PostgresBlobStore } from './storage/postgresBlobStore.ts'
import { PhotoService } from './photos/photoService.ts'
import { periodStatusReader } from './reporting/monthlyPeriodStatus.ts'
import { reportingReminders } from './reporting/reportingReminders.ts'
import { boardsOnly } from './reserve/boardsOnly.ts'
import { ReserveService } from './reserve/reserveService.ts'
import { ReserveStore } from './reserve/reserveStore.ts'
import { noticeReminderSource, problemReminderSource } from './reminders/boardReminderSources.ts'
import { ChannelSender } from './reminders/channelSender.ts'
import { ChannelTargets } from './reminders/channelTargets.ts'
import { ReminderChannels } from './reminders/reminderChannels.ts'
import { ReminderScheduler } from './reminders/reminderScheduler.ts'
import { ReminderSender } from './reminders/reminderSender.ts'
import type { ReminderStore } from './reminders/reminderStore.ts'
import { PostgresReminderStore } from './storage/postgresReminderStore.ts'
import { SqliteReminderStore } from './storage/sqliteReminderStore.ts'
import { BoundaryService } from './boundaries/boundaryService.ts'
import { roomBoundaryAnnouncer } from './boundaries/announceBoundaries.ts'
import type { BoundaryStore } from './storage/boundaryStore.ts'
import { PostgresBoundaryStore } from './storage/postgresBoundaryStore.ts'
import { SqliteBoundaryStore } from './storage/sqliteBoundaryStore.ts'
import type { TileServiceStore } from './storage/tileServiceStore.ts'
import { PostgresTileServiceStore } from './storage/postgresTileServiceStore.ts'
import { SqliteTileServiceStore } from './storage/sqliteTileServiceStore.ts'
import { TileProxy } from './tiles/tileProxy.ts'
import { TileServices } from './tiles/tileServices.ts'
import { startWalCheckpointer } from './storage/walCheckpointer.ts'
import { CommitQueue } from './sync/commitQueue.ts'
import { ConnectionTracker } from './sync/connectionTracker.ts'
import { RoomRegistry } from './sync/roomRegistry.ts'
import { boardMapImage } from './boundaries/boardMapImage.ts'

interface Backend {
  storage: BoardStorage
  accountStore: AccountStore
  ssoStore: SsoStore
  securityAuditStore: SecurityAuditStore
  /** Shown in the listening line; never the URL, which may hold a password. */
  label: string
  readiness: ReadinessCheck
  postgres?: PostgresStorage
  /** Reminder channels, outbox and delivery log. */
  reminderStore: ReminderStore
  /** 形象进度照片 bytes: files in the data dir, or PostgreSQL beside the boards. */
  blobs: BlobStore
  /** The office's base map (县界, 乡镇 boundaries), beside the boards. */
  boundaryStore: BoundaryStore
  /** The office's optional tile service, beside the boards (its template may hold a key). */
  tileServiceStore: TileServiceStore
  /** First-start work runs through this: one process at a time when several share a database. */
  firstStart: <T>(work: () => Promise<T>) => Promise<T>
  /** Closes storage, and whatever works on it in the background first. */
  close: () => Promise<void>
}

/** SQLite in the data dir (the default), or PostgreSQL when GUATU_DATABASE_URL is set. */
async function openBackend(config: ServerConfig, log: Logger): Promise<Backend> {
  if (config.databaseUrl) {
    const pool = await openPostgresPool(config.databaseUrl)
    const storage = new PostgresStorage(pool)
    const readiness = { name: 'postgres', check: () => storage.ping() }
    return {
      storage,
      accountStore: new PostgresAccountStore(pool),
      ssoStore: new PostgresSsoStore(pool),
      securityAuditStore: new PostgresSecurityAuditStore(pool),
      label: 'PostgreSQL',
      readiness,
      postgres: storage,
      blobs: new PostgresBlobStore(pool),
      reminderStore: new PostgresReminderStore(pool),
      boundaryStore: new PostgresBoundaryStore(pool),
      tileServiceStore: new PostgresTileServiceStore(pool),
      firstStart: (work) => underStartupLock(pool, work),
      close: () => storage.close(),
    }
  }
  const db = openSqliteDatabase(config.dataDir, config.sqliteSync)
  const storage = new SqliteStorage(db)
  const checkpointer = startWalCheckpointer(db, log)
  return {
    storage,
    accountStore: new SqliteAccountStore(db),
    ssoStore: new SqliteSsoStore(db),
    securityAuditStore: new SqliteSecurityAuditStore(db),
    label: config.dataDir,
    readiness: { name: 'sqlite', check: () => storage.isReady() },
    blobs: await FileBlobStore.open(config.dataDir),
    reminderStore: new SqliteReminderStore(db),
    boundaryStore: new SqliteBoundaryStore(db),
    tileServiceStore: new SqliteTileServiceStore(db),
    firstStart: (work) => work(),
    close: async () => {
      await checkpointer.stop()
      await storage.close()
    },
  }
}

/** What the transport (a listening HTTP server, or a test's in-memory one) gives the assembly. */
export interface ServerTransport {
  upgradeWebSocket: AppDependencies['upgradeWebSocket']
  /** Open sockets right now, for the metrics. */
  openSockets: () => number
}

/** The production object graph, ready to be mounted on a transport. */
export interface AssembledServer {
  app: ReturnType<typeof createApp>
  rooms: RoomRegistry
  commits: CommitQueue
  accounts: AccountService
  boards: BoardService
  storage: BoardStorage
  tracker: ConnectionTracker
  /** Where the data lives, for the listening line (never a URL with a password). */
  label: string
  /** Whether Redis carries changes between processes. */
  scaledOut: boolean
  /** From now on /readyz says not ready and new sockets are refused. */
  beginShutdown: () => void
  /**
   * Flushes and closes everything behind the app: rooms (their accepted changes are in the commit
   * queue and are flushed and compacted), then Redis, then storage. Sockets are the transport's.
   */
  close: () => Promise<void>
}

/**
 * Wiring: configuration → storage → sync → HTTP app. main.ts puts it behind a listening server;
 * tests build the very same graph in process (test/helpers/inProcessServer.ts), so what they
 * exercise is what runs in production, not a test-only copy of the assembly.
 */
export async function assembleServer(config: ServerConfig, log: Logger, transport: ServerTransport): Promise<AssembledServer> {
  const backend = await openBackend(config, log)
  const { postgres } = backend
  // The 项目库 shares the board tables but is no board: boards see storage without it.
  const storage = boardsOnly(backend.storage)
  // Several processes share the login counters in Redis, so a guesser gets one allowance, not one per process.
  const sharedCounters = config.redisUrl ? new RedisAttemptCounters(config.redisUrl, log) : undefined
  const loginCounters = sharedCounters ?? new MemoryAttemptCounters()
  const accounts = new AccountService(backend.accountStore, new AccountLockout(loginCounters, config.lockout), config.accountControls)
  const signOn = config.oidc ? new SingleSignOn(config.oidc, new RelyingParty(config.oidc), backend.ssoStore, accounts, log) : undefined
  const securityAudit = new SecurityAuditLog(backend.securityAuditStore, log, config.securityAuditRetentionDays)
  const stopPruning = securityAudit.startPruning()
  // Several processes: PostgreSQL is the truth, Redis carries hints between them (docs/scaling.md).
  const fanout =
    config.redisUrl && postgres
      ? new RedisFanout({ url: config.redisUrl, log, catchUpEveryMs: config.catchUpEveryMs, readHeads: (ids) => postgres.boardHeads(ids) })
      : undefined
  let loadedBoards = () => 0
  let reminderSweeps = () => 0
  const metrics = new ServerMetrics({
    connections: () => transport.openSockets(),
    loadedBoards: () => loadedBoards(),
    publishFailures: fanout ? () => fanout.publishFailures : undefined,
    reminderSweeps: () => reminderSweeps(),
  })
  let boardPersisted = (_boardId: string) => {}
  const commits = new CommitQueue(storage, log, metrics)
  const rooms = new RoomRegistry(
    storage,
    commits,
    {
      idleUnloadAfterMs: config.idleUnloadAfterMs,
      compactAfterUpdates: config.compactAfterUpdates,
      compactWhenQuietForMs: 1_000,
      history: config.history,
    },
    log,
    { fanout, metrics, persisted: (boardId) => boardPersisted(boardId) },
  )
  loadedBoards = () => rooms.loadedCount
  const boards = new BoardService(storage, rooms, commits)
  const ledgerParser = new LedgerParser(config.ledgerImport)
  const ledgers = new LedgerService(storage, rooms, commits, boards, ledgerParser)
  const photos = new PhotoService(
    boards,
    rooms,
    commits,
    backend.blobs,
    {
      limits: config.photoLimits,
      // Alone, nothing else can be mid-upload; with other processes, leave them an hour.
      orphanGraceMs: config.redisUrl ? 3_600_000 : 0,
    },
    log,
  )
  const reserve = new ReserveService(new ReserveStore(backend.storage, commits, log), backend.storage, boards, rooms, commits, ledgerParser)
  const baseMapAnnouncer = roomBoundaryAnnouncer(rooms, commits)
  const boundaries = new BoundaryService(storage, backend.boundaryStore, baseMapAnnouncer)
  const tiles = new TileServices(storage, backend.tileServiceStore, new TileProxy(), baseMapAnnouncer)
  const meetings = new MeetingService(boards, storage, new DocxToPdf(config.officeCommand), boardMapImage(boards, boundaries))
  // Reminders: every process asks and sends; the outbox's keys and claims keep it one message per event.
  const reminderSettings = config.reminders
  const channelSender = new ChannelSender({ timeoutMs: reminderSettings.timeoutMs, smtp: reminderSettings.smtp })
  const reminderSender = new ReminderSender(
    backend.reminderStore,
    channelSender,
    {
      pollEveryMs: reminderSettings.sendEveryMs,
      retryBaseMs: reminderSettings.retryBaseMs,
      maxAttempts: reminderSettings.maxAttempts,
      leaseMs: reminderSettings.timeoutMs * 3,
      publicUrl: reminderSettings.publicUrl,
    },
    log,
  )
  const reminderScheduler = new ReminderScheduler(
    backend.reminderStore,
    (boardId, read) => boards.withDoc(boardId, (doc) => read(doc)),
    { scanEveryMs: reminderSettings.scanEveryMs, changeQuietMs: 200, digestAtMinute: reminderSettings.digestAtMinute },
    log,
    () => reminderSender.sendSoon(),
  )
    .register(noticeReminderSource)
    .register(problemReminderSource)
    .register(reportingReminders)
  const reminderChannels = new ReminderChannels(
    backend.reminderStore,
    new ChannelTargets(reminderSettings.allowedTargets),
    channelSender,
    reminderSettings.publicUrl,
  )
  boardPersisted = (boardId) => reminderScheduler.boardChanged(boardId)
  reminderSweeps = () => reminderScheduler.sweeps
  const tracker = fanout ? new ClusterConnectionTracker(config.maxConnectionsPerUser, fanout) : new ConnectionTracker(config.maxConnectionsPerUser)
  const readinessChecks: ReadinessCheck[] = [backend.readiness]
  // Ready with Redis means both the fan-out and the shared login counters are connected.
  if (fanout) readinessChecks.push({ name: 'redis', check: async () => (await fanout.ping()) && (sharedCounters?.isReady() ?? true) })
  accounts.onScreenLinkRevoked = (linkId) => tracker.closeScreenLink(linkId)
  accounts.onRevoked = (revocation) => tracker.revoke(revocation)

  await backend.firstStart(async () => {
    const firstStart = (await storage.listBoards()).length === 0
    if (config.demo && firstStart) {
      const demo = await seedDemoBoard(boards, boundaries)
      log.info('demo board created', { boardId: demo.id, projects: demo.projectCount })
    }
    await bootstrapAccounts(accounts, { adminPassword: config.adminPassword, withDemoAccounts: config.demo && firstStart })
  })
  await photos.cleanupOrphans()
  reminderScheduler.start()
  reminderSender.start()

  let shuttingDown = false
  const app = createApp({
    storage,
    boards,
    ledgers,
    meetings,
    reminders: reminderChannels,
    // 月报 报送情况: the reporting cycle's period statuses plug in here (a PeriodStatusReader).
    periodStatus: periodStatusReader(boards),
    photos: { service: photos, maxFileBytes: config.photoLimits.maxBytes },
    boundaries,
    tiles,
    accounts,
    reserve,
    rooms,
    commits,
    tracker,
    limits: { messagesPerSecond: config.messagesPerSecond, messageBurst: config.messageBurst },
    allowedOrigins: config.allowedOrigins,
    log,
    securityAudit,
    clientDir: config.clientDir,
    upgradeWebSocket: transport.upgradeWebSocket,
    isShuttingDown: () => shuttingDown,
    readiness: readinessProbe(readinessChecks, () => shuttingDown),
    metrics: () => metrics.render(),
    opsAccess: { metricsToken: config.metricsToken, metricsAllow: config.metricsAllow },
    screenFrameAncestors: config.screenFrameAncestors,
    sso: { store: backend.ssoStore, signOn },
    localLogin: config.localLogin,
    trustedProxies: new TrustedProxies(config.trustedProxies),
  })

  return {
    app,
    rooms,
    commits,
    accounts,
    boards,
    storage,
    tracker,
    label: backend.label,
    scaledOut: fanout !== undefined,
    beginShutdown: () => {
      shuttingDown = true
    },
    close: async () => {
      shuttingDown = true
      stopPruning()
      await reminderScheduler.stop()
      await reminderSender.stop()
      await rooms.closeAll()
      await fanout?.close()
      await loginCounters.close()
      await backend.close()
    },
  }
}
