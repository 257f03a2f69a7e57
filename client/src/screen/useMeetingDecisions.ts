import { useMemo, useSyncExternalStore } from 'react'
import { collectionRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { listDecisions, runningMeeting } from '@guatu/shared/board/meetingQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createDocValueStore } from './docValueStore.ts'

const sameIds = (a: readonly ProjectId[], b: readonly ProjectId[]) => a.length === b.length && a.every((id, index) => id === b[index])

/** The project of every 确定事项 recorded in the running meeting, in order (none between meetings). */
export function useMeetingDecisionProjects(): readonly ProjectId[] {
  const { doc } = useBoardConnection()
  const store = useMemo(
    () =>
      createDocValueStore(
        collectionRoot(doc, RecordCollection.decisions),
        () => {
          const meeting = runningMeeting(doc)
          return meeting ? listDecisions(doc, meeting.id).map((decision) => decision.projectId) : []
        },
        sameIds,
      ),
    [doc],
  )
  return useSyncExternalStore(store.subscribe, store.get)
}
