import { useEffect, useState } from 'react'

/** How long a changed number or a new row glows, so the room sees what just moved. */
export const FLASH_MS = 2_000

/**
 * True for FLASH_MS after `value` changes (not on the first render). The previous value is kept
 * in state and compared during render, React's pattern for state derived from earlier renders.
 */
export function useFlash(value: string | number): boolean {
  const [seen, setSeen] = useState({ value, changes: 0 })
  const [flashing, setFlashing] = useState(0)
  if (seen.value !== value) setSeen({ value, changes: seen.changes + 1 })
  useEffect(() => {
    if (seen.changes === 0) return
    setFlashing(seen.changes)
    const timer = setTimeout(() => setFlashing(0), FLASH_MS)
    return () => clearTimeout(timer)
  }, [seen.changes])
  return flashing !== 0
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Keys that appeared in `keys` within the last FLASH_MS: the rows of a list that are new since the
 * screen last drew it. Nothing glows on the first render, nor while the list is not `ready` (still
 * loading) or on the render it becomes ready: a list arriving is not news.
 */
export function useFreshKeys(keys: readonly string[], ready = true): ReadonlySet<string> {
  const signature = `${ready}\n${keys.join('\n')}`
  const [state, setState] = useState(() => ({ signature, ready, known: new Set(keys), fresh: NONE }))
  if (state.signature !== signature) {
    if (!ready || !state.ready) {
      setState({ signature, ready, known: new Set(keys), fresh: NONE })
    } else {
      const fresh = new Set(keys.filter((key) => !state.known.has(key)))
      setState({ signature, ready, known: new Set([...state.known, ...keys]), fresh: fresh.size > 0 ? fresh : state.fresh })
    }
  }
  const { fresh } = state
  useEffect(() => {
    if (fresh.size === 0) return
    const timer = setTimeout(() => setState((current) => (current.fresh === fresh ? { ...current, fresh: NONE } : current)), FLASH_MS)
    return () => clearTimeout(timer)
  }, [fresh])
  return fresh
}
