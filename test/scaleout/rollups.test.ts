import { describe, expect, test } from 'vitest'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { RollupResponse } from '@guatu/shared/api/years'
import { sumCents, type WanAmount } from '@guatu/shared/domain/money'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced } from '../helpers/client.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { startCluster } from './cluster.ts'

const rollupOf = async (server: TestServer, token?: string) =>
  expectStatus(await requestJson<RollupResponse>(server, '/api/rollups', token === undefined ? {} : { token }), 200, `rollup from ${server.url}`)

/** Cents as the rollup writes 万元: exact decimal text, no float in between. */
const wan = (amounts: readonly string[]) => sumCents(amounts.map((amount) => amount as WanAmount))

describe('汇总 (GET /api/rollups) on PostgreSQL + Redis, two processes', () => {
  test('boards loaded and edited on process A are summed on process B, stored and live, for each caller its own boards', async () => {
    const { servers } = await startCluster(2)
    const [a, b] = servers as [TestServer, TestServer]
    const first = await createBoard(a, '甲县2025年重点项目')
    const second = await createBoard(a, '乙县2025年重点项目')
    const onA = connectClient(a, first.id, { acks: true })
    const otherOnA = connectClient(a, second.id, { acks: true })
    await waitAllSynced([onA, otherOnA])
    const started = createProject(onA.doc, {
      name: '甲项目',
      unit: '工信局',
      stage: 'started',
      totalInvestment: '100.01' as WanAmount,
      completedInvestment: '0.02' as WanAmount,
    })
    createProject(onA.doc, { name: '甲二项目', unit: '商务局', totalInvestment: '0.99' as WanAmount, annualPlanInvestment: '50.5' as WanAmount })
    createProject(otherOnA.doc, {
      name: '乙项目',
      unit: '商务局',
      stage: 'producing',
      totalInvestment: '200.1' as WanAmount,
      completedInvestment: '7' as WanAmount,
    })
    await onA.waitSaved()
    await otherOnA.waitSaved()

    // Process B has never opened either board: its figures come from what A stored.
    const stored = await rollupOf(b)
    expect(stored.boards.map((board) => board.boardId).sort()).toEqual([first.id, second.id].sort())
    expect(stored.totals).toMatchObject({ projects: 3, byStage: { planning: 1, started: 1, producing: 1, signed: 0 } })
    expect(wan([stored.totals.totalInvestmentWan])).toBe(wan(['100.01', '0.99', '200.1']))
    expect(wan([stored.totals.completedInvestmentWan])).toBe(wan(['0.02', '7']))
    expect(wan([stored.totals.annualPlanInvestmentWan])).toBe(wan(['50.5']))
    // The same question on A (where the boards are live) gives the same answer.
    expect((await rollupOf(a)).totals).toEqual(stored.totals)

    // A live edit on A, with A's client still connected: B's rollup follows it.
    updateProject(onA.doc, started, { completedInvestment: '12.34' as WanAmount })
    await onA.waitSaved()
    const expectedCompleted = wan(['12.34', '7'])
    await waitFor(async () => wan([(await rollupOf(b)).totals.completedInvestmentWan]) === expectedCompleted, {
      message: "process B's rollup to include A's edit",
    })
    const firstOnB = (await rollupOf(b)).boards.find((board) => board.boardId === first.id)!
    expect(wan([firstOnB.completedInvestmentWan])).toBe(wan(['12.34']))
    expect(firstOnB.projects).toBe(2)

    // Who asks decides which boards are summed, on either process.
    const leader = await createAccount(a, { username: 'ld_rollup_pg', password: 'lingdao-pass-2025', role: Role.viewer, units: [], displayName: '王县长' })
    expect((await rollupOf(b, leader.token)).boards).toHaveLength(2)
    const link = await createScreenLink(a, second.id)
    const screen = await rollupOf(b, link.token)
    expect(screen.boards.map((board) => board.boardId)).toEqual([second.id])
    expect(wan([screen.totals.totalInvestmentWan])).toBe(wan(['200.1']))
    expect((await requestJson(b, '/api/rollups', { token: null })).status).toBe(401)
  })
})
