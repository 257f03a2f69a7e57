import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/**
 * A value read from the board document with shared/board queries (proposals, 报送), recomputed
 * after each transaction and kept while its `key` (a cheap fingerprint) is unchanged, so a
 * component re-renders only when what it shows changed. Reads are validated by the queries.
 */
export function useReviewSnapshot<T>(read: (doc: Y.Doc) => T, key: (value: T) => string): T {
  const { doc } = useBoardConnection()
  const cache = useRef<{ key: string; value: T } | undefined>(undefined)
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc.on('afterTransaction', onChange)
      return () => doc.off('afterTransaction', onChange)
    },
    [doc],
  )
  const snapshot = useCallback(() => {
    const value = read(doc)
    const fingerprint = key(value)
    if (cache.current?.key !== fingerprint) cache.current = { key: fingerprint, value }
    return cache.current.value
  }, [doc, read, key])
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
