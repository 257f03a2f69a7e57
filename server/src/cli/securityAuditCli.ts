/**
 * The security audit log from the command line, reading the server's database directly (the same
 * GUATU_DATA_DIR or GUATU_DATABASE_URL as the server), so a check does not trust the running server:
 *   node server/dist/audit.js verify                        → the first broken link, or the head hash
 *   node server/dist/audit.js export [--format csv|json] [--out file]
 * Exit codes: 0 intact / exported, 1 the chain is broken, 2 usage or database error.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { loadConfig } from '../config.ts'
import { createLogger } from '../log.ts'
import { securityAuditCsv } from '../securityAudit/exportFormats.ts'
import { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import type { SecurityAuditStore } from '../securityAudit/securityAuditStore.ts'
import { openPostgresPool } from '../storage/postgresDatabase.ts'
import { PostgresSecurityAuditStore } from '../storage/postgresSecurityAuditStore.ts'
import { openSqliteDatabase } from '../storage/sqliteDatabase.ts'
import { SqliteSecurityAuditStore } from '../storage/sqliteSecurityAuditStore.ts'

const EXIT_BROKEN = 1
const EXIT_FAILURE = 2

const USAGE = `用法：
  node server/dist/audit.js verify
  node server/dist/audit.js export [--format csv|json] [--out 文件]
数据库与服务器相同：GUATU_DATA_DIR（SQLite）或 GUATU_DATABASE_URL（PostgreSQL）。`

async function openStore(): Promise<{ store: SecurityAuditStore; close: () => Promise<void> }> {
  const config = loadConfig()
  if (config.databaseUrl) {
    const pool = await openPostgresPool(config.databaseUrl)
    return { store: new PostgresSecurityAuditStore(pool), close: () => pool.end() }
  }
  const db = openSqliteDatabase(config.dataDir)
  return { store: new SqliteSecurityAuditStore(db), close: async () => void db.close() }
}

function flag(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}

async function run(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args
  if (command !== 'verify' && command !== 'export') {
    console.error(`${command ? `未知命令：${command}\n` : ''}${USAGE}`)
    return EXIT_FAILURE
  }
  const format = flag(rest, '--format') ?? 'csv'
  if (format !== 'csv' && format !== 'json') {
    console.error(`--format 须为 csv 或 json\n${USAGE}`)
    return EXIT_FAILURE
  }
  const { store, close } = await openStore()
  try {
    // Retention does not matter here: the CLI never prunes.
    const audit = new SecurityAuditLog(store, createLogger('error'), 180)
    if (command === 'verify') {
      const verdict = await audit.verify()
      if (verdict.ok) {
        console.log(`安全审计日志完整：已校验${verdict.checked}条，最后一条第${verdict.head.seq}条，哈希 ${verdict.head.hash}`)
        return 0
      }
      console.log(`安全审计日志被篡改：第${verdict.seq}条起链接断开——${verdict.problem}（此前${verdict.checked}条完好）`)
      return EXIT_BROKEN
    }
    const out = flag(rest, '--out')
    const sink = out ? createWriteStream(out) : process.stdout
    const write = async (text: string) => {
      if (!sink.write(text)) await once(sink, 'drain')
    }
    if (format === 'csv') {
      for await (const chunk of securityAuditCsv(audit.entries())) await write(chunk)
    } else {
      await write(`{"anchor":${JSON.stringify(await audit.anchor())},"entries":[`)
      let first = true
      for await (const entry of audit.entries()) {
        await write(`${first ? '' : ','}\n${JSON.stringify(entry)}`)
        first = false
      }
      await write(']}\n')
    }
    if (out) {
      sink.end()
      await once(sink, 'finish')
    }
    return 0
  } finally {
    await close()
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`失败：${error instanceof Error ? error.message : String(error)}`)
    process.exit(EXIT_FAILURE)
  },
)
