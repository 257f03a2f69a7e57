import type { IsoDate } from '@guatu/shared/domain/dates'
import { Stage, STAGES, STAGE_LABEL } from '@guatu/shared/domain/stage'
import { normalizeText } from './cellText.ts'
import type { ProjectFields } from '@guatu/shared/domain/project'

/** Where a row's 当前阶段 came from; shown per row in the preview. */
export const StageSource = {
  /** The 当前阶段 column named it. */
  column: 'column',
  /** Words in 形象进度 / 备注 / a column mapped to stage evidence ("已签约。…"). */
  words: 'words',
  /** The furthest 实际 date not after the report date. */
  dates: 'dates',
  /** Nothing said anything: 谋划, the first column, for the office to check. */
  none: 'none',
} as const
export type StageSource = (typeof StageSource)[keyof typeof StageSource]

export const STAGE_SOURCE_LABEL: Record<StageSource, string> = {
  column: '当前阶段列',
  words: '进度文字',
  dates: '实际日期',
  none: '无依据',
}

export interface StageReading {
  stage: Stage
  source: StageSource
  /** What was read: the words ("已投产"), or the date ("实际开工时间 2022-05-10"). */
  evidence: string
  /** Set when the words (or the column) and the dates say different stages: the office must look. */
  disagreement?: string
}

/**
 * How offices write a stage into progress text. Each clause (split at 。；，) is read on its own;
 * a clause about the future (预计…投产, 力争年底开工) or a negation (尚未开工) states no stage
 * reached. The furthest stage any clause states wins: "已开工，主体完工" is 开工, "已签约，正在
 * 办理施工许可" is 签约. "前期"/"谋划" here mean the project is still being prepared.
 */
const STAGE_WORDS: readonly (readonly [RegExp, Stage])[] = [
  [/(已建成投用|已投产|竣工投产|建成投产|投产运营|建成投用|已投用|投入使用|已竣工|竣工验收|投入运营|已运营|试生产|已建成)/, Stage.producing],
  [/(已开工|开工建设|在建|主体施工|正在施工|施工中|开复工|已复工|主体完工|基础施工|进场施工|建设中|主体封顶|设备安装)/, Stage.started],
  [/(已签约|签订.{0,6}协议|签署.{0,6}协议|签约落地|完成签约|已签订)/, Stage.signed],
  [/(前期|谋划|储备|洽谈|对接中|论证|未开工|尚未开工|可研|选址)/, Stage.planning],
]
const FUTURE = /(预计|计划|拟|力争|争取|确保|将于|待|准备|即将|年内|下一步)/
const NEGATED = /(未|尚未|没有|暂未|还未)(签约|开工|投产|竣工|建成|投用)/

/** The furthest stage the words state, with the words that said it; undefined when they say none. */
export function stageFromWords(texts: readonly string[]): { stage: Stage; words: string } | undefined {
  let best: { stage: Stage; words: string } | undefined
  for (const text of texts) {
    for (const clause of normalizeText(text).split(/[。；;，,！!\n]/)) {
      const trimmed = clause.trim()
      if (trimmed === '' || FUTURE.test(trimmed.slice(0, 4))) continue
      for (const [pattern, stage] of STAGE_WORDS) {
        const match = pattern.exec(trimmed)
        if (!match) continue
        // "尚未开工" says 谋划 (nothing later); "未签约" alone says nothing at all.
        if (stage !== Stage.planning && NEGATED.test(trimmed)) continue
        if (!best || STAGES.indexOf(stage) > STAGES.indexOf(best.stage)) best = { stage, words: match[0] }
        break
      }
    }
  }
  return best
}

const DATE_FIELDS = [
  ['actualProduceDate', Stage.producing, '实际投产时间'],
  ['actualStartDate', Stage.started, '实际开工时间'],
  ['actualSignDate', Stage.signed, '实际签约时间'],
] as const

/** The dates a stage is read from: declared here so the ledger's row types can hold a StageReading without a cycle. */
export type ActualDates = Partial<Pick<ProjectFields, (typeof DATE_FIELDS)[number][0]>>

/** The furthest stage a project has an actual date for (实际投产 → 投产 …); undefined with none. */
export function stageFromDates(fields: ActualDates): { stage: Stage; evidence: string; date: IsoDate } | undefined {
  for (const [field, stage, label] of DATE_FIELDS) {
    const date = fields[field]
    if (date) return { stage, evidence: `${label} ${date}`, date }
  }
  return undefined
}

/**
 * Reads a row's stage the way the office reads it: the 当前阶段 column when it names one, else the
 * words, else the actual dates, else 谋划 with no evidence. Whenever two of these say different
 * things, the reading carries a note, and the stronger one (column, then words) is kept: a date
 * may be a plan written in the wrong column; "已投产" is the department's own statement.
 */
export function readStage(columnStage: Stage | undefined, evidenceTexts: readonly string[], fields: ActualDates): StageReading {
  const words = stageFromWords(evidenceTexts)
  const dates = stageFromDates(fields)
  const disagree = (stage: Stage, said: string): string | undefined => {
    const notes: string[] = []
    if (words && words.stage !== stage) notes.push(`进度文字“${words.words}”表明${STAGE_LABEL[words.stage]}`)
    if (dates && dates.stage !== stage) notes.push(`${dates.evidence}表明${STAGE_LABEL[dates.stage]}`)
    return notes.length > 0 ? `${said}为“${STAGE_LABEL[stage]}”，但${notes.join('；')}，请核对` : undefined
  }
  const reading = (stage: Stage, source: StageSource, evidence: string, said: string): StageReading => {
    const disagreement = disagree(stage, said)
    return disagreement ? { stage, source, evidence, disagreement } : { stage, source, evidence }
  }
  if (columnStage) return reading(columnStage, StageSource.column, STAGE_LABEL[columnStage], '当前阶段列')
  if (words) return reading(words.stage, StageSource.words, words.words, '按进度文字')
  if (dates) return { stage: dates.stage, source: StageSource.dates, evidence: dates.evidence }
  return { stage: Stage.planning, source: StageSource.none, evidence: '' }
}
