import {
  tilePath,
  tileServicePath,
  tileServiceResponseSchema,
  type PutTileServiceRequest,
  type TileCoordinate,
  type TileServiceResponse,
} from '@guatu/shared/api/tileService'
import { jsonBody, requestBytes, requestJson } from '../api/http.ts'

/** The office's tile service as this reader may see it (shared/src/api/tileService.ts). */
export type TileServiceInfo = TileServiceResponse

export const NO_TILE_SERVICE: TileServiceInfo = Object.freeze({ configured: false, attribution: '' })

export async function fetchTileService(boardId: string, signal?: AbortSignal): Promise<TileServiceInfo> {
  return requestJson(tileServicePath(boardId), tileServiceResponseSchema, signal ? { signal } : {})
}

/** Saves the service, or with `null` switches tiles off; the project office only (the server checks). */
export async function saveTileService(boardId: string, service: PutTileServiceRequest): Promise<TileServiceInfo> {
  return requestJson(tileServicePath(boardId), tileServiceResponseSchema, { method: 'PUT', ...jsonBody(service) })
}

/**
 * One tile through Guatu's proxy, as an object URL the caller revokes. Fetched rather than put in
 * an `<img src>`: a wall screen authenticates with a bearer token an image request cannot carry.
 */
export async function fetchTileObjectUrl(boardId: string, tile: TileCoordinate, version: string | undefined, signal: AbortSignal): Promise<string> {
  const bytes = await requestBytes(tilePath(boardId, tile, version), { signal })
  return URL.createObjectURL(new Blob([bytes.slice()]))
}
