import { isCoordinateSystem } from '@guatu/shared/geo/coordinateSystem'
import { Hono } from 'hono'
import { isIsoDate } from '@guatu/shared/domain/dates'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { columnMappingSchema } from '@guatu/shared/ledger/columnMapping'
import type { ImportRefused, ImportResult } from '@guatu/shared/api/ledgerImport'
import { IMPORT_OPTION_FIELDS, IMPORT_PAGE_PARAMS, MAX_PREVIEW_PAGE_ROWS, PREVIEW_PAGE_ROWS, type ImportPreview } from '@guatu/shared/ledger/importPreview'
import type { ImportChoices, LedgerService } from '../boards/ledgerService.ts'
import type { PreviewPage } from '../ledger/planJson.ts'
import { RequestError } from '../requestError.ts'
import { requireReadableBoard, requireUser, type AppEnv } from './appEnv.ts'
import { fileResponse } from './fileResponse.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import { readMoment } from './pastMoment.ts'
import { ledgerReadFailure, readLedgerUpload } from './ledgerUpload.ts'

/** Excel in (`POST /:id/import`, multipart field `file`, `?dryRun=1`) and out (`GET /:id/export.xlsx`). */
export function ledgerRoutes(ledgers: LedgerService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.post('/:id/import', async (c) => {
    const principal = requireUser(c)
    if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以导入台账')
    const { file, body } = await readLedgerUpload(c)
    const dryRun = c.req.query('dryRun') === '1'
    const choices: ImportChoices = { ...readChoices(body, file.name), page: readPage(new URL(c.req.url).searchParams) }
    try {
      const outcome = await ledgers.import(c.req.param('id'), new Uint8Array(await file.arrayBuffer()), principal, dryRun, choices)
      switch (outcome.kind) {
        case 'preview':
          return c.json(outcome.preview satisfies ImportPreview)
        case 'committed':
          return c.json({ created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged } satisfies ImportResult)
        case 'refused':
          return c.json({ error: outcome.error, preview: outcome.preview } satisfies ImportRefused, 422)
      }
    } catch (error) {
      throw ledgerReadFailure(error)
    }
  })

  routes.get('/:id/export.xlsx', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const exported = await ledgers.export(boardId, new URL(c.req.url).searchParams, readMoment(c))
    return exported ? fileResponse(c, exported.file, exported.name) : c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
  })

  return routes
}

const MAX_SHEETS = 100
/** Excel allows 31 characters; a little slack for other programs. */
const MAX_SHEET_NAME_LENGTH = 100

/**
 * The office's choices sent with the file (multipart fields, docs/api.md). Checked here, at the
 * edge: a bad value is a 400 with the reason, never a silently ignored choice.
 */
function readChoices(body: Record<string, unknown>, fileName: string): ImportChoices {
  const choices: ImportChoices = { fileName: fileName.slice(0, 200) }
  const reportDate = body[IMPORT_OPTION_FIELDS.reportDate]
  if (typeof reportDate === 'string' && reportDate !== '') {
    if (!isIsoDate(reportDate)) throw new RequestError(400, `填报日期无效：${reportDate.slice(0, 20)}（应为 2022-08-20 的形式）`)
    choices.reportDate = reportDate
  }
  const sheets = jsonField(body, IMPORT_OPTION_FIELDS.sheets, '工作表选择')
  if (sheets !== undefined) {
    if (!Array.isArray(sheets) || sheets.length > MAX_SHEETS || !sheets.every((sheet) => typeof sheet === 'string' && sheet.length <= MAX_SHEET_NAME_LENGTH)) {
      throw new RequestError(400, '工作表选择应为工作表名称的列表')
    }
    choices.sheets = sheets as string[]
  }
  const system = body[IMPORT_OPTION_FIELDS.coordinateSystem]
  if (typeof system === 'string' && system !== '') {
    if (!isCoordinateSystem(system)) throw new RequestError(400, `坐标系无效：${system.slice(0, 20)}（应为 wgs84、gcj02 或 bd09）`)
    choices.coordinateSystem = system
  }
  const mapping = jsonField(body, IMPORT_OPTION_FIELDS.mapping, '列映射')
  if (mapping !== undefined) {
    const parsed = columnMappingSchema.safeParse(mapping)
    if (!parsed.success) throw new RequestError(400, `列映射无效：${parsed.error.issues[0]?.message ?? ''}`)
    choices.mapping = parsed.data
  }
  return choices
}

/** `?offset=&limit=`: which rows of the preview to answer with; the rows per answer are capped. */
function readPage(query: URLSearchParams): PreviewPage {
  const number = (name: string, fallback: number, max: number) => {
    const text = query.get(name)
    if (text === null || text === '') return fallback
    const value = Number(text)
    if (!Number.isSafeInteger(value) || value < 0 || value > max) throw new RequestError(400, `分页参数 ${name} 应为 0 到 ${max} 之间的整数`)
    return value
  }
  return {
    offset: number(IMPORT_PAGE_PARAMS.offset, 0, Number.MAX_SAFE_INTEGER),
    limit: Math.max(1, number(IMPORT_PAGE_PARAMS.limit, PREVIEW_PAGE_ROWS, MAX_PREVIEW_PAGE_ROWS)),
  }
}

function jsonField(body: Record<string, unknown>, field: string, label: string): unknown {
  const value = body[field]
  if (typeof value !== 'string' || value === '') return undefined
  try {
    return JSON.parse(value) as unknown
  } catch {
    throw new RequestError(400, `${label}不是有效的 JSON`)
  }
}
