import { describe, expect, test } from 'vitest'
import { startInProcessServer } from '../helpers/inProcessServer.ts'

const CHINESE = /[\u4e00-\u9fff]/
const METRICS_TOKEN = 'prometheus-scrape-token-2025'

describe('operations endpoints', () => {
  test('on loopback (the default allow-list) /metrics and the details of /readyz answer', async () => {
    const server = await startInProcessServer()
    const metrics = await fetch(`${server.url}/metrics`)
    expect(metrics.status).toBe(200)
    expect(await metrics.text()).toContain('guatu_connections')
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; checks?: Record<string, boolean> }
    expect(ready).toEqual({ status: 'ready', checks: { sqlite: true, accepting: true } })
  })

  test('from an address off the allow-list /metrics needs the token, /readyz says only its status and /healthz stays open', async () => {
    // 192.0.2.0/24 is a documentation range: the test's loopback address is not on the list.
    const server = await startInProcessServer({ env: { GUATU_METRICS_ALLOW: '192.0.2.0/24, 2001:db8::/32', GUATU_METRICS_TOKEN: METRICS_TOKEN } })
    const refused = await fetch(`${server.url}/metrics`)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: string }).error).toMatch(CHINESE)
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(403)
    // A user's API token is not the metrics token.
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } })).status).toBe(403)
    const scraped = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(scraped.status).toBe(200)
    expect(await scraped.text()).toContain('guatu_connections')

    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
    const detailed = await fetch(`${server.url}/readyz`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(((await detailed.json()) as { checks?: unknown }).checks).toEqual({ sqlite: true, accepting: true })
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' })
  })

  test('a malformed allow-list stops the server at start with a message naming the setting', async () => {
    await expect(startInProcessServer({ env: { GUATU_METRICS_ALLOW: '10.0.0.0/33' } })).rejects.toThrow(/GUATU_METRICS_ALLOW/)
  })
})
