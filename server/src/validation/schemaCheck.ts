import type * as Y from 'yjs'
import { hasProject } from '@guatu/shared/board/projectQueries'
import {
  OPTIONAL_PROJECT_FIELDS,
  PROJECT_FIELDS,
  checkProjectField,
  isOptionalProjectField,
  isProjectField,
  isProjectId,
  type ProjectId,
} from '@guatu/shared/domain/project'
import type { UpdateEffect } from './updateEffects.ts'

const REQUIRED_FIELDS = PROJECT_FIELDS.filter((field) => !(OPTIONAL_PROJECT_FIELDS as readonly string[]).includes(field))

/**
 * Checks the effects of an update against the board schema: known fields, valid values, no
 * second copy of a project id, no project without its required fields. Returns the reason in
 * Chinese when the update must be rejected.
 */
export function checkSchema(doc: Y.Doc, effects: readonly UpdateEffect[]): string | undefined {
  const created = new Set<string>()
  const fieldsWritten = new Map<string, Set<string>>()
  // Deleting a project deletes its field values too; those deletions are part of the removal.
  const deleted = new Set(effects.filter((effect) => effect.kind === 'deleteProject').map((effect) => effect.projectId))
  for (const effect of effects) {
    if (!isProjectId(effect.projectId)) return `项目编号格式无效：${effect.projectId.slice(0, 64)}`
    switch (effect.kind) {
      case 'createProject':
        if (hasProject(doc, effect.projectId as ProjectId) || created.has(effect.projectId)) {
          return `项目编号重复：${effect.projectId}`
        }
        created.add(effect.projectId)
        break
      case 'deleteProject':
        break
      case 'setField': {
        if (!isProjectField(effect.field)) return `未知字段：${effect.field.slice(0, 40)}`
        const problem = checkProjectField(effect.field, effect.value)
        if (problem) return problem
        const written = fieldsWritten.get(effect.projectId) ?? new Set<string>()
        written.add(effect.field)
        fieldsWritten.set(effect.projectId, written)
        break
      }
      case 'clearField':
        if (deleted.has(effect.projectId) || !isProjectField(effect.field)) break
        if (!isOptionalProjectField(effect.field)) return `必填字段不能删除：${effect.field}`
        break
      default:
        return assertNever(effect)
    }
  }
  for (const projectId of created) {
    const written = fieldsWritten.get(projectId)
    const missing = REQUIRED_FIELDS.find((field) => !written?.has(field))
    if (missing) return `新项目缺少必填字段：${missing}`
  }
  return undefined
}

function assertNever(value: never): never {
  throw new Error(`未处理的更新类型：${JSON.stringify(value)}`)
}
