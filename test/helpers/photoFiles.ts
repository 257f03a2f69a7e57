import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import type { UploadPhotoMeta } from '@guatu/shared/api/photos'
import { photoUploadPath } from '@guatu/shared/api/photos'
import { REQUEST_MARKER_HEADER, REQUEST_MARKER_VALUE } from '@guatu/shared/http/requestMarker'
import type { TestServer } from './server.ts'

/** Where a test photo was taken: 大雁塔, 西安. */
export const SITE_GPS = { lat: 34.258333, lng: 108.936667 }

/**
 * A camera JPEG made in code (no binary fixtures): EXIF capture time with its zone, GPS, and a
 * maker note standing for the metadata the server must strip.
 */
export async function cameraJpeg(options: { width?: number; height?: number; takenAt?: string; offset?: string; gps?: boolean } = {}): Promise<Uint8Array> {
  const { width = 1200, height = 900, takenAt = '2026:05:03 14:20:11', offset = '+08:00', gps = true } = options
  const image = sharp({ create: { width, height, channels: 3, background: '#6a8f5a' } }).withExif({
    IFD0: { Make: 'GuatuTestCam', Model: 'SiteCam 12', Software: 'secret-internal-tool' },
    IFD2: { DateTimeOriginal: takenAt, OffsetTimeOriginal: offset },
    ...(gps ? { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 1200/100' } } : {}),
  })
  return new Uint8Array(await image.jpeg({ quality: 85 }).toBuffer())
}

/** An album PNG with no EXIF at all. */
export async function albumPng(width = 800, height = 600): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: '#a0522d' } })
      .png()
      .toBuffer(),
  )
}

/**
 * A decompression bomb: a PNG whose header declares 60000×60000 pixels (3.6 gigapixels) in a few
 * dozen bytes. Decoding it would need ~10 GB; the server must refuse it from the header.
 */
export function pixelBombPng(side = 60_000): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body) >>> 0)
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return new Uint8Array(
    Buffer.concat([
      signature,
      chunk('IHDR', header),
      chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}

export interface PhotoUploadFile {
  name: string
  bytes: Uint8Array
  type?: string
  meta?: UploadPhotoMeta
}

/** POSTs photos as a phone would (multipart, several `file` parts and one `meta` JSON array). */
export async function uploadPhotos(
  server: TestServer,
  boardId: string,
  projectId: string,
  files: readonly PhotoUploadFile[],
  credentials: { token?: string; cookie?: string },
): Promise<{ status: number; body: { error?: string; photos?: Array<{ id: string; takenAt: string; width: number; height: number }> } }> {
  const form = new FormData()
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name)
  form.append('meta', JSON.stringify(files.map((file) => file.meta ?? {})))
  const headers: Record<string, string> = { [REQUEST_MARKER_HEADER]: REQUEST_MARKER_VALUE }
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
  if (credentials.cookie) headers.cookie = credentials.cookie
  const response = await fetch(`${server.url}${photoUploadPath(boardId, projectId)}`, { method: 'POST', headers, body: form })
  return { status: response.status, body: (await response.json()) as { error?: string } }
}
