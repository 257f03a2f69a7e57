import type { Principal } from '@guatu/shared/domain/principal'
import { fetchMe, logout, type Me, type SignedIn } from '../api/authApi.ts'
import { setUnauthorizedHandler } from '../api/http.ts'
import { navigate } from '../app/route.ts'
import { createStore } from '../sync/externalStore.ts'

export type Session =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** Nobody signed in, or the session ended while the page was open (`expired`). */
  | { status: 'anonymous'; expired: boolean }
  | { status: 'ready'; me: Me; principal: Principal }

/**
 * The principal as the server's answer names it. `/api/me` does not reveal a screen link's id (the
 * link is known only by its token), so a screen's `linkId` stays empty: no permission reads it.
 */
export function principalOf(me: Me): Principal {
  if (me.kind === 'screen') return { kind: 'screen', linkId: '', boardId: me.boardId, name: me.name }
  const { id, username, displayName, role, units, dutiesSeparated } = me.user
  return { kind: 'user', userId: id, username, displayName, role, units, ...(dutiesSeparated ? { dutiesSeparated } : {}) }
}

/** Who is using this page; App shows the login page, the board or the admin page from it. */
export const sessionStore = createStore<Session>({ status: 'loading' })

const ready = (me: Me): Session => ({ status: 'ready', me, principal: principalOf(me) })

/** Asks the server who we are (cookie or `?token=`); runs at start-up and on 重试. */
export async function loadSession(): Promise<void> {
  sessionStore.set({ status: 'loading' })
  try {
    const me = await fetchMe()
    sessionStore.set(me ? ready(me) : { status: 'anonymous', expired: false })
  } catch (error) {
    sessionStore.set({ status: 'error', message: error instanceof Error ? error.message : '无法获取登录状态' })
  }
}

export function signedIn({ user, status }: SignedIn): void {
  sessionStore.set(ready({ kind: 'user', user, status }))
}

/** The server no longer accepts our credentials (a REST 401, or the socket closed with 4401). */
export function sessionExpired(): void {
  if (sessionStore.get().status === 'ready') sessionStore.set({ status: 'anonymous', expired: true })
}

/**
 * Ends the session on the server and goes to 登录 — even if the server cannot be reached. The
 * address changes first, so the page does not remember the board as the place to come back to.
 */
export async function signOut(): Promise<void> {
  try {
    await logout()
  } finally {
    navigate('/login')
    sessionStore.set({ status: 'anonymous', expired: false })
  }
}

setUnauthorizedHandler(sessionExpired)
