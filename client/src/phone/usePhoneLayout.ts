import { useSyncExternalStore } from 'react'
import { Role } from '@guatu/shared/domain/role'
import type { Principal } from '@guatu/shared/domain/principal'

/** Phones held upright (360–430 px) and small tablets in portrait; a laptop never matches. */
const PHONE_QUERY = '(max-width: 600px)'

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY)
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}

/**
 * Whether the board opens as the phone view: a department user (责任单位) on a narrow screen. The
 * office, leaders and screen links keep the board, which they read rather than report into.
 */
export function usePhoneLayout(principal: Principal): boolean {
  const narrow = useSyncExternalStore(subscribe, () => window.matchMedia(PHONE_QUERY).matches)
  return narrow && principal.kind === 'user' && principal.role === Role.editor
}
