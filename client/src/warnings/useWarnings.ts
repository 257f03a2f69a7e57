import { useMemo } from 'react'
import { warningList, type Warning } from '@guatu/shared/progress/lights'
import { useAsOf } from '../progress/useAsOf.ts'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'

/** Every non-green light on the board, worst first then oldest (warningList); recomputed only when projects or settings change. */
export function useWarnings(): readonly Warning[] {
  const projects = useAllProjects()
  const settings = useBoardSettings()
  const asOf = useAsOf(settings)
  return useMemo(() => warningList(projects, settings, asOf), [projects, settings, asOf])
}
