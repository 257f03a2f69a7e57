import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sumCents } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import type { ImportPreview } from '@guatu/shared/ledger/importPreview'
import { createAccount } from '../helpers/accounts.ts'
import { HELPERS_DIR } from '../helpers/paths.ts'
import { authHeaders, createBoard, fetchBoard } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const LEDGERS = path.join(HELPERS_DIR, '..', 'fixtures', 'ledgers')

async function upload(server: TestServer, boardId: string, file: string, options: { dryRun?: boolean; token?: string; fields?: Record<string, string> } = {}) {
  const form = new FormData()
  form.append('file', new Blob([await readFile(path.join(LEDGERS, file))]), file)
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value)
  const response = await fetch(`${server.url}/api/boards/${boardId}/import${options.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: authHeaders(server, { token: options.token }),
    body: form,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function projectsOf(server: TestServer, boardId: string): Promise<Project[]> {
  return (await fetchBoard(server, boardId)).projects as Project[]
}

describe('Excel ledgers over REST', () => {
  it('previews a ledger with a broken row, refuses to commit it, and writes nothing', async () => {
    const server = await startServer()
    const board = await createBoard(server, '导入测试', 2022)
    const preview = await upload(server, board.id, 'messy-broken-row.xlsx', { dryRun: true })
    expect(preview.status).toBe(200)
    const body = preview.body as unknown as ImportPreview
    expect(body.errors).toEqual([expect.objectContaining({ rowNumber: expect.any(Number), message: expect.stringContaining('2022-13-45') })])
    expect(body.rows.filter((row) => row.action === 'error')).toHaveLength(1)

    const commit = await upload(server, board.id, 'messy-broken-row.xlsx')
    expect(commit.status).toBe(422)
    expect(commit.body.error).toMatch(/未导入任何数据/)
    expect(await projectsOf(server, board.id)).toEqual([])
  })

  it('imports a clean ledger once: a second import updates nothing and duplicates nothing', async () => {
    const server = await startServer()
    const board = await createBoard(server, '导入测试', 2022)
    const preview = (await upload(server, board.id, 'messy-wan-formats.xlsx', { dryRun: true })).body as unknown as ImportPreview
    expect(preview.errors).toEqual([])
    const first = await upload(server, board.id, 'messy-wan-formats.xlsx')
    expect(first).toEqual({ status: 200, body: { created: preview.creates, updated: 0, unchanged: 0 } })
    const imported = await projectsOf(server, board.id)
    expect(imported).toHaveLength(preview.creates)

    const again = await upload(server, board.id, 'messy-wan-formats.xlsx')
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: preview.creates })
    expect(await projectsOf(server, board.id)).toHaveLength(imported.length)
  })

  it('exports the board and the export imports into another board with the same projects and total', async () => {
    const server = await startServer()
    const source = await createBoard(server, '来源', 2022)
    await upload(server, source.id, 'messy-yi-sections.xlsx')
    const exported = await fetch(`${server.url}/api/boards/${source.id}/export.xlsx`, { headers: authHeaders(server) })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toContain('spreadsheetml')
    const target = await createBoard(server, '目标', 2022)
    const form = new FormData()
    form.append('file', new Blob([await exported.arrayBuffer()]), 'export.xlsx')
    const imported = await fetch(`${server.url}/api/boards/${target.id}/import`, { method: 'POST', headers: authHeaders(server), body: form })
    expect(imported.status).toBe(200)
    const before = await projectsOf(server, source.id)
    const after = await projectsOf(server, target.id)
    const byName = (projects: Project[]) => projects.map(({ id: _id, rank: _rank, ...fields }) => fields).sort((a, b) => a.name.localeCompare(b.name))
    expect(byName(after)).toEqual(byName(before))
    expect(sumCents(after.map((project) => project.totalInvestment))).toBe(sumCents(before.map((project) => project.totalInvestment)))
  })

  it('exports only what a filter shows', async () => {
    const server = await startServer()
    const board = await createBoard(server, '筛选导出', 2022)
    await upload(server, board.id, 'messy-yi-sections.xlsx')
    const all = await projectsOf(server, board.id)
    const unit = all[0]!.unit
    const filtered = await fetch(`${server.url}/api/boards/${board.id}/export.xlsx?unit=${encodeURIComponent(unit)}`, { headers: authHeaders(server) })
    const other = await createBoard(server, '筛选结果', 2022)
    const form = new FormData()
    form.append('file', new Blob([await filtered.arrayBuffer()]), 'filtered.xlsx')
    await fetch(`${server.url}/api/boards/${other.id}/import`, { method: 'POST', headers: authHeaders(server), body: form })
    const imported = await projectsOf(server, other.id)
    expect(imported.length).toBe(all.filter((project) => project.unit === unit).length)
    expect(imported.every((project) => project.unit === unit)).toBe(true)
  })

  it('leaves importing to the project office', async () => {
    const server = await startServer()
    const board = await createBoard(server, '导入权限', 2022)
    const department = await createAccount(server, { username: 'gxj', password: 'gongxin-pass-1', role: 'editor', units: ['工信局'] })
    const refused = await upload(server, board.id, 'messy-wan-formats.xlsx', { token: department.token })
    expect(refused).toEqual({ status: 403, body: { error: '只有项目办可以导入台账' } })
  })

  it('remembers the column mapping for the board only when an import is committed, and never from a department or a leader', async () => {
    const server = await startServer()
    const board = await createBoard(server, '列映射', 2022)
    const mapping = { fields: { mapping: JSON.stringify({ 推进情况: 'stageEvidence' }), reportDate: '2022-12-31' } }
    for (const role of ['editor', 'viewer'] as const) {
      const account = await createAccount(server, { username: `u_${role}`, password: `${role}-pass-123`, role, units: role === 'editor' ? ['住建局'] : [] })
      const refused = await upload(server, board.id, 'county-words.xlsx', { token: account.token, ...mapping })
      expect(refused.status).toBe(403)
    }
    type Columns = { unknownColumns: { header: string; choice?: string }[]; rows: { name: string; stage: string; stageSourceLabel: string }[] }
    const fresh = (await upload(server, board.id, 'county-words.xlsx', { dryRun: true })).body as unknown as Columns
    expect(fresh.unknownColumns.map((column) => column.choice)).toEqual([undefined, undefined])

    const previewed = (await upload(server, board.id, 'county-words.xlsx', { dryRun: true, ...mapping })).body as unknown as Columns
    expect(previewed.rows.find((row) => row.name === '城区智慧停车场')).toMatchObject({ stage: 'producing', stageSourceLabel: '进度文字' })
    const notYet = (await upload(server, board.id, 'county-words.xlsx', { dryRun: true })).body as unknown as Columns
    expect(notYet.unknownColumns.map((column) => column.choice)).toEqual([undefined, undefined])

    const committed = await upload(server, board.id, 'county-words.xlsx', mapping)
    expect(committed).toEqual({ status: 200, body: { created: 6, updated: 0, unchanged: 0 } })
    const nextMonth = (await upload(server, board.id, 'county-words.xlsx', { dryRun: true, fields: { reportDate: '2022-12-31' } })).body as unknown as Columns
    expect(nextMonth.unknownColumns.map((column) => column.choice)).toEqual(['stageEvidence', 'stageEvidence'])
    const park = (await projectsOf(server, board.id)).find((project) => project.name === '城区智慧停车场')
    expect(park?.stage).toBe('producing')
  })

  it('refuses a bad report date or mapping with a Chinese message and writes nothing', async () => {
    const server = await startServer()
    const board = await createBoard(server, '坏参数', 2022)
    expect(await upload(server, board.id, 'county-words.xlsx', { fields: { reportDate: '2022-13-01' } })).toEqual({
      status: 400,
      body: { error: '填报日期无效：2022-13-01（应为 2022-08-20 的形式）' },
    })
    const badMapping = await upload(server, board.id, 'county-words.xlsx', { fields: { mapping: JSON.stringify({ 推进情况: 'rank' }) } })
    expect(badMapping.status).toBe(400)
    expect(badMapping.body.error).toMatch(/^列映射无效/)
    expect(await projectsOf(server, board.id)).toEqual([])
  })
})
