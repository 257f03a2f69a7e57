import { useEffect, useId, useState, type ReactNode } from 'react'
import { usePathname } from './usePathname.ts'

/**
 * The header's less important items. On a laptop or a wall they stand in the header itself (the
 * wrapper is `display: contents`, phone/fullBoard.css); on a phone they fold behind 菜单 so the
 * header stays one line and the board gets the screen. Closes when the page changes.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const pathname = usePathname()
  useEffect(() => setOpen(false), [pathname])
  return (
    <>
      <button
        type="button"
        className="header-menu-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        data-testid="header-menu-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? '收起' : '菜单'}
      </button>
      <div id={menuId} className={`header-more${open ? ' header-more-open' : ''}`}>
        {children}
      </div>
    </>
  )
}
