/**
 * A browser always sends Origin on a websocket upgrade; a page on another site must not ride on
 * the user's cookie (cross-site websocket hijacking). Scripts send no Origin and need a token.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true
  if (allowed.includes(origin)) return true
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
