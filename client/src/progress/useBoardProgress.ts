import { useMemo } from 'react'
import { computeBoardProgress, type BoardProgress } from '@guatu/shared/progress/boardProgress'
import { useAllProblems } from '../sync/useAllProblems.ts'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { useAsOf } from './useAsOf.ts'

/**
 * 目标进度 computed in the browser from the live document. The inputs are the view store's cached
 * arrays, which change identity only when a project, a problem or the settings change, so a
 * keystroke elsewhere never recomputes it.
 */
export function useBoardProgress(): BoardProgress {
  const projects = useAllProjects()
  const problems = useAllProblems()
  const settings = useBoardSettings()
  const asOf = useAsOf(settings)
  return useMemo(() => computeBoardProgress({ projects, problems, settings, asOf }), [projects, problems, settings, asOf])
}
