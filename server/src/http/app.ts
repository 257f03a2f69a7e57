import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import { EXTERNAL_IDS_PATH } from '@guatu/shared/domain/singleSignOn'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { SYNC_PATH } from '@guatu/shared/sync/protocol'
import type { AccountService } from '../accounts/accountService.ts'
import type { SingleSignOn } from '../accounts/oidc/singleSignOn.ts'
import type { SsoStore } from '../accounts/oidc/ssoStore.ts'
import type { BoardService } from '../boards/boardService.ts'
import type { BoundaryService } from '../boundaries/boundaryService.ts'
import type { LedgerService } from '../boards/ledgerService.ts'
import type { MeetingService } from '../meetings/meetingService.ts'
import type { PhotoService } from '../photos/photoService.ts'
import type { ReminderChannels } from '../reminders/reminderChannels.ts'
import type { PeriodStatusReader } from '../reports/monthlyReport.ts'
import { errorFields, type Logger } from '../log.ts'
import type { ReadinessReport } from '../ops/readiness.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import { accountRoutes } from './accountRoutes.ts'
import { peerAddress, type AppEnv } from './appEnv.ts'
import { authentication } from './authentication.ts'
import { boardRoutes } from './boardRoutes.ts'
import { boundaryRoutes } from './boundaryRoutes.ts'
import { tileRoutes } from './tileRoutes.ts'
import type { TileServices } from '../tiles/tileServices.ts'
import { csrfGuard } from './csrfGuard.ts'
import { resolveClientAddress, type TrustedProxies } from './clientAddress.ts'
import { ledgerRoutes } from './ledgerRoutes.ts'
import { yearRoutes } from './yearRoutes.ts'
import { YearService } from '../boards/yearService.ts'
import { meetingRoutes } from './meetingRoutes.ts'
import { mayReadOperations, type OpsAccessOptions } from './opsAccess.ts'
import { externalIdRoutes } from './externalIdRoutes.ts'
import { oidcRoutes } from './oidcRoutes.ts'
import { passwordChangeGate } from './passwordChangeGate.ts'
import { photoRoutes } from './photoRoutes.ts'
import { monthlyReportRoutes } from './monthlyReportRoutes.ts'
import { reminderRoutes } from './reminderRoutes.ts'
import { reportRoutes } from './reportRoutes.ts'
import { reserveRoutes } from './reserveRoutes.ts'
import type { ReserveService } from '../reserve/reserveService.ts'
import { screenLinkRoutes } from './screenLinkRoutes.ts'
import { auditRequest } from './securityAuditing.ts'
import { securityAuditRoutes } from './securityAuditRoutes.ts'
import { securityHeaders } from './securityHeaders.ts'
import { syncHandler, type SyncRouteDependencies } from './syncRoute.ts'
import { userRoutes } from './userRoutes.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { HealthResponse, ReadinessResponse } from '@guatu/shared/api/ops'
import { boardMapImage } from '../boundaries/boardMapImage.ts'

export interface AppDependencies extends SyncRouteDependencies {
  storage: BoardStorage
  boards: BoardService
  ledgers: LedgerService
  meetings: MeetingService
  /**
   * 月报's 报送情况 (units not reported, returned items): the reporting cycle supplies it; absent,
   * the 月报 says periods are not in use.
   */
  periodStatus?: PeriodStatusReader
  /** 提醒渠道: each unit's 企业微信 / 钉钉 / e-mail, the test message and the delivery log. */
  reminders: ReminderChannels
  /** 形象进度照片, and the largest file one may be. */
  photos: { service: PhotoService; maxFileBytes: number }
  /** The office's base map: 县界 and 乡镇 boundaries. */
  boundaries: BoundaryService
  /** The office's optional tile service (底图服务) and the tiles it serves through Guatu. */
  tiles: TileServices
  accounts: AccountService
  /** 项目库: candidates proposed, vetted and moved into a year's board. */
  reserve: ReserveService
  log: Logger
  clientDir: string
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  isShuttingDown: () => boolean
  /** Storage, Redis and shutdown state for /readyz; without it, storage.isReady() and shutdown alone. */
  readiness?: () => Promise<ReadinessReport>
  /** Prometheus text exposition for /metrics; without it, no /metrics route. */
  metrics?: () => Promise<{ contentType: string; body: string }>
  /** Who may read /metrics and the details of /readyz (opsAccess.ts). */
  opsAccess: OpsAccessOptions
  /** Origins that may frame the wall screen (securityHeaders.ts). */
  screenFrameAncestors: readonly string[]
  /** 统一身份认证 (single sign-on): the office's 统一身份账号 list, and the sign-in when configured. */
  sso?: { store: SsoStore; signOn: SingleSignOn | undefined }
  /** GUATU_LOCAL_LOGIN: whether passwords are accepted (default true). */
  localLogin?: boolean
  /** Proxies whose X-Forwarded-For names the client (GUATU_TRUSTED_PROXIES). */
  trustedProxies: TrustedProxies
}

