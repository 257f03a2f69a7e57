import { Hono } from 'hono'
import {
  MAX_PHOTOS_PER_UPLOAD,
  PHOTO_UPLOAD_FIELDS,
  uploadPhotoMetaListSchema,
  type UploadPhotoMeta,
  type UploadPhotosResponse,
} from '@guatu/shared/api/photos'
import { isPhotoVariant } from '@guatu/shared/domain/photo'
import type { Principal } from '@guatu/shared/domain/principal'
import type { AccountService } from '../accounts/accountService.ts'
import type { PhotoService, UploadedFile } from '../photos/photoService.ts'
import { RequestError } from '../requestError.ts'
import { requireUser, type AppContext, type AppEnv } from './appEnv.ts'

/**
 * 形象进度照片 (contract: shared/src/api/photos.ts): upload to a project, and each stored size to
 * whoever may read the board. An `<img>` cannot send a bearer header, so a wall screen's link
 * token may come as `?token=`, as on the websocket.
 */
export function photoRoutes(photos: PhotoService, accounts: AccountService, maxFileBytes: number): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.post('/:id/projects/:projectId/photos', async (c) => {
    const principal = requireUser(c)
    // Multipart framing on top of the files themselves: a little slack per file.
    const maxRequest = MAX_PHOTOS_PER_UPLOAD * (maxFileBytes + 64 * 1024)
    if (Number(c.req.header('content-length') ?? 0) > maxRequest) throw new RequestError(413, '一次上传的照片过大或过多')
    const body = await c.req.parseBody({ all: true }).catch(() => {
      throw new RequestError(400, '请以 multipart/form-data 上传，字段名为 file')
    })
    const files = [body[PHOTO_UPLOAD_FIELDS.file]].flat().filter((part): part is File => part instanceof File)
    if (files.length === 0) throw new RequestError(400, '请选择要上传的照片（字段名 file）')
    if (files.length > MAX_PHOTOS_PER_UPLOAD) throw new RequestError(413, `一次最多上传 ${MAX_PHOTOS_PER_UPLOAD} 张照片`)
    const metas = readMeta(body[PHOTO_UPLOAD_FIELDS.meta], files.length)
    const uploads: UploadedFile[] = []
    for (const [index, file] of files.entries()) {
      if (file.size > maxFileBytes) throw new RequestError(413, `照片「${file.name.slice(0, 60)}」过大（最大 ${Math.floor(maxFileBytes / 1024 / 1024)}MB）`)
      uploads.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), meta: metas[index] ?? {} })
    }
    const result = await photos.upload(c.req.param('id'), c.req.param('projectId'), principal, uploads)
    return c.json(result satisfies UploadPhotosResponse, 201)
  })

  routes.get('/:id/photos/:photoId/:variant', async (c) => {
    const variant = c.req.param('variant')
    if (!isPhotoVariant(variant)) throw new RequestError(404, '照片尺寸不存在')
    const principal = await photoReader(c, accounts)
    const photo = await photos.read(c.req.param('id'), c.req.param('photoId'), variant, principal)
    const etag = `"${photo.blobId}-${variant}"`
    const headers = {
      'content-type': photo.contentType,
      // The id names one set of bytes forever: cached for a year, never by shared caches (the board is not public).
      'cache-control': 'private, max-age=31536000, immutable',
      etag,
      'content-disposition': 'inline',
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
    return c.body(new Uint8Array(photo.bytes), 200, headers)
  })

  return routes
}

/** The signed-in user or API token, else a screen link's `?token=`. */
export async function photoReader(c: AppContext, accounts: AccountService): Promise<Principal> {
  const principal = c.get('principal')
  if (principal) return principal
  const token = c.req.query('token')
  const screen = token ? await accounts.principalForToken(token) : undefined
  if (!screen) throw new RequestError(401, '请先登录')
  return screen
}

function readMeta(value: unknown, fileCount: number): UploadPhotoMeta[] {
  if (value === undefined) return []
  if (typeof value !== 'string') throw new RequestError(400, 'meta 须为 JSON 数组')
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new RequestError(400, 'meta 须为 JSON 数组')
  }
  const result = uploadPhotoMetaListSchema.safeParse(parsed)
  if (!result.success) throw new RequestError(400, result.error.issues[0]?.message ?? 'meta 无效')
  if (result.data.length > fileCount) throw new RequestError(400, 'meta 的条数多于照片数')
  return result.data
}
