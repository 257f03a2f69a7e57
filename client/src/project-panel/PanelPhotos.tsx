import { useCallback, useState } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { PhotoSection } from '../phone/PhotoSection.tsx'
import type { QueueEvent } from '../phone/photoQueue.ts'
import { usePhotoQueue } from '../phone/usePhotoQueue.ts'

/**
 * The project's 形象进度照片 in the desktop panel: the phone view's timeline and upload (the same
 * component and the same IndexedDB queue, so a photo chosen on a laptop that loses the network
 * still arrives). `canAdd` is who may upload: the office and the project's department, never a
 * leader or a screen link (the server checks the same rule). A refusal is said here, in Chinese.
 */
export function PanelPhotos({ boardId, projectId, canAdd }: { boardId: string; projectId: ProjectId; canAdd: boolean }) {
  const [refusal, setRefusal] = useState<string | null>(null)
  const onQueueEvent = useCallback((event: QueueEvent) => {
    switch (event.kind) {
      case 'refused':
        setRefusal(`照片「${event.name}」未上传：${event.reason}`)
        return
      case 'uploaded':
        setRefusal(null)
        return
    }
  }, [])
  const queued = usePhotoQueue(boardId, onQueueEvent)
  return (
    <div className="panel-photos" data-testid="panel-photos">
      {refusal && (
        <p className="panel-message" role="alert" data-testid="panel-photo-refusal">
          {refusal}
        </p>
      )}
      <PhotoSection boardId={boardId} projectId={projectId} canAdd={canAdd} queued={queued} addLabel="选择照片上传" locationLabel="附上本机位置" />
    </div>
  )
}
