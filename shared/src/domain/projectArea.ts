import { z } from 'zod'
import { closeRing, firstRingCrossing } from '../geo/ringCrossing.ts'
import { formatCoordinates, withinChina } from './coordinates.ts'

/**
 * 项目范围: the outline of a 园区 or a land parcel, one closed ring of WGS-84 / CGCS2000
 * [longitude, latitude] pairs (the last point is NOT repeated). Kept as ONE atomic value, like the
 * point: two people drawing at once must not interleave their vertices.
 *
 * The schema checks shape and bounds; that the ring does not cross itself is checked where it is
 * written (server/src/validation and the panel's drawing tool), with the same Chinese message.
 */
export const AreaSource = {
  /** Drawn by hand on the map in the project panel. */
  manual: 'manual',
  /** Read from an uploaded GeoJSON or the ledger. */
  import: 'import',
} as const
export type AreaSource = (typeof AreaSource)[keyof typeof AreaSource]
export const AREA_SOURCES = Object.values(AreaSource) as readonly AreaSource[]
export const AREA_SOURCE_LABEL: Record<AreaSource, string> = { manual: '地图绘制', import: '文件导入' }

/** A parcel needs no more; a bigger outline is a county boundary uploaded in the wrong place. */
export const AREA_MAX_VERTICES = 500

const vertex = z
  .tuple([z.number({ error: '范围顶点的经度须为数字' }), z.number({ error: '范围顶点的纬度须为数字' })], { error: '范围顶点须为[经度, 纬度]' })
  .refine(([lng, lat]) => Number.isFinite(lng) && Number.isFinite(lat) && withinChina(lng, lat), { error: '范围顶点不在中国境内，请检查经纬度是否填反' })

export const areaSchema = z.strictObject(
  {
    ring: z
      .array(vertex, { error: '项目范围须为顶点列表' })
      .min(3, { error: '项目范围至少需要3个顶点' })
      .max(AREA_MAX_VERTICES, { error: `项目范围最多${AREA_MAX_VERTICES}个顶点` })
      .refine((ring) => new Set(ring.map(([lng, lat]) => `${lng},${lat}`)).size >= 3, { error: '项目范围至少需要3个不同的顶点' }),
    source: z.enum(AREA_SOURCES as [AreaSource, ...AreaSource[]], { error: '范围来源须为地图绘制或文件导入' }),
  },
  { error: '项目范围须为顶点列表和来源' },
)
export type ProjectArea = z.infer<typeof areaSchema>

/**
 * Why a ring cannot be a 项目范围 although its shape is valid: its edges cross (a figure-of-eight
 * outline has no inside to fill or count). The one check the server applies to every written
 * area and the panel's drawing tool applies before it writes, so both say the same.
 */
export function areaCrossingProblem(ring: readonly (readonly [number, number])[]): string | undefined {
  const crossing = firstRingCrossing([closeRing(ring.map(([lng, lat]) => [lng, lat]))])
  if (!crossing) return undefined
  const [lng, lat] = crossing
  return `项目范围的边相互交叉（约在 ${formatCoordinates({ lng, lat })}），请按边界走向依次点选顶点`
}
