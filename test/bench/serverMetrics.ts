/**
 * A Guatu process's /metrics (Prometheus text, answered on loopback), read by the benchmarks for
 * what the process itself counts: boards loaded, commit durations, Redis lag.
 */

/** Every sample of the exposition, summed over its labels: `guatu_catch_ups_total` is all reasons together. */
export async function readMetrics(baseUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`)
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`)
  const totals = new Map<string, number>()
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{[^}]*\})? (\S+)$/i.exec(line)
    if (!match) continue
    totals.set(match[1]!, (totals.get(match[1]!) ?? 0) + Number(match[2]))
  }
  return totals
}

/** Mean of a histogram between two readings, in ms (NaN when nothing was observed), and its count. */
export function histogramMeanMs(before: Map<string, number>, after: Map<string, number>, name: string): { meanMs: number; count: number } {
  const count = (after.get(`${name}_count`) ?? 0) - (before.get(`${name}_count`) ?? 0)
  const sum = (after.get(`${name}_sum`) ?? 0) - (before.get(`${name}_sum`) ?? 0)
  return { meanMs: count > 0 ? (sum / count) * 1000 : Number.NaN, count }
}
