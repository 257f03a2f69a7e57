import { useMemo } from 'react'
import { deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { ProjectId, ProjectPatch } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback
}

/**
 * The panel's document commands. Each returns the Chinese reason it failed (validation, or the
 * project was deleted meanwhile) instead of throwing, so editors can show it next to the field.
 */
export function useProjectCommands(id: ProjectId) {
  const { doc } = useBoardConnection()
  return useMemo(
    () => ({
      update: (field: keyof ProjectPatch, value: unknown): string | undefined => {
        try {
          updateProject(doc, id, { [field]: value } as ProjectPatch)
          return undefined
        } catch (error) {
          return messageOf(error, '保存失败')
        }
      },
      /** Changing 当前阶段 in the form puts the card at the end of the new column. */
      moveToStage: (stage: Stage): string | undefined => {
        try {
          moveProject(doc, id, { stage })
          return undefined
        } catch (error) {
          return messageOf(error, '移动失败')
        }
      },
      remove: (): string | undefined => {
        try {
          deleteProject(doc, id)
          return undefined
        } catch (error) {
          return messageOf(error, '删除失败')
        }
      },
    }),
    [doc, id],
  )
}
