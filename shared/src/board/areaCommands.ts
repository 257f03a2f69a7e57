import type * as Y from 'yjs'
import { areaCrossingProblem, areaSchema, type ProjectArea } from '../domain/projectArea.ts'
import type { ProjectId } from '../domain/project.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { updateProject } from './projectCommands.ts'

/**
 * 项目范围 commands. The outline is one atomic value on the project (domain/projectArea.ts), a
 * DEPARTMENT field like the point: the project's unit and the office write it, nobody else; the
 * server refuses a crossing ring whoever sends it.
 */

/**
 * Sets (or replaces) the project's outline as ONE value, so two people drawing at once leave one
 * whole outline. Throws {@link ProjectValidationError} (Chinese) for a ring the server would refuse.
 */
export function setProjectArea(doc: Y.Doc, projectId: ProjectId, area: ProjectArea, options: CommandOptions = {}): void {
  const checked = areaSchema.safeParse(area)
  if (!checked.success) throw new ProjectValidationError('area', checked.error.issues[0]?.message ?? '项目范围无效')
  const crossing = areaCrossingProblem(checked.data.ring)
  if (crossing) throw new ProjectValidationError('area', crossing)
  updateProject(doc, projectId, { area: { ring: checked.data.ring.map(([lng, lat]) => [lng, lat]), source: checked.data.source } }, options)
}

/** Removes the project's outline; its point, if any, stays. */
export function clearProjectArea(doc: Y.Doc, projectId: ProjectId, options: CommandOptions = {}): void {
  updateProject(doc, projectId, { area: undefined }, options)
}
