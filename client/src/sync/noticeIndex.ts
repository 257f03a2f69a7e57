import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { noticeFromMap } from '@guatu/shared/board/noticeQueries'
import { isNoticeId, type Notice, type NoticeId } from '@guatu/shared/domain/notice'
import type { ProjectId } from '@guatu/shared/domain/project'

/** The same frozen empty list for every project without a 督办单. */
export const NO_NOTICES: readonly Notice[] = Object.freeze([])

export type NoticesByProject = ReadonlyMap<ProjectId, readonly Notice[]>

// Oldest first, the order listNotices uses.
const byIssued = (a: Notice, b: Notice) =>
  a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * The `notices` root (督办单) as view models, kept like problems (problemIndex.ts): a transaction
 * re-reads only the notices it touched, and only the lists of their projects get a new identity,
 * so a reply on one project re-renders one card.
 */
export function createNoticeIndex(doc: Y.Doc, onChange: () => void) {
  const root = collectionRoot(doc, RecordCollection.notices)
  const notices = new Map<NoticeId, Notice>()
  let byProject = new Map<ProjectId, readonly Notice[]>()
  let all: readonly Notice[] | undefined

  const refresh = (id: string, touched: Set<ProjectId>) => {
    if (!isNoticeId(id)) return
    const previous = notices.get(id)
    if (previous) touched.add(previous.projectId)
    const map = root.get(id)
    const next = map && typeof map.get === 'function' ? noticeFromMap(id, map) : undefined
    if (next) {
      notices.set(id, next)
      touched.add(next.projectId)
    } else {
      notices.delete(id)
    }
  }

  const rebuild = (touched: Set<ProjectId>) => {
    const lists = new Map<ProjectId, Notice[]>()
    for (const projectId of touched) lists.set(projectId, [])
    for (const notice of notices.values()) lists.get(notice.projectId)?.push(notice)
    const next = new Map(byProject)
    for (const [projectId, list] of lists) {
      if (list.length === 0) next.delete(projectId)
      else next.set(projectId, list.sort(byIssued))
    }
    byProject = next
    all = undefined
  }

  const initial = new Set<ProjectId>()
  root.forEach((_map, id) => refresh(id, initial))
  rebuild(initial)

  const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touchedIds = new Set<string>()
    for (const event of events) {
      if (event.target === root) for (const id of event.keys.keys()) touchedIds.add(id)
      else if (typeof event.path[0] === 'string') touchedIds.add(event.path[0])
    }
    const touched = new Set<ProjectId>()
    for (const id of touchedIds) refresh(id, touched)
    if (touched.size === 0) return
    rebuild(touched)
    onChange()
  }
  root.observeDeep(onDeepChange)

  return {
    getByProject: (): NoticesByProject => byProject,
    getOfProject: (projectId: ProjectId): readonly Notice[] => byProject.get(projectId) ?? NO_NOTICES,
    /** Every notice on the board, oldest first; one array until the next change. */
    getAll: (): readonly Notice[] => (all ??= [...notices.values()].sort(byIssued)),
    stop: () => root.unobserveDeep(onDeepChange),
  }
}
