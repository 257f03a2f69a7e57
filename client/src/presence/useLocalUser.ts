import { useSyncExternalStore } from 'react'
import { localUserStore } from './localUser.ts'

export function useLocalUser() {
  return useSyncExternalStore(localUserStore.subscribe, localUserStore.get)
}
