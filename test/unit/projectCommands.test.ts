import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { ProjectValidationError } from '@guatu/shared/board/commandOptions'
import { createProject, createProjects, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readColumn, readProject } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import { PROJECT_DEFAULTS, type ProjectId, type ProjectPatch } from '@guatu/shared/domain/project'
import { Stage } from '@guatu/shared/domain/stage'

const day = (iso: string) => iso as IsoDate

function boardWith(names: readonly string[], stage: Stage = Stage.planning) {
  const doc = new Y.Doc()
  const ids = names.map((name) => createProject(doc, { name, stage }))
  return { doc, ids }
}

const namesIn = (doc: Y.Doc, stage: Stage) => readColumn(doc, stage).map((project) => project.name)

function rejection(action: () => void): ProjectValidationError {
  try {
    action()
  } catch (error) {
    if (error instanceof ProjectValidationError) return error
    throw error
  }
  throw new Error('expected the command to be rejected')
}

describe('project commands', () => {
  test('new projects go to the end of their stage column in the order they were created', () => {
    const { doc } = boardWith(['甲', '乙', '丙'])
    createProject(doc, { name: '丁', stage: Stage.started })
    expect(namesIn(doc, Stage.planning)).toEqual(['甲', '乙', '丙'])
    expect(namesIn(doc, Stage.started)).toEqual(['丁'])
  })

  test('a project can be created directly before or after another card', () => {
    const { doc, ids } = boardWith(['甲', '乙'])
    createProject(doc, { name: '前' }, { placement: { beforeId: ids[0] } })
    createProject(doc, { name: '中' }, { placement: { afterId: ids[0] } })
    expect(namesIn(doc, Stage.planning)).toEqual(['前', '甲', '中', '乙'])
  })

  test('a card moved after another lands directly after it', () => {
    const { doc, ids } = boardWith(['甲', '乙', '丙', '丁'])
    moveProject(doc, ids[0]!, { stage: Stage.planning, afterId: ids[2] })
    expect(namesIn(doc, Stage.planning)).toEqual(['乙', '丙', '甲', '丁'])
  })

  test('a card moved before another lands directly before it', () => {
    const { doc, ids } = boardWith(['甲', '乙', '丙', '丁'])
    moveProject(doc, ids[3]!, { stage: Stage.planning, beforeId: ids[1] })
    expect(namesIn(doc, Stage.planning)).toEqual(['甲', '丁', '乙', '丙'])
  })

  test('a card moved to another column without a neighbour goes to its end', () => {
    const { doc, ids } = boardWith(['甲', '乙'])
    createProject(doc, { name: '丙', stage: Stage.signed })
    moveProject(doc, ids[0]!, { stage: Stage.signed }, { today: day('2022-03-01') })
    expect(namesIn(doc, Stage.planning)).toEqual(['乙'])
    expect(namesIn(doc, Stage.signed)).toEqual(['丙', '甲'])
  })

  test('a move to a neighbour that is not in the target column puts the card at the end', () => {
    const { doc, ids } = boardWith(['甲', '乙'])
    const elsewhere = createProject(doc, { name: '丙', stage: Stage.started })
    moveProject(doc, ids[0]!, { stage: Stage.planning, afterId: elsewhere })
    expect(namesIn(doc, Stage.planning)).toEqual(['乙', '甲'])
  })

  test('entering a stage records its actual date once; moving back and forth keeps the first date', () => {
    const { doc, ids } = boardWith(['甲'])
    const id = ids[0]!
    moveProject(doc, id, { stage: Stage.signed }, { today: day('2022-03-01') })
    moveProject(doc, id, { stage: Stage.planning }, { today: day('2022-03-05') })
    moveProject(doc, id, { stage: Stage.signed }, { today: day('2022-04-01') })
    const project = readProject(doc, id)
    expect(project?.stage).toBe(Stage.signed)
    expect(project?.actualSignDate).toBe('2022-03-01')
    expect(project?.actualStartDate).toBeUndefined()
  })

  test('a government-funded project moved from 谋划 straight to 开工 gets a start date and no sign date', () => {
    const doc = new Y.Doc()
    const id = createProject(doc, { name: '雨污分流改造工程（一期）', governmentFunded: true })
    moveProject(doc, id, { stage: Stage.started }, { today: day('2022-05-10') })
    expect(readProject(doc, id)).toMatchObject({ stage: Stage.started, actualStartDate: '2022-05-10' })
    expect(readProject(doc, id)?.actualSignDate).toBeUndefined()
  })

  test('reordering inside a column records no date', () => {
    const { doc, ids } = boardWith(['甲', '乙'], Stage.signed)
    moveProject(doc, ids[1]!, { stage: Stage.signed, beforeId: ids[0] }, { today: day('2022-06-01') })
    expect(readProject(doc, ids[1]!)?.actualSignDate).toBeUndefined()
    expect(namesIn(doc, Stage.signed)).toEqual(['乙', '甲'])
  })

  test.each<[string, ProjectPatch, string, string]>([
    ['three decimals of 万元', { totalInvestment: '1.234' as WanAmount }, 'totalInvestment', '总投资须为不小于0的金额（万元，最多两位小数）'],
    ['an empty name', { name: '   ' }, 'name', '项目名称不能为空'],
    ['31 February', { plannedStartDate: day('2022-02-31') }, 'plannedStartDate', '计划开工时间须为有效日期（如 2022-03-15）'],
    ['a nature label instead of its id', { nature: '新建' as never }, 'nature', '建设性质须为新建、续建或前期'],
    ['a phone number with letters', { phone: '138-abc' }, 'phone', '联系电话格式不正确'],
    ['eleven 包抓领导', { leaders: Array.from({ length: 11 }, (_, i) => `领导${i}`) }, 'leaders', '包抓领导最多10人'],
  ])('an update with %s is rejected with a Chinese reason and changes nothing', (_case, patch, field, message) => {
    const { doc, ids } = boardWith(['甲'])
    const before = readProject(doc, ids[0]!)
    const error = rejection(() => updateProject(doc, ids[0]!, { owner: '王伟', ...patch }))
    expect(error.field).toBe(field)
    expect(error.message).toBe(message)
    expect(readProject(doc, ids[0]!)).toEqual(before)
  })

  test('an update naming a field the board does not have is rejected', () => {
    const { doc, ids } = boardWith(['甲'])
    const error = rejection(() => updateProject(doc, ids[0]!, { colour: 'red' } as ProjectPatch))
    expect(error.message).toBe('未知字段：colour')
  })

  test('updating a project that does not exist is rejected', () => {
    const doc = new Y.Doc()
    const error = rejection(() => updateProject(doc, 'p_missing01' as ProjectId, { owner: '王伟' }))
    expect(error.message).toBe('项目不存在：p_missing01')
  })

  test('an update changes the fields given and clears an optional field set to undefined', () => {
    const doc = new Y.Doc()
    const id = createProject(doc, { name: '甲', plannedStartDate: day('2022-04-01') })
    updateProject(doc, id, { totalInvestment: '57800' as WanAmount, plannedStartDate: undefined, leaders: ['赵丽华'] })
    const project = readProject(doc, id)
    expect(project).toMatchObject({ name: '甲', totalInvestment: '57800', leaders: ['赵丽华'] })
    expect(project?.plannedStartDate).toBeUndefined()
  })

  test('a deleted project is gone from its column', () => {
    const { doc, ids } = boardWith(['甲', '乙'])
    deleteProject(doc, ids[0]!)
    expect(namesIn(doc, Stage.planning)).toEqual(['乙'])
    expect(readProject(doc, ids[0]!)).toBeUndefined()
  })

  test('garbage written straight into the document reads as the defaults, and valid fields survive', () => {
    const doc = new Y.Doc()
    const id = createProject(doc, { name: '华能高性能纤维项目', owner: '沈梅', plannedStartDate: day('2022-05-15') })
    const raw = projectsRoot(doc).get(id)!
    doc.transact(() => {
      raw.set('totalInvestment', 12.5)
      raw.set('stage', '开工')
      raw.set('leaders', '李建国')
      raw.set('plannedStartDate', '2022-13-01')
      raw.set('registered', 'yes')
      raw.set('rank', { evil: true })
      raw.set('seq', -3)
    })
    const project = readProject(doc, id)
    expect(project).toMatchObject({
      name: '华能高性能纤维项目',
      owner: '沈梅',
      totalInvestment: PROJECT_DEFAULTS.totalInvestment,
      stage: PROJECT_DEFAULTS.stage,
      leaders: [],
    })
    // 是否入库 has no default: unreadable reads as unknown (未填), never as 否.
    expect(project?.registered).toBeUndefined()
    expect(project?.plannedStartDate).toBeUndefined()
    expect(project?.seq).toBeUndefined()
    // An unreadable rank sorts after every card with a real one.
    createProject(doc, { name: '后来的项目' })
    expect(namesIn(doc, Stage.planning)).toEqual(['后来的项目', '华能高性能纤维项目'])
  })

  test('an entry in the projects map that is not a project map is skipped, not read', () => {
    const doc = new Y.Doc()
    createProject(doc, { name: '甲' })
    ;(projectsRoot(doc) as Y.Map<unknown>).set('p_not_a_map', 'garbage')
    expect(readProject(doc, 'p_not_a_map' as ProjectId)).toBeUndefined()
    expect(listProjects(doc).map((project) => project.name)).toEqual(['甲'])
  })

  test('a bulk create appends every column in the order given, after the cards already there', () => {
    const { doc } = boardWith(['旧甲'])
    createProjects(doc, [
      { fields: { name: '甲' } },
      { fields: { name: '乙', stage: Stage.started } },
      { fields: { name: '丙' } },
      { fields: { name: '丁', stage: Stage.started } },
    ])
    expect(namesIn(doc, Stage.planning)).toEqual(['旧甲', '甲', '丙'])
    expect(namesIn(doc, Stage.started)).toEqual(['乙', '丁'])
  })

  test('a bulk create with one invalid row writes nothing', () => {
    const { doc } = boardWith(['旧甲'])
    const error = rejection(() => createProjects(doc, [{ fields: { name: '甲' } }, { fields: { name: '乙', completedInvestment: '-5' as WanAmount } }]))
    expect(error.field).toBe('completedInvestment')
    expect(listProjects(doc).map((project) => project.name)).toEqual(['旧甲'])
  })

  test('a bulk create reusing a project id writes nothing', () => {
    const { doc, ids } = boardWith(['旧甲'])
    const error = rejection(() => createProjects(doc, [{ fields: { name: '甲' } }, { id: ids[0], fields: { name: '乙' } }]))
    expect(error.message).toBe(`项目编号已存在：${ids[0]}`)
    expect(listProjects(doc)).toHaveLength(1)
  })
})
