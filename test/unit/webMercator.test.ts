import { describe, expect, test } from 'vitest'
import { project, unproject, visibleTiles, worldView } from '../../client/src/map/webMercator.ts'

/** The standard slippy-map formulas (OpenStreetMap wiki), independent of the module under test. */
function slippyTile(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return { x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n) }
}

describe('Web Mercator for the office’s tiles', () => {
  test('a place projects into the world tile that XYZ services number for it, and back', () => {
    for (const [lng, lat] of [
      [108.94, 34.34],
      [116.39, 39.9],
      [87.6, 43.8],
      [110.3, 20.0],
    ] as const) {
      const [x, y] = project([lng, lat])
      const z = 12
      expect({ x: Math.floor((x! / 256) * 2 ** z), y: Math.floor((y! / 256) * 2 ** z) }).toEqual(slippyTile(lng, lat, z))
      const [backLng, backLat] = unproject([x!, y!])
      expect(backLng).toBeCloseTo(lng, 9)
      expect(backLat).toBeCloseTo(lat, 9)
    }
  })

  test('the view derived from two drawn places picks the level of about 256 px tiles and covers the box', () => {
    // A view drawing the world at 2^10 times level 0: tiles of level 10 are 256 px.
    const scale = 2 ** 10
    const origin = project([108.5, 34.6])
    const drawnAt = (place: readonly number[]) => {
      const [x, y] = project(place)
      return [(x! - origin[0]!) * scale, (y! - origin[1]!) * scale]
    }
    const view = worldView([
      [[100, 25], drawnAt([100, 25])],
      [[120, 40], drawnAt([120, 40])],
    ])
    expect(view?.scale).toBeCloseTo(scale, 6)
    const tiles = visibleTiles(view!, 1024, 512)
    expect(new Set(tiles.map((placed) => placed.tile.z))).toEqual(new Set([10]))
    const first = slippyTile(108.5, 34.6, 10)
    expect(tiles[0]?.tile).toEqual({ z: 10, ...first })
    // 1024 × 512 px from a point inside a tile: 5 columns and 3 rows of 256 px tiles cover it.
    expect(tiles).toHaveLength(15)
    for (const placed of tiles) expect(placed.size).toBeCloseTo(256, 6)
    expect(tiles[0]!.left).toBeLessThanOrEqual(0)
    expect(tiles[0]!.top).toBeLessThanOrEqual(0)
  })

  test('a view that would need hundreds of tiles asks for none', () => {
    const view = worldView([
      [
        [100, 25],
        [0, 0],
      ],
      [
        [120, 40],
        [10_000_000, -3_000_000],
      ],
    ])
    expect(view).toBeDefined()
    expect(visibleTiles(view!, 100_000, 100_000)).toEqual([])
  })
})
