import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deferCleanup } from './cleanup.ts'

/** A web site on another port of 127.0.0.1: another origin, but the same site as the Guatu server. */
export interface OtherOriginSite {
  /** http://127.0.0.1:PORT */
  readonly origin: string
  /** Serves `html` at `path` (e.g. `/attack`); returns its full URL. */
  page(path: string, html: string): string
}

/**
 * Starts a tiny web server on port 0 of 127.0.0.1, serving the pages a test gives it, as an
 * attacker's page or an office portal would be served. Closed when the test finishes.
 */
export async function startOtherOriginSite(): Promise<OtherOriginSite> {
  const pages = new Map<string, string>()
  const server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://localhost').pathname)
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(html ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  deferCleanup(
    () =>
      new Promise<void>((resolve) => {
        // A browser keeps connections alive; they must not hold the close open.
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    page(path, html) {
      pages.set(path, html)
      return `${origin}${path}`
    },
  }
}
