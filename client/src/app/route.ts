import { isProjectId, type ProjectId } from '@guatu/shared/domain/project'
/**
 * The screens of the client. The server answers every unknown path with index.html (SPA
 * fallback), so a link to `/board/:boardId` pasted into a chat opens straight onto the board.
 * `/screen/:boardId?token=…` is the address a screen link hands out for a wall display.
 */
export type Route =
  | { kind: 'boards' }
  | { kind: 'board'; boardId: string }
  /** The board's other pages (地图, 问题清单, 目标进度, 预警, 督办, 排名, 设置), over the same live connection as the board. */
  | { kind: BoardSubpage; boardId: string }
  /** 大屏: the wall display of a board, read-only, for a screen link or anyone signed in. */
  | { kind: 'screen'; boardId: string }
  /** 调度会: the board's meetings, and the minutes (会议纪要) of one. */
  | { kind: 'meetings'; boardId: string }
  | { kind: 'minutes'; boardId: string; meetingId: string }
  | { kind: 'login' }
  | { kind: 'admin' }
  /** 项目库: the reserve of candidate projects, outside the annual boards. */
  | { kind: 'reserve' }
  /** 汇总: every board the user may read, side by side (read only). */
  | { kind: 'rollups' }
  /** 修改密码: the user's own password (also shown, whatever the path, while a change is required). */
  | { kind: 'password' }
  | { kind: 'notFound' }

const BOARD_PATH = /^\/board\/([^/]+)\/?$/
const SCREEN_PATH = /^\/screen\/([^/]+)\/?$/
export const BOARD_SUBPAGES = ['map', 'problems', 'progress', 'warnings', 'notices', 'review', 'ranking', 'lookback', 'settings'] as const
export type BoardSubpage = (typeof BOARD_SUBPAGES)[number]
/** Which page of the board: the kanban itself or one of its other pages (问题清单, 目标进度 …). */
export type BoardView = 'board' | BoardSubpage | 'meetings' | 'minutes'
const MEETINGS_PATH = /^\/board\/([^/]+)\/meetings\/?$/
const MINUTES_PATH = /^\/board\/([^/]+)\/meetings\/([^/]+)\/?$/
const SUBPAGE_PATH = new RegExp(`^/board/([^/]+)/(${BOARD_SUBPAGES.join('|')})/?$`)

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'boards' }
  if (pathname === '/login' || pathname === '/login/') return { kind: 'login' }
  if (pathname === '/admin' || pathname === '/admin/') return { kind: 'admin' }
  if (pathname === RESERVE_PATH || pathname === `${RESERVE_PATH}/`) return { kind: 'reserve' }
  if (pathname === ROLLUPS_PATH || pathname === `${ROLLUPS_PATH}/`) return { kind: 'rollups' }
  if (pathname === PASSWORD_PATH || pathname === `${PASSWORD_PATH}/`) return { kind: 'password' }
  const match = BOARD_PATH.exec(pathname)
  if (match?.[1]) return { kind: 'board', boardId: decodeURIComponent(match[1]) }
  const screen = SCREEN_PATH.exec(pathname)
  if (screen?.[1]) return { kind: 'screen', boardId: decodeURIComponent(screen[1]) }
  const meetings = MEETINGS_PATH.exec(pathname)
  if (meetings?.[1]) return { kind: 'meetings', boardId: decodeURIComponent(meetings[1]) }
  const minutes = MINUTES_PATH.exec(pathname)
  if (minutes?.[1] && minutes[2]) return { kind: 'minutes', boardId: decodeURIComponent(minutes[1]), meetingId: decodeURIComponent(minutes[2]) }
  const subpage = SUBPAGE_PATH.exec(pathname)
  const page = BOARD_SUBPAGES.find((name) => name === subpage?.[2])
  if (subpage?.[1] && page) return { kind: page, boardId: decodeURIComponent(subpage[1]) }
  return { kind: 'notFound' }
}

export const ADMIN_PATH = '/admin'
export const RESERVE_PATH = '/reserve'
export const ROLLUPS_PATH = '/rollups'
export const PASSWORD_PATH = '/password'

/** The login page, remembering where to return to. */
export function loginPath(next?: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'
}

/** A stand-in origin to resolve `next` against: what matters is only whether it stays the same. */
const THIS_SITE = 'https://guatu.invalid'

/**
 * Where to go after signing in: the `next` of the login address if it is a path on this site.
 * Anything else (`//evil.example`, `https://…`) is ignored so the login page cannot be used to
 * send someone elsewhere.
 */
export function nextPathAfterLogin(search: string): string {
  const next = new URLSearchParams(search).get('next')
  if (!next || !next.startsWith('/')) return '/'
  // Judged as the browser will read it, not as text: the URL parser drops tabs and newlines and
  // reads `\` as `/`, so `/<tab>/evil.example` is `//evil.example`, another site, though it passes
  // a check on its first characters. `next` itself is handed back, not the parsed path: that one
  // may have lost a dot segment (`/.//evil.example` parses to the path `//evil.example`). Such a
  // path is refused too, since the 统一身份认证 link passes it on to a server that may normalise it.
  let url: URL
  try {
    url = new URL(next, THIS_SITE)
  } catch {
    return '/'
  }
  if (url.origin !== THIS_SITE || url.pathname.startsWith('//') || url.pathname.startsWith('/login')) return '/'
  return next
}

export function boardPath(boardId: string): string {
  return `/board/${encodeURIComponent(boardId)}`
}

/** `?project=` on a board: open that project's panel at its history (links from a project's other years). */
export const PROJECT_HISTORY_PARAM = 'project'

export function projectHistoryPath(boardId: string, projectId: string): string {
  return `${boardPath(boardId)}?${new URLSearchParams({ [PROJECT_HISTORY_PARAM]: projectId }).toString()}`
}

/** The project a board link asks to open (projectHistoryPath), if the address names a valid one. */
export function projectAskedFor(search: string): ProjectId | undefined {
  const id = new URLSearchParams(search).get(PROJECT_HISTORY_PARAM)
  return isProjectId(id) ? id : undefined
}

export function problemsPath(boardId: string): string {
  return `${boardPath(boardId)}/problems`
}

export function boardSubpagePath(boardId: string, page: BoardSubpage): string {
  return `${boardPath(boardId)}/${page}`
}

export function meetingsPath(boardId: string): string {
  return `${boardPath(boardId)}/meetings`
}

export function minutesPath(boardId: string, meetingId: string): string {
  return `${meetingsPath(boardId)}/${encodeURIComponent(meetingId)}`
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
