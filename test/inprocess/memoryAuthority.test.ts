import { describe, expect, test } from 'vitest'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { MemorySyncHarness } from '../helpers/memorySync.ts'
import { fuzzSeed, withSeed } from '../helpers/prng.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'

const CHINESE = /[\u4e00-\u9fff]/

/**
 * The authority holds whatever order messages arrive in: a read-only principal's and another
 * department's writes, interleaved with an editor's allowed ones by the seeded scheduler, are
 * refused with a Chinese reason, reach no other client and are not stored.
 */
describe('the server judges every update whatever the delivery order (in-memory sockets)', () => {
  test.each([fuzzSeed(17), 18, 19])(
    'seed %i: a leader, a screen link and another department write while an editor works; only the editor’s changes are kept, everywhere',
    async (seed) => {
      await withSeed(seed, async (rng) => {
        const server = await startInProcessServer()
        const board = await createBoard(server, '权限与投递顺序')
        const harness = new MemorySyncHarness(server.listening.assembled, rng)
        const admin = harness.connectClient(board.id, server.adminToken, 'admin')
        await harness.deliverAll()
        const own = createProject(admin.doc, { name: '工信局锂电材料项目', stage: 'planning', unit: '工信局' })
        const other = createProject(admin.doc, { name: '商务局冷链物流园', stage: 'planning', unit: '商务局' })
        await harness.deliverAll()

        const editor = await createAccount(server, { username: 'gxj_li', password: 'gongxin-pass-2025', role: Role.editor, units: ['工信局'] })
        const leader = await createAccount(server, { username: 'ld_wang', password: 'leader-pass-2025', role: Role.viewer, units: [] })
        const screen = await createScreenLink(server, board.id)
        const writer = harness.connectClient(board.id, editor.token, 'editor')
        const reader = harness.connectClient(board.id, leader.token, 'leader')
        const wall = harness.connectClient(board.id, screen.token, 'screen')
        // The same editor in a second tab, writing outside their department: a refused client's
        // later updates depend on its refused one, so allowed and refused writes use separate docs.
        const stray = harness.connectClient(board.id, editor.token, 'editor-tab2')
        await harness.deliverAll()

        for (let round = 0; round < 12; round++) {
          updateProject(writer.doc, own, { progressNote: `第${round}轮：设备安装` })
          moveProject(reader.doc, own, { stage: 'started' })
          updateProject(wall.doc, own, { progressNote: '大屏不应写入' })
          updateProject(stray.doc, other, { progressNote: '跨部门写入' })
          await harness.deliverSome(rng.int(8))
        }
        await harness.deliverAll()

        expect(writer.deniedReasons).toEqual([])
        for (const refused of [reader, wall, stray]) {
          expect(refused.deniedReasons.length, `${refused.name} is told its write was refused`).toBeGreaterThan(0)
          expect(refused.deniedReasons.every((reason) => CHINESE.test(reason))).toBe(true)
        }
        const note = readProject(admin.doc, own)?.progressNote
        expect(note).toBe('第11轮：设备安装')
        expect(readProject(admin.doc, own)?.stage).toBe('planning')
        expect(readProject(admin.doc, other)?.progressNote).toBe('')
        expect(readProject(writer.doc, own)?.stage, 'the leader’s move reached no other client').toBe('planning')
        expect(readProject(writer.doc, other)?.progressNote, 'the stray write reached no other client').toBe('')
        const stored = await fetchBoard(server, board.id)
        expect(stored.projects.find((p) => p.id === own)).toMatchObject({ stage: 'planning', progressNote: '第11轮：设备安装' })
        expect(stored.projects.find((p) => p.id === other)?.progressNote).toBe('')
        expect(listProjects(admin.doc)).toHaveLength(2)
        await harness.closeAll()
      })
    },
  )
})
