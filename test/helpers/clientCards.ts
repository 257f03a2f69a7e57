import { PROJECT_DEFAULTS, type Project, type ProjectId } from '@guatu/shared/domain/project'
import { STAGES, Stage } from '@guatu/shared/domain/stage'

/** A validated card as the board's view model holds it; the id is derived from the name. */
export function card(name: string, stage: Stage = Stage.planning, fields: Partial<Omit<Project, 'id' | 'name' | 'stage'>> = {}): Project {
  return { ...PROJECT_DEFAULTS, rank: 'a0', ...fields, name, stage, id: `p_${name}` as ProjectId }
}

/** The four cells of a lane; stages not given are empty. */
export function cellsOf(cards: Partial<Record<Stage, readonly Project[]>>): Readonly<Record<Stage, readonly Project[]>> {
  return Object.fromEntries(STAGES.map((stage) => [stage, cards[stage] ?? []])) as Record<Stage, readonly Project[]>
}

export const idsOf = (cards: readonly Project[]): string[] => cards.map((each) => each.id)
