import type { IsoDate } from '../domain/dates.ts'
import { Industry } from '../domain/industry.ts'
import { centsToWan, wanToCents, type WanAmount } from '../domain/money.ts'
import { Nature } from '../domain/nature.ts'
import type { ProjectFields } from '../domain/project.ts'
import { STAGES, Stage } from '../domain/stage.ts'
import {
  DEMO_CLUSTERS,
  DEMO_COMPANIES,
  DEMO_GIVEN_NAMES,
  DEMO_LEADERS,
  DEMO_PROGRESS_NOTES,
  DEMO_PUBLIC_WORKS_DONE_NOTES,
  DEMO_SURNAMES,
  DEMO_TOP_LEADERS,
  DEMO_TOWN_LOCATION,
  DEMO_UNITS,
} from './demoVocabulary.ts'
import { createPrng, type Prng } from './prng.ts'

export interface DemoLeader {
  name: string
  title: string
}

/** A ledger row as the board stores it, before it has a place in a column. */
/** The demo always classifies its projects and says whether they are registered. */
export type DemoProject = Omit<ProjectFields, 'rank'> & Required<Pick<ProjectFields, 'nature' | 'industry' | 'registered'>>

export interface DemoLedger {
  boardName: string
  year: number
  /** 数据截至: every actual date in the ledger is on or before this day. */
  asOf: IsoDate
  units: string[]
  leaders: DemoLeader[]
  projects: DemoProject[]
}

export interface DemoLedgerOptions {
  /** Same seed, count and year: the same ledger, on every machine. Default 2022. */
  seed?: number
  /** Default 160, the size of a district's board; 2,000 is a city's and is what benchmarks use. */
  count?: number
  /** Default 2022. */
  year?: number
}

/** The ledger is "as of" 20 August: two thirds into the year, so boards show late and on-time work. */
const AS_OF_MONTH = 8
const AS_OF_DAY = 20
const DAY_MS = 86_400_000
/** One hundredth of a 亿元 is 100 万元, which is 10,000 WanCents. */
const WAN_CENTS_PER_YI_HUNDREDTH = 10_000
/**
 * Total investment in 亿元 is log-normal, as in the district ledger (median about 2亿, mean about
 * 4亿, a few above 20亿), cut to a plausible range; public works are smaller.
 */
const ENTERPRISE_YI = { median: 2, spread: 1.15, min: 0.3, max: 50 }
const PUBLIC_WORKS_YI = { median: 0.9, spread: 1, min: 0.15, max: 6 }
const MAX_PLAIN_PUBLIC_WORK_PHASES = 8
/** Share of 基础设施 / 社会事业 projects paid for by the government: they have no investor and no 签约. */
const GOVERNMENT_FUNDED_SHARE = 0.85

const CLUSTER_WEIGHTS = DEMO_CLUSTERS.map((cluster) => [cluster, cluster.weight] as const)

/** Mix of the district ledger: 38 续建, 94 新建, 27 前期, and the stages each had reached by August. */
const NATURE_WEIGHTS = [
  [Nature.continued, 38],
  [Nature.new, 94],
  [Nature.preparatory, 27],
] as const
const STAGE_WEIGHTS: Record<Nature, readonly (readonly [Stage, number])[]> = {
  continued: [
    [Stage.started, 55],
    [Stage.producing, 45],
  ],
  new: [
    [Stage.planning, 17],
    [Stage.signed, 19],
    [Stage.started, 62],
    [Stage.producing, 2],
  ],
  preparatory: [
    [Stage.planning, 78],
    [Stage.signed, 22],
  ],
}

/**
 * Builds a realistic, deterministic ledger of key projects for demos, tests and benchmarks: names,
 * units, 包抓领导, money in 万元 and dates that agree with each project's stage and 建设性质.
 */
