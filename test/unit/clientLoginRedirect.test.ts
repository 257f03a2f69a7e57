import { describe, expect, test } from 'vitest'
import { loginPath, nextPathAfterLogin } from '../../client/src/app/route.ts'

/** The search part of the login address a link or an attacker could hand someone. */
const afterLoginFrom = (next: string) => nextPathAfterLogin(`?${new URLSearchParams({ next }).toString()}`)

describe('where the app goes after signing in', () => {
  test('a board asked for before signing in is opened after signing in, with its query and hash', () => {
    expect(nextPathAfterLogin(new URL(loginPath('/board/b1/problems?year=2026#p3'), 'https://guatu.example').search)).toBe('/board/b1/problems?year=2026#p3')
  })

  test('a board whose id needs escaping survives the round trip through the login address', () => {
    expect(afterLoginFrom('/board/%E9%87%8D%E7%82%B9%20%E9%A1%B9%E7%9B%AE')).toBe('/board/%E9%87%8D%E7%82%B9%20%E9%A1%B9%E7%9B%AE')
  })

  test('a login address without a next page goes to the board list', () => {
    expect(nextPathAfterLogin('')).toBe('/')
    expect(nextPathAfterLogin('?next=')).toBe('/')
    expect(loginPath('/')).toBe('/login')
  })

  test.each([
    ['another site', 'https://evil.example/board/b1'],
    ['a scheme-relative address', '//evil.example/board/b1'],
    ['a backslash the browser reads as a slash', '/\\evil.example/board/b1'],
    ['a backslash first', '\\\\evil.example'],
    ['a javascript: address', 'javascript:alert(document.cookie)'],
    ['a data: address', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'board/b1'],
    ['a tab the browser strips before the second slash', '/\t/evil.example'],
    ['a newline the browser strips before the second slash', '/\n/evil.example'],
    ['a tab the browser strips before a backslash', '/\t\\evil.example'],
    ['a dot segment hiding a second slash', '/.//evil.example'],
    ['a parent segment hiding a second slash', '/board/..//evil.example'],
  ])('%s is refused and the app goes to the board list', (_what, next) => {
    expect(afterLoginFrom(next)).toBe('/')
  })

  test('the login page itself is never the page to return to, so signing in cannot loop', () => {
    expect(afterLoginFrom('/login')).toBe('/')
    expect(afterLoginFrom('/login?next=/admin')).toBe('/')
  })

  test('every accepted page stays on this site when the browser resolves it, even after its path is normalised', () => {
    const site = 'https://guatu.example'
    for (const next of ['/admin', '/board/b1', '/screen/b1?token=t', '/%2F%2Fevil.example', '/board/../admin', '/./board/b1']) {
      const resolved = new URL(afterLoginFrom(next), `${site}/login`)
      expect(resolved.origin).toBe(site)
      expect(new URL(resolved.pathname, site).origin).toBe(site)
    }
  })
})
