import { memo, useCallback, useContext, useSyncExternalStore, type KeyboardEvent } from 'react'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { canEditProjectOfUnit, editRefusal } from '@guatu/shared/domain/permissions'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import type { ActivityMark } from '../presence/activityMarks.ts'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Problem } from '@guatu/shared/domain/problem'
import { LIGHT_LABEL } from '@guatu/shared/progress/lights'
import type { Notice } from '@guatu/shared/domain/notice'
import type { ProjectLightState } from '../lights/lightCache.ts'
import { openNoticeSummary } from '../notices/openNotices.ts'
import { lightTipId } from '../lights/lightTip.ts'
import { CardBody } from './CardBody.tsx'
import type { LaneData } from './useKanbanCollision.ts'
import { countProblems } from '../problems/problemCounts.ts'
import { useLockedCardAttempts } from './useLockedCardAttempts.ts'
import { focusCard } from './focusCard.ts'
import { isFocusKey } from './rovingFocus.ts'
import { RovingFocusContext } from './rovingFocusStore.ts'
import { ChangedCardsContext } from '../lookback/changedCards.ts'

/**
 * The draggable, focusable shell of a card. useSortable re-renders this shell on every drag step;
 * CardBody inside it is memoized and does not.
 *
 * A card the principal may not edit is locked: it still opens (read-only) and still makes room for
 * others, but it cannot be picked up, and trying to says why. The server would refuse the move
 * anyway; locking only spares the person a card that jumps back.
 */
export const SortableCard = memo(function SortableCard({
  project,
  lane,
  problems,
  lights,
  notices,
  today,
  mark,
  onOpen,
  onRefused,
}: {
  project: Project
  lane: LaneData
  problems: readonly Problem[]
  lights: ProjectLightState
  notices: readonly Notice[]
  today: IsoDate
  mark: ActivityMark | undefined
  onOpen: (id: ProjectId) => void
  onRefused: (message: string) => void
}) {
  const principal = usePrincipal()
  const locked = !canEditProjectOfUnit(principal, project.unit)
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, active } = useSortable({
    id: project.id,
    data: lane,
    disabled: { draggable: locked, droppable: false },
  })
  const refuse = useCallback(() => onRefused(editRefusal(principal, project.unit)), [onRefused, principal, project.unit])
  const attempts = useLockedCardAttempts(locked, refuse)
  const roving = useContext(RovingFocusContext)
  const isTabStop = useSyncExternalStore(roving?.subscribe ?? noSubscribe, () => roving?.isTabStop(project.id) ?? true)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (attempts && event.key === ' ' && !active) return attempts.onSpace(event)
    // Without a card in hand the arrows move focus; with one, the keyboard sensor moves the card.
    if (roving && !active && isFocusKey(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
      event.preventDefault()
      const target = roving.move(project.id, event.key)
      if (target) focusCard(event.currentTarget, target)
      return
    }
    listeners?.onKeyDown?.(event)
    // Enter during a keyboard drag drops the card (the sensor handles it); otherwise it opens the card.
    if (event.key === 'Enter' && !active && !event.defaultPrevented) {
      event.preventDefault()
      onOpen(project.id)
    }
  }
  const counts = countProblems(problems, today)
  const problemText = counts.open > 0 ? `${counts.open}个未解决问题${counts.overdue > 0 ? `（${counts.overdue}个逾期）` : ''}，` : ''
  const lightText = lights.worst !== 'green' ? `${LIGHT_LABEL[lights.worst]}灯预警，` : ''
  const notice = openNoticeSummary(notices)
  const noticeText = notice ? `${notice.label}，` : ''
  const onClick = () => {
    if (attempts?.takeClickAfterAttempt()) return
    onOpen(project.id)
  }
  const change = useContext(ChangedCardsContext)?.get(project.id)
  return (
    <div
      ref={setNodeRef}
      className={`card${isDragging ? ' card-placeholder' : ''}${locked ? ' card-locked' : ''}${change ? ' card-changed' : ''}`}
      data-changed={change ? 'true' : undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid={`card-${project.id}`}
      data-project-id={project.id}
      data-locked={locked ? 'true' : undefined}
      {...attributes}
      onPointerDown={attempts?.onPointerDown}
      onPointerMove={attempts?.onPointerMove}
      onPointerCancel={attempts?.onPointerCancel}
      aria-roledescription="项目卡片"
      aria-label={`${project.name}，${change ? `上次会议以来有变化：${change}，` : ''}${mark ? `${mark.names.join('、')}正在操作，` : ''}${lightText}${noticeText}${problemText}${locked ? '只读，' : ''}按回车打开`}
      // The rules behind the light, read out on focus and shown on hover and focus (CardBody).
      aria-describedby={lights.lights.length > 0 ? lightTipId(project.id) : undefined}
      // After the attempt handlers: an unlocked card's sensor listeners take their place.
      {...listeners}
      // Roving tabindex (rovingFocusStore.ts): one card of the board is in the tab order.
      tabIndex={isTabStop ? 0 : -1}
      onFocus={() => roving?.focused(project.id)}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <CardBody project={project} mark={mark} locked={locked} problems={problems} today={today} lights={lights} notices={notices} />
      {change && (
        <p className="card-change" title={change}>
          有变化：{change}
        </p>
      )}
    </div>
  )
})

const noSubscribe = () => () => undefined
