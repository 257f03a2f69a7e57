import { canEditProjectOfUnit } from '@guatu/shared/domain/permissions'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { NoticeSection } from '../notices/NoticeSection.tsx'
import { ProblemSection } from '../problems/ProblemSection.tsx'
import { FieldEditor } from '../project-panel/FieldEditor.tsx'
import { useProjectCommands } from '../project-panel/useProjectCommands.ts'
import { useProject } from '../sync/useProject.ts'
import { ImeSafeText } from './ImeSafeText.tsx'
import { PhoneStageMenu } from './PhoneStageMenu.tsx'
import { PhotoSection } from './PhotoSection.tsx'
import type { QueuedPhoto } from './photoQueue.ts'

const NO_HISTORY: never[] = []

/** One project, full width, with the controls a 联络员 uses on site, each large enough for a thumb. */
export function PhoneProject({
  boardId,
  projectId,
  queued,
  onBack,
}: {
  boardId: string
  projectId: ProjectId
  queued: readonly QueuedPhoto[]
  onBack: () => void
}) {
  const project = useProject(projectId)
  const commands = useProjectCommands(projectId)
  const principal = usePrincipal()
  if (!project) {
    return (
      <div className="phone-project">
        <button type="button" className="phone-button" onClick={onBack}>
          ‹ 我的项目
        </button>
        <p className="phone-note">该项目已被删除。</p>
      </div>
    )
  }
  const editable = canEditProjectOfUnit(principal, project.unit)
  return (
    <article className="phone-project" data-testid="phone-project" aria-labelledby={`phone-project-${projectId}`}>
      <button type="button" className="phone-button phone-back" onClick={onBack}>
        ‹ 我的项目
      </button>
      <h2 id={`phone-project-${projectId}`}>{project.name}</h2>
      <p className="phone-note">
        {project.unit} · {STAGE_LABEL[project.stage]}
      </p>
      {editable ? (
        <>
          <section className="phone-section">
            <ImeSafeText
              id={`phone-note-${projectId}`}
              label="形象进度"
              value={project.progressNote ?? ''}
              multiline
              onSave={(text) => commands.update('progressNote', text)}
            />
            <div className="phone-money">
              <FieldEditor
                field="completedInvestment"
                value={project.completedInvestment}
                commands={commands}
                idPrefix={`phone-${projectId}`}
                unconfirmed={project.unconfirmedFigures}
              />
            </div>
          </section>
          <section className="phone-section" aria-label="阶段">
            <h3>阶段</h3>
            <PhoneStageMenu project={project} commands={commands} />
          </section>
        </>
      ) : (
        <p className="phone-note">{project.progressNote ?? '（未填形象进度）'}</p>
      )}
      <PhotoSection boardId={boardId} projectId={projectId} canAdd={editable} queued={queued} />
      <div className="phone-section">
        <ProblemSection project={project} />
      </div>
      <div className="phone-section">
        <NoticeSection project={project} history={NO_HISTORY} />
      </div>
    </article>
  )
}
