/** A padlock drawn in SVG: emoji fonts are missing on many office PCs and kiosk browsers. */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="0.9em" height="0.9em" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  )
}