export function generateDemoLedger(options: DemoLedgerOptions = {}): DemoLedger {
  const { seed = 2022, count = 160, year = 2022 } = options
  const random = createPrng(seed)
  const calendar = yearCalendar(year)
  const nameCounts = new Map<string, number>()
  const projects: DemoProject[] = []
  for (let index = 0; index < count; index++) {
    projects.push(generateProject(random, calendar, nameCounts, index + 1))
  }
  return {
    boardName: `示例区${year}年重点项目`,
    year,
    asOf: calendar.iso(calendar.asOf),
    units: [...DEMO_UNITS],
    leaders: DEMO_LEADERS.map((leader) => ({ ...leader })),
    projects,
  }
}

interface YearCalendar {
  /** Day numbers since 1970-01-01 (UTC): plain integers, so date arithmetic is addition. */
  start: number
  end: number
  asOf: number
  iso(day: number): IsoDate
}

function yearCalendar(year: number): YearCalendar {
  const dayOf = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS
  return {
    start: dayOf(1, 1),
    end: dayOf(12, 31),
    asOf: dayOf(AS_OF_MONTH, AS_OF_DAY),
    iso: isoFromEpochDay,
  }
}

/**
 * Day number → YYYY-MM-DD by integer arithmetic (Hinnant's civil_from_days): a 2,000-project
 * ledger formats about 10,000 dates, and a Date object per date is most of the generator's time.
 */
function isoFromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as IsoDate
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high)

function generateProject(random: Prng, calendar: YearCalendar, nameCounts: Map<string, number>, seq: number): DemoProject {
  const cluster = random.weighted(CLUSTER_WEIGHTS)
  const isPublicWork = cluster.products.length === 0 || random.chance(cluster.publicShare)
  const product = random.pick(isPublicWork ? cluster.publicWorks : cluster.products)
  const governmentFunded =
    isPublicWork && (cluster.industry === Industry.infrastructure || cluster.industry === Industry.social) && random.chance(GOVERNMENT_FUNDED_SHARE)
  const nature = random.weighted(NATURE_WEIGHTS)
  const stage = stageFor(random, nature, governmentFunded)
  const unit = random.weighted(product.units ?? cluster.units)
  const location = DEMO_TOWN_LOCATION[unit] ?? random.pick(cluster.locations)
  const money = investment(random, nature, stage, isPublicWork && cluster.publicShare === 1)
  const dates = scheduleDates(random, calendar, nature, stage, governmentFunded)
  return {
    name: projectName(random, nameCounts, product.name, isPublicWork ? location : undefined),
    nature,
    industry: cluster.industry,
    cluster: cluster.cluster,
    location,
    scope: product.scope.replace('{area}', String(random.int(1, 30) * 1000)),
    ...money,
    stage,
    ...dates,
    unit,
    leaders: leadersFor(random, money.totalInvestment),
    owner: random.pick(DEMO_SURNAMES) + random.pick(DEMO_GIVEN_NAMES) + (random.chance(0.5) ? random.pick(DEMO_GIVEN_NAMES) : ''),
    phone: `138000${String(random.int(0, 99_999)).padStart(5, '0')}`,
    progressNote: progressNote(random, stage, governmentFunded),
    registered: stage === Stage.producing || (stage === Stage.started && random.chance(0.9)),
    governmentFunded,
    seq,
  }
}

/** 政府投资项目 has no investor to sign with: it goes from 谋划 straight to 开工. */
function stageFor(random: Prng, nature: Nature, governmentFunded: boolean): Stage {
  const stage = random.weighted(STAGE_WEIGHTS[nature])
  if (!governmentFunded || stage !== Stage.signed) return stage
  return nature === Nature.new && random.chance(0.5) ? Stage.started : Stage.planning
}

/**
 * Names stay unique, as in a real ledger. A repeated enterprise project becomes the next phase
 * (二期, 三期 …); public works are numbered by phase from the first (一期), and once a work has
 * many phases the next ones are named after their place ("北塬镇雨污分流改造工程（一期）").
 */
