import type * as Y from 'yjs'
import { createProjects, type NewProject } from '../board/projectCommands.ts'
import type { ProjectId } from '../domain/project.ts'
import type { DemoLedger } from './generateLedger.ts'

export interface SeedBoardOptions {
  /** Transaction origin, so the server can tell a seeded board from a connection's edits. */
  origin?: unknown
  /**
   * The id of the project at `index` of the ledger. Without it ids are random, like any new card;
   * tests and benchmarks pass one to get the same ids on every run.
   */
  idForIndex?: (index: number) => ProjectId
}

/**
 * Writes a ledger's projects into a board document in one transaction, each column in ledger
 * order after any cards already there, and returns the new ids in ledger order. One transaction
 * means one update: peers and storage see the whole board appear at once, never half of it.
 */
export function seedBoardDoc(doc: Y.Doc, ledger: Pick<DemoLedger, 'projects'>, options: SeedBoardOptions = {}): ProjectId[] {
  const { idForIndex } = options
  const projects: NewProject[] = ledger.projects.map((fields, index) => (idForIndex ? { id: idForIndex(index), fields } : { fields }))
  return createProjects(doc, projects, { origin: options.origin })
}

/** Ids that sort in ledger order and are the same on every run: "demo_0001" … */
export function demoProjectId(index: number): ProjectId {
  return `demo_${String(index + 1).padStart(4, '0')}` as ProjectId
}
