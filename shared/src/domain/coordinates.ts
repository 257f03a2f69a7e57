import { z } from 'zod'

/**
 * Where a project is: one point in WGS-84 / CGCS2000 longitude and latitude (the two agree to
 * centimetres, so one field holds either). Kept as ONE atomic value: two people placing the same
 * project at once must not leave one's longitude beside the other's latitude.
 *
 * Not GCJ-02: coordinates copied from 高德 or 腾讯 maps are shifted by some hundred metres; an import
 * says which system its columns are in.
 */
export const CoordinateSource = {
  /** Placed by hand on the map. */
  manual: 'manual',
  /** Taken from a 形象进度照片's GPS (EXIF or the phone). */
  photo: 'photo',
  /** Read from the ledger's 经度/纬度 columns. */
  import: 'import',
} as const
export type CoordinateSource = (typeof CoordinateSource)[keyof typeof CoordinateSource]
export const COORDINATE_SOURCES = Object.values(CoordinateSource) as readonly CoordinateSource[]

export const COORDINATE_SOURCE_LABEL: Record<CoordinateSource, string> = { manual: '地图标注', photo: '照片定位', import: '台账导入' }

/**
 * China's extent, generously: a point outside is almost always a typo or longitude and latitude
 * swapped, which a county office would rather be told about than see its project in the sea.
 */
export const CHINA_BOUNDS = { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 } as const

export function withinChina(lng: number, lat: number): boolean {
  return lng >= CHINA_BOUNDS.minLng && lng <= CHINA_BOUNDS.maxLng && lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat
}

const degrees = (label: string) => z.number({ error: `${label}须为数字（度）` }).refine(Number.isFinite, { error: `${label}须为有限数字` })

export const coordinatesSchema = z
  .strictObject(
    {
      lng: degrees('经度'),
      lat: degrees('纬度'),
      source: z.enum(COORDINATE_SOURCES as [CoordinateSource, ...CoordinateSource[]], { error: '坐标来源须为地图标注、照片定位或台账导入' }),
    },
    { error: '坐标须为经度、纬度和来源' },
  )
  .refine((point) => withinChina(point.lng, point.lat), {
    error: `坐标不在中国境内（经度${CHINA_BOUNDS.minLng}–${CHINA_BOUNDS.maxLng}，纬度${CHINA_BOUNDS.minLat}–${CHINA_BOUNDS.maxLat}），请检查经纬度是否填反`,
  })
export type Coordinates = z.infer<typeof coordinatesSchema>

/** "E108.9412 N34.2610": how a ledger and the panel show a point. */
export function formatCoordinates(point: Pick<Coordinates, 'lng' | 'lat'>): string {
  return `E${point.lng.toFixed(4)} N${point.lat.toFixed(4)}`
}
