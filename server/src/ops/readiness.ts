/** One dependency the process needs to serve requests. */
export interface ReadinessCheck {
  name: string
  check: () => boolean | Promise<boolean>
}

export interface ReadinessReport {
  ready: boolean
  /** Each dependency by name: true when it answered. */
  checks: Record<string, boolean>
}

/** No dependency may take longer than this to answer a readiness probe. */
const CHECK_TIMEOUT_MS = 2_000

/**
 * GET /readyz: storage (and Redis, when configured) answering, and the process not shutting down.
 * A load balancer stops sending new clients to a process that is not ready.
 */
export function readinessProbe(checks: readonly ReadinessCheck[], isShuttingDown: () => boolean): () => Promise<ReadinessReport> {
  return async () => {
    const results = await Promise.all(checks.map(async ({ name, check }) => [name, await answersInTime(check)] as const))
    const report: Record<string, boolean> = Object.fromEntries(results)
    report.accepting = !isShuttingDown()
    return { ready: Object.values(report).every(Boolean), checks: report }
  }
}

async function answersInTime(check: () => boolean | Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)))
  try {
    return await Promise.race([Promise.resolve(check()).catch(() => false), timeout])
  } finally {
    clearTimeout(timer)
  }
}
