import { createContext } from 'react'

/**
 * Whether a card is in hand on this board. Sortable cells give dnd-kit their live order only then
 * (CardCell.tsx): between drags nothing reads it, and a new order would re-render every card of
 * the cell on each remote move.
 */
export const DraggingContext = createContext(false)
