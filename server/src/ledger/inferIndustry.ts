import { Industry, INDUSTRY_LABEL } from '@guatu/shared/domain/industry'
import { normalizeText } from './cellText.ts'

/**
 * 产业集群 tags and the 产业类别 offices file them under (DOMAIN.md's clusters). A cluster not
 * listed here says nothing, and the project stays 未分类 unless its name says more.
 */
const CLUSTER_INDUSTRY: readonly (readonly [RegExp, Industry])[] = [
  [/(新能源|新材料|生物医药|装备制造|电子信息|化工|冶金|建材|纺织|食品加工|汽车|固废|循环经济|先进制造)/, Industry.secondary],
  [/(现代物流|商贸|电商|金融|文化旅游|文旅|康养|服务业)/, Industry.tertiary],
  [/(现代农业|种植|养殖|特色农业|农业)/, Industry.primary],
  [/(市政|交通|水利|能源基础|城建|基础设施)/, Industry.infrastructure],
  [/(教育|卫生|医疗|养老|文化|体育|社会事业|民生)/, Industry.social],
]

/**
 * Words in a project's name that say what it is. Only unambiguous words: a 学校 or 图书馆 is
 * 社会事业, a road or pipe network 基础设施. A 产业园 or a 厂 is not listed — it may be any sector.
 */
const NAME_INDUSTRY: readonly (readonly [RegExp, Industry])[] = [
  [/(学校|小学|中学|幼儿园|医院|卫生院|图书馆|文化馆|博物馆|体育馆|体育场|养老|福利院|敬老院|保障性住房)/, Industry.social],
  [/(道路|公路|大桥|桥梁|管网|污水处理|供水|排水|停车场|客运站|水库|堤防|燃气管道|路网|改造提升工程)/, Industry.infrastructure],
  [/(种植基地|养殖|育苗|高标准农田|大棚|果园|茶园)/, Industry.primary],
  [/(物流园|商贸城|商业综合体|酒店|景区|电商产业园|冷链物流)/, Industry.tertiary],
  [/(生产线|制造基地|加工厂|锂电|光伏组件|化工厂)/, Industry.secondary],
]

export const IndustryEvidence = {
  section: 'section',
  cluster: 'cluster',
  name: 'name',
} as const
export type IndustryEvidence = (typeof IndustryEvidence)[keyof typeof IndustryEvidence]

export interface IndustryGuess {
  industry: Industry
  from: IndustryEvidence
  /** The words that said it. */
  words: string
}

/** 产业类别 named by a section heading ("（一）工业项目", "二、社会事业类"). */
export function industryFromSection(label: string): Industry | undefined {
  const text = normalizeText(label)
  if (/(工业|制造业|二产)/.test(text)) return Industry.secondary
  if (/(农业|一产)/.test(text)) return Industry.primary
  if (/(服务业|三产|商贸|文旅)/.test(text)) return Industry.tertiary
  if (/(基础设施|城建|市政)/.test(text)) return Industry.infrastructure
  if (/(社会事业|民生)/.test(text)) return Industry.social
  return undefined
}

/** The 产业类别 the evidence supports, with where it came from; undefined leaves it 未分类. */
export function guessIndustry(evidence: { section?: string; cluster?: string; name?: string }): IndustryGuess | undefined {
  if (evidence.section) {
    const industry = industryFromSection(evidence.section)
    if (industry) return { industry, from: IndustryEvidence.section, words: evidence.section }
  }
  const cluster = evidence.cluster ? match(CLUSTER_INDUSTRY, evidence.cluster) : undefined
  if (cluster) return { ...cluster, from: IndustryEvidence.cluster }
  const name = evidence.name ? match(NAME_INDUSTRY, evidence.name) : undefined
  if (name) return { ...name, from: IndustryEvidence.name }
  return undefined
}

function match(rules: readonly (readonly [RegExp, Industry])[], text: string): { industry: Industry; words: string } | undefined {
  for (const [pattern, industry] of rules) {
    const found = pattern.exec(normalizeText(text))
    if (found) return { industry, words: found[0] }
  }
  return undefined
}

export const INDUSTRY_EVIDENCE_LABEL: Record<IndustryEvidence, string> = {
  section: '分组行',
  cluster: '产业集群',
  name: '项目名称',
}

export function describeIndustryGuess(guess: IndustryGuess): string {
  return `产业类别按${INDUSTRY_EVIDENCE_LABEL[guess.from]}“${guess.words}”推定为“${INDUSTRY_LABEL[guess.industry]}”`
}
