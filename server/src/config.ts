import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { SSO_CALLBACK_PATH } from '@guatu/shared/domain/singleSignOn'
import type { OidcSettings } from './accounts/oidc/oidcSettings.ts'
import type { LockoutSettings } from './accounts/accountLockout.ts'
import { parseProxyEntry } from './http/clientAddress.ts'
import type { AccountControls } from './accounts/accountControls.ts'
import type { LogLevel } from './log.ts'
import { AddressAllowList, LOOPBACK_ALLOW_LIST } from './ops/addressAllowList.ts'
import type { LedgerParserSettings } from './ledger/ledgerParser.ts'
import { DAY_MS, type HistoryPolicy } from './storage/boardStorage.ts'
import type { PhotoLimits } from './photos/imageIntake.ts'
import type { SmtpSettings } from './reminders/channelSender.ts'

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url))

/** A portal origin (scheme, host, optional port; `*.` subdomains allowed) or 'self': never a keyword that loosens the policy. */
const FRAME_ANCESTOR_SOURCE = /^(https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?|'self')$/

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true')
const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, { error: 'must be an http(s):// URL' })
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const envSchema = z.object({
  PORT: integer(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  GUATU_DATA_DIR: z.string().min(1).default('data'),
  GUATU_CLIENT_DIR: z.string().min(1).default(DEFAULT_CLIENT_DIR),
  GUATU_OFFICE_COMMAND: z.string().min(1).default('soffice'),
  GUATU_DEMO: flag.default(true),
  GUATU_SQLITE_SYNC: z.enum(['full', 'normal']).default('normal'),
  GUATU_IDLE_UNLOAD_MS: integer(0, 24 * 3600 * 1000).default(30_000),
  GUATU_COMPACT_AFTER_UPDATES: integer(1, 1_000_000).default(500),
  // 回头看: how far back the board stays reconstructible (absent: kept for good, the board's whole
  // year) and how often compaction keeps a snapshot to replay from (see docs/board-schema.md).
  GUATU_HISTORY_RETENTION_DAYS: integer(1, 36_500).optional(),
  GUATU_HISTORY_SNAPSHOT_MINUTES: integer(1, 7 * 24 * 60).default(24 * 60),
  GUATU_MAX_MESSAGE_BYTES: integer(1024, 512 * 1024 * 1024).default(16 * 1024 * 1024),
  GUATU_LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  GUATU_ADMIN_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
  GUATU_ALLOWED_ORIGINS: z.string().default(''),
  GUATU_MAX_CONNECTIONS_PER_USER: integer(1, 10_000).default(20),
  GUATU_MESSAGES_PER_SECOND: integer(1, 1_000_000).default(200),
  GUATU_MESSAGE_BURST: integer(1, 1_000_000).default(1_000),
  GUATU_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' })
    .optional(),
  GUATU_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// URL' })
    .optional(),
  GUATU_CATCH_UP_MS: integer(100, 600_000).default(2_000),
  // HTTP guards (issue 16: headers, operations endpoints).
  GUATU_FRAME_ANCESTORS: z
    .string()
    .refine((value) => listOf(value).every((source) => FRAME_ANCESTOR_SOURCE.test(source)), {
      error: "must be origins such as https://portal.example.gov.cn (or 'self'), separated by spaces or commas",
    })
    .default(''),
  GUATU_METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  GUATU_METRICS_ALLOW: z.string().default(LOOPBACK_ALLOW_LIST.join(',')),
  // Single sign-on (统一身份认证, OpenID Connect): see accounts/oidc/oidcSettings.ts.
  GUATU_PUBLIC_URL: httpUrl.optional(),
  GUATU_OIDC_ISSUER: httpUrl.optional(),
  GUATU_OIDC_CLIENT_ID: z.string().min(1).optional(),
  GUATU_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  GUATU_OIDC_REDIRECT_URL: httpUrl.optional(),
  GUATU_OIDC_SCOPES: z.string().default('openid profile'),
  GUATU_OIDC_USER_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'must be a claim name' })
    .default('sub'),
  GUATU_OIDC_LABEL: z.string().min(1).max(20).default('统一身份认证登录'),
  GUATU_OIDC_ALLOW_HTTP: flag.default(false),
  GUATU_LOCAL_LOGIN: flag.default(true),
  GUATU_LOCKOUT_FAILURES: integer(1, 100).default(5),
  GUATU_LOCKOUT_MINUTES: integer(1, 24 * 60).default(15),
  GUATU_ADDRESS_FAILURES: integer(1, 1_000_000).default(50),
  GUATU_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine((entries) => entries.every((entry) => parseProxyEntry(entry) !== undefined), {
      error: 'must be a comma-separated list of addresses or CIDR blocks (10.0.0.0/8, ::1)',
    }),
  // Ledger import (台账导入) bounds: see LedgerImportLimits and LedgerParser.
  GUATU_IMPORT_MAX_ROWS: integer(100, 1_048_576).default(20_000),
  GUATU_IMPORT_MAX_COLUMNS: integer(10, 16_384).default(200),
  GUATU_IMPORT_MAX_CELL_CHARS: integer(100, 32_767).default(32_767),
  GUATU_IMPORT_MAX_SHEETS: integer(1, 1_000).default(100),
  GUATU_IMPORT_MAX_INFLATED_MB: integer(1, 400).default(100),
  // The heap of the child process that parses an upload: its out-of-memory ends that process only.
  GUATU_IMPORT_WORKER_MEMORY_MB: integer(128, 8_192).default(512),
  GUATU_IMPORT_TIMEOUT_MS: integer(1_000, 600_000).default(30_000),
  GUATU_IMPORT_CONCURRENCY: integer(1, 16).default(2),
  // 形象进度照片 bounds (photos/imageIntake.ts): bytes per file, and pixels (a decompression bomb is refused from its header).
  GUATU_PHOTO_MAX_MB: integer(1, 200).default(20),
  GUATU_PHOTO_MAX_MEGAPIXELS: integer(1, 500).default(50),
  // 等保 account controls (README「部署与安全」).
  GUATU_PASSWORD_MIN_LENGTH: integer(6, 128).default(10),
  GUATU_PASSWORD_MIN_CLASSES: integer(0, 4).default(3),
  GUATU_PASSWORD_MAX_AGE_DAYS: integer(0, 3650).default(0),
  GUATU_FORCE_PASSWORD_CHANGE: flag.default(true),
  GUATU_SESSION_IDLE_MS: integer(1_000, 7 * 24 * 3600 * 1000).default(30 * 60 * 1000),
  GUATU_SESSION_MAX_MS: integer(1_000, 30 * 24 * 3600 * 1000).default(12 * 3600 * 1000),
  // 网络安全法 第二十一条: network logs are kept for at least six months.
  GUATU_SECURITY_AUDIT_RETENTION_DAYS: integer(180, 36_500).default(180),
  GUATU_SEPARATE_ADMIN_DUTIES: flag.default(false),
  // Reminders through 企业微信 / 钉钉 / e-mail (server/src/reminders).
  GUATU_REMINDER_ALLOWED_TARGETS: z
    .string()
    .refine((value) => listOf(value).every((origin) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)), {
      error: 'must be origins such as http://127.0.0.1:9000 or https://gateway.example.gov.cn, separated by spaces or commas',
    })
    .default(''),
  GUATU_REMINDER_SCAN_MS: integer(50, 24 * 3600 * 1000).default(10 * 60 * 1000),
  GUATU_REMINDER_SEND_MS: integer(20, 3600 * 1000).default(15_000),
  GUATU_REMINDER_RETRY_MS: integer(10, 24 * 3600 * 1000).default(60_000),
  GUATU_REMINDER_MAX_ATTEMPTS: integer(1, 20).default(6),
  GUATU_REMINDER_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  GUATU_REMINDER_DIGEST_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a Beijing time of day such as 08:30' })
    .default('08:30'),
  GUATU_SMTP_HOST: z.string().min(1).optional(),
  GUATU_SMTP_PORT: integer(1, 65535).default(465),
  GUATU_SMTP_SECURE: flag.default(true),
  GUATU_SMTP_USER: z.string().min(1).optional(),
  GUATU_SMTP_PASSWORD: z.string().min(1).optional(),
  GUATU_SMTP_FROM: z.string().min(3).optional(),
})

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  clientDir: string
  demo: boolean
  sqliteSync: 'full' | 'normal'
  idleUnloadAfterMs: number
  compactAfterUpdates: number
  /** What compaction keeps of the past for 回头看. */
  history: HistoryPolicy
  maxMessageBytes: number
  logLevel: LogLevel
  /** The first admin's password; generated and printed once when absent. */
  adminPassword: string | undefined
  /** Browser origins besides the server's own that may open the websocket. */
  allowedOrigins: string[]
  maxConnectionsPerUser: number
  messagesPerSecond: number
  messageBurst: number
  /** PostgreSQL instead of the SQLite file in dataDir: boards, accounts and history. */
  databaseUrl: string | undefined
  /** Redis for the fan-out between several processes on the same PostgreSQL database. */
  redisUrl: string | undefined
  /** With Redis: how often each loaded board is compared with storage as a safety net. */
  catchUpEveryMs: number
  /** Origins (e.g. an office portal) that may frame the wall screen `/screen/*`; nothing else is ever framed. */
  screenFrameAncestors: string[]
  /** Bearer token that may read /metrics and /readyz's details from any address. */
  metricsToken: string | undefined
  /** Client addresses or CIDR ranges that may read /metrics and /readyz's details without the token. */
  metricsAllow: AddressAllowList
  /** LibreOffice's command, which renders the Word minutes as PDF (absent: no PDF, a Chinese error). */
  officeCommand: string
  /** Reminders: where robots may be, how often to look, retries, SMTP, and the link back (GUATU_PUBLIC_URL). */
  reminders: ReminderSettings
  /** 统一身份认证 (OpenID Connect), when GUATU_OIDC_ISSUER and GUATU_OIDC_CLIENT_ID are set. */
  oidc: OidcSettings | undefined
  /**
   * Whether user name and password are accepted (GUATU_LOCAL_LOGIN, default on). Off needs SSO;
   * there is no password back door then: the break-glass is someone with access to the server
   * setting GUATU_LOCAL_LOGIN=1 and restarting (see README, 部署与安全).
   */
  localLogin: boolean
  /** Account lockout after failed logins, and the per-address slowdown (accountLockout.ts). */
  lockout: LockoutSettings
  /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR blocks). */
  trustedProxies: string[]
  /** How much of an uploaded ledger is read, and the worker threads that read it. */
  ledgerImport: LedgerParserSettings
  /** Largest photo accepted, in bytes and in pixels. */
  photoLimits: PhotoLimits
  /** Password policy, forced change and session lifetime (等保 identification and authentication). */
  accountControls: AccountControls
  /** Days the security audit log keeps an entry (等保 security audit; at least 180). */
  securityAuditRetentionDays: number
}

