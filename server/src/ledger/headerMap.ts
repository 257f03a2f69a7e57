import { withoutSystemWords } from '@guatu/shared/geo/coordinateSystem'
import type { ProjectField } from '@guatu/shared/domain/project'
import { ColumnUse, type ColumnChoice } from '@guatu/shared/ledger/columnMapping'
import { normalizeText } from './cellText.ts'
import { MoneyUnit } from './parseMoney.ts'

/**
 * What a ledger column holds: a project field, the 存在问题 text that becomes problems, or text
 * read only as evidence of the stage (a column the office mapped so: 备注, 推进情况 …).
 */
export type LedgerColumnKind = Exclude<ProjectField, 'rank'> | 'problems' | 'stageEvidence' | CoordinateColumnKind

/** 经度 and 纬度 in columns of their own; both together in one column are `coordinates`. */
export type CoordinateColumnKind = 'longitude' | 'latitude'

export interface HeaderMatch {
  kind: LedgerColumnKind
  /** For money columns: the unit named in the header ("总投资（万元）"), if any. */
  unit?: MoneyUnit
}

/**
 * Header synonyms, tried in order on the header text with spaces, line breaks and the unit
 * removed. Order matters where names overlap: 联系电话 before 联系人, 完成投资 before 计划投资,
 * 包抓领导 before 责任人. Two-row headers arrive joined ("计划时间签约", "签约时间实际").
 */
const HEADER_RULES: readonly (readonly [RegExp, LedgerColumnKind])[] = [
  // Before 序号/编号 and 项目名称: "项目编码" is the platform's code, not a row number.
  [/^(统一)?项目(代码|编码)$|^(投资)?项目统一代码$|^在线平台(项目)?代码$|^赋码$/, 'projectCode'],
  [/^(序号|编号|项次|序)$/, 'seq'],
  [/^(项目名称|项目|项目名|名称|项目全称)$/, 'name'],
  [/(建设性质|项目性质|^性质$|项目类型)/, 'nature'],
  [/(产业集群|产业链|集群|细分行业)/, 'cluster'],
  [/(产业类别|产业类型|产业分类|行业类别|所属产业|^产业$|^行业$|三次产业)/, 'industry'],
  [/(建设地点|建设地址|项目地点|项目选址|^地点$|^选址$)/, 'location'],
  [/^(经度|东经|经度坐标|X坐标|lng|lon|longitude)(°|度)?$/i, 'longitude'],
  [/^(纬度|北纬|纬度坐标|Y坐标|lat|latitude)(°|度)?$/i, 'latitude'],
  [/(经纬度|坐标|GPS|定位)/i, 'coordinates'],
  [/(建设内容|建设规模|主要内容)/, 'scope'],
  [/(电话|手机|联系方式)/, 'phone'],
  [/(包抓|包联|联系领导|分管领导|领导)/, 'leaders'],
  [/(责任单位|牵头单位|责任部门|主责单位|牵头部门)/, 'unit'],
  [/(责任人|负责人|联系人)/, 'owner'],
  [/(形象进度|工程进度|进展情况|项目进展|进度情况|^进度$|^进展$)/, 'progressNote'],
  [/(问题)/, 'problems'],
  [/(入库|入统|纳统)/, 'registered'],
  [/(政府投资)/, 'governmentFunded'],
  [/(当前阶段|项目阶段|所处阶段|进展阶段|^阶段$)/, 'stage'],
]

const DATE_KIND: Record<'planned' | 'actual', Record<'sign' | 'start' | 'produce', LedgerColumnKind>> = {
  planned: { sign: 'plannedSignDate', start: 'plannedStartDate', produce: 'plannedProduceDate' },
  actual: { sign: 'actualSignDate', start: 'actualStartDate', produce: 'actualProduceDate' },
}

