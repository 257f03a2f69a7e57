import type { Context } from 'hono'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A download with a Chinese file name (RFC 5987 encoding, understood by every current browser). */
export function fileResponse(c: Context, bytes: Uint8Array, filename: string, contentType = XLSX_TYPE): Response {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
  })
}
