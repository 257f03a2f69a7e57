import { memo, useId, type ReactNode } from 'react'
import { useFlash } from './useFlash.ts'

/** A framed panel of the wall with its title; `aside` sits at the right of the title bar. */
export function ScreenTile({ title, aside, className, children }: { title: ReactNode; aside?: ReactNode; className?: string; children: ReactNode }) {
  const titleId = useId()
  return (
    <section className={`sw-tile ${className ?? ''}`} data-testid="screen-tile" aria-labelledby={titleId}>
      <header className="sw-tile-head">
        <h2 id={titleId} className="sw-tile-title">
          {title}
        </h2>
        {aside !== undefined && <div className="sw-tile-aside">{aside}</div>}
      </header>
      <div className="sw-tile-body">{children}</div>
    </section>
  )
}

/** A number that glows for two seconds when it changes. The test id sits on the digits alone. */
export const Figure = memo(function Figure({ value, unit, className, testId }: { value: string; unit?: string; className?: string; testId?: string }) {
  const flashing = useFlash(value)
  return (
    <span className={`sw-figure ${className ?? ''} ${flashing ? 'sw-flash' : ''}`}>
      <span className="sw-figure-value" data-testid={testId}>
        {value}
      </span>
      {unit && <span className="sw-figure-unit">{unit}</span>}
    </span>
  )
})
