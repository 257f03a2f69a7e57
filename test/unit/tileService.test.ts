import { describe, expect, test } from 'vitest'
import { TILE_URL_MAX_LENGTH, tileOrigins, tileServiceSchema, tileUrl } from '@guatu/shared/domain/tileService'

const TIANDITU =
  'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=abc123'
const INTRANET = 'http://gis.intranet:8080/{z}/{x}/{y}.png'

const refusal = (urlTemplate: string) => {
  const result = tileServiceSchema.safeParse({ urlTemplate, attribution: '' })
  return result.success ? undefined : result.error.issues[0]?.message
}

describe('the office’s tile service (底图服务)', () => {
  test('天地图’s WMTS address and an intranet XYZ server are accepted, with the origins the page must allow', () => {
    expect(tileServiceSchema.parse({ urlTemplate: TIANDITU, attribution: '审图号：GS(2024)0568号' }).attribution).toBe('审图号：GS(2024)0568号')
    expect(tileOrigins(TIANDITU)).toEqual(Array.from({ length: 8 }, (_, at) => `https://t${at}.tianditu.gov.cn`))
    expect(refusal(INTRANET)).toBeUndefined()
    expect(tileOrigins(INTRANET)).toEqual(['http://gis.intranet:8080'])
  })

  test('anything but an http(s) tile address is refused in Chinese', () => {
    expect(refusal('javascript:alert(1)//{z}/{x}/{y}')).toMatch(/http/)
    expect(refusal('data:image/png;base64,{z}{x}{y}')).toMatch(/http/)
    expect(refusal('file:///etc/{z}/{x}/{y}')).toMatch(/http/)
    expect(refusal('https://user:pw@gis.example/{z}/{x}/{y}.png')).toMatch(/http/)
    expect(refusal('https://{z}.example/{x}/{y}.png'), 'a host the CSP cannot name in advance').toMatch(/http/)
    expect(refusal('https://t{0-99}.example/{z}/{x}/{y}.png')).toMatch(/http/)
    expect(refusal('https://gis.example/tiles.png')).toMatch(/\{z\}/)
    expect(refusal('https://gis.example/{z}/{x}.png')).toMatch(/\{z\}/)
    expect(refusal(`https://gis.example/{z}/{x}/{y}.png?${'a'.repeat(TILE_URL_MAX_LENGTH)}`)).toMatch(/最长/)
    expect(refusal('   ')).toMatch(/请填写/)
    expect(tileServiceSchema.safeParse({ urlTemplate: INTRANET, attribution: 'x'.repeat(101) }).success).toBe(false)
    expect(tileServiceSchema.safeParse({ urlTemplate: INTRANET, attribution: '', extra: 1 }).success).toBe(false)
  })

  test('a tile’s address fills every placeholder and spreads tiles over the subdomains', () => {
    expect(tileUrl(INTRANET, { z: 9, x: 412, y: 203 })).toBe('http://gis.intranet:8080/9/412/203.png')
    const first = tileUrl(TIANDITU, { z: 9, x: 412, y: 203 })
    expect(first).toContain('TILEMATRIX=9&TILEROW=203&TILECOL=412')
    expect(first).not.toMatch(/[{}]/)
    const hosts = new Set(Array.from({ length: 8 }, (_, x) => new URL(tileUrl(TIANDITU, { z: 9, x, y: 0 })).host))
    expect(hosts.size).toBe(8)
  })
})
