import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { Principal } from '@guatu/shared/domain/principal'
import { describeChanges } from '@guatu/server/audit/describeChanges'
import { auditSummary } from '@guatu/server/audit/auditRecord'
import { checkPermissions } from '@guatu/server/validation/rolePolicy'
import { analyzeUpdate } from '../helpers/updateEffects.ts'

const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gongxinju', displayName: '工信局联络员', role: 'editor', units: ['工信局'] }
const admin: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const leader: Principal = { kind: 'user', userId: 'u_ld', username: 'lingdao', displayName: '区长', role: 'viewer', units: [] }
const screen: Principal = { kind: 'screen', linkId: 'scr_1', boardId: 'demo', name: '会议室大屏' }

function setup() {
  const server = new Y.Doc()
  const own = createProject(server, { name: '华能高性能纤维项目', unit: '工信局' })
  const foreign = createProject(server, { name: '城东污水处理厂', unit: '住建局' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, own, foreign }
}

function effectsOf(server: Y.Doc, client: Y.Doc, change: () => void) {
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => updates.push(update)
  client.on('update', capture)
  change()
  client.off('update', capture)
  const analysis = analyzeUpdate(server, Y.mergeUpdates(updates))
  if (!analysis.ok) throw new Error(analysis.reason)
  return analysis.effects
}

describe('role policy on decoded updates', () => {
  it('lets a department editor move and edit its own project', () => {
    const { server, client, own } = setup()
    const effects = effectsOf(server, client, () => {
      moveProject(client, own, { stage: 'started' })
      updateProject(client, own, { progressNote: '主体施工' })
    })
    expect(checkPermissions(server, gongxin, effects)).toBeUndefined()
  })

  it("refuses a department editor touching another unit's project, naming both units", () => {
    const { server, client, foreign } = setup()
    const effects = effectsOf(server, client, () => moveProject(client, foreign, { stage: 'started' }))
    expect(checkPermissions(server, gongxin, effects)).toBe('只能修改本单位的项目，「住建局」的项目不属于您的单位（工信局）')
  })

  it("refuses an editor who rewrites another unit's project as its own", () => {
    const { server, client, foreign } = setup()
    const effects = effectsOf(server, client, () => projectsRoot(client).get(foreign)!.set('unit', '工信局'))
    expect(checkPermissions(server, gongxin, effects)).toMatch(/^只能修改本单位的项目/)
  })

  it('refuses an editor handing its project to another unit', () => {
    const { server, client, own } = setup()
    const effects = effectsOf(server, client, () => updateProject(client, own, { unit: '商务局' }))
    expect(checkPermissions(server, gongxin, effects)).toBe('不能把项目转给其他单位「商务局」')
  })

  it('lets an editor create projects for its own unit only', () => {
    const ownNew = setup()
    const allowed = effectsOf(ownNew.server, ownNew.client, () => createProject(ownNew.client, { name: '新项目', unit: '工信局' }))
    expect(checkPermissions(ownNew.server, gongxin, allowed)).toBeUndefined()
    const foreignNew = setup()
    const refused = effectsOf(foreignNew.server, foreignNew.client, () => createProject(foreignNew.client, { name: '新项目', unit: '商务局' }))
    expect(checkPermissions(foreignNew.server, gongxin, refused)).toMatch(/^不能为其他单位新建项目/)
  })

  it('leaves deleting projects to the project office', () => {
    const { server, client, own } = setup()
    const effects = effectsOf(server, client, () => deleteProject(client, own))
    expect(checkPermissions(server, gongxin, effects)).toBe('只有项目办可以删除项目')
    expect(checkPermissions(server, admin, effects)).toBeUndefined()
  })

  it('refuses every write from a leader and from a screen link, and allows them an empty update', () => {
    const { server, client, own } = setup()
    const effects = effectsOf(server, client, () => updateProject(client, own, { owner: '沈梅' }))
    expect(checkPermissions(server, leader, effects)).toBe('领导账号只能查看，不能修改')
    expect(checkPermissions(server, screen, effects)).toBe('大屏链接只能查看，不能修改')
    expect(checkPermissions(server, leader, [])).toBeUndefined()
  })

  it('describes a move and an edit as history entries with readable summaries', () => {
    const { server, client, own } = setup()
    const effects = effectsOf(server, client, () => {
      moveProject(client, own, { stage: 'started' }, { today: '2022-05-01' as never })
      updateProject(client, own, { totalInvestment: '60000' as never })
    })
    const summaries = describeChanges(server, effects).map(auditSummary)
    expect(summaries).toEqual(expect.arrayContaining(['移动：谋划 → 开工', '修改 实际开工时间：（空） → 2022年5月1日', '修改 总投资：0万元 → 6.00亿元']))
    expect(summaries).toHaveLength(3)
  })
})
