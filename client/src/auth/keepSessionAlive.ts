import { fetchMe, logout } from '../api/authApi.ts'
import { sessionExpired, sessionStore } from './session.ts'

/** At most one keep-alive request per this long; the server extends a session about once a minute anyway. */
const KEEP_ALIVE_EVERY_MS = 60_000
/** How often the page checks whether it has been left alone for the idle timeout. */
const IDLE_CHECK_EVERY_MS = 15_000
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * The idle timeout (GUATU_SESSION_IDLE_MS) counts a person's activity, not an open socket: during a
 * meeting the board is open for hours over one websocket and hardly any REST request, so the page
 * tells the server it is in use when someone clicks, types or scrolls — at most once a minute. A
 * page nobody touched for the idle timeout signs itself out, which also closes its board socket: a
 * terminal left alone cannot be used to move cards (等保: 登录连接超时自动退出). The server refuses
 * the expired session on REST and new sockets by itself.
 */
export function keepSessionAliveWhileUsed(target: Window = window): () => void {
  let lastPing = Date.now()
  let lastInput = Date.now()
  const onInput = () => {
    const now = Date.now()
    lastInput = now
    if (now - lastPing < KEEP_ALIVE_EVERY_MS || sessionStore.get().status !== 'ready') return
    lastPing = now
    fetchMe().then(
      (me) => {
        if (me === null) sessionExpired()
      },
      () => undefined, // offline: the sync connection shows it; the next input tries again
    )
  }
  const checkIdle = () => {
    const session = sessionStore.get()
    if (session.status !== 'ready' || session.me.kind !== 'user' || !session.me.status) return
    if (Date.now() - lastInput < session.me.status.sessionIdleMs) return
    sessionExpired()
    void logout().catch(() => undefined)
  }
  for (const event of INPUT_EVENTS) target.addEventListener(event, onInput, { passive: true, capture: true })
  const timer = target.setInterval(checkIdle, IDLE_CHECK_EVERY_MS)
  return () => {
    target.clearInterval(timer)
    for (const event of INPUT_EVENTS) target.removeEventListener(event, onInput, { capture: true })
  }
}
