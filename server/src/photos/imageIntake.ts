import exifr from 'exifr'
import type { Sharp } from 'sharp'
import { loadSharp } from '../imaging/loadSharp.ts'
import type { PhotoBlobs } from '../storage/blobStore.ts'

export interface PhotoLimits {
  maxBytes: number
  maxPixels: number
}

/** A file the server will not store, with the reason in Chinese (and the HTTP status that says it). */
export class PhotoRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message)
    this.name = 'PhotoRefusal'
  }
}

/** Formats a phone camera or album gives and every browser shows. Judged by the bytes, never the name. */
const ImageFormat = { jpeg: 'jpeg', png: 'png', webp: 'webp' } as const
type ImageFormat = (typeof ImageFormat)[keyof typeof ImageFormat]

export interface PhotoIntake {
  blobs: PhotoBlobs
  /** Upright size of the stored original. */
  width: number
  height: number
  /** The camera's capture time (EXIF), as an instant; undefined when the file carries none. */
  exifTakenAt?: string
  /** EXIF GPS, when the file carries it. */
  exifLocation?: { lng: number; lat: number }
}

/** Long side of the screen copy (wall screen, phone full view) and of the thumbnail (timeline, card). */
const SCREEN_SIDE = 1600
const THUMB_SIDE = 320

/**
 * Checks one upload and makes what is stored of it: the file must be a JPEG, PNG or WebP by its
 * content, within the byte and pixel limits (the pixel count is read from the header, before
 * anything is decoded, so a decompression bomb costs nothing); EXIF time and GPS are read first,
 * then every metadata block is dropped as the image is turned upright and re-encoded.
 */
export async function takeInPhoto(bytes: Uint8Array, name: string, limits: PhotoLimits): Promise<PhotoIntake> {
  const label = shortName(name)
  if (bytes.byteLength > limits.maxBytes) throw new PhotoRefusal(413, `照片「${label}」过大（最大 ${Math.floor(limits.maxBytes / 1024 / 1024)}MB）`)
  const format = sniffFormat(bytes)
  if (!format) throw new PhotoRefusal(415, `「${label}」不是照片：只能上传 JPEG、PNG 或 WebP 图片`)
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const sharp = await loadSharp()
  // Header only, nothing decoded: the pixel limit below is ours, with a message the sender understands.
  const metadata = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined)
  if (!metadata || metadata.format !== format || !metadata.width || !metadata.height) {
    throw new PhotoRefusal(415, `「${label}」无法识别为图片，文件可能已损坏`)
  }
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw new PhotoRefusal(413, `照片「${label}」像素过多（${metadata.width}×${metadata.height}，最多 ${Math.round(limits.maxPixels / 10_000)} 万像素）`)
  }
  const [exifTakenAt, exifLocation] = await Promise.all([readExifTime(input), readExifGps(input)])
  try {
    // One size after the other, not three decodes at once: a 12-megapixel decode is ~36 MB of
    // pixels per pipeline, and a phone's upload is not worth the server's memory three times over.
    const upright = () => sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate()
    const original = await encodeOriginal(upright(), format).toBuffer({ resolveWithObject: true })
    const screen = await sharp(original.data).resize(SCREEN_SIDE, SCREEN_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer()
    const thumb = await sharp(screen).resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 72 }).toBuffer()
    return {
      blobs: { original: new Uint8Array(original.data), screen: new Uint8Array(screen), thumb: new Uint8Array(thumb) },
      width: original.info.width,
      height: original.info.height,
      ...(exifTakenAt ? { exifTakenAt } : {}),
      ...(exifLocation ? { exifLocation } : {}),
    }
  } catch {
    throw new PhotoRefusal(415, `「${label}」无法解码，文件可能已损坏或不完整`)
  }
}

/** The original's own format, re-encoded: sharp writes no metadata unless asked, so EXIF, XMP and ICC comments are gone. */
function encodeOriginal(image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case ImageFormat.jpeg:
      return image.jpeg({ quality: 90 })
    case ImageFormat.png:
      return image.png()
    case ImageFormat.webp:
      return image.webp({ quality: 90 })
  }
}

/** Magic numbers: what the file is, whatever its name or declared type says. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte)
  if (starts([0xff, 0xd8, 0xff])) return ImageFormat.jpeg
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ImageFormat.png
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return ImageFormat.webp
  return undefined
}

/**
 * EXIF DateTimeOriginal is a wall-clock time; OffsetTimeOriginal (written by current phones) says
 * its zone. Without it the time is read as China Standard Time (UTC+8, the one zone of every
 * office using Guatu) rather than the server's zone, which may be UTC in a container.
 */
async function readExifTime(input: Buffer): Promise<string | undefined> {
  const tags = (await exifr
    .parse(input, { pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTime'], reviveValues: false })
    .catch(() => undefined)) as Record<string, unknown> | undefined
  const raw = tags?.DateTimeOriginal ?? tags?.CreateDate
  if (typeof raw !== 'string') return undefined
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw)
  if (!match) return undefined
  const offsetTag = tags?.OffsetTimeOriginal ?? tags?.OffsetTime
  const offset = typeof offsetTag === 'string' && /^[+-]\d{2}:\d{2}$/.test(offsetTag) ? offsetTag : '+08:00'
  const [, year, month, day, hour, minute, second] = match
  const at = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`)
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString()
}

async function readExifGps(input: Buffer): Promise<{ lng: number; lat: number } | undefined> {
  const gps = await exifr.gps(input).catch(() => undefined)
  if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return undefined
  if (Math.abs(gps.latitude) > 90 || Math.abs(gps.longitude) > 180 || (gps.latitude === 0 && gps.longitude === 0)) return undefined
  return { lng: round6(gps.longitude), lat: round6(gps.latitude) }
}

/** Six decimals: about 0.1 m, more than any phone's fix. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function shortName(name: string): string {
  // Control characters never reach a message (or a log line): kept to printable ones.
  const clean = [...name]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
  return (clean || '照片').slice(0, 60)
}