/** A comma- or space-separated setting as its entries. */
function listOf(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean)
}

/** Reads configuration from the environment; a bad value stops startup with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`)
    throw new Error(`配置无效 (invalid configuration):\n${problems.join('\n')}`)
  }
  const values = parsed.data
  if (values.GUATU_REDIS_URL && !values.GUATU_DATABASE_URL) {
    throw new Error('配置无效 (invalid configuration):\n  GUATU_REDIS_URL needs GUATU_DATABASE_URL: several processes share PostgreSQL, not a SQLite file')
  }
  let metricsAllow: AddressAllowList
  try {
    metricsAllow = new AddressAllowList(values.GUATU_METRICS_ALLOW === 'none' ? [] : listOf(values.GUATU_METRICS_ALLOW))
  } catch (error) {
    throw new Error(`配置无效 (invalid configuration):\n  GUATU_METRICS_ALLOW=${JSON.stringify(values.GUATU_METRICS_ALLOW)}: ${(error as Error).message}`)
  }
  const oidc = oidcSettings(values)
  if (!values.GUATU_LOCAL_LOGIN && !oidc) {
    throw new Error('配置无效 (invalid configuration):\n  GUATU_LOCAL_LOGIN=0 needs GUATU_OIDC_ISSUER and GUATU_OIDC_CLIENT_ID: otherwise nobody can sign in')
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.GUATU_DATA_DIR),
    clientDir: path.resolve(values.GUATU_CLIENT_DIR),
    officeCommand: values.GUATU_OFFICE_COMMAND,
    demo: values.GUATU_DEMO,
    sqliteSync: values.GUATU_SQLITE_SYNC,
    idleUnloadAfterMs: values.GUATU_IDLE_UNLOAD_MS,
    compactAfterUpdates: values.GUATU_COMPACT_AFTER_UPDATES,
    history: {
      keepSnapshotEveryMs: values.GUATU_HISTORY_SNAPSHOT_MINUTES * 60_000,
      retainMs: values.GUATU_HISTORY_RETENTION_DAYS === undefined ? null : values.GUATU_HISTORY_RETENTION_DAYS * DAY_MS,
    },
    maxMessageBytes: values.GUATU_MAX_MESSAGE_BYTES,
    logLevel: values.GUATU_LOG_LEVEL,
    adminPassword: values.GUATU_ADMIN_PASSWORD,
    allowedOrigins: values.GUATU_ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    screenFrameAncestors: listOf(values.GUATU_FRAME_ANCESTORS),
    metricsToken: values.GUATU_METRICS_TOKEN,
    metricsAllow,
    maxConnectionsPerUser: values.GUATU_MAX_CONNECTIONS_PER_USER,
    messagesPerSecond: values.GUATU_MESSAGES_PER_SECOND,
    messageBurst: values.GUATU_MESSAGE_BURST,
    databaseUrl: values.GUATU_DATABASE_URL,
    redisUrl: values.GUATU_REDIS_URL,
    catchUpEveryMs: values.GUATU_CATCH_UP_MS,
    oidc,
    localLogin: values.GUATU_LOCAL_LOGIN,
    lockout: {
      maxFailuresPerAccount: values.GUATU_LOCKOUT_FAILURES,
      lockMs: values.GUATU_LOCKOUT_MINUTES * 60 * 1000,
      maxFailuresPerAddress: values.GUATU_ADDRESS_FAILURES,
    },
    trustedProxies: values.GUATU_TRUSTED_PROXIES,
    photoLimits: { maxBytes: values.GUATU_PHOTO_MAX_MB * 1024 * 1024, maxPixels: values.GUATU_PHOTO_MAX_MEGAPIXELS * 1_000_000 },
    ledgerImport: {
      limits: {
        maxRows: values.GUATU_IMPORT_MAX_ROWS,
        maxColumns: values.GUATU_IMPORT_MAX_COLUMNS,
        maxCellChars: values.GUATU_IMPORT_MAX_CELL_CHARS,
        maxSheets: values.GUATU_IMPORT_MAX_SHEETS,
        maxInflatedBytes: values.GUATU_IMPORT_MAX_INFLATED_MB * 1024 * 1024,
      },
      workerMemoryMb: values.GUATU_IMPORT_WORKER_MEMORY_MB,
      timeoutMs: values.GUATU_IMPORT_TIMEOUT_MS,
      concurrency: values.GUATU_IMPORT_CONCURRENCY,
      // A few uploads may wait for a worker; past that the office is asked to retry.
      maxWaiting: values.GUATU_IMPORT_CONCURRENCY * 4,
    },
    accountControls: {
      passwordPolicy: {
        minLength: values.GUATU_PASSWORD_MIN_LENGTH,
        minClasses: values.GUATU_PASSWORD_MIN_CLASSES,
        maxAgeDays: values.GUATU_PASSWORD_MAX_AGE_DAYS,
      },
      forcePasswordChange: values.GUATU_FORCE_PASSWORD_CHANGE,
      session: { idleMs: values.GUATU_SESSION_IDLE_MS, maxMs: Math.max(values.GUATU_SESSION_MAX_MS, values.GUATU_SESSION_IDLE_MS) },
      separateDuties: values.GUATU_SEPARATE_ADMIN_DUTIES,
    },
    securityAuditRetentionDays: values.GUATU_SECURITY_AUDIT_RETENTION_DAYS,
    reminders: reminderSettings(values),
  }
}

/** Reminder channels and the outbox (server/src/reminders, docs/api.md 提醒渠道). */
export interface ReminderSettings {
  /** Origins besides the official robot hosts the server may post to (an intranet gateway). */
  allowedTargets: string[]
  scanEveryMs: number
  sendEveryMs: number
  retryBaseMs: number
  maxAttempts: number
  timeoutMs: number
  /** Minutes after midnight, Beijing time, for 每日汇总. */
  digestAtMinute: number
  smtp: SmtpSettings | undefined
  publicUrl: string | undefined
}

