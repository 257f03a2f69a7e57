import { useMemo, useSyncExternalStore } from 'react'
import { usePrincipal } from '../auth/usePrincipal.ts'
import type { PresenceUser } from '../sync/createBoardConnection.ts'
import { PRESENCE_NAME_MAX as MAX_NAME_LENGTH, PRESENCE_UNIT_MAX as MAX_UNIT_LENGTH } from '@guatu/shared/sync/presence'
import { localColorStore } from './localUser.ts'

/** How this person appears to everyone else on the board: the account's name and units, this browser's colour. */
export function useLocalUser(): PresenceUser {
  const principal = usePrincipal()
  const color = useSyncExternalStore(localColorStore.subscribe, localColorStore.get)
  return useMemo(() => {
    if (principal.kind === 'screen') return { name: `大屏：${principal.name}`.slice(0, MAX_NAME_LENGTH), color }
    const name = (principal.displayName || principal.username).slice(0, MAX_NAME_LENGTH)
    const unit = principal.units.join('、').slice(0, MAX_UNIT_LENGTH)
    return unit ? { name, color, unit } : { name, color }
  }, [principal, color])
}
