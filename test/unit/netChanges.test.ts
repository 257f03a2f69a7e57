import { describe, expect, it } from 'vitest'
import { AuditAction, type StoredAuditEntry } from '@guatu/server/audit/auditRecord'
import { netChanges } from '@guatu/server/meetings/netChanges'

let nextId = 1
function entry(at: string, projectId: string, action: StoredAuditEntry['action'], field: string | null, from: unknown, to: unknown): StoredAuditEntry {
  return { id: nextId++, at: `2022-08-22T02:${at}Z`, actorId: 'u1', actorLabel: '工信局刘科长', projectId, recordId: null, action, field, from, to }
}
const nameOf = (id: string, fallback?: unknown) => (typeof fallback === 'string' ? fallback : `项目${id}`)

describe('net changes over a meeting', () => {
  it('fold a typo and its correction into one edit and drop a value put back', () => {
    const changes = netChanges(
      [
        entry('00:01.000', 'a', AuditAction.edit, 'completedInvestment', '2033', '203300'),
        entry('00:02.000', 'a', AuditAction.edit, 'completedInvestment', '203300', '2500'),
        entry('00:03.000', 'a', AuditAction.edit, 'progressNote', '主体施工', '主体封顶'),
        entry('00:04.000', 'a', AuditAction.edit, 'progressNote', '主体封顶', '主体施工'),
      ],
      nameOf,
    )
    expect(changes.map((change) => [change.summary, change.foldedEntries])).toEqual([['已完成投资：2033万元 → 2500万元', 3]])
  })

  it('drop a move and its undo together with the date the move stamped, and keep a net move with its date', () => {
    const changes = netChanges(
      [
        entry('00:01.000', 'a', AuditAction.move, 'stage', 'planning', 'signed'),
        entry('00:01.000', 'a', AuditAction.edit, 'actualSignDate', null, '2022-08-22'),
        entry('00:02.000', 'a', AuditAction.move, 'stage', 'signed', 'planning'),
        entry('00:02.000', 'a', AuditAction.edit, 'actualSignDate', '2022-08-22', null),
        entry('00:03.000', 'b', AuditAction.move, 'stage', 'signed', 'started'),
        entry('00:03.000', 'b', AuditAction.edit, 'actualStartDate', null, '2022-08-22'),
      ],
      nameOf,
    )
    expect(changes.map((change) => [change.projectId, change.summary, change.move?.back])).toEqual([
      ['b', '阶段：签约 → 开工（实际开工时间2022年8月22日）', false],
    ])
  })

  it('mark a net move to an earlier stage as 退回, and show a date corrected by hand as an edit of its own', () => {
    const changes = netChanges(
      [
        entry('00:01.000', 'c', AuditAction.move, 'stage', 'started', 'signed'),
        entry('00:02.000', 'c', AuditAction.edit, 'actualSignDate', '2022-03-01', '2022-02-15'),
      ],
      nameOf,
    )
    expect(changes.map((change) => [change.summary, change.move?.back])).toEqual([['退回：开工 → 签约；实际签约时间：2022年3月1日 → 2022年2月15日', true]])
  })

  it('leave no line for a project created and deleted within the meeting, and name a deleted one', () => {
    const changes = netChanges(
      [
        entry('00:01.000', 'd', AuditAction.create, null, null, '临时项目'),
        entry('00:02.000', 'd', AuditAction.delete, null, '临时项目', null),
        entry('00:03.000', 'e', AuditAction.edit, 'name', '旧名', '新名'),
        entry('00:04.000', 'e', AuditAction.delete, null, '新名', null),
      ],
      nameOf,
    )
    expect(changes.map((change) => [change.projectName, change.kind, change.summary])).toEqual([['新名', 'deleted', '删除项目']])
  })
})
