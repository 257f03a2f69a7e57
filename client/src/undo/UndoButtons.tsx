import { memo } from 'react'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useUndoShortcuts } from './useUndoShortcuts.ts'
import { useUndoState } from './useUndoState.ts'

/** 撤销 / 重做 of the person's own changes, with their keyboard shortcuts. */
export const UndoButtons = memo(function UndoButtons() {
  const { undo } = useBoardConnection()
  const { canUndo, canRedo } = useUndoState()
  useUndoShortcuts()
  return (
    <div className="undo-buttons" role="group" aria-label="撤销与重做">
      <button type="button" data-testid="undo" disabled={!canUndo} onClick={undo.undo} title="撤销我的上一步修改（Ctrl+Z）">
        撤销
      </button>
      <button type="button" data-testid="redo" disabled={!canRedo} onClick={undo.redo} title="重做（Ctrl+Shift+Z 或 Ctrl+Y）">
        重做
      </button>
    </div>
  )
})
