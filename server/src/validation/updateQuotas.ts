import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import type { UpdateEffect } from './updateEffects.ts'

/** A department's update is a few edits; a whole offline day is kilobytes. Imports are the office's. */
export const MAX_DEPARTMENT_UPDATE_BYTES = 2 * 1024 * 1024
/** Records (projects, problems) a department may create in one update. */
export const MAX_DEPARTMENT_CREATIONS_PER_UPDATE = 50
/** … and in one minute, across its updates and connections. */
export const MAX_DEPARTMENT_CREATIONS_PER_MINUTE = 100
/**
 * Projects on one board, for everyone. Far above any county's list (a few hundred), and it keeps
 * board sums exact: 20,000 projects at the 10,000 亿元 ceiling stay below 2^53 hundredths of 万元.
 */
export const MAX_BOARD_PROJECTS = 20_000

const MINUTE_MS = 60_000

/**
 * Limits that stop one account from flooding a board (13.9 MB creating 4,000 projects in one
 * message): per update and per minute for departments, and a ceiling for the board.
 */
export class UpdateQuotas {
  /** Creation times per principal within the last minute. */
  private readonly recent = new Map<string, number[]>()

  checkMessage(office: boolean, bytes: number): string | undefined {
    if (office || bytes <= MAX_DEPARTMENT_UPDATE_BYTES) return undefined
    return `单次修改的数据过大（超过 ${MAX_DEPARTMENT_UPDATE_BYTES / 1024 / 1024} MB），请分批提交`
  }

  checkCreations(doc: Y.Doc, principalId: string, office: boolean, effects: readonly UpdateEffect[], nowMs: number): string | undefined {
    const creations = effects.filter((effect) => effect.kind === 'createRecord')
    const newProjects = creations.filter((effect) => effect.collection === RecordCollection.projects).length
    const deletedProjects = effects.filter((effect) => effect.kind === 'deleteRecord' && effect.collection === RecordCollection.projects).length
    // Y.Map's size walks every entry: asked only when the update adds projects.
    if (newProjects > 0 && collectionRoot(doc, RecordCollection.projects).size + newProjects - deletedProjects > MAX_BOARD_PROJECTS) {
      return `看板项目数不能超过 ${MAX_BOARD_PROJECTS} 个`
    }
    if (office || creations.length === 0) return undefined
    if (creations.length > MAX_DEPARTMENT_CREATIONS_PER_UPDATE) {
      return `一次最多新建 ${MAX_DEPARTMENT_CREATIONS_PER_UPDATE} 条记录，如需批量录入请联系项目办导入台账`
    }
    if (this.inLastMinute(principalId, nowMs).length + creations.length > MAX_DEPARTMENT_CREATIONS_PER_MINUTE) {
      return `新建过于频繁（每分钟最多 ${MAX_DEPARTMENT_CREATIONS_PER_MINUTE} 条），请稍后再试`
    }
    return undefined
  }

  recordCreations(principalId: string, effects: readonly UpdateEffect[], nowMs: number): void {
    const count = effects.filter((effect) => effect.kind === 'createRecord').length
    if (count === 0) return
    const times = this.inLastMinute(principalId, nowMs)
    for (let i = 0; i < count; i++) times.push(nowMs)
    this.recent.set(principalId, times)
  }

  private inLastMinute(principalId: string, nowMs: number): number[] {
    const times = (this.recent.get(principalId) ?? []).filter((at) => nowMs - at < MINUTE_MS)
    this.recent.set(principalId, times)
    return times
  }
}
