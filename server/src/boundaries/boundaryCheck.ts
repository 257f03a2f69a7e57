import { simplify } from '@turf/simplify'
import { MAX_DISPLAY_VERTICES, type BoundaryFeature, type BoundaryFeatureCollection, type BoundaryGeometry } from '@guatu/shared/api/boundaries'
import { formatCoordinates, withinChina } from '@guatu/shared/domain/coordinates'
import { xmlUnsafeCharacter } from '@guatu/shared/domain/safeText'
import { firstRingCrossing } from '@guatu/shared/geo/ringCrossing'

/** A boundary file refused, with the Chinese reason the office reads. */
export class BoundaryRefusal extends Error {
  override readonly name = 'BoundaryRefusal'
}

/** Which collection is judged: the 乡镇 must be named (the map counts projects per 乡镇 by name). */
export const BoundaryLevel = { county: 'county', township: 'township' } as const
export type BoundaryLevel = (typeof BoundaryLevel)[keyof typeof BoundaryLevel]

const LEVEL_LABEL: Record<BoundaryLevel, string> = { county: '县界', township: '乡镇边界' }

/** A county has a few dozen 乡镇; a file with thousands of features is not a county's. */
export const MAX_BOUNDARY_FEATURES = 500
/**
 * Vertices read before simplification. The self-intersection search (an R-tree over the edges)
 * takes about 3.5 s for half a million on one core, while the upload holds the event loop: an
 * office-only request, seldom sent, but not unbounded.
 */
export const MAX_SOURCE_VERTICES = 500_000
const MAX_NAME_LENGTH = 40

type Ring = [number, number][]

/**
 * Judges one uploaded GeoJSON FeatureCollection and returns it simplified for display, keeping only
 * each feature's name: polygons and multipolygons only, every ring closed and within China, no ring
 * crossing itself or another of its polygon (a self-intersecting 乡镇 would be filled wrongly and its
 * projects counted in the wrong place). Throws {@link BoundaryRefusal} with the first fault.
 */
export function checkBoundaryCollection(input: unknown, level: BoundaryLevel): BoundaryFeatureCollection {
  const label = LEVEL_LABEL[level]
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features))
    throw new BoundaryRefusal(`${label}须为 GeoJSON FeatureCollection（要素集合）`)
  if (input.features.length === 0) throw new BoundaryRefusal(`${label}中没有任何要素`)
  if (input.features.length > MAX_BOUNDARY_FEATURES) throw new BoundaryRefusal(`${label}的要素过多（最多 ${MAX_BOUNDARY_FEATURES} 个）`)
  const names = new Set<string>()
  let vertices = 0
  const features: BoundaryFeature[] = []
  for (const [index, feature] of input.features.entries()) {
    const where = `${label}第 ${index + 1} 个要素`
    if (!isObject(feature) || feature.type !== 'Feature') throw new BoundaryRefusal(`${where}不是 GeoJSON Feature`)
    const name = featureName(feature.properties, level, where)
    if (name && names.has(name)) throw new BoundaryRefusal(`${label}中「${name}」出现了两次`)
    if (name) names.add(name)
    const named = name ? `${where}（${name}）` : where
    const geometry = readGeometry(feature.geometry, named)
    vertices += countVertices(geometry)
    if (vertices > MAX_SOURCE_VERTICES)
      throw new BoundaryRefusal(`${label}的顶点过多（最多 ${MAX_SOURCE_VERTICES.toLocaleString('en-US')} 个），请先在 GIS 软件中简化`)
    const crossing = firstCrossing(geometry)
    if (crossing) {
      const [lng, lat] = crossing
      throw new BoundaryRefusal(`${named}的边界自相交（约在 ${formatCoordinates({ lng, lat })}），请在 GIS 软件中修复后再上传`)
    }
    features.push({ type: 'Feature', properties: { name: name ?? '县界' }, geometry })
  }
  return simplifyForDisplay({ type: 'FeatureCollection', features })
}

