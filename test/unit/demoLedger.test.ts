import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readColumns, readProject } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger, type DemoProject } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { wanToCents } from '@guatu/shared/domain/money'
import { Nature, NATURES } from '@guatu/shared/domain/nature'
import { projectFieldsSchema } from '@guatu/shared/domain/project'
import { STAGES, Stage } from '@guatu/shared/domain/stage'

/** The district ledger the generator is modelled on: 38 续建, 94 新建, 27 前期 of 159. */
const FIXTURE_NATURE_SHARE: Record<Nature, number> = { continued: 38 / 159, new: 94 / 159, preparatory: 27 / 159 }
const FIXTURE_STAGE_SHARE: Record<Stage, number> = { planning: 37 / 159, signed: 24 / 159, started: 80 / 159, producing: 18 / 159 }

const share = (projects: readonly DemoProject[], keep: (project: DemoProject) => boolean) => projects.filter(keep).length / projects.length

describe('demo ledger', () => {
  test('the same seed gives the same ledger and another seed a different one', () => {
    expect(generateDemoLedger({ seed: 11 })).toEqual(generateDemoLedger({ seed: 11 }))
    expect(generateDemoLedger({ seed: 12 }).projects).not.toEqual(generateDemoLedger({ seed: 11 }).projects)
  })

  test('the default ledger is the 2022 example district board of 160 projects', () => {
    const ledger = generateDemoLedger()
    expect(ledger.boardName).toBe('示例区2022年重点项目')
    expect(ledger.year).toBe(2022)
    expect(ledger.asOf).toBe('2022-08-20')
    expect(ledger.units).toHaveLength(19)
    expect(ledger.leaders).toHaveLength(9)
    expect(ledger.projects.map((project) => project.seq)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1))
  })

  test.each([2022, 1, 99])('every project of seed %d passes the project schema once it has a rank', (seed) => {
    const { projects } = generateDemoLedger({ seed, count: 2000 })
    const invalid = projects.filter((project) => !projectFieldsSchema.safeParse({ ...project, rank: 'a0' }).success)
    expect(invalid).toEqual([])
  })

  test('建设性质 and stages come out in about the proportions of the district ledger', () => {
    const { projects } = generateDemoLedger({ seed: 3, count: 2000 })
    for (const nature of NATURES) {
      expect(Math.abs(share(projects, (project) => project.nature === nature) - FIXTURE_NATURE_SHARE[nature])).toBeLessThan(0.05)
    }
    for (const stage of STAGES) {
      expect(Math.abs(share(projects, (project) => project.stage === stage) - FIXTURE_STAGE_SHARE[stage])).toBeLessThan(0.06)
    }
    const small = generateDemoLedger().projects
    expect(small.filter((project) => project.nature === Nature.new).length).toBeGreaterThan(75)
    expect(small.filter((project) => project.nature === Nature.continued).length).toBeGreaterThan(25)
    expect(small.filter((project) => project.nature === Nature.preparatory).length).toBeGreaterThan(15)
  })

  test('each project has an actual date for every stage it has reached, and none for the others', () => {
    const { projects, asOf, year } = generateDemoLedger({ seed: 5, count: 2000 })
    for (const project of projects) {
      const reached = STAGES.indexOf(project.stage)
      const context = `${project.name} ${project.stage}`
      expect(project.actualSignDate !== undefined, context).toBe(reached >= 1 && !project.governmentFunded)
      expect(project.actualStartDate !== undefined, context).toBe(reached >= 2)
      expect(project.actualProduceDate !== undefined, context).toBe(reached >= 3)
      const actual = [project.actualSignDate, project.actualStartDate, project.actualProduceDate].filter((date) => date !== undefined)
      expect([...actual].sort(), context).toEqual(actual)
      for (const date of actual) expect(date <= asOf, context).toBe(true)
      for (const date of [project.plannedSignDate, project.plannedStartDate, project.plannedProduceDate]) {
        if (date !== undefined) expect(date.startsWith(`${year}-`), context).toBe(true)
      }
      if (project.nature === Nature.preparatory) expect(project.plannedStartDate, context).toBeUndefined()
      if (project.nature === Nature.continued) expect(project.actualStartDate! < `${year}-01-01`, context).toBe(true)
    }
  })

  test('government-funded projects are public works that never sign and never sit in 签约', () => {
    const { projects } = generateDemoLedger({ seed: 8, count: 2000 })
    const funded = projects.filter((project) => project.governmentFunded)
    expect(funded.length).toBeGreaterThan(100)
    for (const project of funded) {
      expect(['infrastructure', 'social']).toContain(project.industry)
      expect(project.stage).not.toBe(Stage.signed)
      expect(project.plannedSignDate).toBeUndefined()
      expect(project.actualSignDate).toBeUndefined()
    }
  })

  test('money adds up per project: completed ≤ annual plan ≤ total, total between 0.15 and 50 亿元', () => {
    const { projects } = generateDemoLedger({ seed: 9, count: 2000 })
    for (const project of projects) {
      const [total, plan, done] = [project.totalInvestment, project.annualPlanInvestment, project.completedInvestment].map(wanToCents)
      expect(done! <= plan! && plan! <= total!, project.name).toBe(true)
      expect(total! >= 150_000 && total! <= 50_000_000, project.name).toBe(true)
    }
    const billionPlus = projects.filter((project) => wanToCents(project.totalInvestment) >= 1_000_000).length
    expect(billionPlus / projects.length).toBeGreaterThan(0.4)
    expect(projects.some((project) => wanToCents(project.totalInvestment) >= 20_000_000)).toBe(true)
  })

  test('names are unique, people and units come from the ledger, phones are 138000 numbers', () => {
    const ledger = generateDemoLedger({ seed: 4, count: 2000 })
    const leaderNames = ledger.leaders.map((leader) => leader.name)
    expect(new Set(ledger.projects.map((project) => project.name)).size).toBe(2000)
    for (const project of ledger.projects) {
      expect(ledger.units).toContain(project.unit)
      expect(project.leaders.length).toBeGreaterThan(0)
      for (const leader of project.leaders) expect(leaderNames).toContain(leader)
      expect(project.phone).toMatch(/^138000\d{5}$/)
      expect(project.name).toMatch(/(项目|工程|基地)(（.+期）)?$/)
    }
  })

  test('入库 is for started and producing projects, and most of those are registered', () => {
    const { projects } = generateDemoLedger({ seed: 6, count: 2000 })
    const underway = projects.filter((project) => project.stage === Stage.started || project.stage === Stage.producing)
    expect(projects.filter((project) => project.registered && !underway.includes(project))).toEqual([])
    expect(share(underway, (project) => project.registered)).toBeGreaterThan(0.85)
  })

  test('seeding writes every column in ledger order in a single transaction', () => {
    const ledger = generateDemoLedger({ seed: 2, count: 2000 })
    const doc = new Y.Doc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    const ids = seedBoardDoc(doc, ledger, { idForIndex: demoProjectId })

    expect(transactions).toBe(1)
    expect(ids[0]).toBe('demo_0001')
    const columns = readColumns(doc)
    for (const stage of STAGES) {
      const seqs = columns[stage].map((project) => project.seq ?? -1)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(seqs).toHaveLength(ledger.projects.filter((project) => project.stage === stage).length)
    }
    const { rank: _rank, id: _id, ...stored } = readProject(doc, ids[41]!)!
    expect(stored).toEqual(ledger.projects[41])
  })

  test('a seeded PRNG repeats its sequence and stays within the ranges asked for', () => {
    const first = createPrng(42)
    const second = createPrng(42)
    const draws = Array.from({ length: 1000 }, () => first.int(3, 7))
    expect(draws).toEqual(Array.from({ length: 1000 }, () => second.int(3, 7)))
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6, 7]))
    expect(() => first.pick([])).toThrow('不能从空列表中随机选取')
  })
})
