import type { z } from 'zod'
import { errorResponseSchema } from '@guatu/shared/api/errors'
import { REQUEST_MARKER_HEADER, REQUEST_MARKER_VALUE } from '@guatu/shared/http/requestMarker'
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
    /** The whole JSON error body, for answers that carry more than a message (an import's 422 preview). */
    readonly body?: unknown,
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

async function errorOf(response: Response, expectUnauthorized = false): Promise<ApiError> {
  if (response.status === 401 && !expectUnauthorized) onUnauthorized?.()
  const body: unknown = await response.json().catch(() => null)
  const parsed = errorResponseSchema.safeParse(body)
  const serverMessage = parsed.success && parsed.data.error ? parsed.data.error : undefined
  const retryAfter = Number(response.headers.get('retry-after'))
  return new ApiError(
    response.status,
    serverMessage ?? defaultMessage(response.status),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    serverMessage !== undefined,
    body ?? undefined,
  )
}

function authHeaders(): Record<string, string> {
  const token = urlToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** What a 2xx answer that does not match its endpoint's schema (shared/src/api) becomes. */
export const MALFORMED_ANSWER_MESSAGE = '服务器返回的数据格式不正确'

/** Sends a request with the page's token (if any) as a bearer credential; throws ApiError on failure. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const { expectUnauthorized, headers, ...init } = options
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: {
        // A FormData body (file upload) sets its own multipart type with the boundary.
        ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        // Proves to the server's CSRF guard that our own page sent it (uploads and logout have no JSON).
        [REQUEST_MARKER_HEADER]: REQUEST_MARKER_VALUE,
        ...authHeaders(),
        ...headers,
      },
    })
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络')
  }
  if (!response.ok) {
    throw await errorOf(response, expectUnauthorized)
  }
  return response
}

/**
 * JSON request whose answer is checked against the endpoint's schema: a server of another version
 * (or a proxy's error page with status 200) becomes an ApiError the page can show, not a crash in a
 * component far from the call. The unparsed body rides along on the error for diagnosis.
 */
export async function requestJson<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const response = await send(path, options)
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    throw new ApiError(500, MALFORMED_ANSWER_MESSAGE, undefined, false, text)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiError(500, MALFORMED_ANSWER_MESSAGE, undefined, false, body)
  return parsed.data
}

/** A binary answer (a Yjs document state); throws ApiError on failure. */
export async function requestBytes(path: string, options: RequestOptions = {}): Promise<Uint8Array> {
  const response = await send(path, options)
  return new Uint8Array(await response.arrayBuffer())
}

/** A request whose answer carries nothing to read (204: logout, revoking); throws ApiError on failure. */
export async function requestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options)
}

export function jsonBody(value: unknown): Pick<RequestInit, 'body'> {
  return { body: JSON.stringify(value) }
}

const BLOB_URL_LIFETIME_MS = 60_000

/** `filename*=UTF-8''…` (Chinese names) or plain `filename="…"` from a Content-Disposition header. */
function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim())
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1]
}

/**
 * Downloads a file with the page's credentials. A plain `<a href>` would send the cookie but not a
 * `?token=` bearer, so the file is fetched, held as a blob and saved through a temporary link.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: authHeaders() })
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络')
  }
  if (!response.ok) throw await errorOf(response)
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // Kept a while: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS)
  return name
}
