/**
 * 台账 from the command line, against a running Guatu server:
 *   import <file.xlsx> --board <id> --url … --token … [--dry-run]   → POST /api/boards/:id/import
 *   export --board <id> --url … --token … --out file.xlsx           → GET  /api/boards/:id/export.xlsx
 * Exit codes: 0 done, 1 the ledger has errors (nothing imported), 2 usage, network or server error.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ImportPlanJson } from '../ledger/planJson.ts'
import { CliCommand, USAGE, UsageError, parseCliArgs, type CliOptions } from './cliArgs.ts'
import { describePlan } from './printPlan.ts'

const EXIT_LEDGER_ERRORS = 1
const EXIT_FAILURE = 2

/** What the import endpoint answers (docs/api.md): a preview, a commit summary, or 422 with the preview. */
type ImportResponse = Partial<ImportPlanJson> & {
  error?: string
  preview?: ImportPlanJson
  created?: number | unknown[]
  updated?: number | unknown[]
}

const isPlan = (value: unknown): value is ImportPlanJson =>
  typeof value === 'object' && value !== null && Array.isArray((value as ImportPlanJson).rows) && typeof (value as ImportPlanJson).totals === 'object'
const countOf = (value: number | unknown[] | undefined) => (Array.isArray(value) ? value.length : (value ?? 0))

async function runImport(options: CliOptions): Promise<number> {
  const file = options.file as string
  const bytes = await readFile(file)
  const form = new FormData()
  form.append('file', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), path.basename(file))
  const url = `${options.url}/api/boards/${encodeURIComponent(options.board)}/import${options.dryRun ? '?dryRun=1' : ''}`
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${options.token}` }, body: form })
  const body = (await response.json().catch(() => undefined)) as ImportResponse | undefined
  const preview = isPlan(body) ? body : isPlan(body?.preview) ? body.preview : undefined
  if (body?.error) console.error(`导入未完成（HTTP ${response.status}）：${body.error}`)
  if (preview) for (const line of describePlan(preview, options.dryRun || !response.ok)) console.log(line)
  if (preview && preview.errors.length > 0) return EXIT_LEDGER_ERRORS
  if (!response.ok) {
    if (!body?.error) console.error(`导入失败（HTTP ${response.status}）：${response.statusText}`)
    return EXIT_FAILURE
  }
  if (!options.dryRun && !preview) {
    console.log(`已导入：新增 ${countOf(body?.created)} 个项目，更新 ${countOf(body?.updated)} 个，无变化 ${countOf(body?.unchanged as number | undefined)} 个`)
  }
  return 0
}

async function runExport(options: CliOptions): Promise<number> {
  const url = `${options.url}/api/boards/${encodeURIComponent(options.board)}/export.xlsx`
  const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` } })
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: string } | undefined
    console.error(`导出失败（HTTP ${response.status}）：${body?.error ?? response.statusText}`)
    return EXIT_FAILURE
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  await writeFile(options.out as string, bytes)
  console.log(`已导出台账：${options.out}（${Math.ceil(bytes.byteLength / 1024)} KB）`)
  return 0
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCliArgs(argv, process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n\n${USAGE}`)
    return EXIT_FAILURE
  }
  try {
    return options.command === CliCommand.import ? await runImport(options) : await runExport(options)
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
    console.error(`无法完成：${reason}`)
    return EXIT_FAILURE
  }
}

process.exitCode = await main(process.argv.slice(2))