function reminderSettings(values: z.infer<typeof envSchema>): ReminderSettings {
  const [hours = 8, minutes = 30] = values.GUATU_REMINDER_DIGEST_AT.split(':').map(Number)
  if (values.GUATU_SMTP_HOST && !values.GUATU_SMTP_FROM)
    throw new Error('配置无效 (invalid configuration):\n  GUATU_SMTP_HOST needs GUATU_SMTP_FROM (the sender address)')
  return {
    allowedTargets: listOf(values.GUATU_REMINDER_ALLOWED_TARGETS),
    scanEveryMs: values.GUATU_REMINDER_SCAN_MS,
    sendEveryMs: values.GUATU_REMINDER_SEND_MS,
    retryBaseMs: values.GUATU_REMINDER_RETRY_MS,
    maxAttempts: values.GUATU_REMINDER_MAX_ATTEMPTS,
    timeoutMs: values.GUATU_REMINDER_TIMEOUT_MS,
    digestAtMinute: hours * 60 + minutes,
    smtp:
      values.GUATU_SMTP_HOST && values.GUATU_SMTP_FROM
        ? {
            host: values.GUATU_SMTP_HOST,
            port: values.GUATU_SMTP_PORT,
            secure: values.GUATU_SMTP_SECURE,
            user: values.GUATU_SMTP_USER,
            password: values.GUATU_SMTP_PASSWORD,
            from: values.GUATU_SMTP_FROM,
          }
        : undefined,
    publicUrl: values.GUATU_PUBLIC_URL,
  }
}

