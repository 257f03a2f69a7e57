import { AuditAction } from '@guatu/shared/domain/auditAction'
import { isMoneyField } from '@guatu/shared/domain/figureCheck'
import { isProjectId, type ProjectId } from '@guatu/shared/domain/project'
import { isStage, Stage, STAGES } from '@guatu/shared/domain/stage'
import { historyAnswerSchema } from '../api/historyApi.ts'
import { requestJson } from '../api/http.ts'
import type { BoardColumns, BoardViewStore } from '../sync/boardViewStore.ts'
import type { ConnectionStatus } from '../sync/connectionStatus.ts'
import type { ExternalStore } from '../sync/externalStore.ts'

/**
 * What a line of 最新动态 reports: the room wants money, problems, decisions, 督办 and 退回 as
 * well as forward moves. Decided on the history's action ids, never on its Chinese summary.
 */
export const FeedKind = { move: 'move', back: 'back', money: 'money', problem: 'problem', decision: 'decision', notice: 'notice' } as const
export type FeedKind = (typeof FeedKind)[keyof typeof FeedKind]
export const FEED_KIND_LABEL: Record<FeedKind, string> = { move: '移动', back: '退回', money: '投资', problem: '问题', decision: '事项', notice: '督办' }

const ACTION_KIND: Partial<Record<string, FeedKind>> = {
  [AuditAction.raiseProblem]: FeedKind.problem,
  [AuditAction.solveProblem]: FeedKind.problem,
  [AuditAction.reopenProblem]: FeedKind.problem,
  [AuditAction.recordDecision]: FeedKind.decision,
  [AuditAction.issueNotice]: FeedKind.notice,
  [AuditAction.escalateNotice]: FeedKind.notice,
  [AuditAction.replyNotice]: FeedKind.notice,
  [AuditAction.closeNotice]: FeedKind.notice,
}

/** One line of 最新动态: "14:32 工信局 将 华能高性能纤维项目 移至 开工", or "… 修改 已完成投资：…". */
export interface MoveItem {
  readonly key: string
  /** Epoch milliseconds of the move. */
  readonly at: number
  /** Who moved it, from the server's history; undefined until the history has been read. */
  readonly actorLabel?: string
  readonly projectId: ProjectId
  readonly projectName: string
  /** The project's 责任单位 now, for the meeting filter. */
  readonly unit: string
  /** For moves: the stage entered. */
  readonly stage: Stage
  readonly kind: FeedKind
  /** For other events: the server's sentence ("修改 已完成投资：2033万元 → 2600万元"). */
  readonly summary?: string
}

/** The feed as the wall reads it; `loaded` once the server's history has been read the first time. */
export interface MoveFeed {
  readonly loaded: boolean
  readonly items: readonly MoveItem[]
}

/** Batches of edits ask for the history once, after they settle. */
export const HISTORY_REFRESH_DEBOUNCE_MS = 500
/** Enough history to find the latest moves among edits; the API allows up to 500. */
const HISTORY_LIMIT = 120
const MAX_ITEMS = 30
/** A move seen in the document matches a history entry written up to this long before it arrived. */
const MATCH_WINDOW_MS = 60_000

interface HistoryMove {
  readonly id: string
  readonly at: number
  readonly actorLabel: string
  readonly projectId: ProjectId
  readonly stage: Stage
  readonly kind: FeedKind
  readonly summary?: string
}

/** A move this screen saw in the document before the history listed it. */
interface SeenMove {
  readonly receivedAt: number
  readonly projectId: ProjectId
  readonly stage: Stage
  readonly kind: FeedKind
}

function readHistoryMove(value: unknown): HistoryMove | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const entry = value as Record<string, unknown>
  const actor = entry.actor as { label?: unknown } | undefined
  const at = typeof entry.at === 'number' ? entry.at : typeof entry.at === 'string' ? Date.parse(entry.at) : Number.NaN
  if (!isProjectId(entry.projectId) || Number.isNaN(at)) return undefined
  const common = { id: String(entry.id), at, actorLabel: typeof actor?.label === 'string' && actor.label ? actor.label : '未知', projectId: entry.projectId }
  if (entry.action === AuditAction.move) {
    if (!isStage(entry.to)) return undefined
    const back = isStage(entry.from) && STAGES.indexOf(entry.to) < STAGES.indexOf(entry.from)
    return { ...common, stage: entry.to, kind: back ? FeedKind.back : FeedKind.move }
  }
  const kind = entry.action === AuditAction.edit && isMoneyField(entry.field) ? FeedKind.money : ACTION_KIND[String(entry.action)]
  if (!kind || typeof entry.summary !== 'string') return undefined
  return { ...common, stage: Stage.planning, kind, summary: entry.summary }
}

