import { createContext } from 'react'
import type { BoardConnection } from './createBoardConnection.ts'

/** The open board's connection; provided by BoardPage, replaced wholesale after a rejection. */
export const BoardConnectionContext = createContext<BoardConnection | null>(null)
