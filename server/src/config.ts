import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { LogLevel } from './log.ts'
import type { LedgerParserSettings } from './ledger/ledgerParser.ts'

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
  // Ledger import (台账导入) bounds: see LedgerImportLimits and LedgerParser.
  GUATU_IMPORT_MAX_ROWS: integer(100, 1_048_576).default(20_000),
  GUATU_IMPORT_MAX_COLUMNS: integer(10, 16_384).default(200),
  GUATU_IMPORT_MAX_CELL_CHARS: integer(100, 32_767).default(32_767),
  GUATU_IMPORT_MAX_SHEETS: integer(1, 1_000).default(100),
  GUATU_IMPORT_MAX_INFLATED_MB: integer(1, 400).default(100),
  // Below 128 MB a single allocation can overshoot V8's leeway for a worker and end the whole process.
  GUATU_IMPORT_WORKER_MEMORY_MB: integer(128, 8_192).default(512),
  GUATU_IMPORT_TIMEOUT_MS: integer(1_000, 600_000).default(30_000),
  GUATU_IMPORT_CONCURRENCY: integer(1, 16).default(2),
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
  /** How much of an uploaded ledger is read, and the worker threads that read it. */
  ledgerImport: LedgerParserSettings
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
  }
}
