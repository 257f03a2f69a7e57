import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { checkSchema } from '@guatu/server/validation/schemaCheck'
import { analyzeUpdate } from '../helpers/updateEffects.ts'

/** A server document with two projects and a client that has synced it. */
function setup() {
  const server = new Y.Doc()
  const first = createProject(server, { name: '华能高性能纤维项目', unit: '工信局', totalInvestment: '57800' as never })
  const second = createProject(server, { name: '城东污水处理厂', unit: '住建局' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, first, second }
}

/** Runs `change` on the client and returns the update it produced. */
function captureUpdate(client: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => updates.push(update)
  client.on('update', capture)
  change()
  client.off('update', capture)
  return Y.mergeUpdates(updates)
}

/** The update's items (all of one client) re-encoded after `forge` changed them; its deletions are left out. */
function forgeUpdate(update: Uint8Array, forge: (items: Y.Item[]) => void): Uint8Array {
  const items = Y.decodeUpdate(update).structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
  const [first] = items
  if (!first || items.some((item) => item.id.client !== first.id.client)) throw new Error('forgeUpdate takes the items of one client')
  forge(items)
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, items.length)
  encoder.writeClient(first.id.client)
  encoding.writeVarUint(encoder.restEncoder, first.id.clock)
  for (const item of items) item.write(encoder, 0)
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** What the server would answer: undefined when accepted (and then applies it), or the reason. */
function judge(server: Y.Doc, update: Uint8Array): string | undefined {
  const analysis = analyzeUpdate(server, update)
  const reason = analysis.ok ? checkSchema(server, analysis.effects) : analysis.reason
  if (reason === undefined) Y.applyUpdate(server, update)
  return reason
}

describe('server-side update validation', () => {
  it('accepts a card move and the server then holds the new stage', () => {
    const { server, client, first } = setup()
    const update = captureUpdate(client, () => moveProject(client, first, { stage: 'started' }, { today: '2022-05-01' as never }))
    expect(judge(server, update)).toBeUndefined()
    expect(readProject(server, first)?.stage).toBe('started')
    expect(readProject(server, first)?.actualStartDate).toBe('2022-05-01')
  })

  it('accepts a new project created through the shared command', () => {
    const { server, client } = setup()
    let id = '' as ProjectId
    const update = captureUpdate(client, () => (id = createProject(client, { name: '新材料产业园', unit: '经开区管委会' })))
    expect(judge(server, update)).toBeUndefined()
    expect(readProject(server, id)?.name).toBe('新材料产业园')
  })

  it('accepts offline edits that overwrite their own earlier values in the same update', () => {
    const { server, client, first } = setup()
    const update = captureUpdate(client, () => {
      for (const note of ['地基完成', '主体封顶', '设备进场']) updateProject(client, first, { progressNote: note })
    })
    expect(judge(server, update)).toBeUndefined()
    expect(readProject(server, first)?.progressNote).toBe('设备进场')
  })

  it('holds back, as missing history, a deletion of data the server has not received yet', () => {
    const { server, client, first } = setup()
    // Another client wrote a value the server has not got yet; this client learnt of it, then deleted the project.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client))
    const unseen = captureUpdate(other, () => updateProject(other, first, { progressNote: '未同步的进展' }))
    Y.applyUpdate(client, unseen)
    const update = captureUpdate(client, () => deleteProject(client, first))
    expect(analyzeUpdate(server, update)).toMatchObject({ ok: false, gap: true })
    expect(readProject(server, first)?.name).toBe('华能高性能纤维项目')
    // Once the missing value has arrived, the same deletion is an ordinary one.
    expect(judge(server, unseen)).toBeUndefined()
    const analysis = analyzeUpdate(server, update)
    expect(analysis.ok && analysis.effects).toContainEqual(expect.objectContaining({ kind: 'deleteRecord', id: first }))
  })

  it('holds back, as missing history, a value written next to one the server has not received yet', () => {
    const { server, client, first } = setup()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client))
    Y.applyUpdate(
      client,
      captureUpdate(other, () => updateProject(other, first, { progressNote: '未同步的进展' })),
    )
    const update = captureUpdate(client, () => updateProject(client, first, { progressNote: '覆盖的进展' }))
    expect(analyzeUpdate(server, update)).toMatchObject({ ok: false, gap: true })
  })

  it('refuses a replayed change whose item now names a neighbour that does not exist, and parks nothing', () => {
    const { server, client, first } = setup()
    const move = captureUpdate(client, () => moveProject(client, first, { stage: 'signed' }))
    expect(judge(server, move)).toBeUndefined()
    const forged = forgeUpdate(move, ([item]) => (item!.origin = Y.createID(424_242, 7)))
    expect(judge(server, forged)).toBe('数据更新与服务器上的已有数据不一致')
    expect(server.store.pendingStructs).toBeNull()
  })

  it('holds back, as missing history, a value placed before an item the server has not received', () => {
    const { server, client, first } = setup()
    const edit = captureUpdate(client, () => updateProject(client, first, { progressNote: '主体封顶' }))
    const forged = forgeUpdate(edit, ([item]) => (item!.rightOrigin = Y.createID(424_242, 0)))
    expect(analyzeUpdate(server, forged)).toMatchObject({ ok: false, gap: true })
    expect(server.store.pendingStructs).toBeNull()
  })

  it('refuses an item placed next to a later item of its own sender', () => {
    const { server, client, first } = setup()
    const edit = captureUpdate(client, () => updateProject(client, first, { progressNote: '主体封顶', owner: '沈梅' }))
    const forged = forgeUpdate(edit, ([item]) => (item!.origin = Y.createID(item!.id.client, item!.id.clock + 1)))
    expect(judge(server, forged)).toBe('数据项引用了它之后才写入的数据')
  })

  it('rejects an unknown stage with a Chinese reason and leaves the server unchanged', () => {
    const { server, client, first } = setup()
    const update = captureUpdate(client, () => projectsRoot(client).get(first)!.set('stage', 'bogus'))
    expect(judge(server, update)).toBe('当前阶段须为谋划、签约、开工或投产')
    expect(readProject(server, first)?.stage).toBe('planning')
  })

  it('rejects negative and non-numeric money', () => {
    const { server, client, first } = setup()
    const negative = captureUpdate(client, () => projectsRoot(client).get(first)!.set('totalInvestment', '-5'))
    expect(judge(server, negative)).toContain('总投资须为不小于0的金额')
    const fresh = setup()
    const words = captureUpdate(fresh.client, () => projectsRoot(fresh.client).get(fresh.first)!.set('completedInvestment', 12))
    expect(judge(fresh.server, words)).toContain('已完成投资须为不小于0的金额')
  })

  it('rejects malformed dates and unknown fields', () => {
    const { server, client, first } = setup()
    const badDate = captureUpdate(client, () => projectsRoot(client).get(first)!.set('plannedStartDate', '2022-02-30'))
    expect(judge(server, badDate)).toContain('计划开工时间须为有效日期')
    const fresh = setup()
    const unknown = captureUpdate(fresh.client, () => projectsRoot(fresh.client).get(fresh.first)!.set('hacked', true))
    expect(judge(fresh.server, unknown)).toBe('未知字段：hacked')
  })

  it('rejects a second copy of an existing project id', () => {
    const { server, client, first } = setup()
    const update = captureUpdate(client, () => {
      const copy = new Y.Map<unknown>()
      projectsRoot(client).set(first, copy)
      copy.set('name', '冒名项目')
    })
    expect(judge(server, update)).toBe(`项目编号重复：${first}`)
    expect(readProject(server, first)?.name).toBe('华能高性能纤维项目')
  })

  it('rejects a new project that lacks required fields', () => {
    const { server, client } = setup()
    const update = captureUpdate(client, () => {
      const bare = new Y.Map<unknown>()
      projectsRoot(client).set('p_incomplete01', bare)
      bare.set('name', '只有名字')
    })
    expect(judge(server, update)).toMatch(/^新项目缺少必填字段/)
    expect(projectsRoot(server).has('p_incomplete01')).toBe(false)
  })

  it('rejects deleting a required field but allows clearing an optional date', () => {
    const { server, client, first } = setup()
    const dropName = captureUpdate(client, () => projectsRoot(client).get(first)!.delete('name'))
    expect(judge(server, dropName)).toBe('必填字段不能删除：name')

    const fresh = setup()
    const setDate = captureUpdate(fresh.client, () => updateProject(fresh.client, fresh.first, { plannedSignDate: '2022-06-30' as never }))
    expect(judge(fresh.server, setDate)).toBeUndefined()
    const clearDate = captureUpdate(fresh.client, () => updateProject(fresh.client, fresh.first, { plannedSignDate: undefined }))
    expect(judge(fresh.server, clearDate)).toBeUndefined()
    expect(readProject(fresh.server, fresh.first)?.plannedSignDate).toBeUndefined()
  })

  it('accepts deleting a whole project', () => {
    const { server, client, second } = setup()
    const update = captureUpdate(client, () => deleteProject(client, second))
    expect(judge(server, update)).toBeUndefined()
    expect(readProject(server, second)).toBeUndefined()
  })

  it('rejects nested structures, other roots and list-style writes', () => {
    const nested = setup()
    const nestedUpdate = captureUpdate(nested.client, () => projectsRoot(nested.client).get(nested.first)!.set('name', new Y.Map()))
    expect(judge(nested.server, nestedUpdate)).toBe('字段不能嵌套其他结构')

    const otherRoot = setup()
    const rootUpdate = captureUpdate(otherRoot.client, () => otherRoot.client.getMap('secrets').set('x', 1))
    expect(judge(otherRoot.server, rootUpdate)).toBe('未知的数据根：secrets')

    const list = setup()
    const listUpdate = captureUpdate(list.client, () => list.client.getArray('projects').insert(0, ['x']))
    expect(judge(list.server, listUpdate)).toBe('看板数据只能按键写入，不能写成列表')
  })

  it('rejects an update that skips part of its sender history', () => {
    const { server, client, first } = setup()
    captureUpdate(client, () => updateProject(client, first, { owner: '沈梅' })) // never sent
    const later = captureUpdate(client, () => updateProject(client, first, { phone: '13800004779' }))
    expect(judge(server, later)).toBe('数据更新不连续，请刷新后重试')
    expect(readProject(server, first)?.phone).toBe('')
  })

  it('rejects bytes that are not a Yjs update', () => {
    const { server } = setup()
    expect(judge(server, new Uint8Array([255, 1, 2, 3, 4]))).toBeTypeOf('string')
  })

  it('accepts an offline session of several edits to one field sent as one update', () => {
    const { server, client, first } = setup()
    const update = captureUpdate(client, () => {
      for (const progress of ['土建施工', '主体封顶', '设备安装调试中']) updateProject(client, first, { progressNote: progress })
      moveProject(client, first, { stage: 'signed' })
      moveProject(client, first, { stage: 'started' })
    })
    expect(judge(server, update)).toBeUndefined()
    expect(readProject(server, first)).toMatchObject({ progressNote: '设备安装调试中', stage: 'started' })
  })

  it('accepts an edit to a project another client deleted meanwhile, without bringing it back', () => {
    const { server, client, second } = setup()
    const edit = captureUpdate(client, () => updateProject(client, second, { owner: '赵霞' }))
    deleteProject(server, second)
    expect(judge(server, edit)).toBeUndefined()
    expect(readProject(server, second)).toBeUndefined()
  })

  it('accepts a client re-sending an edit it already saw lose to a concurrent one, and keeps the winner', () => {
    const server = new Y.Doc()
    const id = createProject(server, { name: '华能高性能纤维项目', unit: '工信局' })
    const loser = new Y.Doc()
    const winner = new Y.Doc()
    // Concurrent map writes: the higher client id wins on every peer.
    loser.clientID = 1
    winner.clientID = 2
    Y.applyUpdate(loser, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(winner, Y.encodeStateAsUpdate(server))
    moveProject(loser, id, { stage: 'planning' }) // a new rank, never received by the server (it crashed)
    const winning = captureUpdate(winner, () => moveProject(winner, id, { stage: 'planning' }))
    expect(judge(server, winning)).toBeUndefined()
    Y.applyUpdate(loser, winning)
    const resent = Y.encodeStateAsUpdate(loser, Y.encodeStateVector(server))
    expect(judge(server, resent)).toBeUndefined()
    expect(readProject(server, id)?.rank).toBe(readProject(winner, id)?.rank)
    expect(readProject(loser, id)?.rank).toBe(readProject(winner, id)?.rank)
  })
})
