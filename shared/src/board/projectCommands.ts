import { generateNKeysBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import type { Coordinates } from '../domain/coordinates.ts'
import { todayInChina, type IsoDate } from '../domain/dates.ts'
import { PROJECT_DEFAULTS, checkProjectField, isProjectField, newProjectId, type ProjectFields, type ProjectId, type ProjectPatch } from '../domain/project.ts'
import { isRankKey, rankAt } from '../domain/rank.ts'
import { Stage } from '../domain/stage.ts'
import { defaultStageEntryDate } from '../progress/boardToday.ts'
import { readBoardSettings } from './boardSettingsAccess.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { RecordCollection, collectionRoot, projectsRoot, type ProjectMap } from './boardDoc.ts'
import { columnOrder } from './projectQueries.ts'

/** Entering a stage records the day it happened (实际签约/开工/投产时间) unless one is already set. */
const ACTUAL_DATE_FIELD: Record<Stage, 'actualSignDate' | 'actualStartDate' | 'actualProduceDate' | undefined> = {
  planning: undefined,
  signed: 'actualSignDate',
  started: 'actualStartDate',
  producing: 'actualProduceDate',
}

export interface Placement {
  stage: Stage
  /** Place directly after this card; without it (and without `beforeId`) the card goes to the end. */
  afterId?: ProjectId
  /** Place directly before this card. */
  beforeId?: ProjectId
}

function assertValid(values: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    if (!isProjectField(field)) throw new ProjectValidationError(field, `未知字段：${field}`)
    const problem = checkProjectField(field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
}

function writeFields(map: ProjectMap, values: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) map.delete(field)
    else if (map.get(field) !== value || Array.isArray(value)) map.set(field, value)
  }
}

/** Creates a project at the end of its stage column (or at `placement`) and returns its id. */
export function createProject(
  doc: Y.Doc,
  fields: Partial<Omit<ProjectFields, 'rank'>>,
  options: CommandOptions & { id?: ProjectId; placement?: Omit<Placement, 'stage'> } = {},
): ProjectId {
  const id = options.id ?? newProjectId()
  const stage = fields.stage ?? Stage.planning
  const values: Record<string, unknown> = { ...PROJECT_DEFAULTS, ...fields, stage }
  values.rank = rankForPlacement(doc, id, { stage, ...options.placement })
  assertValid(values)
  doc.transact(() => {
    if (projectsRoot(doc).has(id)) throw new ProjectValidationError('id', `项目编号已存在：${id}`)
    const map = new Y.Map<unknown>()
    projectsRoot(doc).set(id, map)
    writeFields(map, values)
  }, options.origin)
  return id
}

export interface NewProject {
  id?: ProjectId
  fields: Partial<Omit<ProjectFields, 'rank'>>
}

/**
 * Creates many projects in one transaction, each appended to the end of its stage column in the
 * order given, and returns their ids. Every record is checked before anything is written, so a bad
 * row leaves the document untouched. Ranks come from one read per column, not one per card: an
 * import or a demo board of 2,000 cards takes milliseconds where 2,000 `createProject` calls take
 * seconds.
 */
export function createProjects(doc: Y.Doc, projects: readonly NewProject[], options: CommandOptions = {}): ProjectId[] {
  const rows = projects.map(({ id = newProjectId(), fields }) => {
    const values: Record<string, unknown> = { ...PROJECT_DEFAULTS, ...fields, stage: fields.stage ?? Stage.planning }
    assertValid(values)
    return { id, stage: values.stage as Stage, values }
  })
  const ids = new Set<string>()
  for (const { id } of rows) {
    if (ids.has(id) || projectsRoot(doc).has(id)) throw new ProjectValidationError('id', `项目编号已存在：${id}`)
    ids.add(id)
  }
  const byStage = new Map<Stage, typeof rows>()
  for (const row of rows) {
    const stageRows = byStage.get(row.stage)
    if (stageRows) stageRows.push(row)
    else byStage.set(row.stage, [row])
  }
  for (const [stage, stageRows] of byStage) {
    // A card whose stored rank is unreadable sorts last; new cards go after the last readable one.
    const last = columnOrder(doc, stage)
      .map((card) => card.rank)
      .filter(isRankKey)
      .at(-1)
    const ranks = generateNKeysBetween(last ?? null, null, stageRows.length)
    stageRows.forEach((row, index) => (row.values.rank = ranks[index]))
  }
  doc.transact(() => {
    for (const { id, values } of rows) {
      const map = new Y.Map<unknown>()
      projectsRoot(doc).set(id, map)
      writeFields(map, values)
    }
  }, options.origin)
  return rows.map((row) => row.id)
}

