import { useMemo } from 'react'
import {
  deleteProblem,
  raiseProblem,
  reopenProblem,
  solveProblem,
  updateProblem,
  type NewProblem,
  type ProblemPatch,
} from '@guatu/shared/board/problemCommands'
import type { ProblemId } from '@guatu/shared/domain/problem'
import type { ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** Runs a command and returns its Chinese failure instead of throwing, for showing next to the control. */
function attempt(run: () => void, fallback: string): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : fallback
  }
}

/**
 * The 存在问题 commands for one project. Raising and 销号 are done in the signed-in principal's
 * name; the server checks that claim against the connection, so it cannot be forged from here.
 */
export function useProblemCommands(projectId: ProjectId) {
  const { doc } = useBoardConnection()
  const principal = usePrincipal()
  return useMemo(
    () => ({
      raise: (problem: NewProblem) => attempt(() => raiseProblem(doc, projectId, problem, principal), '提出问题失败'),
      update: (id: ProblemId, patch: ProblemPatch) => attempt(() => updateProblem(doc, id, patch), '保存失败'),
      solve: (id: ProblemId) => attempt(() => solveProblem(doc, id, principal), '销号失败'),
      reopen: (id: ProblemId) => attempt(() => reopenProblem(doc, id), '重新打开失败'),
      remove: (id: ProblemId) => attempt(() => deleteProblem(doc, id), '删除失败'),
    }),
    [doc, principal, projectId],
  )
}

export type ProblemCommands = ReturnType<typeof useProblemCommands>
