import { beforeAll, describe, expect, test } from 'vitest'
import type { Project } from '@guatu/shared/domain/project'
import { IMPORT_OPTION_FIELDS, type ImportPreview } from '@guatu/shared/ledger/importPreview'
import { startInProcessServer, type InProcessServer } from '../helpers/inProcessServer.ts'
import { authHeaders, createBoard, fetchBoard } from '../helpers/rest.ts'
import { workbookOf } from '../ledger/ledgerTestHelpers.ts'

/**
 * A ledger's 经度/纬度 copied from 高德 or 腾讯 (GCJ-02) or 百度 (BD-09) is converted to the
 * board's WGS-84, never silently: the preview says which system it read and why (the office's
 * choice, a header or note naming the map, or the WGS-84 default), and each row shows both points.
 *
 * Reference points are gcoord's published examples (its README), not this code's output:
 * GCJ-02 E123 N45 is WGS-84 E122.99395597 N44.99804071; WGS-84 E116.403988 N39.914266 is BD-09
 * E116.41661560068297 N39.92196580126834, so that BD-09 point comes back to it.
 */
const GCJ_EXAMPLE = { gcj: [123, 45], wgs: [122.99395597, 44.99804071] } as const
const BD_EXAMPLE = { bd: [116.41661560068297, 39.92196580126834], wgs: [116.403988, 39.914266] } as const

let server: InProcessServer

beforeAll(async () => {
  server = await startInProcessServer()
})

async function post(boardId: string, rows: Parameters<typeof workbookOf>[0], options: { dryRun?: boolean; fields?: Record<string, string> } = {}) {
  const form = new FormData()
  form.append('file', new Blob([Buffer.from(await workbookOf(rows))]), '台账.xlsx')
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value)
  const response = await fetch(`${server.url}/api/boards/${boardId}/import${options.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: authHeaders(server),
    body: form,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function pointOf(boardId: string, name: string): Promise<Project['coordinates']> {
  const { projects } = await fetchBoard(server, boardId)
  return (projects as Project[]).find((project) => project.name === name)?.coordinates
}

describe('coordinate systems in a ledger import', () => {
  test('columns headed “经度（高德）” are read as GCJ-02, shown as named in the ledger, and converted on import', async () => {
    const board = await createBoard(server, '高德台账', 2022)
    const rows = [
      ['项目名称', '责任单位', '当前阶段', '经度（高德）', '纬度（高德）'],
      ['东北粮食仓储项目', '商务局', '谋划', GCJ_EXAMPLE.gcj[0], GCJ_EXAMPLE.gcj[1]],
    ]
    const preview = (await post(board.id, rows, { dryRun: true })).body as unknown as ImportPreview
    expect(preview.coordinateSystem).toMatchObject({ system: 'gcj02', source: 'named', sourceLabel: '台账中注明' })
    expect(preview.coordinateSystem?.text).toContain('高德')
    const shown = preview.rows[0]!.inferred.join(' ')
    expect(shown, 'the row shows the point as written and as converted').toMatch(/GCJ-02.*换算为 WGS-84 E122\.9940 N44\.9980/)

    expect((await post(board.id, rows)).status).toBe(200)
    const point = await pointOf(board.id, '东北粮食仓储项目')
    expect(point?.source).toBe('import')
    expect(point?.lng).toBeCloseTo(GCJ_EXAMPLE.wgs[0], 6)
    expect(point?.lat).toBeCloseTo(GCJ_EXAMPLE.wgs[1], 6)
  })

  test('a note “坐标取自百度地图” names BD-09; the office’s choice in the preview wins over it', async () => {
    const board = await createBoard(server, '百度台账', 2022)
    const rows = [
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['北京数据中心项目', '工信局', '谋划', BD_EXAMPLE.bd[0], BD_EXAMPLE.bd[1]],
      [],
      ['备注：坐标取自百度地图'],
    ]
    const named = (await post(board.id, rows, { dryRun: true })).body as unknown as ImportPreview
    expect(named.coordinateSystem).toMatchObject({ system: 'bd09', source: 'named' })
    expect(named.coordinateSystem?.text).toContain('百度地图')

    const chosen = (await post(board.id, rows, { dryRun: true, fields: { [IMPORT_OPTION_FIELDS.coordinateSystem]: 'wgs84' } })).body as unknown as ImportPreview
    expect(chosen.coordinateSystem).toMatchObject({ system: 'wgs84', source: 'given', sourceLabel: '导入时选择' })

    expect((await post(board.id, rows)).status).toBe(200)
    const point = await pointOf(board.id, '北京数据中心项目')
    // gcoord's inverse of its own published example: within a metre (1e-5°) of the WGS-84 point.
    expect(Math.abs(point!.lng - BD_EXAMPLE.wgs[0])).toBeLessThan(1e-5)
    expect(Math.abs(point!.lat - BD_EXAMPLE.wgs[1])).toBeLessThan(1e-5)
  })

  test('plain 经度/纬度 are WGS-84 and kept as written, even for a project named after 百度', async () => {
    const board = await createBoard(server, 'WGS台账', 2022)
    const rows = [
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['百度云计算中心项目', '工信局', '谋划', 108.9412, 34.261],
    ]
    const preview = (await post(board.id, rows, { dryRun: true })).body as unknown as ImportPreview
    expect(preview.coordinateSystem).toMatchObject({ system: 'wgs84', source: 'default' })
    expect((await post(board.id, rows)).status).toBe(200)
    expect(await pointOf(board.id, '百度云计算中心项目')).toEqual({ lng: 108.9412, lat: 34.261, source: 'import' })
  })

  test('the office may say GCJ-02 for unmarked columns; a ledger without coordinates is asked nothing; an unknown system is a Chinese 400', async () => {
    const board = await createBoard(server, '选择坐标系', 2022)
    const rows = [
      ['项目名称', '责任单位', '当前阶段', '坐标'],
      ['东北粮食仓储项目', '商务局', '谋划', `${GCJ_EXAMPLE.gcj[0]},${GCJ_EXAMPLE.gcj[1]}`],
    ]
    const given = await post(board.id, rows, { fields: { [IMPORT_OPTION_FIELDS.coordinateSystem]: 'gcj02' } })
    expect(given.status).toBe(200)
    const point = await pointOf(board.id, '东北粮食仓储项目')
    expect(point?.lng).toBeCloseTo(GCJ_EXAMPLE.wgs[0], 6)
    expect(point?.lat).toBeCloseTo(GCJ_EXAMPLE.wgs[1], 6)

    const none = (
      await post(
        board.id,
        [
          ['项目名称', '责任单位', '当前阶段'],
          ['无坐标项目', '工信局', '谋划'],
        ],
        { dryRun: true },
      )
    ).body as unknown as ImportPreview
    expect(none.coordinateSystem).toBeUndefined()

    const bad = await post(board.id, rows, { dryRun: true, fields: { [IMPORT_OPTION_FIELDS.coordinateSystem]: 'mercator' } })
    expect(bad.status).toBe(400)
    expect(String(bad.body.error)).toMatch(/坐标系无效/)
  })
})
