import { memo, type AnchorHTMLAttributes, type MouseEvent } from 'react'
import { navigate } from './route.ts'

/** A link inside the app: changes the page without a reload; modified clicks still open a new tab. */
export const AppLink = memo(function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={follow} {...rest} />
})
