import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isProjectId, type ProjectId } from './project.ts'

/**
 * 形象进度照片: a site photo attached to a project as evidence of its progress. The bytes live in
 * the blob store (outside the document); the board holds this metadata record, which only the
 * server writes, after the bytes are stored: uploader and receipt time come from the session and
 * the server's clock, never from a client.
 */
export type PhotoId = string & { readonly __brand: 'PhotoId' }

export const PHOTO_ID_PATTERN = /^ph_[a-f0-9]{24}$/

export function isPhotoId(value: unknown): value is PhotoId {
  return typeof value === 'string' && PHOTO_ID_PATTERN.test(value)
}

export function newPhotoId(): PhotoId {
  return `ph_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}` as PhotoId
}

/**
 * Where the capture time came from: the camera's EXIF, the device's clock when the photo was
 * chosen, or — with neither — the server's receipt time, said as such.
 */
export const TakenAtSource = {
  exif: 'exif',
  device: 'device',
  received: 'received',
} as const
export type TakenAtSource = (typeof TakenAtSource)[keyof typeof TakenAtSource]
export const TAKEN_AT_SOURCES: readonly TakenAtSource[] = Object.values(TakenAtSource)
export const TAKEN_AT_SOURCE_LABEL: Record<TakenAtSource, string> = { exif: '相机记录', device: '手机时间', received: '上传时间' }

/** Where the location came from: the photo's EXIF GPS, or the browser's geolocation with the user's consent. */
export const LocationSource = {
  exif: 'exif',
  browser: 'browser',
} as const
export type LocationSource = (typeof LocationSource)[keyof typeof LocationSource]
export const LOCATION_SOURCES: readonly LocationSource[] = Object.values(LocationSource)
export const LOCATION_SOURCE_LABEL: Record<LocationSource, string> = { exif: '照片定位', browser: '手机定位' }

/** The sizes the server keeps of every photo. */
export const PhotoVariant = {
  thumb: 'thumb',
  screen: 'screen',
  original: 'original',
} as const
export type PhotoVariant = (typeof PhotoVariant)[keyof typeof PhotoVariant]
export const PHOTO_VARIANTS: readonly PhotoVariant[] = Object.values(PhotoVariant)

export function isPhotoVariant(value: unknown): value is PhotoVariant {
  return typeof value === 'string' && (PHOTO_VARIANTS as readonly string[]).includes(value)
}

const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })
const count = (label: string, max: number) =>
  z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(1)
    .max(max)

export const photoFieldSchemas = {
  projectId: z.custom<ProjectId>(isProjectId, { error: '照片必须属于一个项目' }),
  /** The blob store's key: the server's own random id, never a client's. */
  blobId: z.string().regex(/^[a-f0-9]{32}$/, { error: '照片文件编号无效' }),
  takenAt: instant('拍摄时间'),
  takenAtSource: z.enum(TAKEN_AT_SOURCES as [TakenAtSource, ...TakenAtSource[]], { error: '拍摄时间来源无效' }),
  receivedAt: instant('上传时间'),
  uploadedById: plainText('上传人', 64),
  uploadedByLabel: plainText('上传人', 100),
  lng: z.number({ error: '经度须为数字' }).min(-180).max(180),
  lat: z.number({ error: '纬度须为数字' }).min(-90).max(90),
  locationSource: z.enum(LOCATION_SOURCES as [LocationSource, ...LocationSource[]], { error: '位置来源无效' }),
  /** Bytes of the stored original (metadata stripped). */
  bytes: count('文件大小', 2 ** 40),
  width: count('宽度', 100_000),
  height: count('高度', 100_000),
} as const

export type PhotoField = keyof typeof photoFieldSchemas
export const PHOTO_FIELDS = Object.keys(photoFieldSchemas) as PhotoField[]

/**
 * Only the server creates a photo record (after storing the bytes, for someone the department
 * rule lets add one); the uploader or the office deletes it; nobody edits one.
 */
export const PHOTO_POLICY = {
  create: RecordWriter.server,
  delete: RecordWriter.uploader,
  fields: {
    projectId: writtenBy(FieldWriter.fixed),
    blobId: writtenBy(FieldWriter.server),
    takenAt: writtenBy(FieldWriter.server),
    takenAtSource: writtenBy(FieldWriter.server),
    receivedAt: stampedOn(ON_CREATE),
    uploadedById: actorOf(ON_CREATE, 'id'),
    uploadedByLabel: actorOf(ON_CREATE, 'label'),
    lng: writtenBy(FieldWriter.server),
    lat: writtenBy(FieldWriter.server),
    locationSource: writtenBy(FieldWriter.server),
    bytes: writtenBy(FieldWriter.server),
    width: writtenBy(FieldWriter.server),
    height: writtenBy(FieldWriter.server),
  } satisfies Record<PhotoField, FieldPolicy>,
} satisfies RecordPolicy

export const OPTIONAL_PHOTO_FIELDS = ['lng', 'lat', 'locationSource'] as const satisfies readonly PhotoField[]
type OptionalPhotoField = (typeof OPTIONAL_PHOTO_FIELDS)[number]

type FieldValues = { [K in PhotoField]: z.infer<(typeof photoFieldSchemas)[K]> }
export type PhotoFields = Omit<FieldValues, OptionalPhotoField> & Partial<Pick<FieldValues, OptionalPhotoField>>
export type Photo = PhotoFields & { readonly id: PhotoId }

/** The location, when the record has a whole one. */
export function photoLocation(photo: Photo): { lng: number; lat: number; source: LocationSource } | undefined {
  return photo.lng !== undefined && photo.lat !== undefined && photo.locationSource !== undefined
    ? { lng: photo.lng, lat: photo.lat, source: photo.locationSource }
    : undefined
}
