import { z } from 'zod'

/**
 * 底图服务: an optional tile service the office may configure (天地图 with its key, or a GIS server
 * on the government intranet), drawn under the boundaries. Off by default: government networks
 * are often cut off from the internet, and the office's own outlines need no tiles.
 *
 * The template is an address with placeholders, in either of the two forms tile services use:
 * XYZ (`{z}`, `{x}`, `{y}`) or WMTS (`{TileMatrix}`, `{TileRow}`, `{TileCol}`, any letter case),
 * and optionally one subdomain range such as `t{0-7}` (天地图's eight hosts). The server fetches
 * the tiles (server/src/tiles/tileProxy.ts): the browsers never see the address or its key.
 */
export const TILE_URL_MAX_LENGTH = 500
export const TILE_ATTRIBUTION_MAX_LENGTH = 100

/** The most hosts a subdomain range may name: 天地图 has eight. */
const MAX_SUBDOMAINS = 10

const XYZ = ['{z}', '{x}', '{y}'] as const
const WMTS = ['{tilematrix}', '{tilerow}', '{tilecol}'] as const
const SUBDOMAIN_RANGE = /\{(\d)-(\d)\}/g

/** The template's hosts, one per subdomain of its range (or the one host without a range). */
function expandSubdomains(template: string): string[] | undefined {
  const ranges = [...template.matchAll(SUBDOMAIN_RANGE)]
  if (ranges.length === 0) return [template]
  const [range] = ranges
  if (ranges.length > 1 || !range) return undefined
  const from = Number(range[1])
  const to = Number(range[2])
  if (to < from || to - from + 1 > MAX_SUBDOMAINS) return undefined
  return Array.from({ length: to - from + 1 }, (_, at) => template.replace(range[0], String(from + at)))
}

/** The template with every tile placeholder filled, so the URL parser sees a plain address. */
function withSampleTile(template: string): string {
  return template.replace(/\{(z|x|y|tilematrix|tilerow|tilecol)\}/gi, '0')
}

/** Each host's origin (scheme, host, port) the server would fetch tiles from, or undefined if it is not a tile address. */
export function tileOrigins(template: string): string[] | undefined {
  const hosts = expandSubdomains(template)
  if (!hosts) return undefined
  const origins = new Set<string>()
  for (const host of hosts) {
    // The host itself may not hold a tile placeholder: the service's hosts are known when it is saved.
    const authority = host.split('://')[1]?.split(/[/?#]/)[0] ?? ''
    if (authority === '' || /[{}]/.test(authority)) return undefined
    let url: URL
    try {
      url = new URL(withSampleTile(host))
    } catch {
      return undefined
    }
    // Only plain web addresses: no javascript:, data: or file: tiles, no credentials in the address.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined
    if (url.host === '') return undefined
    origins.add(url.origin)
  }
  return [...origins]
}

function hasPlaceholders(template: string): boolean {
  const lower = template.toLowerCase()
  return XYZ.every((part) => lower.includes(part)) || WMTS.every((part) => lower.includes(part))
}

export const tileServiceSchema = z.strictObject(
  {
    urlTemplate: z
      .string({ error: '底图地址须为文字' })
      .trim()
      .min(1, { error: '请填写底图地址' })
      .max(TILE_URL_MAX_LENGTH, { error: `底图地址最长${TILE_URL_MAX_LENGTH}个字符` })
      .refine((template) => tileOrigins(template) !== undefined, {
        error: `底图地址须以 http:// 或 https:// 开头，主机名中只可有一个编号范围（如 t{0-7}，最多${MAX_SUBDOMAINS}个）`,
      })
      .refine(hasPlaceholders, { error: '底图地址须含 {z}、{x}、{y}，或 WMTS 的 {TileMatrix}、{TileRow}、{TileCol}' }),
    attribution: z
      .string({ error: '底图版权说明须为文字' })
      .trim()
      .max(TILE_ATTRIBUTION_MAX_LENGTH, { error: `底图版权说明最长${TILE_ATTRIBUTION_MAX_LENGTH}个字符` }),
  },
  { error: '底图服务须为地址和版权说明' },
)
export type TileService = z.infer<typeof tileServiceSchema>

/** One tile's address: the template filled for tile (z, x, y), on the subdomain chosen by the tile (spreads the load). */
export function tileUrl(template: string, tile: { z: number; x: number; y: number }): string {
  const hosts = expandSubdomains(template) ?? [template]
  const host = hosts[Math.abs(tile.x + tile.y) % hosts.length] ?? template
  const values: Record<string, number> = { z: tile.z, x: tile.x, y: tile.y, tilematrix: tile.z, tilerow: tile.y, tilecol: tile.x }
  return host.replace(/\{(z|x|y|tilematrix|tilerow|tilecol)\}/gi, (_, name: string) => String(values[name.toLowerCase()]))
}
