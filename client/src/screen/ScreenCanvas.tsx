import { useSyncExternalStore, type ReactNode } from 'react'

/** The wall is laid out once, on a 16:9 canvas of these CSS pixels, and scaled to the display. */
export const DESIGN_WIDTH = 1920
export const DESIGN_HEIGHT = 1080

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange)
  return () => window.removeEventListener('resize', onChange)
}

const viewportKey = () => `${window.innerWidth}x${window.innerHeight}`

/** How much the design is scaled on this display (2 on a 3840×2160 wall). */
export function designScale(width: number, height: number): number {
  return Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT)
}

/** The viewport's size as a key, following resizes (one render per change, not per frame). */
export function useViewportKey(): string {
  return useSyncExternalStore(subscribeToResize, viewportKey)
}

/**
 * Scales the 1920×1080 design to fit the viewport (×2 on a 3840×2160 wall), centred, letterboxed
 * when the display is not 16:9. Everything inside keeps its proportions, so what fits at 1920×1080
 * fits on every wall, and nothing ever scrolls.
 */
export function ScreenCanvas({ children }: { children: ReactNode }) {
  const key = useViewportKey()
  const [width = DESIGN_WIDTH, height = DESIGN_HEIGHT] = key.split('x').map(Number)
  const scale = designScale(width, height)
  const left = (width - DESIGN_WIDTH * scale) / 2
  const top = (height - DESIGN_HEIGHT * scale) / 2
  return (
    <div className="sw-screen-root" data-testid="screen">
      <div className="sw-screen-canvas" style={{ width: DESIGN_WIDTH, height: DESIGN_HEIGHT, transform: `translate(${left}px, ${top}px) scale(${scale})` }}>
        {children}
      </div>
    </div>
  )
}
