import { memo } from 'react'
import { canDeleteProject, canEditProjectOfUnit } from '@guatu/shared/domain/permissions'
import type { Project } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useProjectProblems } from '../sync/useProjectProblems.ts'
import { countProblems } from './problemCounts.ts'
import { ProblemItem } from './ProblemItem.tsx'
import { RaiseProblemForm } from './RaiseProblemForm.tsx'
import { useProblemCommands } from './useProblemCommands.ts'
import { useBoardToday } from '../progress/useBoardToday.ts'
import './problems.css'

/**
 * 存在问题 in the project panel. Whoever may edit the project (its unit, the project office) may
 * raise, answer and close its problems — the same rule the server applies; deleting one is the
 * project office's, like deleting a project.
 */
export const ProblemSection = memo(function ProblemSection({ project }: { project: Project }) {
  const principal = usePrincipal()
  const problems = useProjectProblems(project.id)
  const commands = useProblemCommands(project.id)
  const today = useBoardToday()
  const editable = canEditProjectOfUnit(principal, project.unit)
  const deletable = editable && canDeleteProject(principal)
  const { open, overdue } = countProblems(problems, today)
  return (
    <section className="problem-section" aria-labelledby={`problems-title-${project.id}`} data-testid="problem-section">
      <h3 id={`problems-title-${project.id}`}>
        存在问题
        <span className="problem-section-counts">
          {problems.length === 0 ? '无' : `共 ${problems.length} 个，未解决 ${open} 个${overdue > 0 ? `，逾期 ${overdue} 个` : ''}`}
        </span>
      </h3>
      {problems.length > 0 && (
        <ol className="problem-list">
          {problems.map((problem) => (
            <ProblemItem key={problem.id} problem={problem} today={today} editable={editable} deletable={deletable} commands={commands} />
          ))}
        </ol>
      )}
      {editable && <RaiseProblemForm commands={commands} defaultLeadUnit={project.unit} />}
    </section>
  )
})
