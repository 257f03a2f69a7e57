import { useSyncExternalStore } from 'react'
import { subscribeToLocation } from './route.ts'

const readPathname = () => window.location.pathname

/** The current path; re-renders on back/forward and on `navigate`. */
export function usePathname(): string {
  return useSyncExternalStore(subscribeToLocation, readPathname)
}
