/**
 * The two screens of the client. The server answers every unknown path with index.html (SPA
 * fallback), so a link to `/board/:boardId` pasted into a chat opens straight onto the board.
 */
export type Route = { kind: 'boards' } | { kind: 'board'; boardId: string } | { kind: 'notFound' }

const BOARD_PATH = /^\/board\/([^/]+)\/?$/

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'boards' }
  const match = BOARD_PATH.exec(pathname)
  if (match?.[1]) return { kind: 'board', boardId: decodeURIComponent(match[1]) }
  return { kind: 'notFound' }
}

export function boardPath(boardId: string): string {
  return `/board/${encodeURIComponent(boardId)}`
}

const NAVIGATE_EVENT = 'guatu:navigate'

/** Changes the page without a reload; `history.pushState` fires no event of its own, so we send one. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path)
  else history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

export function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}
