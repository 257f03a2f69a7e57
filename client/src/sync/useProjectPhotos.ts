import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { comparePhotosNewestFirst, photoFromMap } from '@guatu/shared/board/photoQueries'
import { isPhotoId, type Photo, type PhotoId } from '@guatu/shared/domain/photo'
import type { ProjectId } from '@guatu/shared/domain/project'
import { createProjectRecordIndex } from './projectRecordIndex.ts'
import { useBoardConnection } from './useBoardConnection.ts'

const NO_PHOTOS: readonly Photo[] = Object.freeze([])

interface PhotoStore {
  subscribe: (listener: () => void) => () => void
  getOfProject: (projectId: ProjectId) => readonly Photo[]
}

/** One index per document, shared by every component showing photos (see projectRecordIndex.ts). */
const stores = new WeakMap<Y.Doc, PhotoStore>()

function photoStoreOf(doc: Y.Doc): PhotoStore {
  let store = stores.get(doc)
  if (!store) {
    const listeners = new Set<() => void>()
    const index = createProjectRecordIndex<Photo>(
      doc,
      { collection: RecordCollection.photos, isId: isPhotoId, fromMap: (id, map) => photoFromMap(id as PhotoId, map), compare: comparePhotosNewestFirst },
      NO_PHOTOS,
      () => listeners.forEach((listener) => listener()),
    )
    store = {
      subscribe: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      getOfProject: index.getOfProject,
    }
    stores.set(doc, store)
  }
  return store
}

/** A project's 形象进度照片, newest first; re-renders only when that project's photos change. */
export function useProjectPhotos(projectId: ProjectId): readonly Photo[] {
  const { doc } = useBoardConnection()
  const store = useMemo(() => photoStoreOf(doc), [doc])
  const read = useCallback(() => store.getOfProject(projectId), [store, projectId])
  return useSyncExternalStore(store.subscribe, read)
}
