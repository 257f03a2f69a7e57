import { useCallback, useEffect, useState } from 'react'

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T }

/**
 * Runs `load` on mount and again on `reload` (after a change the list must show). `load` must be
 * stable (a module function or a memoized callback); its identity changing also reloads.
 */
export function useLoaded<T>(load: () => Promise<T>): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let current = true
    load().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : '加载失败' }),
    )
    return () => {
      current = false
    }
  }, [load, attempt])
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
