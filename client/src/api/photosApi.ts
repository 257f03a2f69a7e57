import {
  PHOTO_UPLOAD_FIELDS,
  photoPath,
  photoUploadPath,
  uploadPhotosResponseSchema,
  type UploadPhotoMeta,
  type UploadPhotosResponse,
} from '@guatu/shared/api/photos'
import type { PhotoVariant } from '@guatu/shared/domain/photo'
import { requestJson } from './http.ts'
import { urlToken } from './urlToken.ts'

export interface PhotoToUpload {
  file: Blob
  name: string
  meta: UploadPhotoMeta
}

/** Uploads photos of one project (docs/api.md); all or nothing, the server's Chinese reason on refusal. */
export function uploadPhotos(boardId: string, projectId: string, photos: readonly PhotoToUpload[]): Promise<UploadPhotosResponse> {
  const form = new FormData()
  for (const photo of photos) form.append(PHOTO_UPLOAD_FIELDS.file, photo.file, photo.name)
  form.append(PHOTO_UPLOAD_FIELDS.meta, JSON.stringify(photos.map((photo) => photo.meta)))
  return requestJson(photoUploadPath(boardId, projectId), uploadPhotosResponseSchema, { method: 'POST', body: form })
}

/** The address an `<img>` loads: the cookie carries a person's session; a screen link's token rides in the URL. */
export function photoSrc(boardId: string, photoId: string, variant: PhotoVariant): string {
  const token = urlToken()
  return `${photoPath(boardId, photoId, variant)}${token ? `?token=${encodeURIComponent(token)}` : ''}`
}
