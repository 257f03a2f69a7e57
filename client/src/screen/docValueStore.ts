import type { ExternalStore } from '../sync/externalStore.ts'

/**
 * A value read from one root of the board document (settings, meetings) through a shared accessor,
 * re-read whenever anything under that root changes. It observes the root only while React is
 * subscribed, and keeps the old value (and its identity) when the new one is equal, so a change
 * elsewhere in the root does not re-render what reads it.
 */
/** A root of the document (a Y.Map), as far as watching it goes. */
export interface ObservedRoot {
  observeDeep: (onChange: () => void) => void
  unobserveDeep: (onChange: () => void) => void
}

export function createDocValueStore<T>(
  root: ObservedRoot,
  read: () => T,
  isEqual: (a: T, b: T) => boolean,
): ExternalStore<T> {
  let value = read()
  const listeners = new Set<() => void>()
  const onChange = () => {
    const next = read()
    if (isEqual(value, next)) return
    value = next
    for (const listener of listeners) listener()
  }
  return {
    get: () => value,
    subscribe: (listener) => {
      if (listeners.size === 0) {
        root.observeDeep(onChange)
        // Changes made while nobody listened are picked up on the first subscription.
        onChange()
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) root.unobserveDeep(onChange)
      }
    },
  }
}
