/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core'

/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5

export interface ContrastReading {
  label: string
  color: string
  background: string
  ratio: number
}

/**
 * The contrast ratio (WCAG 2.x) of an element's text against what is painted behind it, from
 * computed styles: the first opaque background up the tree, with translucent layers composited on
 * the way (a disabled button's opacity included). Background images and gradients are not read, so
 * the check is for controls drawn with colours — all of ours.
 */
export async function contrastOf(locator: Locator, label: string): Promise<ContrastReading> {
  const reading = await locator.evaluate((element) => {
    type Rgba = [number, number, number, number]
    const parse = (value: string): Rgba => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0]
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts.length > 3 ? (parts[3] ?? 1) : 1]
    }
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const alpha = top[3] + bottom[3] * (1 - top[3])
      if (alpha === 0) return [0, 0, 0, 0]
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha
      return [mix(0), mix(1), mix(2), alpha]
    }
    const layers: Rgba[] = []
    let opacity = 1
    for (let node: Element | null = element; node; node = node.parentElement) {
      const style = getComputedStyle(node)
      opacity *= Number(style.opacity)
      const background = parse(style.backgroundColor)
      if (background[3] > 0) layers.push(background)
      if (background[3] >= 1) break
    }
    let background: Rgba = [255, 255, 255, 1]
    for (const layer of layers.reverse()) background = over(layer, background)
    const text = parse(getComputedStyle(element).color)
    // Opacity on the element or an ancestor fades its text (and its own background) into the page.
    const shown = over([text[0], text[1], text[2], text[3] * opacity], background)
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (value: number) => {
        const c = value / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a) as [number, number]
    const css = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(',')})`
    return { color: css(shown), background: css(background), ratio: (light + 0.05) / (dark + 0.05) }
  })
  return { label, ...reading }
}

/** Elements under `root` whose text is cut off or spills out of its box (scroll size beyond client size). */
export async function overflowingText(page: Page, rootSelector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)
    if (!root) return [`${selector} missing`]
    const found: string[] = []
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (!element.childNodes.length || ![...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())) continue
      const style = getComputedStyle(element)
      if (style.display === 'none' || style.visibility === 'hidden' || element.clientWidth <= 1) continue
      const cut = element.scrollWidth > element.clientWidth + 1 && style.overflowX !== 'visible'
      const spills = style.overflowX === 'visible' && element.scrollWidth > element.clientWidth + 1 && style.display !== 'inline'
      const box = element.getBoundingClientRect()
      if (box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1))
        found.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 30)}" beyond the screen`)
      else if (cut && style.textOverflow !== 'ellipsis')
        found.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 30)}" cut`)
      else if (spills) found.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 30)}" spills`)
    }
    return found
  }, rootSelector)
}

/** How many of each column's cards are wholly inside the viewport (and the column's own scroll box). */
export async function visibleCardsPerColumn(page: Page): Promise<Record<string, { visible: number; total: number }>> {
  return page.evaluate(() => {
    const result: Record<string, { visible: number; total: number }> = {}
    for (const column of document.querySelectorAll<HTMLElement>('section.column[data-testid^="column-"]')) {
      const stage = column.dataset.testid!.slice('column-'.length)
      const cards = [...column.querySelectorAll<HTMLElement>('.card[data-project-id]')]
      let clip = { top: 0, bottom: window.innerHeight, left: 0, right: window.innerWidth }
      for (let node: HTMLElement | null = cards[0]?.parentElement ?? null; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (/(auto|scroll|hidden)/.test(style.overflowY)) {
          const box = node.getBoundingClientRect()
          clip = {
            top: Math.max(clip.top, box.top),
            bottom: Math.min(clip.bottom, box.bottom),
            left: Math.max(clip.left, box.left),
            right: Math.min(clip.right, box.right),
          }
        }
      }
      const visible = cards.filter((card) => {
        const box = card.getBoundingClientRect()
        return box.top >= clip.top - 1 && box.bottom <= clip.bottom + 1 && box.left >= clip.left - 1 && box.right <= clip.right + 1
      }).length
      result[stage] = { visible, total: cards.length }
    }
    return result
  })
}

/** Lines an element's text takes: its height over its line height (1 when it does not wrap). */
export async function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element)
    const range = document.createRange()
    range.selectNodeContents(element)
    const rects = [...range.getClientRects()]
    const tops = new Set(rects.filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
    return Math.max(1, tops.size || Math.round(element.getBoundingClientRect().height / (parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2)))
  })
}
