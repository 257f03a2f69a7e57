import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Project } from '@guatu/shared/domain/project'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { Light, projectLights, worstLight, type FiredLight } from '@guatu/shared/progress/lights'

/** A project's automatic lights on the as-of day, with the card's colour. */
export interface ProjectLightState {
  readonly lights: readonly FiredLight[]
  readonly worst: Light
}

export type LightsOf = (project: Project) => ProjectLightState

const NO_LIGHTS: ProjectLightState = Object.freeze({ lights: Object.freeze([]), worst: Light.green })

/**
 * Lights per project view model, computed at most once for each (record, settings, as-of day).
 * The view store keeps an unchanged project's record identical, so after a remote edit only the
 * edited card is re-evaluated; typing in the search box or a field re-evaluates nothing. A card
 * whose lights did not change gets the same state object back and does not re-render.
 */
function createLightsOf(settings: BoardSettings, asOf: IsoDate): LightsOf {
  const cache = new WeakMap<Project, ProjectLightState>()
  return (project) => {
    let state = cache.get(project)
    if (!state) {
      const lights = projectLights(project, settings, asOf)
      state = lights.length === 0 ? NO_LIGHTS : { lights, worst: worstLight(lights) }
      cache.set(project, state)
    }
    return state
  }
}

let current: { settings: BoardSettings; asOf: IsoDate; lightsOf: LightsOf } | undefined

/**
 * One shared lookup per settings object and day: every component asking with the same inputs gets
 * the same function (and so the same cache), and a new one only when settings or the day change.
 */
export function lightsLookupFor(settings: BoardSettings, asOf: IsoDate): LightsOf {
  if (current?.settings !== settings || current.asOf !== asOf) current = { settings, asOf, lightsOf: createLightsOf(settings, asOf) }
  return current.lightsOf
}

/** How many of `projects` show each colour. */
export function countLights(projects: readonly Project[], lightsOf: LightsOf): Record<Light, number> {
  const counts: Record<Light, number> = { green: 0, blue: 0, yellow: 0, red: 0 }
  for (const project of projects) counts[lightsOf(project).worst] += 1
  return counts
}
