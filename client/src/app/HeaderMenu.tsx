import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { usePathname } from './usePathname.ts'

/**
 * The header's less important items. On a laptop or a wall they stand in the header itself (the
 * wrapper is `display: contents`, phone/fullBoard.css); on a phone they fold behind 菜单 so the
 * header stays one line and the board gets the screen. Closes when the page changes, and on Esc
 * (focus back on 菜单) for a keyboard.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const menuId = useId()
  const pathname = usePathname()
  useEffect(() => setOpen(false), [pathname])
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      toggleRef.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])
  return (
    <>
      <button
        ref={toggleRef}
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
