import type { BoardComparison } from '@guatu/shared/api/lookback'
import { readBoardState, type BoardState } from '@guatu/shared/board/boardState'
import { filterFromSearchParams, isFilterEmpty, matchesFilter } from '@guatu/shared/board/projectFilter'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { compareBoards, lastEndedMeeting } from '@guatu/shared/lookback/compareBoards'
import { RequestError } from '../requestError.ts'
import type { BoardService } from './boardService.ts'

const FROM_AFTER_TO = '起始时刻不能晚于结束时刻'

export interface ChangesRequest {
  /** ms since epoch; default: the end of the last meeting ended by `to`. */
  from?: number
  /** ms since epoch; default: now (the live board). */
  to?: number
  /** The board URL's filter (unit=…, leader=…): only those projects' changes. */
  filter: URLSearchParams
}

/** 变化对比 of a board between two moments (see shared/lookback/compareBoards.ts). */
export async function boardChanges(boards: BoardService, boardId: string, request: ChangesRequest): Promise<BoardComparison | undefined> {
  const toIso = new Date(request.to ?? Date.now()).toISOString()
  if (request.from !== undefined && request.from > Date.parse(toIso)) throw new RequestError(400, FROM_AFTER_TO)
  const after = await boards.withDoc(boardId, (doc, record) => readBoardState(doc, record.year), request.to)
  if (!after) return undefined
  const from = request.from ?? endOfLastMeeting(after, toIso)
  if (from > Date.parse(toIso)) throw new RequestError(400, FROM_AFTER_TO)
  const before = await boards.withDoc(boardId, (doc, record) => readBoardState(doc, record.year), from)
  if (!before) return undefined
  return compareBoards(
    { state: before, at: new Date(from).toISOString() },
    { state: after, at: toIso },
    { includeProject: projectFilter(after, request.filter) },
  )
}

function endOfLastMeeting(after: BoardState, toIso: string): number {
  const endedAt = lastEndedMeeting(after.meetings, toIso)?.endedAt
  if (endedAt === undefined) throw new RequestError(400, '看板还没有已结束的调度会，请用 from 指定起始时刻')
  return Date.parse(endedAt)
}

function projectFilter(after: BoardState, params: URLSearchParams): ((project: Project) => boolean) | undefined {
  const filter = filterFromSearchParams(params)
  if (isFilterEmpty(filter)) return undefined
  const open = new Map<string, number>()
  for (const problem of after.problems) if (problem.status === ProblemStatus.open) open.set(problem.projectId, (open.get(problem.projectId) ?? 0) + 1)
  return (project) => matchesFilter(project, filter, { openProblemCount: (id) => open.get(id) ?? 0 })
}
