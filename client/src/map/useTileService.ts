import { useEffect, useMemo, useState } from 'react'
import type { MapTiles } from './ProjectMap.tsx'
import { fetchTileService, NO_TILE_SERVICE, type TileServiceInfo } from './tileServiceApi.ts'
import { useBoundariesVersion } from './useBoundariesVersion.ts'

/**
 * Whether the board draws tiles under its map, and their attribution: fetched when the board
 * opens and again whenever the server announces a base-map change, so an open wall starts or
 * stops drawing tiles with no one touching it. Any failure means no tiles: the map works without.
 */
export function useTileService(boardId: string): TileServiceInfo {
  const version = useBoundariesVersion()
  const [service, setService] = useState<TileServiceInfo>(NO_TILE_SERVICE)
  useEffect(() => {
    const abort = new AbortController()
    fetchTileService(boardId, abort.signal).then(
      (answer) => setService(answer),
      () => {
        if (!abort.signal.aborted) setService(NO_TILE_SERVICE)
      },
    )
    return () => abort.abort()
    // `version` only triggers the refetch.
  }, [boardId, version])
  return service
}

/** The tiles for ProjectMap, or undefined while the board has no tile service (the default). */
export function useMapTiles(boardId: string): MapTiles | undefined {
  const { configured, updatedAt, attribution } = useTileService(boardId)
  return useMemo(() => (configured ? { boardId, version: updatedAt, attribution } : undefined), [configured, boardId, updatedAt, attribution])
}
