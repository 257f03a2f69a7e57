/**
 * What the browser benchmarks record inside the page (an init script, so it runs before the app):
 * every animation frame's duration, long tasks, and when each project element appears or changes
 * stage, stamped at the next animation frame after the DOM change (when it can first be painted).
 *
 * A project element is one matching the probe's selector; its stage is its own `data-stage` or that
 * of the nearest ancestor with one (a board column). Times are epoch milliseconds, so they compare
 * with the benchmark process's `Date.now()` on the same machine.
 */
import type { CDPSession, Page } from 'playwright-core'

export interface ProbeRecords {
  /** Durations between consecutive animation frames while recording, ms. */
  frames: number[]
  /** Long tasks (over 50 ms) while recording: [start epoch ms, duration ms]. */
  longTasks: Array<[number, number]>
  /** [project id, stage, epoch ms of the frame that could first paint it]. */
  shown: Array<[string, string, number]>
  /** Epoch ms when the first project element appeared (page load). */
  firstElement: number
}

/** The init script: `selector` picks the project elements to watch. */
export function probeScript(selector: string): string {
  return `(() => {
  const epoch = () => performance.timeOrigin + performance.now()
  const probe = (window.__benchProbe = { frames: [], longTasks: [], allLongTasks: [], shown: [], firstElement: 0, recording: false })
  let last = 0
  const tick = (now) => { if (probe.recording && last) probe.frames.push(now - last); last = now; requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const task = [performance.timeOrigin + entry.startTime, entry.duration]
      probe.allLongTasks.push(task)
      if (probe.recording) probe.longTasks.push(task)
    }
  }).observe({ type: 'longtask', buffered: true })
  let pending = []
  const flush = () => { const at = epoch(); for (const item of pending) { item[2] = at; probe.shown.push(item) } pending = [] }
  const note = (element) => {
    const id = element.getAttribute('data-project-id')
    const stage = element.getAttribute('data-stage') ?? element.closest('[data-stage]')?.getAttribute('data-stage')
    if (id && stage) pending.push([id, stage, 0])
  }
  new MutationObserver((records) => {
    if (!probe.firstElement && document.querySelector(${JSON.stringify(selector)})) probe.firstElement = epoch()
    if (!probe.recording) return
    const before = pending.length
    for (const record of records) {
      if (record.type === 'attributes') { if (record.target.matches(${JSON.stringify(selector)})) note(record.target); continue }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue
        if (node.matches(${JSON.stringify(selector)})) note(node)
        for (const element of node.querySelectorAll(${JSON.stringify(selector)})) note(element)
      }
    }
    if (before === 0 && pending.length > 0) requestAnimationFrame(flush)
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] })
})()`
}

export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (window as unknown as { __benchProbe: { recording: boolean; frames: number[]; longTasks: unknown[]; shown: unknown[] } }).__benchProbe
    probe.frames = []
    probe.longTasks = []
    probe.shown = []
    probe.recording = true
  })
}

export async function stopRecording(page: Page): Promise<ProbeRecords> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __benchProbe: ProbeRecords & { recording: boolean } }).__benchProbe
    probe.recording = false
    return { frames: probe.frames, longTasks: probe.longTasks, shown: probe.shown, firstElement: probe.firstElement }
  })
}

/** Every long task since the page loaded: [start epoch ms, duration ms]. */
export async function allLongTasks(page: Page): Promise<Array<[number, number]>> {
  return page.evaluate(() => (window as unknown as { __benchProbe: { allLongTasks: Array<[number, number]> } }).__benchProbe.allLongTasks)
}

export async function firstElementAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __benchProbe: ProbeRecords }).__benchProbe.firstElement)
}

/** Chromium's CPU throttling (rate 4 = an office PC a quarter as fast as this core). */
export async function throttleCpu(page: Page, rate: number): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page)
  await session.send('Emulation.setCPUThrottlingRate', { rate })
  return session
}

/** JS heap after a full GC, and DOM nodes and listeners, of one page (Chrome DevTools Protocol). */
export async function pageMemory(session: CDPSession): Promise<{ heapBytes: number; nodes: number; listeners: number }> {
  await session.send('HeapProfiler.collectGarbage')
  const heap = await session.send('Runtime.getHeapUsage')
  const counters = await session.send('Memory.getDOMCounters')
  return { heapBytes: heap.usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners }
}
