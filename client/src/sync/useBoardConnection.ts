import { useContext } from 'react'
import { BoardConnectionContext } from './boardConnectionContext.ts'
import type { BoardConnection } from './createBoardConnection.ts'

export function useBoardConnection(): BoardConnection {
  const connection = useContext(BoardConnectionContext)
  if (!connection) throw new Error('useBoardConnection 必须在 BoardConnectionContext 内使用')
  return connection
}
