import type * as Y from 'yjs'
import { readProject } from '@guatu/shared/board/projectQueries'
import { canDeleteProject, canEditProjectOfUnit, canWrite, editRefusal } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { UpdateEffect } from './updateEffects.ts'

/**
 * Checks the effects of an update against what the connection's principal may do, project by
 * project and field by field. Returns the reason, in Chinese, for the first thing it may not do.
 */
export function checkPermissions(doc: Y.Doc, principal: Principal, effects: readonly UpdateEffect[]): string | undefined {
  if (effects.length === 0) return undefined
  if (!canWrite(principal)) return editRefusal(principal, '')
  const created = new Set(effects.filter((effect) => effect.kind === 'createProject').map((effect) => effect.projectId))
  for (const effect of effects) {
    switch (effect.kind) {
      case 'createProject': {
        const unit = effects.find((other) => other.kind === 'setField' && other.projectId === effect.projectId && other.field === 'unit')
        const unitName = unit?.kind === 'setField' && typeof unit.value === 'string' ? unit.value : ''
        if (!canEditProjectOfUnit(principal, unitName)) return `不能为其他单位新建项目：${editRefusal(principal, unitName)}`
        break
      }
      case 'deleteProject':
        if (!canDeleteProject(principal)) return '只有项目办可以删除项目'
        break
      case 'setField':
      case 'clearField': {
        if (!created.has(effect.projectId)) {
          // Who may touch a project is decided by its unit before this update, not by what the update claims.
          const project = readProject(doc, effect.projectId as ProjectId)
          if (project && !canEditProjectOfUnit(principal, project.unit)) return editRefusal(principal, project.unit)
        }
        if (effect.kind === 'setField' && effect.field === 'unit' && typeof effect.value === 'string' && !canEditProjectOfUnit(principal, effect.value)) {
          return `不能把项目转给其他单位「${effect.value}」`
        }
        break
      }
    }
  }
  return undefined
}
