import { BlockList, isIP } from 'node:net'

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)
  return mapped ? mapped[1]! : trimmed
}

/** Parses one GUATU_TRUSTED_PROXIES entry (an address or a CIDR block); undefined when malformed. */
export function parseProxyEntry(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = entry.trim().split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return undefined
  const family = version === 4 ? 'ipv4' : 'ipv6'
  if (prefixText === undefined) return { address, family }
  const prefix = Number(prefixText)
  if (!/^\d+$/.test(prefixText) || prefix > (version === 4 ? 32 : 128)) return undefined
  return { address, prefix, family }
}

/**
 * The reverse proxies (the office's or the county's nginx) whose X-Forwarded-For is believed.
 * Anyone else can write that header, so it counts for nothing from any other peer.
 */
export class TrustedProxies {
  private readonly list = new BlockList()
  readonly empty: boolean

  /** Throws on a malformed entry: config.ts validated them already. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const parsed = parseProxyEntry(entry)
      if (!parsed) throw new Error(`not an address or CIDR block: ${entry}`)
      if (parsed.prefix === undefined) this.list.addAddress(parsed.address, parsed.family)
      else this.list.addSubnet(parsed.address, parsed.prefix, parsed.family)
    }
    this.empty = entries.length === 0
  }

  isTrusted(address: string): boolean {
    const version = isIP(address)
    return version !== 0 && this.list.check(address, version === 4 ? 'ipv4' : 'ipv6')
  }
}

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy; then the rightmost
 * X-Forwarded-For hop that is not itself a trusted proxy. Hops left of that one were written by
 * the client (or by proxies nobody vouches for) and may be forged, so they are never used; every
 * proxy in the chain appends, so the rightmost untrusted hop is the one a trusted proxy saw.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const peerAddress = peer ? normalize(peer) : 'unknown'
  if (trusted.empty || !forwardedFor || !trusted.isTrusted(peerAddress)) return peerAddress
  const hops = forwardedFor.split(',').map(normalize).filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!
    if (!trusted.isTrusted(hop)) return isIP(hop) === 0 ? hop.slice(0, 64) : hop
  }
  // Every hop is a trusted proxy: the leftmost is as close to the client as anyone can tell.
  return hops[0] ?? peerAddress
}
