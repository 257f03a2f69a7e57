import { memo, type KeyboardEvent } from 'react'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { ActivityMark } from '../presence/activityMarks.ts'
import { CardBody } from './CardBody.tsx'

/**
 * The draggable, focusable shell of a card. useSortable re-renders this shell on every drag step;
 * CardBody inside it is memoized and does not.
 */
export const SortableCard = memo(function SortableCard({
  project,
  mark,
  onOpen,
}: {
  project: Project
  mark: ActivityMark | undefined
  onOpen: (id: ProjectId) => void
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, active } = useSortable({
    id: project.id,
  })
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    listeners?.onKeyDown?.(event)
    // Enter during a keyboard drag drops the card (the sensor handles it); otherwise it opens the card.
    if (event.key === 'Enter' && !active && !event.defaultPrevented) {
      event.preventDefault()
      onOpen(project.id)
    }
  }
  return (
    <div
      ref={setNodeRef}
      className={`card${isDragging ? ' card-placeholder' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid={`card-${project.id}`}
      data-project-id={project.id}
      {...attributes}
      {...listeners}
      aria-roledescription="项目卡片"
      aria-label={`${project.name}，${mark ? `${mark.names.join('、')}正在操作，` : ''}按回车打开`}
      onKeyDown={onKeyDown}
      onClick={() => onOpen(project.id)}
    >
      <CardBody project={project} mark={mark} />
    </div>
  )
})
