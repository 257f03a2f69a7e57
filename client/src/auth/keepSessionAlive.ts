import { fetchMe } from '../api/authApi.ts'
import { sessionExpired, sessionStore } from './session.ts'

/** At most one keep-alive request per this long; the server extends a session about once a minute anyway. */
const KEEP_ALIVE_EVERY_MS = 60_000
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * The idle timeout (GUATU_SESSION_IDLE_MS) counts a person's activity, not an open socket: during a
 * meeting the board is open for hours over one websocket and hardly any REST request, so the page
 * tells the server it is in use when someone clicks, types or scrolls — at most once a minute. A
 * page left alone (a terminal nobody is at) lets the session run out, and the next request asks
 * for the password again, as 等保 requires.
 */
export function keepSessionAliveWhileUsed(target: Window = window): () => void {
  let lastPing = Date.now()
  const onInput = () => {
    const now = Date.now()
    if (now - lastPing < KEEP_ALIVE_EVERY_MS || sessionStore.get().status !== 'ready') return
    lastPing = now
    fetchMe().then(
      (me) => {
        if (me === null) sessionExpired()
      },
      () => undefined, // offline: the sync connection shows it; the next input tries again
    )
  }
  for (const event of INPUT_EVENTS) target.addEventListener(event, onInput, { passive: true, capture: true })
  return () => {
    for (const event of INPUT_EVENTS) target.removeEventListener(event, onInput, { capture: true })
  }
}
