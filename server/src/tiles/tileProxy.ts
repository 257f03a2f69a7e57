import { LRUCache } from 'lru-cache'
import { MAX_TILE_BYTES } from '@guatu/shared/api/tileService'
import { RequestError } from '../requestError.ts'

/** One tile's bytes and the image type the service declared. */
export interface Tile {
  bytes: Uint8Array
  contentType: TileContentType
}

const TILE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
type TileContentType = (typeof TILE_CONTENT_TYPES)[number]

export interface TileProxyOptions {
  /** A service that has not answered (headers and body) by then is given up on: 504. */
  timeoutMs: number
  maxTileBytes: number
  /** Total bytes of tiles kept in memory. */
  cacheBytes: number
  /** Upstream fetches at once: a wall screen panning must not open hundreds of sockets. */
  maxConcurrent: number
  /** Requests waiting for a fetch slot; past this the tile is refused (503) rather than queued for ever. */
  maxWaiting: number
}

export const DEFAULT_TILE_PROXY_OPTIONS: TileProxyOptions = {
  timeoutMs: 5_000,
  maxTileBytes: MAX_TILE_BYTES,
  // About a thousand tiles: a county at the levels a wall screen and a few offices look at.
  cacheBytes: 64 * 1024 * 1024,
  maxConcurrent: 8,
  maxWaiting: 256,
}

/**
 * Fetches tiles from the office's service for the browsers, which may load images from Guatu
 * alone (CSP `img-src 'self'`) and must never see 天地图's key. Everything the service answers is
 * distrusted: no redirect is followed (it could point inside the intranet), only png/jpeg/webp
 * pass, the body is counted while it arrives, and a failure is one tile's 502/504, never the
 * server's. Tiles are kept in a byte-bounded LRU keyed by the caller (board, template, z/x/y),
 * and one tile wanted by many pages at once is fetched once.
 */
export class TileProxy {
  private readonly cache: LRUCache<string, Tile>
  private readonly inFlight = new Map<string, Promise<Tile>>()
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly options: TileProxyOptions = DEFAULT_TILE_PROXY_OPTIONS) {
    this.cache = new LRUCache<string, Tile>({ maxSize: options.cacheBytes, sizeCalculation: (tile) => Math.max(1, tile.bytes.byteLength) })
  }

  /** The tile at `url`, from the cache under `key` or from the service; throws RequestError 502/503/504. */
  async tile(key: string, url: string): Promise<Tile> {
    const cached = this.cache.get(key)
    if (cached) return cached
    const pending = this.inFlight.get(key)
    if (pending) return pending
    const fetching = this.withSlot(() => this.fetchTile(url)).finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, fetching)
    const tile = await fetching
    this.cache.set(key, tile)
    return tile
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.maxConcurrent) {
      if (this.waiting.length >= this.options.maxWaiting) throw new RequestError(503, '底图服务繁忙，请稍后再试')
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running += 1
    }
    try {
      return await work()
    } finally {
      // The slot passes straight to the next waiter, so `running` never drops below what is in use.
      const next = this.waiting.shift()
      if (next) next()
      else this.running -= 1
    }
  }

  private async fetchTile(url: string): Promise<Tile> {
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), this.options.timeoutMs)
    try {
      const response = await fetch(url, { redirect: 'manual', signal: abort.signal, headers: { accept: TILE_CONTENT_TYPES.join(', ') } })
      if (response.status >= 300 && response.status < 400) return refuse(response, '底图服务返回了重定向，已拒绝')
      if (response.status !== 200) return refuse(response, `底图服务返回错误（${response.status}）`)
      const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const contentType = TILE_CONTENT_TYPES.find((type) => type === declared)
      if (!contentType) return refuse(response, '底图服务返回的不是图片')
      const bytes = await readCapped(response, this.options.maxTileBytes)
      if (!bytes) throw new RequestError(502, '底图服务返回的图片过大')
      return { bytes, contentType }
    } catch (error) {
      if (error instanceof RequestError) throw error
      if (abort.signal.aborted) throw new RequestError(504, '底图服务响应超时')
      throw new RequestError(502, '无法连接底图服务')
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Drops the unread body (its bytes are never passed on) and refuses the tile. */
async function refuse(response: Response, message: string): Promise<never> {
  await response.body?.cancel().catch(() => undefined)
  throw new RequestError(502, message)
}

/** The body, or undefined as soon as it passes `maxBytes` (whatever Content-Length claimed). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = response.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}
