import type * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import type { UpdateEffect } from '../validation/updateEffects.ts'
import { AuditAction, type AuditChange } from './auditRecord.ts'

/**
 * Turns the effects of an accepted update into history entries, reading old values from the
 * document before the update is applied. A new project is one entry, not one per field; a rank
 * change that comes with a stage change is part of the move.
 */
export function describeChanges(doc: Y.Doc, effects: readonly UpdateEffect[]): AuditChange[] {
  const projects = projectsRoot(doc)
  const created = new Set(effects.filter((effect) => effect.kind === 'createProject').map((effect) => effect.projectId))
  const movedStage = new Set(
    effects.filter((effect) => effect.kind === 'setField' && effect.field === 'stage').map((effect) => effect.projectId),
  )
  const changes: AuditChange[] = []
  for (const effect of effects) {
    const current = projects.get(effect.projectId)
    switch (effect.kind) {
      case 'createProject': {
        const name = effects.find((other) => other.kind === 'setField' && other.projectId === effect.projectId && other.field === 'name')
        changes.push({ projectId: effect.projectId, action: AuditAction.create, field: null, from: null, to: name?.kind === 'setField' ? name.value : null })
        break
      }
      case 'deleteProject':
        if (current) changes.push({ projectId: effect.projectId, action: AuditAction.delete, field: null, from: current.get('name') ?? null, to: null })
        break
      case 'setField':
      case 'clearField': {
        if (created.has(effect.projectId) || !current) break
        const from = current.get(effect.field) ?? null
        const to = effect.kind === 'setField' ? effect.value : null
        if (JSON.stringify(from) === JSON.stringify(to)) break
        if (effect.field === 'rank') {
          if (!movedStage.has(effect.projectId)) changes.push({ projectId: effect.projectId, action: AuditAction.reorder, field: 'rank', from, to })
          break
        }
        const action = effect.field === 'stage' ? AuditAction.move : AuditAction.edit
        changes.push({ projectId: effect.projectId, action, field: effect.field, from, to })
        break
      }
    }
  }
  return changes
}
