import { describe, expect, test } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { startServer } from '../helpers/server.ts'

/** A transition and an endless animation on a fresh element, as the page's stylesheet leaves them. */
async function motionOf(page: import('playwright-core').Page): Promise<{ transitionSeconds: number; iterations: string }> {
  return page.evaluate(() => {
    const probe = document.createElement('div')
    probe.style.transition = 'opacity 2s'
    probe.style.animation = 'probe-spin 3s infinite'
    document.body.append(probe)
    const style = getComputedStyle(probe)
    return { transitionSeconds: Number.parseFloat(style.transitionDuration), iterations: style.animationIterationCount }
  })
}

describe('reduced motion', () => {
  test('someone whose system asks for less motion gets changes at once: no slide, fade or endless blink', async () => {
    const server = await startServer()
    const browser = await launchBrowser()
    const seen: Record<string, { transitionSeconds: number; iterations: string }> = {}
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await browser.newContext({ reducedMotion, locale: 'zh-CN' })
      const page = await context.newPage()
      await page.goto(`${server.url}/login`)
      await page.getByRole('button', { name: '登录' }).waitFor()
      seen[reducedMotion] = await motionOf(page)
      await context.close()
    }
    expect(seen['no-preference'], 'without the preference the page animates as designed').toEqual({ transitionSeconds: 2, iterations: 'infinite' })
    expect(seen.reduce?.transitionSeconds, 'with it, a transition is over at once').toBeLessThan(0.001)
    expect(seen.reduce?.iterations, 'and an endless animation runs once').toBe('1')
  })
})
