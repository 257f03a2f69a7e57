import { useLayoutEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react'

/** Same as the drag sensor's activation distance: a shorter press is a click that opens the card. */
const ATTEMPT_DISTANCE_PX = 6

/**
 * Handlers for a card the person may not move. dnd-kit never picks it up (its sortable is
 * disabled), so these notice the attempt instead — a press that travels like a drag, or Space, the
 * keyboard's pick-up key — and report it once per attempt, so the person learns why nothing moves.
 */
export function useLockedCardAttempts(locked: boolean, onAttempt: () => void) {
  const pressRef = useRef<{ x: number; y: number; reported: boolean } | null>(null)
  const onAttemptRef = useRef(onAttempt)
  useLayoutEffect(() => {
    onAttemptRef.current = onAttempt
  }, [onAttempt])
  return useMemo(() => {
    if (!locked) return undefined
    return {
      onPointerDown: (event: PointerEvent<HTMLElement>) => {
        if (event.button !== 0) return
        pressRef.current = { x: event.clientX, y: event.clientY, reported: false }
      },
      onPointerMove: (event: PointerEvent<HTMLElement>) => {
        const press = pressRef.current
        if (!press || press.reported) return
        if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < ATTEMPT_DISTANCE_PX) return
        press.reported = true
        onAttemptRef.current()
      },
      onPointerCancel: () => {
        pressRef.current = null
      },
      /** The click that ends a refused drag is not a request to open the card. */
      takeClickAfterAttempt: (): boolean => {
        const attempted = pressRef.current?.reported === true
        pressRef.current = null
        return attempted
      },
      onSpace: (event: KeyboardEvent<HTMLElement>) => {
        event.preventDefault()
        onAttemptRef.current()
      },
    }
  }, [locked])
}