/** Header text with its unit taken out: "总投资（亿元）" → { label: "总投资", unit: yi }. */
export function normalizeHeader(raw: string): { label: string; unit?: MoneyUnit } {
  const text = normalizeText(raw).replace(/\s+/g, '')
  const unitMatch = /\(?(?:单位:)?(亿元|万元)\)?/.exec(text)
  const unit = unitMatch ? (unitMatch[1] === '亿元' ? MoneyUnit.yi : MoneyUnit.wan) : undefined
  const label = (unitMatch ? text.replace(unitMatch[0], '') : text).replace(/[()（）:：]/g, '')
  return unit ? { label, unit } : { label }
}

/** Finds what a header names; undefined for columns the board does not keep (备注, 前期手续 …). */
export function matchHeader(raw: string): HeaderMatch | undefined {
  const { label, unit } = normalizeHeader(raw)
  if (label === '') return undefined
  const money = matchMoney(label)
  if (money) return unit ? { kind: money, unit } : { kind: money }
  const date = matchDate(label)
  if (date) return { kind: date }
  const rule = HEADER_RULES.find(([pattern]) => pattern.test(label))
  if (rule) return { kind: rule[1] }
  // "经度（高德）": the map's name is for the coordinate system (ledger/coordinateSystemOfLedger.ts), not the column's use.
  const plain = withoutSystemWords(label)
  const coordinate = plain === label ? undefined : HEADER_RULES.find(([pattern, kind]) => COORDINATE_HEADER_KINDS.has(kind) && pattern.test(plain))
  return coordinate ? { kind: coordinate[1] } : undefined
}

const COORDINATE_HEADER_KINDS = new Set<LedgerColumnKind>(['longitude', 'latitude', 'coordinates'])

function matchMoney(label: string): LedgerColumnKind | undefined {
  if (!label.includes('投资') || /(是否|政府投资|性质|主体|方)/.test(label)) return undefined
  // 开工以来累计 is the whole life's figure (our export's lineage column), not this year's: left to the office to map.
  if (/(开工以来|自开工|以前年度|截至上年)/.test(label)) return undefined
  // "1-7月完成投资", "截至7月底完成投资", "累计完成投资", "已完成投资" are all the same column.
  if (label.includes('完成') && !label.includes('计划完成')) return 'completedInvestment'
  if (/^(项目)?总投资/.test(label) || label === '投资总额' || label === '计划总投资') return 'totalInvestment'
  if (/(年度|本年|年计划|\d{4}年|计划投资|投资计划)/.test(label)) return 'annualPlanInvestment'
  return undefined
}

function matchDate(label: string): LedgerColumnKind | undefined {
  const step = /签约/.test(label) ? 'sign' : /开工/.test(label) ? 'start' : /(投产|竣工|投用|建成)/.test(label) ? 'produce' : undefined
  if (!step || !/(时间|日期|节点|计划|实际|预计)/.test(label)) return undefined
  if (/(实际|完成|已)/.test(label)) return DATE_KIND.actual[step]
  return DATE_KIND.planned[step]
}

/**
 * What an unknown header most likely holds, offered as the default choice in the mapping step.
 * Free text about the project (备注, 推进情况, 目前进展) is where offices write "已开工。…", so it
 * is offered as stage evidence; anything unrecognised is offered as ignored, never as a field.
 */
const SUGGESTIONS: readonly (readonly [RegExp, ColumnChoice])[] = [
  [/(备注|说明|情况|进展|推进|动态|节点|完成内容)/, ColumnUse.stageEvidence],
  [/(主管部门|主管单位|归口|行业主管)/, 'unit'],
  [/(所在乡镇|所属乡镇|乡镇|街道|镇街|园区|所在地)/, 'location'],
  [/(行业领域|产业方向|领域)/, 'cluster'],
  [/(联络员|经办人)/, 'owner'],
  [/(困难|诉求|制约)/, ColumnUse.problems],
]

export function suggestColumnChoice(header: string): ColumnChoice {
  const { label } = normalizeHeader(header)
  return SUGGESTIONS.find(([pattern]) => pattern.test(label))?.[1] ?? ColumnUse.ignore
}
