import { describe, expect, test } from 'vitest'
import { safeReturnPath } from '@guatu/server/accounts/oidc/returnPath'
import { loadConfig } from '@guatu/server/config'

const ISSUER = 'https://sso.example.gov.cn/oidc'

describe('where a 统一身份认证 sign-in may return to', () => {
  test('a path of this site is kept with its query and fragment', () => {
    expect(safeReturnPath('/board/b1/problems?unit=工信局#p2')).toBe('/board/b1/problems?unit=%E5%B7%A5%E4%BF%A1%E5%B1%80#p2')
  })

  test.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '/.//evil.example/',
    '/a/..//evil.example/',
    '/\t/evil.example',
    'javascript:alert(1)',
    'board/b1',
    '/api/logout',
    '/login',
    '',
    undefined,
  ])('%j leads to the board list, never elsewhere', (requested) => {
    expect(safeReturnPath(requested)).toBe('/')
  })
})

describe('single sign-on settings', () => {
  test('without an issuer there is no SSO and passwords are on', () => {
    const config = loadConfig({})
    expect(config.oidc).toBeUndefined()
    expect(config.localLogin).toBe(true)
  })

  test('the callback address follows GUATU_PUBLIC_URL and openid is always asked for', () => {
    const config = loadConfig({
      GUATU_OIDC_ISSUER: ISSUER,
      GUATU_OIDC_CLIENT_ID: 'guatu',
      GUATU_PUBLIC_URL: 'https://guatu.example.gov.cn',
      GUATU_OIDC_SCOPES: 'profile',
    })
    expect(config.oidc?.redirectUrl?.href).toBe('https://guatu.example.gov.cn/api/auth/oidc/callback')
    expect(config.oidc?.scopes).toEqual(['openid', 'profile'])
    expect(config.oidc?.userClaim).toBe('sub')
    expect(config.oidc?.clientSecret).toBeUndefined()
  })

  test('plain http to the identity provider needs GUATU_OIDC_ALLOW_HTTP', () => {
    expect(() => loadConfig({ GUATU_OIDC_ISSUER: 'http://sso.example.gov.cn', GUATU_OIDC_CLIENT_ID: 'guatu' })).toThrow(/GUATU_OIDC_ALLOW_HTTP/)
    expect(loadConfig({ GUATU_OIDC_ISSUER: 'http://sso.example.gov.cn', GUATU_OIDC_CLIENT_ID: 'guatu', GUATU_OIDC_ALLOW_HTTP: '1' }).oidc?.allowHttp).toBe(true)
  })

  test('an issuer without a client id, or passwords off without SSO, stop the server', () => {
    expect(() => loadConfig({ GUATU_OIDC_ISSUER: ISSUER })).toThrow(/GUATU_OIDC_CLIENT_ID/)
    expect(() => loadConfig({ GUATU_LOCAL_LOGIN: '0' })).toThrow(/GUATU_LOCAL_LOGIN=0 needs/)
    expect(loadConfig({ GUATU_LOCAL_LOGIN: '0', GUATU_OIDC_ISSUER: ISSUER, GUATU_OIDC_CLIENT_ID: 'guatu' }).localLogin).toBe(false)
  })
})
