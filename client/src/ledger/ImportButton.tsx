import { memo, useState } from 'react'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { ImportDialog } from './ImportDialog.tsx'

/** 导入台账, for the project office only: it keeps the ledger (docs/api.md: import is admin-only). */
export const ImportButton = memo(function ImportButton({ boardId }: { boardId: string }) {
  const principal = usePrincipal()
  const [open, setOpen] = useState(false)
  if (!canManageBoards(principal)) return null
  return (
    <>
      <button type="button" className="header-button" data-testid="import-button" onClick={() => setOpen(true)}>
        导入台账
      </button>
      {open && <ImportDialog boardId={boardId} onClose={() => setOpen(false)} />}
    </>
  )
})
