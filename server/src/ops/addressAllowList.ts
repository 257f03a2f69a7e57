import { BlockList, isIP } from 'node:net'

/** Loopback only: Prometheus or an operator on the machine itself. */
export const LOOPBACK_ALLOW_LIST = ['127.0.0.0/8', '::1']

/** Addresses and CIDR ranges (IPv4 and IPv6) that may read the operations endpoints. */
export class AddressAllowList {
  private readonly blocks = new BlockList()

  /** Throws an Error naming the first entry that is neither an address nor a CIDR range. */
  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefixText, extra] = entry.split('/')
      const family = isIP(address)
      const prefix = prefixText === undefined ? undefined : Number(prefixText)
      const maxPrefix = family === 6 ? 128 : 32
      if (family === 0 || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))) {
        throw new Error(`not an address or CIDR range: ${entry}`)
      }
      const type = family === 6 ? 'ipv6' : 'ipv4'
      if (prefix === undefined) this.blocks.addAddress(address, type)
      else this.blocks.addSubnet(address, prefix, type)
    }
  }

  /** Whether `address` (as the socket or the trusted proxy reports it) is listed; IPv4-mapped IPv6 counts as IPv4. */
  allows(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
    const plain = mapped ?? address
    const family = isIP(plain)
    if (family === 0) return false
    return this.blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4')
  }
}
