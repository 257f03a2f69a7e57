import { memo, useState } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { MILESTONE_KIND_LABEL } from '@guatu/shared/progress/boardSettings'
import { MILESTONE_STATE_LABEL, type MilestoneStatus } from '@guatu/shared/progress/milestones'
import './progress.css'

/** 节点: each milestone's state in words and colour, with the projects that break or threaten it. */
export const MilestoneList = memo(function MilestoneList({
  milestones,
  projectOf,
  onOpenProject,
}: {
  milestones: readonly MilestoneStatus[]
  projectOf: (id: ProjectId) => Project | undefined
  onOpenProject: (id: ProjectId) => void
}) {
  if (milestones.length === 0) return <p className="column-empty">尚未设置节点。</p>
  return (
    <ul className="milestone-list" data-testid="milestone-list">
      {milestones.map((status) => (
        <li key={status.milestone.id} className={`milestone milestone-${status.state}`} data-testid="milestone" data-state={status.state}>
          <span className={`milestone-state state-${status.state}`}>{MILESTONE_STATE_LABEL[status.state]}</span>
          <strong>{status.milestone.label || MILESTONE_KIND_LABEL[status.milestone.kind]}</strong>
          <span>{status.text}</span>
          {status.offendingProjectIds.length > 0 && <OffendingProjects ids={status.offendingProjectIds} projectOf={projectOf} onOpenProject={onOpenProject} />}
        </li>
      ))}
    </ul>
  )
})

/** A long list would push everything else off the page: the first few, then 展开. */
const SHOWN_AT_FIRST = 12

function OffendingProjects({
  ids,
  projectOf,
  onOpenProject,
}: {
  ids: readonly ProjectId[]
  projectOf: (id: ProjectId) => Project | undefined
  onOpenProject: (id: ProjectId) => void
}) {
  const [expanded, setExpanded] = useState(false)
  const shown = expanded ? ids : ids.slice(0, SHOWN_AT_FIRST)
  return (
    <span className="milestone-projects" data-testid="milestone-projects">
      {shown.map((id) => (
        <button key={id} type="button" className="link-button" onClick={() => onOpenProject(id)}>
          {projectOf(id)?.name ?? id}
        </button>
      ))}
      {ids.length > SHOWN_AT_FIRST && (
        <button type="button" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? '收起' : `展开全部 ${ids.length} 个项目`}
        </button>
      )}
    </span>
  )
}
