import { useMemo } from 'react'
import type { Light } from '@guatu/shared/progress/lights'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { countLights } from './lightCache.ts'
import { useLightsOf } from './useLightsOf.ts'

/** 红 N · 黄 N · 蓝 N over the whole board, from the cached per-project lights. */
export function useBoardLightCounts(): Record<Light, number> {
  const projects = useAllProjects()
  const lightsOf = useLightsOf()
  return useMemo(() => countLights(projects, lightsOf), [projects, lightsOf])
}