/** Changes fields of a project; `undefined` clears an optional field. Stage changes go through moveProject. */
export function updateProject(doc: Y.Doc, id: ProjectId, patch: ProjectPatch, options: CommandOptions = {}): void {
  assertValid(patch)
  const map = requireProjectMap(doc, id)
  doc.transact(() => writeFields(map, patch), options.origin)
}

/**
 * Places a project on the map, or takes it off (`undefined`). The point is written as ONE value, so
 * two people placing the same project at once leave one whole point, never one's 经度 beside the
 * other's 纬度.
 */
export function placeProject(doc: Y.Doc, id: ProjectId, point: Coordinates | undefined, options: CommandOptions = {}): void {
  updateProject(doc, id, { coordinates: point === undefined ? undefined : { lng: point.lng, lat: point.lat, source: point.source } }, options)
}

/** Deletes a project and, in the same transaction, the problems raised on it. */
export function deleteProject(doc: Y.Doc, id: ProjectId, options: CommandOptions = {}): void {
  requireProjectMap(doc, id)
  const problems = collectionRoot(doc, RecordCollection.problems)
  doc.transact(() => {
    problems.forEach((problem, problemId) => {
      if (problem.get('projectId') === id) problems.delete(problemId)
    })
    projectsRoot(doc).delete(id)
  }, options.origin)
}

/**
 * Moves a card to a stage, before or after another card. Only `stage`, `rank` and (when a new
 * stage is entered for the first time) its actual date change: a move never rewrites other cards.
 */
export function moveProject(doc: Y.Doc, id: ProjectId, placement: Placement, options: CommandOptions = {}): void {
  const map = requireProjectMap(doc, id)
  const rank = rankForPlacement(doc, id, placement)
  doc.transact(() => {
    if (map.get('stage') !== placement.stage) {
      map.set('stage', placement.stage)
      const dateField = ACTUAL_DATE_FIELD[placement.stage]
      if (dateField && map.get(dateField) === undefined) map.set(dateField, options.today ?? stageEntryDateOf(doc))
    }
    map.set('rank', rank)
  }, options.origin)
}

/** The date a move records on this board when the caller does not say: its 今天, inside its year. */
export function stageEntryDateOf(doc: Y.Doc, now: Date = new Date()): IsoDate {
  const settings = readBoardSettings(doc, Number(todayInChina(now).slice(0, 4)))
  return defaultStageEntryDate(settings, now)
}

function rankForPlacement(doc: Y.Doc, movingId: ProjectId, placement: Placement): string {
  const others = columnOrder(doc, placement.stage).filter((card) => card.id !== movingId)
  let index = others.length
  if (placement.afterId !== undefined) {
    const at = others.findIndex((card) => card.id === placement.afterId)
    if (at >= 0) index = at + 1
  } else if (placement.beforeId !== undefined) {
    const at = others.findIndex((card) => card.id === placement.beforeId)
    if (at >= 0) index = at
  }
  return rankAt(
    others.map((card) => card.rank),
    index,
  )
}

function requireProjectMap(doc: Y.Doc, id: ProjectId): ProjectMap {
  const map = projectsRoot(doc).get(id)
  if (!map) throw new ProjectValidationError('id', `项目不存在：${id}`)
  return map
}
