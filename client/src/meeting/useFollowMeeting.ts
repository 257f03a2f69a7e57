import { useSyncExternalStore } from 'react'
import { followMeetingStore } from './followStore.ts'

export function useFollowMeeting(): boolean {
  return useSyncExternalStore(followMeetingStore.subscribe, followMeetingStore.get)
}
