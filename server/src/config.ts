import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { AccountControls } from './accounts/accountControls.ts'
import type { LogLevel } from './log.ts'

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url))

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true')
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
  /** LibreOffice's command, which renders the Word minutes as PDF (absent: no PDF, a Chinese error). */
  officeCommand: string
  /** Password policy, forced change and session lifetime (等保 identification and authentication). */
  accountControls: AccountControls
  /** Days the security audit log keeps an entry (等保 security audit; at least 180). */
  securityAuditRetentionDays: number
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
    maxMessageBytes: values.GUATU_MAX_MESSAGE_BYTES,
    logLevel: values.GUATU_LOG_LEVEL,
    adminPassword: values.GUATU_ADMIN_PASSWORD,
    allowedOrigins: values.GUATU_ALLOWED_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    maxConnectionsPerUser: values.GUATU_MAX_CONNECTIONS_PER_USER,
    messagesPerSecond: values.GUATU_MESSAGES_PER_SECOND,
    messageBurst: values.GUATU_MESSAGE_BURST,
    databaseUrl: values.GUATU_DATABASE_URL,
    redisUrl: values.GUATU_REDIS_URL,
    catchUpEveryMs: values.GUATU_CATCH_UP_MS,
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
  }
}
