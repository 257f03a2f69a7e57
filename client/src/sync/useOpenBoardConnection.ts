import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { canWrite } from '@guatu/shared/domain/permissions'
import { sessionExpired } from '../auth/session.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { createBoardConnection, type BoardConnection, type PresenceUser } from './createBoardConnection.ts'

/**
 * Opens the board's connection for as long as the component is mounted. Bumping `generation`
 * throws the document away and starts from the server's copy again — what a rejected update
 * requires, because the server never stored it and every other client never saw it.
 */
export function useOpenBoardConnection(boardId: string, generation: number, user: PresenceUser, onRejected: (reason: string) => void): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  // Bumped when a read-only principal's offline cache turned out stale (incomingUpdates.ts).
  const [cacheResets, setCacheResets] = useState(0)
  const readOnly = !canWrite(usePrincipal())
  const onRejectedRef = useRef(onRejected)
  const userRef = useRef(user)
  useLayoutEffect(() => {
    onRejectedRef.current = onRejected
    userRef.current = user
  }, [onRejected, user])

  useEffect(() => {
    const opened = createBoardConnection(boardId, {
      user: userRef.current,
      onRejected: (reason) => onRejectedRef.current(reason),
      onUnauthorized: sessionExpired,
      readOnly,
      onStaleCache: () => setCacheResets((n) => n + 1),
    })
    setConnection(opened)
    return () => opened.destroy()
  }, [boardId, generation, cacheResets, readOnly])

  return connection
}
