import * as Y from 'yjs'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readColumns } from '@guatu/shared/board/projectQueries'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { WanAmount } from '@guatu/shared/domain/money'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { Rng } from './prng.ts'

const UNITS = ['发改局', '工信局', '商务局', '住建局', '农业农村局', '文旅局', '能源局', '经开区管委会']

/**
 * Creates `count` projects through the shared createProject command, spread over the four stages.
 * Stands in for the demo generator: what the test needs is many valid cards, not realistic ones.
 */
/** `newId`: where project ids come from (a seeded run passes ids drawn from its PRNG); random by default. */
export function seedProjects(doc: Y.Doc, count: number, rng: Rng, namePrefix = '测试项目', newId?: () => ProjectId): ProjectId[] {
  const ids: ProjectId[] = []
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const stage: Stage = STAGES[i % STAGES.length] ?? 'planning'
      ids.push(
        createProject(
          doc,
          {
            name: `${namePrefix}${i + 1}`,
            stage,
            unit: rng.pick(UNITS),
            totalInvestment: String(1000 + rng.int(500_000)) as WanAmount,
            seq: i + 1,
          },
          { id: newId?.() },
        ),
      )
    }
  })
  return ids
}

/** Projects sorted by id, as JSON: two documents with equal snapshots show the same board. */
export function projectsSnapshot(doc: Y.Doc): string {
  return JSON.stringify(sortById(listProjects(doc)))
}

export function sortById(projects: readonly Project[]): Project[] {
  return [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The ids in each column, in display order. */
export function columnIds(doc: Y.Doc): Record<Stage, string[]> {
  const columns = readColumns(doc)
  const ids = {} as Record<Stage, string[]>
  for (const stage of STAGES) ids[stage] = columns[stage].map((project) => project.id)
  return ids
}

export function stateVectorKey(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('base64')
}

/** Ids that appear in no column or in more than one: must be empty on every client at every moment. */
export function misplacedIds(doc: Y.Doc): string[] {
  const seen = new Map<string, number>()
  for (const ids of Object.values(columnIds(doc))) for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1)
  const problems = [...seen].filter(([, times]) => times !== 1).map(([id]) => id)
  for (const project of listProjects(doc)) if (!seen.has(project.id)) problems.push(project.id)
  return problems
}
