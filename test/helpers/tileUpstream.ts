import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { deferCleanup } from './cleanup.ts'

/** Tile colours, distinct from every map colour, chosen per tile by (x + y) so neighbours differ. */
export const TILE_COLOURS = [
  { r: 255, g: 0, b: 255 },
  { r: 0, g: 255, b: 255 },
] as const

/** A solid 256 px PNG tile of `colour`. */
export async function solidTilePng(colour: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width: 256, height: 256, channels: 3, background: colour } })
    .png()
    .toBuffer()
}

/**
 * A tile service on 127.0.0.1 port 0, as 天地图 or an intranet GIS server would be, and the ways
 * one can misbehave. Every path counts its hits (`hits('/png/…')`, or a prefix with `hitsUnder`).
 *
 * - `/png/{z}/{x}/{y}.png`: a solid tile, coloured by {@link TILE_COLOURS}[(x + y) % 2]
 * - `/html/…`: a 200 text/html page (a captive portal's login page)
 * - `/huge/…`: an image/png body of 3 MB sent chunked, with no length declared
 * - `/redirect/…`: a 302 to `/target/…`
 * - `/hang/…`: accepts the request and never answers
 */
export interface TileUpstream {
  readonly origin: string
  hits(path: string): number
  hitsUnder(prefix: string): number
}

/** The HTML page a captive portal would serve: none of it may reach a browser through Guatu. */
export const PORTAL_HTML = '<html><body>PORTAL-SECRET<script>alert(1)</script></body></html>'
export const HUGE_TILE_BYTES = 3 * 1024 * 1024

export async function startTileUpstream(): Promise<TileUpstream> {
  const tiles = await Promise.all(TILE_COLOURS.map((colour) => solidTilePng(colour)))
  const hits = new Map<string, number>()
  const hanging = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const tile = /^\/png\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path)
    if (tile) {
      const x = Number(tile[2])
      const y = Number(tile[3])
      response.writeHead(200, { 'content-type': 'image/png' })
      response.end(tiles[(x + y) % 2])
    } else if (path.startsWith('/html/')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(PORTAL_HTML)
    } else if (path.startsWith('/huge/')) {
      response.writeHead(200, { 'content-type': 'image/png' })
      const chunk = Buffer.alloc(64 * 1024, 1)
      let sent = 0
      const pump = () => {
        while (sent < HUGE_TILE_BYTES) {
          sent += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      // The server may hang up once it has seen enough: that is the point.
      response.on('error', () => undefined)
      pump()
    } else if (path.startsWith('/redirect/')) {
      response.writeHead(302, { location: `/target/${path.slice('/redirect/'.length)}` })
      response.end()
    } else if (path.startsWith('/hang/')) {
      hanging.add(response)
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('no such tile')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  deferCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: (path) => hits.get(path) ?? 0,
    hitsUnder: (prefix) => [...hits].reduce((sum, [path, count]) => (path.startsWith(prefix) ? sum + count : sum), 0),
  }
}
