import { changesQuerySchema, momentQuerySchema } from '@guatu/shared/api/lookback'
import { RequestError } from '../requestError.ts'
import type { AppContext } from './appEnv.ts'

/** A browser's clock may run a little ahead of the server's: up to this much is read as "now". */
const CLOCK_SLACK_MS = 60_000

/**
 * The moment `?at=` asks for (ms since epoch), or undefined for the live board. A moment in the
 * future is refused rather than quietly shown as now (rule 6: no silent guesses).
 */
export function readMoment(c: AppContext, now = Date.now()): number | undefined {
  const parsed = momentQuerySchema.safeParse({ at: c.req.query('at') })
  if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? 'at 无效')
  if (parsed.data.at === undefined) return undefined
  return notInFuture(Date.parse(parsed.data.at), now)
}

/** `?from=&to=` of 变化对比, each optional, neither in the future. */
export function readMoments(c: AppContext, now = Date.now()): { from?: number; to?: number } {
  const parsed = changesQuerySchema.safeParse({ from: c.req.query('from'), to: c.req.query('to') })
  if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? '时刻无效')
  const { from, to } = parsed.data
  return {
    ...(from === undefined ? {} : { from: notInFuture(Date.parse(from), now) }),
    ...(to === undefined ? {} : { to: notInFuture(Date.parse(to), now) }),
  }
}

function notInFuture(at: number, now: number): number {
  if (at > now + CLOCK_SLACK_MS) throw new RequestError(400, '不能查看未来的时刻')
  return Math.min(at, now)
}
