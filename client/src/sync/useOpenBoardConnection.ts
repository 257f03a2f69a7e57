import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { sessionExpired } from '../auth/session.ts'
import { createBoardConnection, type BoardConnection, type PresenceUser } from './createBoardConnection.ts'

/**
 * Opens the board's connection for as long as the component is mounted. Bumping `generation`
 * throws the document away and starts from the server's copy again — what a rejected update
 * requires, because the server never stored it and every other client never saw it.
 */
export function useOpenBoardConnection(
  boardId: string,
  generation: number,
  user: PresenceUser,
  onRejected: (reason: string) => void,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
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
    })
    setConnection(opened)
    return () => opened.destroy()
  }, [boardId, generation])

  return connection
}