function projectName(random: Prng, nameCounts: Map<string, number>, product: string, publicWorkLocation?: string): string {
  const next = (base: string) => {
    const phase = (nameCounts.get(base) ?? 0) + 1
    nameCounts.set(base, phase)
    return phase
  }
  if (publicWorkLocation === undefined) {
    const base = random.pick(DEMO_COMPANIES) + product
    const phase = next(base)
    return phase === 1 ? base : `${base}（${chineseNumber(phase)}期）`
  }
  const plainPhases = nameCounts.get(product) ?? 0
  const base = plainPhases < MAX_PLAIN_PUBLIC_WORK_PHASES ? product : publicWorkLocation + product
  return `${base}（${chineseNumber(next(base))}期）`
}

function progressNote(random: Prng, stage: Stage, governmentFunded: boolean): string {
  const notes = governmentFunded && stage === Stage.producing ? DEMO_PUBLIC_WORKS_DONE_NOTES : DEMO_PROGRESS_NOTES[stage]
  return random.pick(notes).replace('{pct}', String(random.int(25, 85)))
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 12 → 十二, 35 → 三十五, 208 → 二百零八; enough for phases of a 2,000-project ledger. */
export function chineseNumber(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 999) return String(value)
  const hundreds = Math.floor(value / 100)
  const tens = Math.floor((value % 100) / 10)
  const ones = value % 10
  let text = hundreds > 0 ? `${CHINESE_DIGITS[hundreds]}百` : ''
  if (tens > 0) text += tens === 1 && hundreds === 0 ? '十' : `${CHINESE_DIGITS[tens]}十`
  else if (hundreds > 0 && ones > 0) text += '零'
  if (ones > 0) text += CHINESE_DIGITS[ones]
  return text
}

/**
 * Total investment in whole hundredths of 亿元, as ledgers write it ("5.78"), with the long tail of a
 * real ledger: most projects a few 亿, a handful of tens of 亿. Completed investment is reported in
 * 万元 to the hundredth, so sums over a board exercise exact decimal arithmetic.
 */
function investment(random: Prng, nature: Nature, stage: Stage, isPublicWork: boolean) {
  const totalYiHundredths = Math.round(100 * logNormalYi(random, isPublicWork ? PUBLIC_WORKS_YI : ENTERPRISE_YI))
  const planShare = nature === Nature.preparatory ? (stage === Stage.planning ? 0 : 0.1 + 0.3 * random.next()) : 0.2 + 0.5 * random.next()
  const planYiHundredths = planShare === 0 ? 0 : Math.max(1, Math.round(totalYiHundredths * planShare))
  const planCents = planYiHundredths * WAN_CENTS_PER_YI_HUNDREDTH
  const doneShare = {
    planning: 0,
    signed: 0.04 * random.next(),
    started: 0.2 + 0.6 * random.next(),
    producing: 0.85 + 0.15 * random.next(),
  }[stage]
  const doneCents = Math.floor(planCents * doneShare)
  return {
    totalInvestment: centsToWan(totalYiHundredths * WAN_CENTS_PER_YI_HUNDREDTH),
    annualPlanInvestment: centsToWan(planCents),
    // Half the departments report whole 万元, half to the 百元.
    completedInvestment: centsToWan(random.chance(0.5) ? doneCents - (doneCents % 100) : doneCents),
  }
}

function logNormalYi(random: Prng, shape: typeof ENTERPRISE_YI): number {
  for (;;) {
    // Box–Muller: a standard normal from two uniforms; 1 - next() is never 0, so the log is finite.
    const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
    const yi = shape.median * Math.exp(shape.spread * normal)
    if (yi >= shape.min && yi <= shape.max) return yi
  }
}

type DemoDates = Pick<DemoProject, 'plannedSignDate' | 'plannedStartDate' | 'plannedProduceDate' | 'actualSignDate' | 'actualStartDate' | 'actualProduceDate'>

