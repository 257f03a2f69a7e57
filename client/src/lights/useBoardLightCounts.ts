import { useMemo } from 'react'
import type { Light } from '@guatu/shared/progress/lights'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { countLights } from './lightCache.ts'
import { useLightsOf } from './useLightsOf.ts'

/**
 * 红 N · 黄 N · 蓝 N over the whole board, or over one 责任单位's projects (the unit reporting while
 * the browser follows a meeting), from the cached per-project lights.
 */
export function useBoardLightCounts(unit?: string): Record<Light, number> {
  const projects = useAllProjects()
  const lightsOf = useLightsOf()
  return useMemo(() => countLights(unit === undefined ? projects : projects.filter((project) => project.unit === unit), lightsOf), [projects, lightsOf, unit])
}
