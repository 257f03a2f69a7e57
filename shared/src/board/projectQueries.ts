import type * as Y from 'yjs'
import {
  PROJECT_DEFAULTS,
  PROJECT_FIELDS,
  isOptionalProjectField,
  projectFieldSchemas,
  type Project,
  type ProjectFields,
  type ProjectId,
} from '../domain/project.ts'
import { compareRank } from '../domain/rank.ts'
import { STAGES, type Stage } from '../domain/stage.ts'
import { parseStored } from '../domain/safeText.ts'
import { projectsRoot, type ProjectMap } from './boardDoc.ts'

/** A rank that sorts after every valid key, for a project whose stored rank is unreadable. */
const FALLBACK_RANK = '~'

/**
 * Reads a project from its Y.Map, validating every field. A value written by an older version or a
 * hostile client falls back to the default instead of reaching a component.
 */
export function projectFromMap(id: ProjectId, map: ProjectMap): Project {
  const fields: Record<string, unknown> = { ...PROJECT_DEFAULTS, rank: FALLBACK_RANK }
  for (const field of PROJECT_FIELDS) {
    const stored = map.get(field)
    if (stored === undefined) continue
    const parsed = parseStored(projectFieldSchemas[field], stored)
    if (parsed.success) fields[field] = parsed.data
    else if (isOptionalProjectField(field)) delete fields[field]
  }
  return { ...(fields as ProjectFields), id }
}

export function readProject(doc: Y.Doc, id: ProjectId): Project | undefined {
  const map = projectsRoot(doc).get(id)
  return isProjectMap(map) ? projectFromMap(id, map) : undefined
}

export function hasProject(doc: Y.Doc, id: ProjectId): boolean {
  return isProjectMap(projectsRoot(doc).get(id))
}

export function listProjects(doc: Y.Doc): Project[] {
  const projects: Project[] = []
  projectsRoot(doc).forEach((map, id) => {
    if (isProjectMap(map)) projects.push(projectFromMap(id as ProjectId, map))
  })
  return projects
}

export type Columns = Record<Stage, Project[]>

/** Groups projects into the four stage columns, each in rank order. */
export function groupIntoColumns(projects: Iterable<Project>): Columns {
  const columns = Object.fromEntries(STAGES.map((stage) => [stage, [] as Project[]])) as Columns
  for (const project of projects) columns[project.stage].push(project)
  for (const stage of STAGES) columns[stage].sort(compareRank)
  return columns
}

export function readColumns(doc: Y.Doc): Columns {
  return groupIntoColumns(listProjects(doc))
}

export function readColumn(doc: Y.Doc, stage: Stage): Project[] {
  return readColumns(doc)[stage]
}

function isProjectMap(value: unknown): value is ProjectMap {
  // Duck-typed rather than `instanceof Y.Map`: a second copy of yjs in a bundle would fail instanceof.
  // `has` and `keys` tell a map from a Y.Array or Y.XmlFragment, which also have get and observeDeep.
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as ProjectMap
  return [candidate.observeDeep, candidate.get, candidate.has, candidate.keys].every((method) => typeof method === 'function')
}

export interface CardPosition {
  id: ProjectId
  rank: string
}

/**
 * The order of one column from only the `stage` and `rank` fields: what a move needs, without
 * validating every field of every project (a 2,000-card board moves in well under a millisecond).
 */
export function columnOrder(doc: Y.Doc, stage: Stage): CardPosition[] {
  const positions: CardPosition[] = []
  const rankSchema = projectFieldSchemas.rank
  projectsRoot(doc).forEach((map, id) => {
    if (!isProjectMap(map) || map.get('stage') !== stage) return
    const rank = map.get('rank')
    positions.push({ id: id as ProjectId, rank: rankSchema.safeParse(rank).success ? (rank as string) : FALLBACK_RANK })
  })
  return positions.sort(compareRank)
}

export function countProjects(doc: Y.Doc): number {
  return projectsRoot(doc).size
}
