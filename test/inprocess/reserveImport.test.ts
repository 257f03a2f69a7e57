import { describe, expect, it } from 'vitest'
import {
  ReserveImportAction,
  ReserveMatch,
  reserveImportPreviewSchema,
  reserveImportRefusedSchema,
  reserveImportResultSchema,
} from '@guatu/shared/api/reserveImport'
import { ReserveLevel, VettingStatus, type Candidate } from '@guatu/shared/domain/reserveCandidate'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { authHeaders, createBoard } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { candidateOf, candidatesOf, historyOf, importReserve, movedOf, reserveAs, reserveWorkbookFile } from '../helpers/reserve.ts'

const CHINESE = /[\u4e00-\u9fff]/
const HEADERS = ['序号', '项目名称', '项目代码', '储备级别', '来源单位', '产业类别', '总投资（万元）', '计划开工时间', '责任单位', '包抓领导'] as const

const CODE_A = '2023-610325-44-01-000101'
const CODE_B = '2023-610325-44-01-000102'

/** Three good rows: a level as written, a level in other words, no level at all. */
const GOOD_ROWS = [
  {
    序号: 1,
    项目名称: '秦岭康养小镇',
    项目代码: CODE_A,
    储备级别: '前期推进',
    来源单位: '文旅局',
    产业类别: '三产',
    '总投资（万元）': 52000,
    计划开工时间: '2024-03-01',
    责任单位: '文旅局',
    包抓领导: '王县长',
  },
  {
    序号: 2,
    项目名称: '中药材加工园',
    项目代码: CODE_B,
    储备级别: '拟列入',
    来源单位: '桃川镇',
    产业类别: '二产',
    '总投资（万元）': 30000.5,
    责任单位: '工信局',
  },
  { 序号: 3, 项目名称: '城区停车场', 产业类别: '基础设施', '总投资（万元）': 8000, 责任单位: '住建局' },
]

const previewOf = (answer: { status: number; body: unknown }) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return reserveImportPreviewSchema.parse(answer.body)
}
const resultOf = (answer: { status: number; body: unknown }) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return reserveImportResultSchema.parse(answer.body)
}
const listOf = async (server: TestServer) => candidatesOf(await reserveAs(server).list(), 'list')
const byName = (candidates: readonly Candidate[], name: string) => candidates.find((candidate) => candidate.name === name)

