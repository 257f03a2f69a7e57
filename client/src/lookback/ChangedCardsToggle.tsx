import { useEffect, useState, type ReactNode } from 'react'
import { fetchChanges } from '../api/lookbackApi.ts'
import { changedCards, ChangedCardsContext } from './changedCards.ts'

/**
 * 标出变化: a toggle above the board that marks the cards changed since the end of the last
 * meeting. Off by default; the marks are a snapshot taken when switched on (switch again to refresh).
 */
export function ChangedCardsToggle({ boardId, onError, children }: { boardId: string; onError: (message: string) => void; children: ReactNode }) {
  const [on, setOn] = useState(false)
  const [changed, setChanged] = useState<ReadonlyMap<string, string> | null>(null)
  useEffect(() => {
    if (!on) return setChanged(null)
    let current = true
    fetchChanges(boardId, {})
      .then((comparison) => current && setChanged(changedCards(comparison)))
      .catch((reason: Error) => {
        if (!current) return
        setOn(false)
        onError(reason.message)
      })
    return () => {
      current = false
    }
  }, [boardId, on, onError])
  return (
    <>
      <div className="changed-toggle-row">
        <label className="filter-inline filter-check">
          <input type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} data-testid="changed-toggle" />
          标出上次会议以来有变化的项目{changed ? `（${changed.size}个）` : ''}
        </label>
      </div>
      <ChangedCardsContext.Provider value={changed}>{children}</ChangedCardsContext.Provider>
    </>
  )
}
