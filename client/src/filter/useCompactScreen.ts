import { useSyncExternalStore } from 'react'

/**
 * A department's laptop in the meeting room (1366×768 and the like): the same breakpoint as the
 * compact layout in styles/meetingRoom.css, so the filters start folded where the CSS tightens.
 */
export const COMPACT_SCREEN_QUERY = '(max-width: 1400px), (max-height: 800px)'

const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(COMPACT_SCREEN_QUERY) : undefined

function subscribe(onChange: () => void): () => void {
  media?.addEventListener('change', onChange)
  return () => media?.removeEventListener('change', onChange)
}

export function useCompactScreen(): boolean {
  return useSyncExternalStore(subscribe, () => media?.matches ?? false)
}
