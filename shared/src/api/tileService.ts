import { z } from 'zod'
import { tileServiceSchema } from '../domain/tileService.ts'

/**
 * REST for the office's optional tile service (底图服务, shared/src/domain/tileService.ts). Off by
 * default; the map works fully on the office's own boundaries without it.
 *
 * `GET /api/boards/:boardId/tile-service` — to anyone who may read the board, a screen link
 * included (`?token=`). The project office gets the whole configuration; everyone else only
 * whether tiles are on and the attribution: the template may hold 天地图's key (`tk=`), which
 * never leaves the server for a department's, leader's or wall screen's browser.
 *
 * `PUT /api/boards/:boardId/tile-service` — the project office only. Body {@link PutTileServiceRequest}:
 * the service, or `null` to switch tiles off. Answers 200 with the office's {@link TileServiceResponse};
 * a refused address answers 400 with a Chinese message and changes nothing.
 *
 * `GET /api/boards/:boardId/tiles/:z/:x/:y` — one Web-Mercator tile, fetched by the server from the
 * configured service (the page's CSP allows no other origin's images, and the key stays on the
 * server), with the same readers as the GET above. 404 when no service is configured; 400 for a
 * tile that does not exist; 502 when the service answers anything but an image of at most
 * {@link MAX_TILE_BYTES}; 504 when it does not answer in time.
 */

/** 天地图 and most intranet services stop at level 18 (about 0.6 m per pixel). */
export const MAX_TILE_ZOOM = 18

/** A tile image is some 10–60 KB; anything past this is not a tile. */
export const MAX_TILE_BYTES = 1024 * 1024

/** PUT: the service, or `null` to switch tiles off. */
export const putTileServiceRequestSchema = tileServiceSchema.nullable()
export type PutTileServiceRequest = z.infer<typeof putTileServiceRequestSchema>

/** GET and PUT: `urlTemplate` only for the project office. */
export const tileServiceResponseSchema = z.object({
  configured: z.boolean(),
  attribution: z.string(),
  urlTemplate: z.string().optional(),
  /** ISO time of the save, while configured: names the service's tiles in the browsers' caches. */
  updatedAt: z.string().optional(),
})
export type TileServiceResponse = z.infer<typeof tileServiceResponseSchema>

export interface TileCoordinate {
  z: number
  x: number
  y: number
}

/** The tile named by the path's parts, or undefined unless z is 0–{@link MAX_TILE_ZOOM} and x, y lie in [0, 2^z). */
export function parseTileCoordinate(parts: { z: string; x: string; y: string }): TileCoordinate | undefined {
  const integer = (text: string) => (/^\d{1,6}$/.test(text) ? Number(text) : undefined)
  const z = integer(parts.z)
  const x = integer(parts.x)
  const y = integer(parts.y)
  if (z === undefined || x === undefined || y === undefined || z > MAX_TILE_ZOOM) return undefined
  const side = 2 ** z
  return x < side && y < side ? { z, x, y } : undefined
}

export function tileServicePath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/tile-service`
}

/**
 * `version` (the service's `updatedAt`) is ignored by the server: it only gives a changed service's
 * tiles new addresses, so a browser never shows the old service's tiles from its cache.
 */
export function tilePath(boardId: string, tile: TileCoordinate, version?: string): string {
  const path = `/api/boards/${encodeURIComponent(boardId)}/tiles/${tile.z}/${tile.x}/${tile.y}`
  return version === undefined ? path : `${path}?v=${encodeURIComponent(version)}`
}
