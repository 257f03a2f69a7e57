/**
 * Where a page's main thread spent a Chrome trace (devtools.timeline): every task, and within them
 * style, layout, paint and garbage collection; script and the rest is the remainder. What the
 * browser benchmarks print beside a goal they miss, so the table says what costs the time.
 */
import { readFile } from 'node:fs/promises'

export interface MainThreadBreakdown {
  busyMs: number
  scriptAndOtherMs: number
  styleMs: number
  layoutMs: number
  paintMs: number
  gcMs: number
}

interface TraceEvent {
  name: string
  ph: string
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** A task of the main thread's scheduler: Chromium has named it both ways. */
const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask'])
const PAINT = new Set(['Paint', 'PrePaint', 'Layerize', 'PaintImage', 'UpdateLayer'])

export async function mainThreadBreakdown(tracePath: string): Promise<MainThreadBreakdown> {
  const trace = JSON.parse(await readFile(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? [])
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  )
  const sum = { busy: 0, style: 0, layout: 0, paint: 0, gc: 0 }
  for (const event of events) {
    if (event.ph !== 'X' || !event.dur || !mainThreads.has(`${event.pid}:${event.tid}`)) continue
    if (TASK.has(event.name)) sum.busy += event.dur
    else if (event.name === 'UpdateLayoutTree') sum.style += event.dur
    else if (event.name === 'Layout') sum.layout += event.dur
    else if (PAINT.has(event.name)) sum.paint += event.dur
    else if (event.name === 'MinorGC' || event.name === 'MajorGC') sum.gc += event.dur
  }
  const ms = (microseconds: number) => Math.round(microseconds / 1000)
  return {
    busyMs: ms(sum.busy),
    scriptAndOtherMs: ms(Math.max(0, sum.busy - sum.style - sum.layout - sum.paint)),
    styleMs: ms(sum.style),
    layoutMs: ms(sum.layout),
    paintMs: ms(sum.paint),
    gcMs: ms(sum.gc),
  }
}
