import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sumCents } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { createAccount } from '../helpers/accounts.ts'
import { HELPERS_DIR } from '../helpers/paths.ts'
import { authHeaders, createBoard, fetchBoard } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const LEDGERS = path.join(HELPERS_DIR, '..', 'fixtures', 'ledgers')

interface Preview {
  creates: number
  updates: number
  unchanged: number
  rows: { rowNumber: number; action: string; issues: { severity: string; message: string }[] }[]
  errors: { rowNumber?: number; message: string }[]
}

async function upload(server: TestServer, boardId: string, file: string, options: { dryRun?: boolean; token?: string } = {}) {
  const form = new FormData()
  form.append('file', new Blob([await readFile(path.join(LEDGERS, file))]), file)
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
    const body = preview.body as unknown as Preview
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
    const preview = (await upload(server, board.id, 'messy-wan-formats.xlsx', { dryRun: true })).body as unknown as Preview
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
})
