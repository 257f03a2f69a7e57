import { memo, useEffect, useRef } from 'react'

const TOAST_VISIBLE_MS = 10_000

export interface ToastMessage {
  id: number
  text: string
}

/**
 * A message that needs noticing but not answering: a rejected change, a failed move. It is shown
 * as a manual popover so it sits in the top layer, above an open project dialog — a rejection
 * usually arrives while someone is editing in that dialog.
 */
export const Toast = memo(function Toast({ message, onDismiss }: { message: ToastMessage; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = ref.current
    if (element && typeof element.showPopover === 'function' && !element.matches(':popover-open')) element.showPopover()
    const timer = setTimeout(onDismiss, TOAST_VISIBLE_MS)
    return () => {
      clearTimeout(timer)
      if (element?.matches(':popover-open')) element.hidePopover()
    }
  }, [message.id, onDismiss])
  return (
    <div ref={ref} popover="manual" className="toast" role="alert" data-testid="toast">
      <span>{message.text}</span>
      <button type="button" onClick={onDismiss} aria-label="关闭提示">
        知道了
      </button>
    </div>
  )
})
