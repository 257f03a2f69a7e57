import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { localUserStore } from '../presence/localUser.ts'
import { createBoardConnection, type BoardConnection } from './createBoardConnection.ts'

/**
 * Opens the board's connection for as long as the component is mounted. Bumping `generation`
 * throws the document away and starts from the server's copy again — what a rejected update
 * requires, because the server never stored it and every other client never saw it.
 */
export function useOpenBoardConnection(
  boardId: string,
  generation: number,
  onRejected: (reason: string) => void,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const onRejectedRef = useRef(onRejected)
  useLayoutEffect(() => {
    onRejectedRef.current = onRejected
  }, [onRejected])

  useEffect(() => {
    const opened = createBoardConnection(boardId, {
      user: localUserStore.get().user,
      onRejected: (reason) => onRejectedRef.current(reason),
    })
    setConnection(opened)
    return () => opened.destroy()
  }, [boardId, generation])

  return connection
}