function oidcSettings(values: z.infer<typeof envSchema>): OidcSettings | undefined {
  const { GUATU_OIDC_ISSUER: issuer, GUATU_OIDC_CLIENT_ID: clientId } = values
  if (!issuer && !clientId) return undefined
  if (!issuer || !clientId) {
    throw new Error('配置无效 (invalid configuration):\n  GUATU_OIDC_ISSUER and GUATU_OIDC_CLIENT_ID go together')
  }
  const scopes = values.GUATU_OIDC_SCOPES.split(/[\s,]+/).filter(Boolean)
  const redirectUrl = values.GUATU_OIDC_REDIRECT_URL ?? (values.GUATU_PUBLIC_URL ? new URL(SSO_CALLBACK_PATH, values.GUATU_PUBLIC_URL).href : undefined)
  if (!values.GUATU_OIDC_ALLOW_HTTP && [issuer, redirectUrl].some((url) => url?.startsWith('http:'))) {
    throw new Error(
      '配置无效 (invalid configuration):\n  GUATU_OIDC_ISSUER and the redirect URL must be https:// (GUATU_OIDC_ALLOW_HTTP=1 permits http on a closed network)',
    )
  }
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: values.GUATU_OIDC_CLIENT_SECRET,
    redirectUrl: redirectUrl ? new URL(redirectUrl) : undefined,
    // Without `openid` the provider would answer plain OAuth: no ID token, no nonce to check.
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
    userClaim: values.GUATU_OIDC_USER_CLAIM,
    label: values.GUATU_OIDC_LABEL,
    allowHttp: values.GUATU_OIDC_ALLOW_HTTP,
  }
}
