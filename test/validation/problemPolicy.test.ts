import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { createProject, deleteProject } from '@guatu/shared/board/projectCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import type { Principal } from '@guatu/shared/domain/principal'
import { auditSummary } from '@guatu/server/audit/auditRecord'
import { describeChanges } from '@guatu/server/audit/describeChanges'
import { checkPermissions } from '@guatu/server/validation/rolePolicy'
import { checkSchema } from '@guatu/server/validation/schemaCheck'
import { analyzeUpdate } from '../helpers/updateEffects.ts'

const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gongxinju', displayName: '工信局联络员', role: 'editor', units: ['工信局'] }
const zhujian: Principal = { kind: 'user', userId: 'u_zj', username: 'zhujianju', displayName: '住建局联络员', role: 'editor', units: ['住建局'] }
const admin: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }

const landProblem = { category: 'land' as const, description: '用地指标尚未落实', leadUnit: '自然资源局' }

function setup() {
  const server = new Y.Doc()
  const own = createProject(server, { name: '华能高性能纤维项目', unit: '工信局' })
  const foreign = createProject(server, { name: '城东污水处理厂', unit: '住建局' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, own, foreign }
}

/** The server's verdict on what `change` does on the client, for `principal`; applies it when accepted. */
function verdict(server: Y.Doc, client: Y.Doc, principal: Principal, change: () => void): string | undefined {
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => updates.push(update)
  client.on('update', capture)
  change()
  client.off('update', capture)
  const update = Y.mergeUpdates(updates)
  const analysis = analyzeUpdate(server, update)
  if (!analysis.ok) return analysis.reason
  const reason = checkPermissions(server, principal, analysis.effects) ?? checkSchema(server, analysis.effects)
  if (reason === undefined) Y.applyUpdate(server, update)
  return reason
}

describe('problems (存在问题) on the server', () => {
  it('lets a department raise and solve a problem on its own project, in its own name', () => {
    const { server, client, own } = setup()
    let id = ''
    expect(verdict(server, client, gongxin, () => (id = raiseProblem(client, own, landProblem, gongxin)))).toBeUndefined()
    expect(verdict(server, client, gongxin, () => solveProblem(client, id as never, gongxin))).toBeUndefined()
    expect(listProblems(server)).toMatchObject([{ status: 'solved', raisedByLabel: '工信局联络员（工信局）', solvedById: 'u_gx' }])
  })

  it("refuses a department raising a problem on another unit's project", () => {
    const { server, client, foreign } = setup()
    expect(verdict(server, client, gongxin, () => raiseProblem(client, foreign, landProblem, gongxin))).toMatch(/^只能修改本单位的项目/)
  })

  it("refuses a problem raised in someone else's name", () => {
    const { server, client, own } = setup()
    expect(verdict(server, client, gongxin, () => raiseProblem(client, own, landProblem, admin))).toBe('只能以自己的名义提出或解决问题')
  })

  it('refuses a problem on a project that does not exist, and moving a problem to another project', () => {
    const { server, client, own, foreign } = setup()
    expect(verdict(server, client, admin, () => raiseProblem(client, 'p_missing_project' as never, landProblem, admin))).toBe(
      '问题所属项目不存在：p_missing_project',
    )
    const fresh = setup()
    let id = ''
    verdict(fresh.server, fresh.client, admin, () => (id = raiseProblem(fresh.client, fresh.own, landProblem, admin)))
    expect(
      verdict(fresh.server, fresh.client, admin, () => collectionRoot(fresh.client, RecordCollection.problems).get(id)!.set('projectId', fresh.foreign)),
    ).toBe('问题所属项目不能更改')
    expect(own).not.toBe(foreign)
  })

  it('refuses an unknown category with the list of categories', () => {
    const { server, client, own } = setup()
    expect(() => raiseProblem(client, own, { ...landProblem, category: 'weather' as never }, admin)).toThrow('问题类别须为')
    const bad = verdict(server, client, admin, () => {
      const map = new Y.Map<unknown>()
      collectionRoot(client, RecordCollection.problems).set('q_badcategory1', map)
      for (const [field, value] of Object.entries({
        projectId: own,
        category: 'weather',
        description: '天气',
        leadUnit: '',
        status: 'open',
        raisedById: 'u_admin',
        raisedByLabel: '项目办',
        raisedAt: '2022-03-15T06:00:00.000Z',
      }))
        map.set(field, value)
    })
    expect(bad).toBe('问题类别须为土地、环评、规划、资金、审批手续、征地拆迁、水电路配套或其他')
  })

  it('keeps a readable history of raising and solving', () => {
    const { server, client, own } = setup()
    const updates: Uint8Array[] = []
    client.on('update', (update: Uint8Array) => updates.push(update))
    const id = raiseProblem(client, own, landProblem, gongxin)
    const raise = Y.mergeUpdates(updates.splice(0))
    const raiseEffects = analyzeUpdate(server, raise)
    if (!raiseEffects.ok) throw new Error(raiseEffects.reason)
    expect(describeChanges(server, raiseEffects.effects).map(auditSummary)).toEqual(['提出问题：用地指标尚未落实'])
    Y.applyUpdate(server, raise)
    solveProblem(client, id, gongxin)
    const solveEffects = analyzeUpdate(server, Y.mergeUpdates(updates.splice(0)))
    if (!solveEffects.ok) throw new Error(solveEffects.reason)
    expect(describeChanges(server, solveEffects.effects).map(auditSummary)).toEqual(['问题已解决：用地指标尚未落实'])
  })

  it('deleting a project takes its problems with it, and only the project office may', () => {
    const { server, client, own } = setup()
    verdict(server, client, gongxin, () => raiseProblem(client, own, landProblem, gongxin))
    expect(verdict(server, client, zhujian, () => deleteProject(client, own))).toBe('只有项目办可以删除项目')
    const fresh = setup()
    verdict(fresh.server, fresh.client, gongxin, () => raiseProblem(fresh.client, fresh.own, landProblem, gongxin))
    expect(verdict(fresh.server, fresh.client, admin, () => deleteProject(fresh.client, fresh.own))).toBeUndefined()
    expect(listProblems(fresh.server)).toEqual([])
  })
})
