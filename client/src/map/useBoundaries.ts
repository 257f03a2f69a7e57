import { useEffect, useState } from 'react'
import { fetchBoundaries, NO_BOUNDARIES, type Boundaries } from './boundariesApi.ts'
import { useBoundariesVersion } from './useBoundariesVersion.ts'

export type BoundariesState = { status: 'loading' } | { status: 'ready'; boundaries: Boundaries } | { status: 'error'; message: string }

/**
 * The board's base map, fetched when the board opens and again whenever the server announces a
 * new upload (useBoundariesVersion), so the wall redraws its 乡镇 with no one touching it. The
 * map on show stays until the new one arrives. An error leaves the map usable (points without
 * the outlines) with the reason said beside it, rather than no map at all.
 */
export function useBoundaries(boardId: string): BoundariesState {
  const version = useBoundariesVersion()
  const [state, setState] = useState<BoundariesState>({ status: 'loading' })
  useEffect(() => {
    const abort = new AbortController()
    fetchBoundaries(boardId, abort.signal).then(
      (boundaries) => setState({ status: 'ready', boundaries }),
      (error: unknown) => {
        if (abort.signal.aborted) return
        setState({ status: 'error', message: error instanceof Error ? error.message : '边界加载失败' })
      },
    )
    return () => abort.abort()
    // `version` only triggers the refetch: the answer carries the map itself.
  }, [boardId, version])
  return state
}

/** The boundaries to draw: none while loading or after an error. */
export function boundariesOf(state: BoundariesState): Boundaries {
  return state.status === 'ready' ? state.boundaries : NO_BOUNDARIES
}
