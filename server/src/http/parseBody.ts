import type { Context } from 'hono'
import type { z } from 'zod'
import { RequestError } from '../requestError.ts'
import { isJsonContentType } from './csrfGuard.ts'

/**
 * Reads a JSON body and validates it; a bad body becomes a 400 with the first Chinese message.
 * Only a body declared as JSON is read as JSON: a form or `text/plain` post that happens to hold
 * JSON text is what a cross-site page can send without a preflight.
 */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!isJsonContentType(c.req.header('content-type'))) throw new RequestError(400, '请求体必须是 JSON')
  const body: unknown = await c.req.json().catch(() => undefined)
  if (body === undefined) throw new RequestError(400, '请求体必须是 JSON')
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? '请求无效')
  return parsed.data
}
