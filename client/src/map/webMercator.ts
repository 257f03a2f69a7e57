import { MAX_TILE_ZOOM, type TileCoordinate } from '@guatu/shared/api/tileService'

/**
 * Web Mercator (EPSG:3857), the projection of XYZ and 天地图's `_w` tiles, in "world pixels" of
 * level 0: the whole world is one 256 px tile, x to the east and y to the SOUTH (screen order, which
 * is what ECharts expects from a geo `projection`). Tile (z, x, y) covers [x, x+1) × [y, y+1) times
 * 256 / 2^z here, so tiles drawn in this projection are squares on screen.
 */
const WORLD_PX = 256
/** Where Web Mercator stops: the square world's edge. */
const MAX_LATITUDE = 85.05112878

export function project([lng, lat]: readonly number[]): number[] {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat ?? 0))
  const sin = Math.sin((clamped * Math.PI) / 180)
  const x = (((lng ?? 0) + 180) / 360) * WORLD_PX
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * WORLD_PX
  return [x, y]
}

export function unproject([x, y]: readonly number[]): number[] {
  const lng = ((x ?? 0) / WORLD_PX) * 360 - 180
  const n = Math.PI - (2 * Math.PI * (y ?? 0)) / WORLD_PX
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n))
  return [lng, lat]
}

/** The most tiles one map asks for at once: a 4K wall at about 256 px a tile needs some 15 × 9. */
const MAX_VISIBLE_TILES = 200

/** How the chart shows world pixels: screen = world × scale + offset, the same scale both ways. */
export interface WorldView {
  readonly scale: number
  readonly offsetX: number
  readonly offsetY: number
}

/**
 * The view from two places the chart drew (their [lng, lat] and screen pixels). Derived rather
 * than read back with ECharts' convertFromPixel, which unprojects before undoing the view (ECharts
 * 6.1, Geo.pointToData) and so answers nonsense for a projected geo.
 */
export function worldView(places: readonly [readonly number[], readonly number[]][]): WorldView | undefined {
  const [first, second] = places
  if (!first || !second) return undefined
  const [ax, ay] = project(first[0])
  const [bx, by] = project(second[0])
  const [apx, apy] = first[1]
  const [bpx, bpy] = second[1]
  if (ax === undefined || ay === undefined || bx === undefined || by === undefined) return undefined
  if (apx === undefined || apy === undefined || bpx === undefined || bpy === undefined || bx === ax) return undefined
  const scale = (bpx - apx) / (bx - ax)
  if (!(scale > 0) || !Number.isFinite(scale)) return undefined
  return { scale, offsetX: apx - ax * scale, offsetY: apy - ay * scale }
}

/** A tile and where it goes on screen (CSS pixels of the chart's box). */
export interface TilePlacement {
  readonly tile: TileCoordinate
  readonly left: number
  readonly top: number
  readonly size: number
}

/**
 * The tiles covering a `width` × `height` view, at the level whose tiles are about 256 screen
 * pixels wide, each with its place. Empty when the view would need more than
 * {@link MAX_VISIBLE_TILES} tiles.
 */
export function visibleTiles(view: WorldView, width: number, height: number): TilePlacement[] {
  const z = Math.max(0, Math.min(MAX_TILE_ZOOM, Math.round(Math.log2(view.scale))))
  const count = 2 ** z
  const size = WORLD_PX / count
  const toWorld = (pixel: number, offset: number) => (pixel - offset) / view.scale
  const clamp = (world: number) => Math.max(0, Math.min(count - 1, Math.floor(world / size)))
  const [minX, maxX] = [clamp(toWorld(0, view.offsetX)), clamp(toWorld(width, view.offsetX))]
  const [minY, maxY] = [clamp(toWorld(0, view.offsetY)), clamp(toWorld(height, view.offsetY))]
  if ((maxX - minX + 1) * (maxY - minY + 1) > MAX_VISIBLE_TILES) return []
  const placements: TilePlacement[] = []
  for (let y = minY; y <= maxY; y++)
    for (let x = minX; x <= maxX; x++)
      placements.push({ tile: { z, x, y }, left: x * size * view.scale + view.offsetX, top: y * size * view.scale + view.offsetY, size: size * view.scale })
  return placements
}
