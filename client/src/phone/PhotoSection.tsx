import { useRef, useState } from 'react'
import { LOCATION_SOURCE_LABEL, PhotoVariant, TAKEN_AT_SOURCE_LABEL, photoLocation, type Photo } from '@guatu/shared/domain/photo'
import type { ProjectId } from '@guatu/shared/domain/project'
import { photoSrc } from '../api/photosApi.ts'
import { useProjectPhotos } from '../sync/useProjectPhotos.ts'
import { photoQueue, type QueuedPhoto } from './photoQueue.ts'

const GEO_TIMEOUT_MS = 8_000

/** The phone's position when the user allows it; nothing (never a guess) otherwise. */
function currentPosition(): Promise<{ lng: number; lat: number } | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined)
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lng: position.coords.longitude, lat: position.coords.latitude }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: GEO_TIMEOUT_MS, maximumAge: 60_000 },
    ),
  )
}

const monthOf = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', timeZone: 'Asia/Shanghai' })
const timeOf = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/**
 * 形象进度照片 of one project: take with the camera or choose several from the album (each queued
 * in IndexedDB first, see photoQueue.ts), then the timeline, newest first, grouped by month.
 */
export function PhotoSection({
  boardId,
  projectId,
  canAdd,
  queued,
  addLabel = '拍照或选择照片',
  locationLabel = '附上手机位置',
}: {
  boardId: string
  projectId: ProjectId
  canAdd: boolean
  queued: readonly QueuedPhoto[]
  /** The words on the controls: a laptop in the desktop panel has no camera to speak of. */
  addLabel?: string
  locationLabel?: string
}) {
  const photos = useProjectPhotos(projectId)
  const input = useRef<HTMLInputElement>(null)
  const [withLocation, setWithLocation] = useState(true)
  const [busy, setBusy] = useState(false)
  const waiting = queued.filter((photo) => photo.projectId === projectId)

  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return
    setBusy(true)
    try {
      const position = withLocation ? await currentPosition() : undefined
      await photoQueue.add(
        [...files].map((file) => ({
          boardId,
          projectId,
          file,
          name: file.name || '照片.jpg',
          // The file's own time is when the camera saved it or the album holds it from.
          meta: { deviceTakenAt: new Date(file.lastModified || Date.now()).toISOString(), ...(position ?? {}) },
        })),
      )
      if (input.current) input.current.value = ''
      void photoQueue.flush(boardId)
    } finally {
      setBusy(false)
    }
  }

  const groups = new Map<string, Photo[]>()
  for (const photo of photos) groups.set(monthOf(photo.takenAt), [...(groups.get(monthOf(photo.takenAt)) ?? []), photo])

  return (
    <section className="phone-section" aria-labelledby={`photos-${projectId}`}>
      <h3 id={`photos-${projectId}`}>形象进度照片</h3>
      {canAdd && (
        <div className="phone-photo-add">
          <label className="phone-button phone-primary phone-file">
            {busy ? '正在加入…' : addLabel}
            <input
              ref={input}
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid="photo-input"
              onChange={(event) => void add(event.target.files)}
            />
          </label>
          <label className="phone-check">
            <input type="checkbox" checked={withLocation} onChange={(event) => setWithLocation(event.target.checked)} />
            {locationLabel}
          </label>
        </div>
      )}
      {waiting.length > 0 && (
        <p className="phone-note" data-testid="photos-waiting">
          {waiting.length} 张照片等待上传（联网后自动上传）
        </p>
      )}
      {photos.length === 0 ? (
        <p className="phone-note">还没有照片。</p>
      ) : (
        [...groups].map(([month, list]) => (
          <div key={month} className="phone-photo-month">
            <h4>{month}</h4>
            <ul className="phone-photos" data-testid="photo-timeline">
              {list.map((photo) => (
                <PhotoItem key={photo.id} boardId={boardId} photo={photo} />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  )
}

function PhotoItem({ boardId, photo }: { boardId: string; photo: Photo }) {
  const location = photoLocation(photo)
  return (
    <li className="phone-photo" data-testid="photo-item" data-photo-id={photo.id}>
      <a href={photoSrc(boardId, photo.id, PhotoVariant.screen)} target="_blank" rel="noreferrer">
        <img
          src={photoSrc(boardId, photo.id, PhotoVariant.thumb)}
          alt={`现场照片 ${timeOf(photo.takenAt)}`}
          loading="lazy"
          width={160}
          height={Math.round((160 * photo.height) / photo.width)}
        />
      </a>
      <div className="phone-photo-facts">
        <span>
          拍摄 {timeOf(photo.takenAt)}（{TAKEN_AT_SOURCE_LABEL[photo.takenAtSource]}）
        </span>
        <span>
          上传 {timeOf(photo.receivedAt)} · {photo.uploadedByLabel}
        </span>
        {location && (
          <span data-testid="photo-location">
            {LOCATION_SOURCE_LABEL[location.source]} {location.lat.toFixed(5)}, {location.lng.toFixed(5)}
          </span>
        )}
      </div>
    </li>
  )
}
