import { describe, expect, test } from 'vitest'
import { loadConfig } from '@guatu/server/config'
import { AddressAllowList, LOOPBACK_ALLOW_LIST } from '@guatu/server/ops/addressAllowList'

describe('settings of the HTTP guards', () => {
  test('by default only loopback may read the operations endpoints, IPv4-mapped IPv6 included', () => {
    const allow = loadConfig({}).metricsAllow
    expect(allow.entries).toEqual(LOOPBACK_ALLOW_LIST)
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(allow.allows(address), address).toBe(true)
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', 'unknown', '']) expect(allow.allows(address), address).toBe(false)
  })

  test('an allow-list takes addresses and CIDR ranges of both families, or none at all', () => {
    const allow = new AddressAllowList(['10.20.0.0/16', '192.0.2.7', '2001:db8::/32'])
    expect(['10.20.255.1', '192.0.2.7', '2001:db8:1::5'].map((address) => allow.allows(address))).toEqual([true, true, true])
    expect(['10.21.0.1', '192.0.2.8', '127.0.0.1'].map((address) => allow.allows(address))).toEqual([false, false, false])
    expect(loadConfig({ GUATU_METRICS_ALLOW: 'none' }).metricsAllow.allows('127.0.0.1')).toBe(false)
  })

  test.each(['10.0.0.0/33', 'intranet', '10.0.0.1/8/2', '::1/129'])('the allow-list entry %s stops startup', (entry) => {
    expect(() => loadConfig({ GUATU_METRICS_ALLOW: entry })).toThrow(/GUATU_METRICS_ALLOW/)
  })

  test.each(["'unsafe-inline'", '*', 'https://portal.gov.cn; script-src *', 'javascript:'])(
    'a frame ancestor %s that would loosen the policy stops startup',
    (source) => {
      expect(() => loadConfig({ GUATU_FRAME_ANCESTORS: source })).toThrow(/GUATU_FRAME_ANCESTORS/)
    },
  )

  test('portal origins are accepted, space or comma separated', () => {
    expect(loadConfig({ GUATU_FRAME_ANCESTORS: 'https://portal.example.gov.cn, https://*.zwfw.gov.cn:8443' }).screenFrameAncestors).toEqual([
      'https://portal.example.gov.cn',
      'https://*.zwfw.gov.cn:8443',
    ])
  })

  test('a metrics token shorter than 16 characters stops startup', () => {
    expect(() => loadConfig({ GUATU_METRICS_TOKEN: 'short' })).toThrow(/GUATU_METRICS_TOKEN/)
  })
})