describe('导入项目库', () => {
  it('previews 储备级别 and 来源单位 with what was inferred, then writes 待审核 candidates with history', async () => {
    const server = await startInProcessServer()
    const file = await reserveWorkbookFile(HEADERS, GOOD_ROWS)
    const preview = previewOf(await importReserve(server, file, { dryRun: true }))
    expect(preview).toMatchObject({ creates: 3, updates: 0, unchanged: 0, errorRows: 0, rowCount: 3 })
    expect(preview.rows.map((row) => [row.rowNumber, row.name, row.action])).toEqual([
      [3, '秦岭康养小镇', ReserveImportAction.create],
      [4, '中药材加工园', ReserveImportAction.create],
      [5, '城区停车场', ReserveImportAction.create],
    ])
    // Rule 6: what was not read outright says so, with its source.
    expect(preview.rows[0]!.inferred.join()).not.toMatch(/储备级别/)
    expect(preview.rows[1]!.inferred).toContain('储备级别按文字“拟列入”推定为“拟列入年度计划”')
    expect(preview.rows[2]!.inferred).toEqual(expect.arrayContaining(['储备级别未填写，按“谋划储备”导入，请核对', '来源单位未填写，按责任单位“住建局”导入']))
    expect(await listOf(server)).toEqual([])

    expect(resultOf(await importReserve(server, file))).toEqual({ created: 3, updated: 0, unchanged: 0, kept: 0 })
    const candidates = await listOf(server)
    expect(candidates).toHaveLength(3)
    expect(byName(candidates, '秦岭康养小镇')).toMatchObject({
      projectCode: CODE_A,
      level: ReserveLevel.preparing,
      sourceUnit: '文旅局',
      industry: 'tertiary',
      totalInvestment: '52000',
      plannedStartDate: '2024-03-01',
      leaders: ['王县长'],
      status: VettingStatus.pending,
    })
    expect(byName(candidates, '中药材加工园')).toMatchObject({ level: ReserveLevel.proposed, sourceUnit: '桃川镇', totalInvestment: '30000.5' })
    expect(byName(candidates, '城区停车场')).toMatchObject({ level: ReserveLevel.planning, sourceUnit: '住建局' })
    const history = historyOf(await reserveAs(server).history(byName(candidates, '城区停车场')!.id), 'history')
    expect(history).toHaveLength(1)
    expect(history[0]!.action).toBe('propose-candidate')
  })

  it('re-import matches 项目代码 first, then 项目名称 + 责任单位, and never duplicates', async () => {
    const server = await startInProcessServer()
    resultOf(await importReserve(server, await reserveWorkbookFile(HEADERS, GOOD_ROWS)))
    const before = await listOf(server)

    // The same file again: nothing to do.
    expect(resultOf(await importReserve(server, await reserveWorkbookFile(HEADERS, GOOD_ROWS)))).toEqual({ created: 0, updated: 0, unchanged: 3, kept: 0 })

    // Renamed (same code), re-levelled (same name and unit), and a new one.
    const changed = [
      { ...GOOD_ROWS[0], 项目名称: '秦岭康养小镇（一期）' },
      { ...GOOD_ROWS[1] },
      { ...GOOD_ROWS[2], 储备级别: '谋划储备', '总投资（万元）': 9000 },
      { 序号: 4, 项目名称: '污水处理厂扩建', 储备级别: '谋划', 责任单位: '住建局', 来源单位: '城关镇' },
    ]
    const preview = previewOf(await importReserve(server, await reserveWorkbookFile(HEADERS, changed), { dryRun: true }))
    expect(preview.rows.map((row) => [row.name, row.action, row.matchedBy])).toEqual([
      ['秦岭康养小镇（一期）', ReserveImportAction.update, ReserveMatch.projectCode],
      ['中药材加工园', ReserveImportAction.unchanged, ReserveMatch.projectCode],
      ['城区停车场', ReserveImportAction.update, ReserveMatch.nameUnit],
      ['污水处理厂扩建', ReserveImportAction.create, undefined],
    ])
    expect(preview.rows[0]!.changes).toEqual(['项目名称：秦岭康养小镇 → 秦岭康养小镇（一期）'])
    expect(preview.rows[2]!.changes).toHaveLength(1)
    expect(preview.rows[2]!.changes[0]).toMatch(/^总投资：/)
    expect(resultOf(await importReserve(server, await reserveWorkbookFile(HEADERS, changed)))).toEqual({ created: 1, updated: 2, unchanged: 1, kept: 0 })

    const after = await listOf(server)
    expect(after).toHaveLength(4)
    const renamed = after.find((candidate) => candidate.projectCode === CODE_A)!
    expect(renamed.id).toBe(before.find((candidate) => candidate.projectCode === CODE_A)!.id)
    expect(renamed.name).toBe('秦岭康养小镇（一期）')
    expect(byName(after, '城区停车场')).toMatchObject({ id: byName(before, '城区停车场')!.id, totalInvestment: '9000' })
    const edits = historyOf(await reserveAs(server).history(renamed.id), 'history').filter((entry) => entry.action === 'edit-candidate')
    expect(edits.map((entry) => [entry.field, entry.from, entry.to])).toEqual([['name', '秦岭康养小镇', '秦岭康养小镇（一期）']])
  })

  it('reports bad rows in Chinese with their row numbers and writes nothing', async () => {
    const server = await startInProcessServer()
    const rows = [
      GOOD_ROWS[0],
      { 序号: 2, 项目名称: '代码写错的项目', 项目代码: '2023-61032-44-01-0001', 储备级别: '谋划储备', 责任单位: '发改局' },
      { 序号: 3, 项目名称: '级别乱写的项目', 储备级别: '特级', 责任单位: '发改局' },
      { 序号: 4, 项目名称: '没有单位的项目', 储备级别: '谋划储备' },
      { ...GOOD_ROWS[0], 序号: 5 },
    ]
    const file = await reserveWorkbookFile(HEADERS, rows)
    const preview = previewOf(await importReserve(server, file, { dryRun: true }))
    expect(preview.errorRows).toBe(4)
    const errorsOf = (rowNumber: number) =>
      preview.rows
        .find((row) => row.rowNumber === rowNumber)!
        .issues.filter((issue) => issue.severity === 'error')
        .map((issue) => issue.message)
    expect(errorsOf(4).join()).toMatch(/项目代码须为24位/)
    expect(errorsOf(5)).toEqual(['储备级别“特级”无法识别，应为谋划储备、前期推进、拟列入年度计划'])
    expect(errorsOf(6)).toContain('责任单位不能为空')
    expect(errorsOf(7)).toEqual(['与第3行是同一项目：请删去重复的行'])
    for (const row of preview.rows.filter((row) => row.action === ReserveImportAction.error)) expect(row.issues[0]!.rowNumber).toBe(row.rowNumber)

    const refused = await importReserve(server, file)
    expect(refused.status).toBe(422)
    expect(reserveImportRefusedSchema.parse(refused.body).error).toMatch(/有4行有错误，未导入任何项目/)
    expect(await listOf(server)).toEqual([])

    const notAWorkbook = await importReserve(server, new TextEncoder().encode('这不是表格'), { name: '说明.xlsx' })
    expect(notAWorkbook.status).toBe(400)
    expect((notAWorkbook.body as { error: string }).error).toMatch(CHINESE)
  })

  it('reads its own export back: every candidate matched, nothing changed, moved ones kept', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '2024年重点项目', 2024)
    resultOf(await importReserve(server, await reserveWorkbookFile(HEADERS, GOOD_ROWS)))
    const office = reserveAs(server)
    const proposed = candidateOf(
      await office.propose({
        name: '物流园二期',
        unit: '商务局',
        level: ReserveLevel.proposed,
        scope: '仓储 3 万平方米',
        annualPlanInvestment: '1234.56' as never,
        governmentFunded: true,
        plannedProduceDate: '2025-12-31',
        phone: '0914-3321000',
        owner: '刘主任',
      }),
      201,
      'propose',
    )
    candidateOf(await office.vet(proposed.id, { decision: 'return', reason: '请补充用地手续' }), 200, 'return')
    const moving = byName(await listOf(server), '中药材加工园')!
    candidateOf(await office.vet(moving.id, { decision: 'approve' }), 200, 'approve')
    movedOf(await office.move(moving.id, board.id), 'move')
    const before = await listOf(server)

    const exported = await fetch(`${server.url}/api/reserve/export.xlsx`, { headers: authHeaders(server) })
    expect(exported.status).toBe(200)
    const file = new Uint8Array(await exported.arrayBuffer())
    const preview = previewOf(await importReserve(server, file, { dryRun: true, name: '项目库-导出.xlsx' }))
    expect(preview.rows.map((row) => [row.name, row.action, row.changes])).toEqual(
      before.map((candidate) => [candidate.name, ReserveImportAction.unchanged, []]),
    )
    expect(preview.notes.map((note) => note.message)).toContain('“审核状态”“退回原因”列不导入：审核在项目库中逐项进行并留有记录，新增的储备项目为“待审核”')
    expect(resultOf(await importReserve(server, file))).toEqual({ created: 0, updated: 0, unchanged: 4, kept: 0 })
    expect(await listOf(server)).toEqual(before)

    // A moved candidate is settled: a changed row shows its differences and changes nothing.
    const edited = [{ ...GOOD_ROWS[1], '总投资（万元）': 31000 }]
    const kept = previewOf(await importReserve(server, await reserveWorkbookFile(HEADERS, edited), { dryRun: true }))
    expect(kept.rows[0]).toMatchObject({ action: ReserveImportAction.kept, candidateId: moving.id })
    expect(resultOf(await importReserve(server, await reserveWorkbookFile(HEADERS, edited)))).toMatchObject({ kept: 1, updated: 0 })
    expect(byName(await listOf(server), '中药材加工园')!.totalInvestment).toBe(moving.totalInvestment)
  })

  it('only the 项目办 imports: a department, a leader, a screen link and no one at all are refused and nothing is written', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '2024年重点项目', 2024)
    const department = await createAccount(server, {
      username: 'wlj_he',
      password: 'wenlv-pass-2025',
      role: Role.editor,
      units: ['文旅局'],
      displayName: '文旅局何科长',
    })
    const leader = await createAccount(server, { username: 'ld_wang', password: 'lingdao-pass-2025', role: Role.viewer, units: [], displayName: '王县长' })
    const screen = await createScreenLink(server, board.id, { name: '会议室大屏' })
    // Only the department's own unit in the file: its unit rights must not stretch to an import.
    const own = await reserveWorkbookFile(HEADERS, [GOOD_ROWS[0]])
    for (const token of [department.token, leader.token, screen.token]) {
      for (const dryRun of [true, false]) {
        const refused = await importReserve(server, own, { token, dryRun })
        expect(refused.status).toBe(403)
        expect((refused.body as { error: string }).error).toMatch(CHINESE)
      }
    }
    const form = new FormData()
    form.append('file', new Blob([own as Uint8Array<ArrayBuffer>]), '项目库.xlsx')
    const anonymous = await fetch(`${server.url}/api/reserve/import`, { method: 'POST', body: form })
    expect([401, 403]).toContain(anonymous.status)
    expect(await listOf(server)).toEqual([])
  })
})