/** The HTTP surface: health, REST, the sync upgrade, and the built client as a single-page app. */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders({ screenFrameAncestors: deps.screenFrameAncestors }))
  app.use('*', csrfGuard(deps.allowedOrigins))

  app.use('*', async (c, next) => {
    c.set('clientAddress', resolveClientAddress(peerAddress(c), c.req.header('x-forwarded-for'), deps.trustedProxies))
    await next()
  })

  app.get('/healthz', (c) => c.json({ status: 'ok' } satisfies HealthResponse))
  // Everyone (a load balancer) learns ready or not; which dependency failed is for operators only.
  app.get('/readyz', async (c) => {
    if (deps.readiness) {
      const { ready, checks } = await deps.readiness()
      const details = mayReadOperations(c, deps.opsAccess) ? { checks } : {}
      return c.json({ status: ready ? 'ready' : 'not ready', ...details } satisfies ReadinessResponse, ready ? 200 : 503)
    }
    return deps.storage.isReady() && !deps.isShuttingDown()
      ? c.json({ status: 'ready' } satisfies ReadinessResponse)
      : c.json({ status: 'not ready' } satisfies ReadinessResponse, 503)
  })
  const metrics = deps.metrics
  if (metrics) {
    app.get('/metrics', async (c) => {
      if (!mayReadOperations(c, deps.opsAccess)) throw new RequestError(403, '无权读取运行指标：请使用指标令牌或从允许的地址访问')
      const { contentType, body } = await metrics()
      return c.body(body, 200, { 'content-type': contentType })
    })
  }
  app.get(`${SYNC_PATH}/:boardId`, syncHandler(deps.upgradeWebSocket, deps))

  app.use('/api/*', authentication(deps.accounts))
  app.use('/api/*', passwordChangeGate())
  const localLogin = deps.localLogin ?? true
  app.route('/api', accountRoutes(deps.accounts, deps.securityAudit, { localLogin }))
  app.route('/api', oidcRoutes(deps.sso?.signOn, { localLogin, log: deps.log, audit: deps.securityAudit, sessionMaxMs: deps.accounts.controls.session.maxMs }))
  if (deps.sso) app.route(EXTERNAL_IDS_PATH, externalIdRoutes(deps.accounts, deps.sso.store, deps.securityAudit))
  app.route('/api/users', userRoutes(deps.accounts, deps.securityAudit))
  app.route('/api/screen-links', screenLinkRoutes(deps.accounts, deps.storage, deps.securityAudit))
  app.route('/api/security-audit', securityAuditRoutes(deps.securityAudit))
  app.route('/api/boards', boardRoutes(deps.boards))
  app.route('/api/boards', reportRoutes(deps.boards))
  app.route('/api/boards', ledgerRoutes(deps.ledgers))
  app.route('/api/boards', meetingRoutes(deps.meetings))
  app.route('/api/reserve', reserveRoutes(deps.reserve))
  app.route('/api/boards', monthlyReportRoutes(deps.boards, deps.periodStatus, boardMapImage(deps.boards, deps.boundaries)))
  app.route('/api/boards', reminderRoutes(deps.reminders, deps.boards, deps.securityAudit))
  app.route('/api/boards', photoRoutes(deps.photos.service, deps.accounts, deps.photos.maxFileBytes))
  app.route('/api', yearRoutes(new YearService(deps.boards)))
  app.route('/api/boards', boundaryRoutes(deps.boundaries, deps.boards, deps.accounts))
  app.route('/api/boards', tileRoutes(deps.tiles, deps.accounts, deps.securityAudit))
  app.all('/api/*', (c) => c.json({ error: '接口不存在' } satisfies ErrorResponse, 404))

  const indexFile = path.join(deps.clientDir, 'index.html')
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), deps.clientDir) || '.' }))
  app.get('/*', (c) => {
    if (!fs.existsSync(indexFile)) return c.text('客户端尚未构建：请先运行 pnpm build', 503)
    return c.html(fs.readFileSync(indexFile, 'utf8'))
  })

  app.onError(async (error, c) => {
    if (error instanceof RequestError) {
      // Every permission denial is a security event (等保 安全审计), whichever route refused.
      if (error.status === 403)
        await auditRequest(deps.securityAudit, c, { type: SecurityEventType.accessDenied, target: `${c.req.method} ${c.req.path}`, detail: error.message })
      if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds))
      return c.json({ error: error.message } satisfies ErrorResponse, error.status)
    }
    deps.log.error('request failed', { path: c.req.path, ...errorFields(error) })
    return c.json({ error: '服务器内部错误' } satisfies ErrorResponse, 500)
  })
  return app
}
