import { memo } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'

/** 未标注位置: the shown projects without coordinates; opening one lets the office place it in its panel. */
export const UnplacedList = memo(function UnplacedList({ projects, onOpen }: { projects: readonly Project[]; onOpen: (id: ProjectId) => void }) {
  if (projects.length === 0) return null
  return (
    <details className="map-unplaced" data-testid="map-unplaced">
      <summary>未标注位置 {projects.length} 个</summary>
      <ul>
        {projects.map((project) => (
          <li key={project.id}>
            <button type="button" className="link-button" onClick={() => onOpen(project.id)}>
              {project.name}（{project.unit}）
            </button>
          </li>
        ))}
      </ul>
    </details>
  )
})
