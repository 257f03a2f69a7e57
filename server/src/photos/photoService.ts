import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { UploadPhotoMeta, UploadPhotosResponse } from '@guatu/shared/api/photos'
import { writePhotoRecord, type StoredPhotoFacts } from '@guatu/shared/board/photoCommands'
import { findPhoto, listPhotos } from '@guatu/shared/board/photoQueries'
import { readProject } from '@guatu/shared/board/projectQueries'
import { canEditProjectOfUnit, canReadBoard, canWrite, editRefusal } from '@guatu/shared/domain/permissions'
import { LocationSource, TakenAtSource, newPhotoId, type PhotoId, type PhotoVariant } from '@guatu/shared/domain/photo'
import type { Principal } from '@guatu/shared/domain/principal'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { BoardService } from '../boards/boardService.ts'
import type { Logger } from '../log.ts'
import { RequestError } from '../requestError.ts'
import type { BlobKey, BlobStore } from '../storage/blobStore.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { PhotoRefusal, sniffFormat, takeInPhoto, type PhotoIntake, type PhotoLimits } from './imageIntake.ts'

export interface UploadedFile {
  name: string
  bytes: Uint8Array
  meta: UploadPhotoMeta
}

export interface PhotoServiceOptions {
  limits: PhotoLimits
  /**
   * Pending bytes younger than this are left alone by the cleanup on start: with several
   * processes, another one may be between storing bytes and writing their record right now.
   */
  orphanGraceMs: number
}

const CONTENT_TYPE = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

/**
 * 形象进度照片: bytes first (pending), then the record, written by the server into the board as one
 * judged update in the uploader's name, then the bytes confirmed once the record is durable. Nobody
 * ever sees a record whose bytes are missing, and bytes whose record never made it are removed.
 */
export class PhotoService {
  constructor(
    private readonly boards: BoardService,
    private readonly rooms: RoomRegistry,
    private readonly commits: CommitQueue,
    private readonly blobs: BlobStore,
    private readonly options: PhotoServiceOptions,
    private readonly log: Logger,
  ) {}

  async upload(boardId: string, projectId: string, principal: Principal, files: readonly UploadedFile[]): Promise<UploadPhotosResponse> {
    if (!canWrite(principal)) throw new RequestError(403, editRefusal(principal, ''))
    const room = await this.rooms.open(boardId)
    if (!room) throw new RequestError(404, '看板不存在')
    const stored: BlobKey[] = []
    try {
      // Judged before any byte is read: who may add photos is who may edit the project.
      const project = readProject(room.doc, projectId as ProjectId)
      if (!project) throw new RequestError(404, '项目不存在')
      if (!canEditProjectOfUnit(principal, project.unit)) throw new RequestError(403, `不能为此项目上传照片：${editRefusal(principal, project.unit)}`)
      // One at a time: a 12-megapixel decode is tens of megabytes; a phone sends a few.
      const intakes: PhotoIntake[] = []
      for (const file of files) intakes.push(await takeInPhoto(file.bytes, file.name, this.options.limits))
      const receivedAt = new Date()
      const records: Array<{ id: PhotoId; facts: StoredPhotoFacts }> = []
      for (const [index, intake] of intakes.entries()) {
        const key = { boardId, blobId: randomBytes(16).toString('hex') }
        await this.blobs.putPending(key, intake.blobs)
        stored.push(key)
        records.push({ id: newPhotoId(), facts: photoFacts(project.id, key.blobId, intake, files[index]!.meta, receivedAt) })
      }
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc))
      const before = Y.encodeStateVector(scratch)
      scratch.transact(() => {
        for (const record of records) writePhotoRecord(scratch, record.id, record.facts, principal, receivedAt)
      })
      const refusal = room.applyAs(principal, Y.encodeStateAsUpdate(scratch, before), { serverWrite: true })
      if (refusal) throw new RequestError(403, refusal)
      await this.commits.drained()
      // The records are durable: from here a kill leaves bytes the cleanup keeps.
      for (const key of stored.splice(0)) await this.blobs.confirm(key)
      return { photos: records.map(({ id, facts }) => ({ id, takenAt: facts.takenAt, width: facts.width, height: facts.height })) }
    } catch (error) {
      for (const key of stored)
        await this.blobs.remove(key).catch((removeError: unknown) => this.log.warn('photo bytes not removed', { ...key, error: String(removeError) }))
      if (error instanceof PhotoRefusal) throw new RequestError(error.status, error.message)
      throw error
    } finally {
      this.rooms.releaseIfIdle(boardId)
    }
  }

  /** One variant of a photo on the board, to anyone who may read the board; nothing once the record is gone. */
  async read(
    boardId: string,
    photoId: string,
    variant: PhotoVariant,
    principal: Principal,
  ): Promise<{ bytes: Uint8Array; contentType: string; blobId: string }> {
    if (!canReadBoard(principal, boardId)) throw new RequestError(403, '无权查看此看板')
    const photo = await this.boards.withDoc(boardId, (doc) => findPhoto(doc, photoId))
    if (!photo) throw new RequestError(404, '照片不存在')
    const bytes = await this.blobs.get({ boardId, blobId: photo.blobId }, variant)
    if (!bytes) throw new RequestError(404, '照片文件不存在')
    const format = sniffFormat(bytes)
    if (!format) throw new Error(`stored photo ${photoId} is not an image`)
    return { bytes, contentType: CONTENT_TYPE[format], blobId: photo.blobId }
  }

  /**
   * On start: every pending photo whose record made it into its board is confirmed, every other
   * one removed (an upload cut off between its bytes and its record). Returns how many were removed.
   */
  async cleanupOrphans(now = new Date()): Promise<number> {
    const pending = await this.blobs.listPending(new Date(now.getTime() - this.options.orphanGraceMs))
    const byBoard = new Map<string, BlobKey[]>()
    for (const key of pending) byBoard.set(key.boardId, [...(byBoard.get(key.boardId) ?? []), key])
    let removed = 0
    for (const [boardId, keys] of byBoard) {
      const named = (await this.boards.withDoc(boardId, (doc) => blobIdsOf(doc))) ?? new Set<string>()
      for (const key of keys) {
        if (named.has(key.blobId)) await this.blobs.confirm(key)
        else {
          await this.blobs.remove(key)
          removed++
        }
      }
    }
    if (removed > 0) this.log.info('orphaned photo bytes removed', { removed })
    return removed
  }
}

function photoFacts(projectId: ProjectId, blobId: string, intake: PhotoIntake, meta: UploadPhotoMeta, receivedAt: Date): StoredPhotoFacts {
  // The camera's EXIF time wins over the phone's clock; with neither, the moment it arrived.
  const takenAt = intake.exifTakenAt ?? meta.deviceTakenAt ?? receivedAt.toISOString()
  const takenAtSource = intake.exifTakenAt ? TakenAtSource.exif : meta.deviceTakenAt ? TakenAtSource.device : TakenAtSource.received
  const location = intake.exifLocation
    ? { ...intake.exifLocation, locationSource: LocationSource.exif }
    : meta.lng !== undefined && meta.lat !== undefined
      ? { lng: meta.lng, lat: meta.lat, locationSource: LocationSource.browser }
      : {}
  return {
    projectId,
    blobId,
    takenAt: new Date(takenAt).toISOString(),
    takenAtSource,
    bytes: intake.blobs.original.byteLength,
    width: intake.width,
    height: intake.height,
    ...location,
  }
}

function blobIdsOf(doc: Y.Doc): Set<string> {
  return new Set(listPhotos(doc).map((photo) => photo.blobId))
}
