import { SyncParam } from '@guatu/shared/sync/protocol'

/**
 * A credential carried in the page address (`?token=gs_…` on a wall display's screen link, or a
 * personal `gt_…` token for a scripted kiosk). Read once at start-up and kept for the life of the
 * page: in-app navigation drops the query string, but every later REST call and socket still needs
 * it. Without one, the session cookie (same origin) does the work.
 */
const URL_TOKEN: string | undefined = readUrlToken()

function readUrlToken(): string | undefined {
  if (typeof window === 'undefined') return undefined
  const token = new URLSearchParams(window.location.search).get(SyncParam.token)?.trim()
  return token ? token : undefined
}

export function urlToken(): string | undefined {
  return URL_TOKEN
}
