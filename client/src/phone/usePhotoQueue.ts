import { useEffect, useSyncExternalStore } from 'react'
import { ConnectionState } from '../sync/connectionStatus.ts'
import { useConnectionStatus } from '../sync/useConnectionStatus.ts'
import { photoQueue, type QueueEvent, type QueuedPhoto } from './photoQueue.ts'

/**
 * The board's queued photos, uploaded whenever the board's connection is back (and once on open,
 * for photos left from before a reload). `onEvent` hears uploads and refusals.
 */
export function usePhotoQueue(boardId: string, onEvent: (event: QueueEvent) => void): readonly QueuedPhoto[] {
  const all = useSyncExternalStore(photoQueue.subscribe, photoQueue.all)
  const { state } = useConnectionStatus()
  useEffect(() => photoQueue.onEvent(onEvent), [onEvent])
  useEffect(() => {
    if (state === ConnectionState.connected) void photoQueue.flush(boardId)
  }, [boardId, state])
  useEffect(() => {
    void photoQueue.load()
    const retry = () => void photoQueue.flush(boardId)
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [boardId])
  return all.filter((photo) => photo.boardId === boardId)
}
