import type * as Y from 'yjs'
import { metaRoot } from '@guatu/shared/board/boardDoc'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'

/**
 * The board's settings (targets, thresholds) from the `meta` root. Parsed once per change and per
 * year and then kept as one object: every light and figure on the page is memoized on its
 * identity, so re-reading on each render would recompute 2,000 cards' lights.
 */
export function createSettingsIndex(doc: Y.Doc, onChange: () => void) {
  const root = metaRoot(doc)
  let cached: { year: number; settings: BoardSettings } | undefined

  const onMetaChange = () => {
    cached = undefined
    onChange()
  }
  root.observeDeep(onMetaChange)

  return {
    /** `year` only fills in the defaults when no (readable) settings are stored. */
    get: (year: number): BoardSettings => {
      if (cached?.year !== year) cached = { year, settings: readBoardSettings(doc, year) }
      return cached.settings
    },
    stop: () => root.unobserveDeep(onMetaChange),
  }
}