async function fetchRecentMoves(boardId: string, signal: AbortSignal): Promise<HistoryMove[]> {
  const query = new URLSearchParams({ limit: String(HISTORY_LIMIT) })
  const { entries } = await requestJson(`/api/boards/${encodeURIComponent(boardId)}/history?${query.toString()}`, historyAnswerSchema, {
    signal,
  })
  return Array.isArray(entries) ? entries.flatMap((entry) => readHistoryMove(entry) ?? []) : []
}

function stagesOf(columns: BoardColumns): Map<ProjectId, Stage> {
  const stages = new Map<ProjectId, Stage>()
  for (const stage of STAGES) for (const id of columns[stage].ids) stages.set(id, stage)
  return stages
}

/**
 * The latest stage moves, newest first, live. The server's history says who moved a card, but it
 * is read over REST; the document says at once that a card moved. So a move seen in the document
 * is shown immediately (without a name), and the history — re-read 500 ms after the document
 * settles — replaces it with the entry naming the actor. The server writes the entry before it
 * forwards the update, so a read started after a move arrived always contains it.
 */
export function createMoveFeed(boardId: string, view: BoardViewStore, status: ExternalStore<ConnectionStatus>): ExternalStore<MoveFeed> {
  let history: HistoryMove[] = []
  let seen: SeenMove[] = []
  let feed: MoveFeed = { loaded: false, items: [] }
  let loaded = false
  let baseline: Map<ProjectId, Stage> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let abort: AbortController | undefined
  const listeners = new Set<() => void>()
  let stopWatching: (() => void) | undefined

  const publish = () => {
    const seenItems = seen
      .filter(
        (move) =>
          !history.some(
            (entry) =>
              entry.projectId === move.projectId && entry.stage === move.stage && entry.kind === move.kind && entry.at >= move.receivedAt - MATCH_WINDOW_MS,
          ),
      )
      .map((move) => ({ key: `seen:${move.projectId}:${move.receivedAt}`, at: move.receivedAt, projectId: move.projectId, stage: move.stage, kind: move.kind }))
    const historyItems = history.map((entry) => ({
      key: `history:${entry.id}`,
      at: entry.at,
      actorLabel: entry.actorLabel,
      projectId: entry.projectId,
      stage: entry.stage,
      kind: entry.kind,
      ...(entry.summary === undefined ? {} : { summary: entry.summary }),
    }))
    const items = [...seenItems, ...historyItems]
      .sort((a, b) => b.at - a.at)
      .flatMap((item) => {
        const project = view.getProject(item.projectId)
        // A deleted project's moves no longer say anything to the room.
        return project ? [{ ...item, projectName: project.name, unit: project.unit }] : []
      })
      .slice(0, MAX_ITEMS)
    feed = { loaded, items }
    for (const listener of listeners) listener()
  }

  const refresh = () => {
    abort?.abort()
    const controller = new AbortController()
    abort = controller
    const startedAt = Date.now()
    fetchRecentMoves(boardId, controller.signal).then(
      (moves) => {
        if (controller.signal.aborted) return
        history = moves
        loaded = true
        seen = seen.filter((move) => move.receivedAt > startedAt)
        publish()
      },
      // The next change asks again; until then the document-derived lines keep the feed live.
      () => undefined,
    )
  }

  const scheduleRefresh = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, HISTORY_REFRESH_DEBOUNCE_MS)
  }

  const onViewChange = () => {
    const current = stagesOf(view.getColumns())
    // While the document is (re)loading, changes are the server's state arriving, not moves.
    if (baseline && status.get().synced) {
      const receivedAt = Date.now()
      for (const [id, stage] of current) {
        const before = baseline.get(id)
        if (before !== undefined && before !== stage) {
          const kind = STAGES.indexOf(stage) < STAGES.indexOf(before) ? FeedKind.back : FeedKind.move
          seen = [{ receivedAt, projectId: id, stage, kind }, ...seen]
        }
      }
    }
    baseline = current
    publish()
    scheduleRefresh()
  }

  const start = () => {
    baseline = stagesOf(view.getColumns())
    const unsubscribeView = view.subscribe(onViewChange)
    refresh()
    stopWatching = () => {
      unsubscribeView()
      clearTimeout(timer)
      abort?.abort()
    }
  }

  return {
    get: () => feed,
    subscribe: (listener) => {
      if (listeners.size === 0) start()
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) stopWatching?.()
      }
    },
  }
}
