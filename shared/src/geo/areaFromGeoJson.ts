import { AreaSource, type ProjectArea } from '../domain/projectArea.ts'

/**
 * Reads a 项目范围 from an uploaded GeoJSON file: a Polygon, a Feature holding one, or a
 * FeatureCollection of exactly one such feature (what GIS desks export for one parcel). Only the
 * outer ring is kept and its closing vertex dropped (the area keeps rings open). Holes and
 * multi-part parcels are refused in Chinese rather than silently cut down.
 * Returns the area or the reason; the shape and crossing checks follow in setProjectArea.
 */
export function areaFromGeoJson(input: unknown): { area: ProjectArea } | { problem: string } {
  const geometry = polygonOf(input)
  if (typeof geometry === 'string') return { problem: geometry }
  const rings = geometry.coordinates
  if (!Array.isArray(rings) || rings.length === 0) return { problem: '文件中的面没有坐标' }
  if (rings.length > 1) return { problem: '项目范围不能有内环（洞），请只保留外边界' }
  const outer = rings[0]
  if (!Array.isArray(outer)) return { problem: '文件中的面坐标无效' }
  const ring: [number, number][] = []
  for (const position of outer) {
    if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number')
      return { problem: '文件中含有无效坐标（须为 [经度, 纬度] 数字）' }
    ring.push([position[0], position[1]])
  }
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) ring.pop()
  return { area: { ring, source: AreaSource.import } }
}

interface PolygonGeometry {
  type: 'Polygon'
  coordinates: unknown
}

function polygonOf(input: unknown): PolygonGeometry | string {
  if (!isObject(input)) return '文件不是 GeoJSON 对象'
  if (input.type === 'FeatureCollection') {
    if (!Array.isArray(input.features) || input.features.length !== 1) return '文件须只含一个要素（一个项目的范围）'
    return polygonOf(input.features[0])
  }
  if (input.type === 'Feature') return polygonOf(input.geometry)
  if (input.type === 'MultiPolygon') return '项目范围须为单个面（Polygon），不能是多个面'
  if (input.type !== 'Polygon') return '项目范围须为面（Polygon），不能是点或线'
  return { type: 'Polygon', coordinates: input.coordinates }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
