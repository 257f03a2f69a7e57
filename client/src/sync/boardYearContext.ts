import { createContext } from 'react'
import { todayInChina } from '@guatu/shared/domain/dates'

/**
 * The board's year (`board.year` from `GET /api/boards/:id`), which fills in default settings when
 * none are stored. Until the board's record arrives, this year in China.
 */
export const BoardYearContext = createContext<number>(Number(todayInChina().slice(0, 4)))
