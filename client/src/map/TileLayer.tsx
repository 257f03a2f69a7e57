import { memo, useEffect, useRef, useState } from 'react'
import type { TileCoordinate } from '@guatu/shared/api/tileService'
import type { echarts } from './mapEcharts.ts'
import { fetchTileObjectUrl } from './tileServiceApi.ts'
import { visibleTiles, worldView } from './webMercator.ts'

interface PlacedTile {
  readonly key: string
  readonly tile: TileCoordinate
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

/** Two far-apart places in China: the chart's pixels for them give its view of the world. */
const REFERENCE_PLACES = [
  [100, 25],
  [120, 40],
] as const

/** Which tiles the chart's view shows, and where each goes in the chart's box (CSS pixels). */
function layoutTiles(instance: echarts.EChartsType): PlacedTile[] {
  const drawn = REFERENCE_PLACES.map((place): [readonly number[], readonly number[]] => {
    const pixel = instance.convertToPixel({ geoIndex: 0 }, [...place]) as number[] | undefined
    return [place, pixel ?? []]
  })
  const view = worldView(drawn)
  if (!view) return []
  return visibleTiles(view, instance.getWidth(), instance.getHeight()).map(({ tile, left, top, size }) => {
    // Whole pixels, one past the far edge: no hairline seams between neighbours.
    const x = Math.floor(left)
    const y = Math.floor(top)
    return { key: `${tile.z}/${tile.x}/${tile.y}`, tile, left: x, top: y, width: Math.ceil(left + size) - x + 1, height: Math.ceil(top + size) - y + 1 }
  })
}

const sameLayout = (a: readonly PlacedTile[], b: readonly PlacedTile[]) =>
  a.length === b.length && a.every((tile, at) => tile.key === b[at]?.key && tile.left === b[at].left && tile.top === b[at].top && tile.width === b[at].width)

export interface TileLayerProps {
  readonly boardId: string
  /** The service's save time: a changed service's tiles get new addresses (no stale browser cache). */
  readonly version: string | undefined
  readonly chart: () => echarts.EChartsType | null
  /** Called after every pan, zoom, resize and redraw of the chart. */
  readonly subscribe: (onViewChange: () => void) => () => void
}

/**
 * The office's tiles under the (transparent) chart, for what the view shows only, each placed by
 * the chart's own projection of its corners (Web Mercator, webMercator.ts) after every pan, zoom
 * or resize. Tiles come through Guatu's proxy as object URLs, revoked once they leave the view; a
 * tile that fails is simply absent, and the outlines and points draw over the gap as ever.
 */
export const TileLayer = memo(function TileLayer({ boardId, version, chart, subscribe }: TileLayerProps) {
  const [placed, setPlaced] = useState<readonly PlacedTile[]>([])
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map())
  const fetching = useRef(new Map<string, AbortController>())
  const loaded = useRef(new Map<string, string>())

  useEffect(() => {
    const relayout = () => {
      const instance = chart()
      if (!instance) return
      const next = layoutTiles(instance)
      setPlaced((current) => (sameLayout(current, next) ? current : next))
    }
    relayout()
    return subscribe(relayout)
  }, [chart, subscribe])

  // Fetch what came into view; drop (abort, revoke) what left it.
  useEffect(() => {
    const wanted = new Set(placed.map((tile) => tile.key))
    let dropped = false
    for (const [key, abort] of fetching.current)
      if (!wanted.has(key)) {
        abort.abort()
        fetching.current.delete(key)
      }
    for (const [key, url] of loaded.current)
      if (!wanted.has(key)) {
        URL.revokeObjectURL(url)
        loaded.current.delete(key)
        dropped = true
      }
    for (const { key, tile } of placed) {
      if (fetching.current.has(key) || loaded.current.has(key)) continue
      const abort = new AbortController()
      fetching.current.set(key, abort)
      fetchTileObjectUrl(boardId, tile, version, abort.signal).then(
        (url) => {
          if (abort.signal.aborted) return URL.revokeObjectURL(url)
          fetching.current.delete(key)
          loaded.current.set(key, url)
          setUrls(new Map(loaded.current))
        },
        // A failed tile stays absent (and is not asked for again until it leaves the view and returns).
        () => undefined,
      )
    }
    if (dropped) setUrls(new Map(loaded.current))
  }, [placed, boardId, version])

  useEffect(() => {
    const inFlight = fetching.current
    const held = loaded.current
    return () => {
      for (const abort of inFlight.values()) abort.abort()
      for (const url of held.values()) URL.revokeObjectURL(url)
      inFlight.clear()
      held.clear()
    }
  }, [])

  return (
    <div className="project-map-tiles" data-testid="map-tiles" aria-hidden="true">
      {placed.map((tile) => {
        const url = urls.get(tile.key)
        return url ? (
          <img
            key={tile.key}
            src={url}
            alt=""
            draggable={false}
            data-tile={tile.key}
            style={{ left: tile.left, top: tile.top, width: tile.width, height: tile.height }}
          />
        ) : null
      })}
    </div>
  )
})