function featureName(properties: unknown, level: BoundaryLevel, where: string): string | undefined {
  const raw = isObject(properties) ? properties.name : undefined
  const name = typeof raw === 'string' ? raw.trim() : ''
  if (name === '') {
    if (level === BoundaryLevel.township) throw new BoundaryRefusal(`${where}缺少名称（properties.name 须为乡镇名称）`)
    return undefined
  }
  if (name.length > MAX_NAME_LENGTH) throw new BoundaryRefusal(`${where}的名称过长（最多 ${MAX_NAME_LENGTH} 字）`)
  const character = xmlUnsafeCharacter(name)
  if (character) throw new BoundaryRefusal(`${where}的名称含有不能保存的字符（${character}）`)
  return name
}

function readGeometry(geometry: unknown, where: string): BoundaryGeometry {
  if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon'))
    throw new BoundaryRefusal(`${where}须为面（Polygon 或 MultiPolygon），不能是点或线`)
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: readPolygon(geometry.coordinates, where) }
  if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) throw new BoundaryRefusal(`${where}的坐标无效`)
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => readPolygon(polygon, where)) }
}

function readPolygon(value: unknown, where: string): Ring[] {
  if (!Array.isArray(value) || value.length === 0) throw new BoundaryRefusal(`${where}的坐标无效`)
  return value.map((ring) => readRing(ring, where))
}

function readRing(value: unknown, where: string): Ring {
  if (!Array.isArray(value) || value.length < 4) throw new BoundaryRefusal(`${where}的环至少需要 4 个点（首尾相同）`)
  const ring: Ring = value.map((position) => {
    if (
      !Array.isArray(position) ||
      typeof position[0] !== 'number' ||
      typeof position[1] !== 'number' ||
      !Number.isFinite(position[0]) ||
      !Number.isFinite(position[1])
    )
      throw new BoundaryRefusal(`${where}含有无效坐标（须为 [经度, 纬度] 数字）`)
    const [lng, lat] = position as [number, number]
    if (!withinChina(lng, lat))
      throw new BoundaryRefusal(`${where}含有中国境外的坐标（${lng}, ${lat}）：须为 WGS-84 / CGCS2000 经纬度，不能是投影坐标，经纬度也不能填反`)
    return [lng, lat]
  })
  const first = ring[0]!
  const last = ring[ring.length - 1]!
  if (first[0] !== last[0] || first[1] !== last[1]) throw new BoundaryRefusal(`${where}的环没有闭合（首尾坐标须相同）`)
  return ring
}

/**
 * Where a ring crosses itself or another ring of its polygon, if anywhere. Each polygon of a
 * multipolygon alone: parts of one 乡镇 may touch at a point (an enclave's corner).
 */
function firstCrossing(geometry: BoundaryGeometry): [number, number] | undefined {
  const polygons: [number, number][][][] = geometry.type === 'Polygon' ? [geometry.coordinates as Ring[]] : (geometry.coordinates as Ring[][])
  for (const rings of polygons) {
    const crossing = firstRingCrossing(rings)
    if (crossing) return crossing
  }
  return undefined
}

function countVertices(geometry: BoundaryGeometry): number {
  const polygons: number[][][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let count = 0
  for (const polygon of polygons) for (const ring of polygon) count += ring.length
  return count
}

/**
 * Douglas–Peucker with a tolerance doubled until the whole collection fits in
 * {@link MAX_DISPLAY_VERTICES}: a survey-grade file is drawn on a wall screen and phones, not measured.
 */
function simplifyForDisplay(collection: BoundaryFeatureCollection): BoundaryFeatureCollection {
  const total = (candidate: BoundaryFeatureCollection) => candidate.features.reduce((sum, feature) => sum + countVertices(feature.geometry), 0)
  let result = collection
  // About 1 m at these latitudes: removes only what no screen can show.
  for (let tolerance = 0.00001; total(result) > MAX_DISPLAY_VERTICES && tolerance < 1; tolerance *= 2)
    result = simplify(collection as Parameters<typeof simplify>[0], { tolerance, highQuality: false, mutate: false }) as BoundaryFeatureCollection
  return result
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
