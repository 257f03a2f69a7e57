import { AuditAction } from '@guatu/shared/domain/auditAction'
import { STAGES, isStage, type Stage } from '@guatu/shared/domain/stage'
import type { HistoryEntry } from '../api/historyApi.ts'

/**
 * A move to an earlier stage in the pipeline (开工 → 签约): a wrong move put right, or a stalled
 * project sent back. Decided on stage ids in pipeline order, never on the Chinese labels.
 */
export function isBackwardMove(entry: Pick<HistoryEntry, 'action' | 'from' | 'to'>): boolean {
  if (entry.action !== AuditAction.move || !isStage(entry.from) || !isStage(entry.to)) return false
  return stageIndex(entry.to) < stageIndex(entry.from)
}

function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage)
}
