import { urlToken } from './urlToken.ts'

/** A failed API call with the server's Chinese message (`{ error }`) and its status code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds from a 429's `Retry-After`, when the server sent one. */
    readonly retryAfterSeconds?: number,
    /** The message is the server's `{ error }`, not a generic one made up here. */
    readonly hasServerMessage = false,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let onUnauthorized: (() => void) | undefined

/**
 * Called when any API call answers 401 — the session ran out or was ended (password reset, account
 * disabled) while the page was open. The session store registers itself here to go to 登录.
 */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler
}

export interface RequestOptions extends RequestInit {
  /** A 401 is an expected answer (login, the start-up `/api/me`): do not treat it as an expired session. */
  expectUnauthorized?: boolean
}

function defaultMessage(status: number): string {
  if (status === 401) return '请先登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 429) return '操作过于频繁，请稍后再试'
  return `请求失败（${status}）`
}

/** JSON request with the page's token (if any) as a bearer credential; throws ApiError on failure. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { expectUnauthorized, headers, ...init } = options
  const token = urlToken()
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    })
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络')
  }
  if (!response.ok) {
    if (response.status === 401 && !expectUnauthorized) onUnauthorized?.()
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null
    const serverMessage = typeof body?.error === 'string' && body.error ? body.error : undefined
    const retryAfter = Number(response.headers.get('retry-after'))
    throw new ApiError(
      response.status,
      serverMessage ?? defaultMessage(response.status),
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      serverMessage !== undefined,
    )
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export function jsonBody(value: unknown): Pick<RequestInit, 'body'> {
  return { body: JSON.stringify(value) }
}
