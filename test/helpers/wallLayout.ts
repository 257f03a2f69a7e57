/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The layout checks run inside the page (page.evaluate) and read the DOM.
import type { Page } from 'playwright-core'

/**
 * Everything that breaks a wall display, checked in the page: the document scrolls; a tile reaches
 * past the viewport; an element inside a tile overflows its own box (clipped or spilling text) or
 * pokes out of its tile. Returns one line per problem.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) {
      problems.push(`the page scrolls: ${root.scrollWidth}×${root.scrollHeight} in ${root.clientWidth}×${root.clientHeight}`)
    }
    const describe = (element: Element) => {
      const testId = element.getAttribute('data-testid')
      const label = testId ? `[${testId}]` : `.${[...element.classList].join('.')}`
      return `<${element.tagName.toLowerCase()}${label}> "${(element.textContent ?? '').trim().slice(0, 40)}"`
    }
    const tiles = [...document.querySelectorAll('[data-testid="screen-tile"]')]
    if (tiles.length < 10) problems.push(`only ${tiles.length} tiles on the wall`)
    for (const tile of tiles) {
      const box = tile.getBoundingClientRect()
      if (box.left < -0.5 || box.top < -0.5 || box.right > window.innerWidth + 0.5 || box.bottom > window.innerHeight + 0.5) {
        problems.push(`tile outside the viewport: ${describe(tile)} at ${JSON.stringify(box)}`)
      }
      for (const element of [tile, ...tile.querySelectorAll('*')]) {
        if (element instanceof HTMLElement && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)) {
          problems.push(
            `overflows its box: ${describe(element)} ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`,
          )
        }
        const rect = element.getBoundingClientRect()
        if (rect.width === 0 && rect.height === 0) continue
        if (rect.left < box.left - 1 || rect.top < box.top - 1 || rect.right > box.right + 1 || rect.bottom > box.bottom + 1) {
          problems.push(`sticks out of its tile: ${describe(element)}`)
        }
        // Text that spills out of a fixed grid or flex slot lands on its neighbour without overflowing anything.
        const laidOut = [...element.children].filter((child) => child instanceof HTMLElement && getComputedStyle(child).position !== 'absolute')
        for (const [index, first] of laidOut.entries()) {
          for (const second of laidOut.slice(index + 1)) {
            const a = first.getBoundingClientRect()
            const b = second.getBoundingClientRect()
            const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left)
            const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
            if (overlapX > 1 && overlapY > 1) problems.push(`overlaps its neighbour: ${describe(first)} and ${describe(second)}`)
          }
        }
      }
    }
    return problems
  })
}
