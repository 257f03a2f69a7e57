import { timingSafeEqual } from 'node:crypto'
import type { AddressAllowList } from '../ops/addressAllowList.ts'
import { clientAddress, type AppContext } from './appEnv.ts'
import { bearerFrom } from './authentication.ts'

export interface OpsAccessOptions {
  /** GUATU_METRICS_TOKEN: a bearer token Prometheus sends from anywhere; absent: no token is accepted. */
  metricsToken: string | undefined
  /** GUATU_METRICS_ALLOW: client addresses let in without the token (loopback by default). */
  metricsAllow: AddressAllowList
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Who may read the operations details (/metrics, and the per-dependency checks of /readyz): the
 * holder of the metrics token, or a client address on the allow-list. The address is the one
 * clientAddress() derives, so behind a trusted proxy it is the real client, not the proxy.
 */
export function mayReadOperations(c: AppContext, options: OpsAccessOptions): boolean {
  const token = bearerFrom(c.req.header('authorization'))
  if (token !== undefined && options.metricsToken !== undefined && sameSecret(token, options.metricsToken)) return true
  return options.metricsAllow.allows(clientAddress(c))
}
