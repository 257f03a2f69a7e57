import { useMemo } from 'react'
import { confirmProjectFigures, FigureAuthor, holdProjectFigure, setProjectFigure, type FigureWrite } from '@guatu/shared/board/figureCommands'
import { deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { needsReview, proposeChange } from '@guatu/shared/board/reviewCommands'
import type { MoneyField } from '@guatu/shared/domain/figureCheck'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { ProjectId, ProjectPatch } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import { usePrincipal } from '../auth/usePrincipal.ts'
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
  const principal = usePrincipal()
  const author = canManageBoards(principal) ? FigureAuthor.office : FigureAuthor.department
  return useMemo(
    () => ({
      author,
      /** A money figure: plausible ones save at once; others come back with the concerns to confirm. */
      setFigure: (field: MoneyField, value: string, confirmed: boolean): FigureWrite | string => {
        try {
          if (needsReview(doc, principal, field)) {
            proposeChange(doc, id, field, value, principal)
            return { status: 'saved', flagged: false }
          }
          return setProjectFigure(doc, id, field, value, { author, confirmed })
        } catch (error) {
          return messageOf(error, '保存失败')
        }
      },
      /** 项目办: pulls a doubtful figure off totals, the screen and the rankings until confirmed. */
      holdFigure: (field: MoneyField): string | undefined => {
        try {
          holdProjectFigure(doc, id, field)
          return undefined
        } catch (error) {
          return messageOf(error, '操作失败')
        }
      },
      /** 项目办: the figure stands as entered and counts again. */
      confirmFigure: (field: MoneyField): string | undefined => {
        try {
          confirmProjectFigures(doc, id, [field])
          return undefined
        } catch (error) {
          return messageOf(error, '确认失败')
        }
      },
      update: (field: keyof ProjectPatch, value: unknown): string | undefined => {
        try {
          if (needsReview(doc, principal, field) && typeof value === 'string') proposeChange(doc, id, field, value, principal)
          else updateProject(doc, id, { [field]: value } as ProjectPatch)
          return undefined
        } catch (error) {
          return messageOf(error, '保存失败')
        }
      },
      /** Changing 当前阶段 in the form puts the card at the end of the new column. */
      moveToStage: (stage: Stage): string | undefined => {
        try {
          if (needsReview(doc, principal, 'stage')) proposeChange(doc, id, 'stage', stage, principal)
          else moveProject(doc, id, { stage })
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
    [author, doc, id, principal],
  )
}
