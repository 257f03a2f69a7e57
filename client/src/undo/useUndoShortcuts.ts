import { useEffect } from 'react'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** Text fields keep the browser's own undo of what is being typed. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)
  return false
}

/** Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo — the person's own board changes only. */
export function useUndoShortcuts(): void {
  const { undo } = useBoardConnection()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEntry(event.target)) return
      const key = event.key.toLowerCase()
      if (key === 'z' && !event.shiftKey) undo.undo()
      else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [undo])
}
