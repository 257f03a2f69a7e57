import { useCallback, useMemo, useState } from 'react'
import { canEditProjectOfUnit } from '@guatu/shared/domain/permissions'
import type { ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { PhoneProject } from './PhoneProject.tsx'
import { PhoneProjectList } from './PhoneProjectList.tsx'
import { PhoneStatusBar } from './PhoneStatusBar.tsx'
import type { QueueEvent } from './photoQueue.ts'
import { usePhotoQueue } from './usePhotoQueue.ts'
import './phone.css'

/**
 * The board as a department's 联络员 uses it on a phone (360–430 px, touch): its own projects, one
 * at a time, with the connection and what is not yet saved always at the top. Same route and same
 * live connection as the board; the full board is one tap away.
 */
export function PhoneBoard({
  boardId,
  title,
  onMessage,
  onFullBoard,
}: {
  boardId: string
  title: string
  onMessage: (text: string) => void
  onFullBoard: () => void
}) {
  const principal = usePrincipal()
  const projects = useAllProjects()
  const mine = useMemo(() => projects.filter((project) => canEditProjectOfUnit(principal, project.unit)), [projects, principal])
  const [openId, setOpenId] = useState<ProjectId | null>(null)
  const onQueueEvent = useCallback(
    (event: QueueEvent) => {
      if (event.kind === 'refused') onMessage(`照片「${event.name}」未上传：${event.reason}`)
    },
    [onMessage],
  )
  const queued = usePhotoQueue(boardId, onQueueEvent)
  return (
    <div className="phone-view" data-testid="phone-view">
      <PhoneStatusBar title={title} queuedPhotos={queued.length} />
      <main className="phone-main">
        {openId ? (
          <PhoneProject boardId={boardId} projectId={openId} queued={queued} onBack={() => setOpenId(null)} />
        ) : (
          <>
            <PhoneProjectList projects={mine} onOpen={setOpenId} />
            <button type="button" className="phone-button phone-full" onClick={onFullBoard}>
              查看完整看板
            </button>
          </>
        )}
      </main>
    </div>
  )
}
