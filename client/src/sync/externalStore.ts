/**
 * The smallest store `useSyncExternalStore` can read: a value with identity-based change
 * detection. Setting an equal value notifies nobody, so components re-render only on real change.
 */
export interface ExternalStore<T> {
  get: () => T
  subscribe: (listener: () => void) => () => void
}

export interface WritableStore<T> extends ExternalStore<T> {
  set: (value: T) => void
}

export function createStore<T>(initial: T): WritableStore<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set: (next) => {
      if (Object.is(next, value)) return
      value = next
      for (const listener of listeners) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
