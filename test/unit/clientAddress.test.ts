import { describe, expect, test } from 'vitest'
import { TrustedProxies, parseProxyEntry, resolveClientAddress } from '@guatu/server/http/clientAddress'

const proxies = new TrustedProxies(['10.0.0.0/8', '192.168.1.5', 'fd00::/8'])

describe('the client address behind trusted proxies', () => {
  test('without trusted proxies the TCP peer is the client, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '1.2.3.4', new TrustedProxies([]))).toBe('203.0.113.9')
  })

  test('a peer that is not a trusted proxy cannot name another client with X-Forwarded-For', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9')
  })

  test('behind a trusted proxy the rightmost hop that is not a proxy is the client; forged hops left of it are ignored', () => {
    expect(resolveClientAddress('10.1.2.3', '6.6.6.6, 198.51.100.7', proxies)).toBe('198.51.100.7')
    expect(resolveClientAddress('::ffff:10.1.2.3', '6.6.6.6, 198.51.100.7, 192.168.1.5', proxies)).toBe('198.51.100.7')
  })

  test('when every hop is a trusted proxy the leftmost one is taken; without the header the peer', () => {
    expect(resolveClientAddress('10.1.2.3', '10.9.9.9, 192.168.1.5', proxies)).toBe('10.9.9.9')
    expect(resolveClientAddress('10.1.2.3', undefined, proxies)).toBe('10.1.2.3')
  })

  test('IPv6 proxies and IPv4-mapped peers are recognised', () => {
    expect(resolveClientAddress('fd12::1', '2001:db8::7', proxies)).toBe('2001:db8::7')
    expect(resolveClientAddress('::ffff:192.168.1.5', '198.51.100.3', proxies)).toBe('198.51.100.3')
  })

  test('GUATU_TRUSTED_PROXIES entries are addresses or CIDR blocks; anything else is refused', () => {
    expect(parseProxyEntry('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' })
    expect(parseProxyEntry('::1')).toEqual({ address: '::1', family: 'ipv6' })
    for (const bad of ['10.0.0.0/33', 'nginx', '10.0.0.1/8/2', '10.0.0/8', '']) expect(parseProxyEntry(bad), bad).toBeUndefined()
  })
})