/**
 * Dates that agree with the stage: a project has an actual date for every stage it has reached
 * (none for 签约 when government-funded), actual dates never pass `asOf`, and sign ≤ start ≤ produce.
 * Planned dates fall in the year; some have passed without the step being done, as on a real board.
 */
function scheduleDates(random: Prng, calendar: YearCalendar, nature: Nature, stage: Stage, governmentFunded: boolean): DemoDates {
  const { start: yearStart, end: yearEnd, asOf, iso } = calendar
  const reached = (target: Stage) => stageIndex(stage) >= stageIndex(target)
  let plannedSign: number | undefined
  let plannedStart: number | undefined
  let plannedProduce: number | undefined
  let actualSign: number | undefined
  let actualStart: number | undefined
  let actualProduce: number | undefined

  if (nature === Nature.continued) {
    // Started two or three years ago; this year's node is 投产.
    actualStart = yearStart - random.int(400, 900)
    if (!governmentFunded) actualSign = actualStart - random.int(20, 200)
    if (stage === Stage.producing) {
      actualProduce = random.int(yearStart + 5, asOf)
      plannedProduce = clamp(actualProduce + random.int(-20, 25), yearStart, yearEnd)
    } else if (random.chance(0.85)) {
      plannedProduce = random.int(yearStart + 60, yearEnd)
    }
  } else if (nature === Nature.new) {
    const early = stage === Stage.producing
    if (!governmentFunded) plannedSign = yearStart + random.int(0, early ? 30 : 170)
    plannedStart = clamp((plannedSign ?? yearStart) + random.int(10, early ? 40 : 100), yearStart, yearEnd - 30)
    if (early || random.chance(0.35)) plannedProduce = Math.min(plannedStart + random.int(early ? 90 : 120, 300), yearEnd)
    if (reached(Stage.signed) && !governmentFunded) {
      actualSign = clamp((plannedSign ?? yearStart) + random.int(-20, 20), yearStart, asOf - 60)
    }
    if (reached(Stage.started)) {
      actualStart = clamp(plannedStart + random.int(-20, 40), (actualSign ?? yearStart) + 1, asOf - 30)
    }
    if (reached(Stage.producing)) {
      actualProduce = clamp((plannedProduce ?? asOf) + random.int(-15, 20), (actualStart ?? yearStart) + 30, asOf)
    }
  } else {
    // 前期: preparing, not expected to start this year; some aim to sign.
    if (!governmentFunded && (stage === Stage.signed || random.chance(0.7))) plannedSign = yearStart + random.int(30, 330)
    if (stage === Stage.signed) actualSign = clamp((plannedSign ?? asOf) + random.int(-15, 15), yearStart, asOf)
  }

  const dates: DemoDates = {}
  if (plannedSign !== undefined) dates.plannedSignDate = iso(plannedSign)
  if (plannedStart !== undefined) dates.plannedStartDate = iso(plannedStart)
  if (plannedProduce !== undefined) dates.plannedProduceDate = iso(plannedProduce)
  if (actualSign !== undefined) dates.actualSignDate = iso(actualSign)
  if (actualStart !== undefined) dates.actualStartDate = iso(actualStart)
  if (actualProduce !== undefined) dates.actualProduceDate = iso(actualProduce)
  return dates
}

function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage)
}

const LARGE_PROJECT_CENTS = 10 * 100 * WAN_CENTS_PER_YI_HUNDREDTH

function leadersFor(random: Prng, totalInvestment: WanAmount): string[] {
  const leader = random.pick(DEMO_LEADERS).name
  // The 书记 or 区长 also sponsors some of the biggest projects (10亿 and up) in person.
  const isLarge = wanToCents(totalInvestment) >= LARGE_PROJECT_CENTS
  if (!isLarge || DEMO_TOP_LEADERS.includes(leader) || !random.chance(0.4)) return [leader]
  return [random.pick(DEMO_TOP_LEADERS), leader]
}
