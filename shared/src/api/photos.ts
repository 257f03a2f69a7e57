import { z } from 'zod'
import { PhotoVariant, type PhotoId } from '../domain/photo.ts'

/**
 * REST for 形象进度照片.
 *
 * `POST /api/boards/:boardId/projects/:projectId/photos` — multipart/form-data: one or more `file`
 * parts (JPEG, PNG or WebP; judged by content, not name) and, optionally, one `meta` part with a JSON
 * array of {@link UploadPhotoMeta} in the same order as the files. All or nothing: a refused file
 * stores none of them. Answers 201 with {@link UploadPhotosResponse}.
 *
 * `GET /api/boards/:boardId/photos/:photoId/:variant` (`thumb`, `screen`, `original`) — the image,
 * to anyone who may read the board (a screen link with `?token=`), only while the photo's record is
 * on that board.
 */
export const PHOTO_UPLOAD_FIELDS = { file: 'file', meta: 'meta' } as const

/** What the phone knows that the file may not: its clock when the photo was chosen, and where it was (with consent). */
export const uploadPhotoMetaSchema = z.object({
  /** The device's time when the photo was taken or chosen; used when the photo has no EXIF time. */
  deviceTakenAt: z
    .string()
    .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), { error: '拍摄时间须为 ISO 时间' })
    .optional(),
  /** Browser geolocation; used when the photo has no EXIF GPS. */
  lng: z.number({ error: '经度须为数字' }).min(-180).max(180).optional(),
  lat: z.number({ error: '纬度须为数字' }).min(-90).max(90).optional(),
})
export type UploadPhotoMeta = z.infer<typeof uploadPhotoMetaSchema>
export const uploadPhotoMetaListSchema = z.array(uploadPhotoMetaSchema, { error: 'meta 须为 JSON 数组' }).max(50)

export const uploadPhotosResponseSchema = z.object({
  photos: z.array(z.object({ id: z.string(), takenAt: z.string(), width: z.number(), height: z.number() })),
})
export type UploadPhotosResponse = z.infer<typeof uploadPhotosResponseSchema>

/** Files one request may carry. */
export const MAX_PHOTOS_PER_UPLOAD = 20

export function photoUploadPath(boardId: string, projectId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/projects/${encodeURIComponent(projectId)}/photos`
}

export function photoPath(boardId: string, photoId: PhotoId | string, variant: PhotoVariant = PhotoVariant.thumb): string {
  return `/api/boards/${encodeURIComponent(boardId)}/photos/${encodeURIComponent(photoId)}/${variant}`
}
