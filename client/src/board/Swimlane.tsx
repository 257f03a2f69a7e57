import { memo } from 'react'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES, STAGE_LABEL } from '@guatu/shared/domain/stage'
import type { ActivityMark } from '../presence/activityMarks.ts'
import type { ProblemsByProject } from '../sync/problemIndex.ts'
import { CardCell } from './CardCell.tsx'
import type { BoardLane } from './lanes.ts'

/** One swimlane: the lane's name and count across the row, then its four cells under the stage headers. */
export const Swimlane = memo(function Swimlane({
  lane,
  activeId,
  marks,
  problems,
  today,
  onOpen,
  onRefused,
}: {
  lane: BoardLane
  activeId: ProjectId | undefined
  marks: ReadonlyMap<string, ActivityMark>
  problems: ProblemsByProject
  today: IsoDate
  onOpen: (id: ProjectId) => void
  onRefused: (message: string) => void
}) {
  const titleId = `lane-title-${encodeURIComponent(lane.key)}`
  return (
    <section className="swimlane" data-testid="swimlane" data-lane={lane.key} aria-labelledby={titleId}>
      <h3 id={titleId} className="swimlane-title">
        {lane.key}
        <span className="swimlane-count" data-testid="swimlane-count" data-value={lane.count}>
          {lane.count} 个项目
        </span>
      </h3>
      {STAGES.map((stage) => (
        <div key={stage} className={`swimlane-cell stage-${stage}`} data-stage={stage} aria-label={`${lane.key} · ${STAGE_LABEL[stage]}`}>
          <CardCell
            lane={lane.key}
            stage={stage}
            cards={lane.cells[stage]}
            activeId={activeId}
            marks={marks}
            problems={problems}
            today={today}
            onOpen={onOpen}
            onRefused={onRefused}
            emptyText="—"
          />
        </div>
      ))}
    </section>
  )
})
