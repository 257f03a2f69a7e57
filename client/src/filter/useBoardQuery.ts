import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { navigate, subscribeToLocation } from '../app/route.ts'
import { readBoardQuery, writeBoardQuery, type BoardQuery } from './boardQuery.ts'

const readSearch = () => window.location.search

/**
 * The board's filter and swimlanes, kept in the address so that a filtered board can be pasted
 * into a chat ("工信局's projects above 1亿"). Changes replace the history entry rather than push
 * one: typing a name must not leave twenty entries for the back button.
 */
export function useBoardQuery(): { query: BoardQuery; setQuery: (next: BoardQuery) => void } {
  const search = useSyncExternalStore(subscribeToLocation, readSearch)
  const query = useMemo(() => readBoardQuery(search), [search])
  const setQuery = useCallback((next: BoardQuery) => {
    const { pathname, search: current, hash } = window.location
    navigate(`${pathname}${writeBoardQuery(current, next)}${hash}`, { replace: true })
  }, [])
  return { query, setQuery }
}
