import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { REVEAL_CARD_EVENT } from './focusCard.ts'
import { RovingFocusContext } from './rovingFocusStore.ts'

/**
 * A cell with fewer cards than this renders them all: small boards (and every test board) keep
 * every card in the DOM, and a 160-card board pays nothing for the virtualiser.
 */
export const VIRTUALIZE_FROM_CARDS = 60

/** A card on the board is about this tall before it is measured (name on one line, no badges). */
const ESTIMATED_CARD_PX = 128
/** Cards rendered beyond each edge of the viewport: keeps keyboard steps and short drags on mounted cards. */
const OVERSCAN_CARDS = 6
/** How long a revealed card may take to mount after the scroll before we give up on focusing it. */
const REVEAL_FOCUS_FRAMES = 30

const noSubscribe = () => () => undefined

/**
 * The cards of one long cell, only those near the viewport mounted. dnd-kit only knows mounted
 * sortables, so collision works on what the person sees; the card in hand (`pinnedId`) and the
 * roving tab stop stay mounted wherever they are, so a drag keeps its source and Tab always finds
 * the board. Cards are positioned absolutely (`top`, not `transform`: no stacking context, so a
 * hovered card's light tip still rises above its neighbours, and dnd-kit's sort transform stays
 * on the card itself).
 *
 * `scrollElement` scrolls the cards: the cell itself on the board without swimlanes, the whole
 * board with swimlanes (then `listTop` is found from the layout as the scroll margin).
 */
export function VirtualCards({
  cards,
  pinnedId,
  scrollElement,
  renderCard,
}: {
  cards: readonly Project[]
  pinnedId: ProjectId | undefined
  scrollElement: () => HTMLElement | null
  renderCard: (project: Project) => ReactNode
}) {
  const listRef = useRef<HTMLDivElement>(null)
  const roving = useContext(RovingFocusContext)
  const tabStop = useSyncExternalStore(roving?.subscribe ?? noSubscribe, () => roving?.tabStop())
  const [gapPx, setGapPx] = useState(0)
  const [scrollMargin, setScrollMargin] = useState(0)

  const pinnedIndices = useRef<number[]>([])
  pinnedIndices.current = [pinnedId, tabStop].map((id) => (id === undefined ? -1 : cards.findIndex((card) => card.id === id))).filter((index) => index >= 0)
  const rangeExtractor = useCallback((range: Range) => {
    const indices = defaultRangeExtractor(range)
    const extra = pinnedIndices.current.filter((index) => !indices.includes(index))
    return extra.length === 0 ? indices : [...indices, ...extra].sort((a, b) => a - b)
  }, [])

  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: scrollElement,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => cards[index]?.id ?? index,
    overscan: OVERSCAN_CARDS,
    gap: gapPx,
    scrollMargin,
    rangeExtractor,
    // A first frame as tall as the window: the first cards show without waiting for a measurement.
    initialRect: { width: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight },
    // React 19 warns about flushSync from a layout effect; a frame's delay while scrolling is fine.
    useFlushSync: false,
  })

  // The gap between cards comes from the stylesheet (.column-cards), and with swimlanes the list
  // starts somewhere down the board: read both from the layout.
  useLayoutEffect(() => {
    const list = listRef.current
    const scroller = scrollElement()
    if (!list || !scroller) return
    const parent = list.parentElement
    if (parent) setGapPx(parseFloat(getComputedStyle(parent).rowGap) || 0)
    const measure = () => {
      const margin = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop
      setScrollMargin((previous) => (Math.abs(previous - margin) < 1 ? previous : margin))
    }
    measure()
    if (scroller === parent) return
    // With swimlanes the lanes above this one grow and shrink as cards move.
    const observer = new ResizeObserver(measure)
    observer.observe(scroller.firstElementChild ?? scroller)
    for (const lane of scroller.children) observer.observe(lane)
    return () => observer.disconnect()
  }, [scrollElement])

  // focusCard could not find the card (not mounted): scroll to it here, then focus it once mounted.
  useEffect(() => {
    const board = listRef.current?.closest('[data-testid="board"]')
    if (!board) return
    let frame = 0
    const onReveal = (event: Event) => {
      const id = (event as CustomEvent<unknown>).detail
      const index = cards.findIndex((card) => card.id === id)
      if (index < 0) return
      virtualizer.scrollToIndex(index, { align: 'auto' })
      let framesLeft = REVEAL_FOCUS_FRAMES
      cancelAnimationFrame(frame)
      const tryFocus = () => {
        const element = listRef.current?.querySelector<HTMLElement>(`[data-project-id="${CSS.escape(String(id))}"]`)
        if (element) {
          element.focus({ preventScroll: true })
          element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
          return
        }
        if (--framesLeft > 0) frame = requestAnimationFrame(tryFocus)
      }
      frame = requestAnimationFrame(tryFocus)
    }
    board.addEventListener(REVEAL_CARD_EVENT, onReveal)
    return () => {
      board.removeEventListener(REVEAL_CARD_EVENT, onReveal)
      cancelAnimationFrame(frame)
    }
  }, [cards, virtualizer])

  return (
    <div ref={listRef} style={{ position: 'relative', flex: 'none', width: '100%', height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const project = cards[item.index]
        if (!project) return null
        return (
          <div
            key={project.id}
            data-index={item.index}
            ref={virtualizer.measureElement}
            // flow-root: a marked card's top margin stays inside the measured box.
            style={{ position: 'absolute', top: item.start - scrollMargin, left: 0, right: 0, display: 'flow-root' }}
          >
            {renderCard(project)}
          </div>
        )
      })}
    </div>
  )
}
