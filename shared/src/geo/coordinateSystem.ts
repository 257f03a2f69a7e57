import gcoord from 'gcoord'

/**
 * The coordinate systems points reach a county office in. The board keeps WGS-84 / CGCS2000 only
 * (domain/coordinates.ts); 高德 and 腾讯 show GCJ-02 and 百度 BD-09, both shifted by some hundred
 * metres on purpose, so a point copied from them is converted, and the office always sees that
 * it was and why (never silently).
 */
export const CoordinateSystem = {
  wgs84: 'wgs84',
  gcj02: 'gcj02',
  bd09: 'bd09',
} as const
export type CoordinateSystem = (typeof CoordinateSystem)[keyof typeof CoordinateSystem]
export const COORDINATE_SYSTEMS = Object.values(CoordinateSystem) as readonly CoordinateSystem[]

export const COORDINATE_SYSTEM_LABEL: Record<CoordinateSystem, string> = {
  wgs84: 'WGS-84/CGCS2000（GPS、天地图）',
  gcj02: 'GCJ-02（高德、腾讯）',
  bd09: 'BD-09（百度）',
}

export function isCoordinateSystem(value: unknown): value is CoordinateSystem {
  return typeof value === 'string' && (COORDINATE_SYSTEMS as readonly string[]).includes(value)
}

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/** Seven decimals: about a centimetre, as the ledger keeps points. */
const round = (value: number) => Math.round(value * 1e7) / 1e7

/** The point in WGS-84 / CGCS2000, converted by gcoord from the system it was written in. */
export function toWgs84(lng: number, lat: number, from: CoordinateSystem): { lng: number; lat: number } {
  if (from === CoordinateSystem.wgs84) return { lng, lat }
  const [convertedLng, convertedLat] = gcoord.transform([lng, lat], GCOORD_CRS[from], gcoord.WGS84)
  return { lng: round(convertedLng), lat: round(convertedLat) }
}

/**
 * Words that say which map a point was copied from, in a column header or a note ("经度（高德）",
 * "备注：坐标取自百度地图"). WGS-84 words are not listed: it is the default, and "GPS" alone says
 * nothing about the system of a point typed from a phone app.
 */
const NAMED: ReadonlyArray<[RegExp, CoordinateSystem]> = [
  [/高德|腾讯|GCJ[-_\s]?0?2|火星坐标/i, CoordinateSystem.gcj02],
  [/百度|BD[-_\s]?0?9/i, CoordinateSystem.bd09],
]

/** The system a text names, with the words that named it, or undefined. */
export function coordinateSystemNamedIn(text: string): { system: CoordinateSystem; words: string } | undefined {
  for (const [pattern, system] of NAMED) {
    const match = pattern.exec(text)
    if (match) return { system, words: match[0] }
  }
  return undefined
}

/** The map and system names a coordinate header may carry beside 经度/纬度 ("经度（高德）", "GCJ02经度"). */
const SYSTEM_WORDS = /(高德|腾讯|百度)(地图)?|GCJ[-_]?0?2|BD[-_]?0?9|WGS[-_]?84|CGCS2000|火星|坐标系/gi

/** A header's label without the system words, for matching 经度/纬度 whatever map they came from. */
export function withoutSystemWords(label: string): string {
  return label.replace(SYSTEM_WORDS, '')
}
