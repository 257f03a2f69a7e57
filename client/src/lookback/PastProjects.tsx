import type { BoardState } from '@guatu/shared/board/boardState'
import { formatMoneyLabel } from '@guatu/shared/domain/money'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES, STAGE_LABEL } from '@guatu/shared/domain/stage'

/** The board as it stood, read only: each stage's projects with what they had then. */
export function PastProjects({
  state,
  canRestore,
  onRestore,
}: {
  state: BoardState
  canRestore: (project: Project) => boolean
  onRestore: (project: Project) => void
}) {
  return (
    <div className="lookback-board" data-testid="lookback-board">
      {STAGES.map((stage) => {
        const projects = state.projects.filter((project) => project.stage === stage)
        return (
          <section key={stage} className="lookback-stage" aria-label={`${STAGE_LABEL[stage]} ${projects.length}个`}>
            <h4>
              {STAGE_LABEL[stage]}（{projects.length}）
            </h4>
            <ul>
              {projects.map((project) => (
                <li key={project.id} data-testid="lookback-project" data-project-id={project.id as ProjectId}>
                  <span className="lookback-project-name">{project.name}</span>
                  <span className="lookback-project-unit">{project.unit}</span>
                  <span>{formatMoneyLabel(project.totalInvestment)}</span>
                  {project.progressNote && <span className="lookback-note">{project.progressNote}</span>}
                  {canRestore(project) && (
                    <button type="button" onClick={() => onRestore(project)} aria-label={`将「${project.name}」恢复到此时`} data-testid="lookback-restore">
                      恢复到此时
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
