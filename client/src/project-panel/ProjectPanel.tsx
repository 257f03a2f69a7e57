import { memo, useCallback, useEffect, useMemo, useRef } from 'react'
import { canDeleteProject, canEditProjectOfUnit, editRefusal } from '@guatu/shared/domain/permissions'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { LockIcon } from '../board/LockIcon.tsx'
import { ProjectHistory } from '../history/ProjectHistory.tsx'
import { useProjectHistory } from '../history/useProjectHistory.ts'
import { ProjectLightsSection } from '../lights/ProjectLightsSection.tsx'
import { DecisionSection } from '../meeting/DecisionSection.tsx'
import { NoticeSection } from '../notices/NoticeSection.tsx'
import { useProjectNotices } from '../sync/useProjectNotices.ts'
import { useProjectProblems } from '../sync/useProjectProblems.ts'
import { useSavedState } from '../sync/useSavedState.ts'
import { ProblemSection } from '../problems/ProblemSection.tsx'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useProject } from '../sync/useProject.ts'
import { DeleteProjectButton } from './DeleteProjectButton.tsx'
import { FieldEditor } from './FieldEditor.tsx'
import { FIELD_GROUPS } from './fieldDefs.ts'
import { PanelPhotos } from './PanelPhotos.tsx'
import { PanelLocation } from '../map/PanelLocation.tsx'
import { assignableUnits } from '@guatu/shared/domain/permissions'
import type { HistoryEntry } from '../api/historyApi.ts'
import { useProjectCommands } from './useProjectCommands.ts'
import { usePublishEditing } from './usePublishEditing.ts'
import { PanelConnectionStatus } from '../sync/PanelConnectionStatus.tsx'
import { ProjectYears } from '../years/ProjectYears.tsx'
import './panel.css'

const NO_ENTRIES: readonly HistoryEntry[] = []

/**
 * A modal dialog editing every field of one project. Each field saves on its own (blur, Enter or a
 * choice), so two people editing different fields of the same card never overwrite each other.
 * A project the principal may not edit opens read-only, with the reason; its history is below.
 */
export const ProjectPanel = memo(function ProjectPanel({
  projectId,
  focusName,
  atHistory = false,
  onClose,
}: {
  projectId: ProjectId
  /** A project just created with 新建项目: put the cursor in 项目名称 straight away. */
  focusName: boolean
  /** Opened from a link to this project's history (its other years): show the history first. */
  atHistory?: boolean
  onClose: () => void
}) {
  const project = useProject(projectId)
  const commands = useProjectCommands(projectId)
  const { boardId } = useBoardConnection()
  const principal = usePrincipal()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const readOnly = !project || !canEditProjectOfUnit(principal, project.unit)
  const units = useMemo(() => {
    const choices = assignableUnits(principal)
    return choices === 'any' ? undefined : choices
  }, [principal])
  usePublishEditing(projectId, !readOnly)
  // The history is fetched again whenever the project, its problems or its 督办单 change.
  const notices = useProjectNotices(projectId)
  const problems = useProjectProblems(projectId)
  const historyVersion = useMemo(() => [project, notices, problems], [project, notices, problems])
  const { unsavedCount } = useSavedState()
  const history = useProjectHistory(boardId, projectId, historyVersion, unsavedCount > 0)
  const historyEntries = history.entries ?? NO_ENTRIES

  const idPrefix = `project-${projectId}`
  const removeAndClose = useCallback(() => {
    const problem = commands.remove()
    if (!problem) onClose()
    return problem
  }, [commands, onClose])
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // showModal moves focus to the first control (关闭); a new card wants its name typed first.
    if (focusName) dialog.querySelector<HTMLInputElement>(`[id="${idPrefix}-name"]`)?.select()
    if (atHistory) dialog.querySelector('[data-testid="project-history"]')?.scrollIntoView({ block: 'start' })
    return () => dialog.close()
    // Runs once per panel: refocusing on every render would steal focus from the field being edited.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <dialog ref={dialogRef} className="project-panel" aria-labelledby={`${idPrefix}-title`} data-testid="project-panel" onClose={onClose}>
      <header className="panel-header">
        <h2 id={`${idPrefix}-title`}>{project ? project.name : '项目已删除'}</h2>
        {project && <span className={`stage-badge stage-${project.stage}`}>{STAGE_LABEL[project.stage]}</span>}
        <PanelConnectionStatus />
        <button type="button" className="close-button" onClick={onClose} aria-label="关闭项目详情">
          关闭
        </button>
      </header>
      {!project ? (
        <p className="panel-message" role="alert">
          该项目已被删除（可能是其他人刚刚删除的）。
        </p>
      ) : (
        <form className="panel-form" onSubmit={(event) => event.preventDefault()} data-readonly={readOnly || undefined}>
          {readOnly && (
            <p className="readonly-notice" data-testid="panel-readonly">
              <LockIcon /> 只读：{editRefusal(principal, project.unit)}
            </p>
          )}
          {FIELD_GROUPS.map((group) => (
            <fieldset key={group.title} className="field-group" disabled={readOnly}>
              <legend>{group.title}</legend>
              {group.fields.map((field) => (
                <FieldEditor
                  key={field}
                  field={field}
                  value={project[field]}
                  commands={commands}
                  idPrefix={idPrefix}
                  unitOptions={units}
                  unconfirmed={project.unconfirmedFigures}
                />
              ))}
            </fieldset>
          ))}
          <ProjectLightsSection project={project} />
          <PanelLocation project={project} readOnly={readOnly} />
          <PanelPhotos boardId={boardId} projectId={projectId} canAdd={!readOnly} />
          <NoticeSection project={project} history={historyEntries} />
          <ProblemSection project={project} />
          <DecisionSection project={project} />
          <footer className="panel-footer">
            {canDeleteProject(principal) ? <DeleteProjectButton projectName={project.name} onDelete={removeAndClose} /> : <span />}
            <button type="button" className="primary-button" onClick={onClose}>
              完成
            </button>
          </footer>
          <ProjectYears boardId={boardId} projectId={projectId} />
          <ProjectHistory projectId={projectId} history={history} />
        </form>
      )}
    </dialog>
  )
})
