import { memo } from 'react'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import type { ActivityMark } from '../presence/activityMarks.ts'
import type { ProblemsByProject } from '../sync/problemIndex.ts'
import { CardCell } from './CardCell.tsx'
import { ColumnHeader } from './ColumnHeader.tsx'

/**
 * One stage column of the board without swimlanes. The header counts the cards the filter lets
 * through (`visible`); the list shows `cards`, which during a drag includes the card in hand.
 */
export const Column = memo(function Column({
  stage,
  visible,
  cards,
  activeId,
  marks,
  problems,
  today,
  filtered,
  onOpen,
  onRefused,
}: {
  stage: Stage
  visible: readonly Project[]
  cards: readonly Project[]
  activeId: ProjectId | undefined
  marks: ReadonlyMap<string, ActivityMark>
  problems: ProblemsByProject
  today: IsoDate
  filtered: boolean
  onOpen: (id: ProjectId) => void
  onRefused: (message: string) => void
}) {
  return (
    <section className="column" data-stage={stage} data-testid={`column-${stage}`} aria-labelledby={`column-title-${stage}`}>
      <ColumnHeader stage={stage} cards={visible} />
      <CardCell
        lane=""
        stage={stage}
        cards={cards}
        activeId={activeId}
        marks={marks}
        problems={problems}
        today={today}
        onOpen={onOpen}
        onRefused={onRefused}
        emptyText={filtered ? '没有符合筛选条件的项目' : '暂无项目'}
      />
    </section>
  )
})
