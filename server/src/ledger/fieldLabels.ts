import { Industry, industryFromLabel } from '@guatu/shared/domain/industry'
import { Nature, natureFromLabel } from '@guatu/shared/domain/nature'
import { Stage, stageFromLabel } from '@guatu/shared/domain/stage'
import { normalizeText } from './cellText.ts'

/** Ways offices write 产业类别 besides the board's own labels (一产 …). */
const INDUSTRY_SYNONYMS: readonly (readonly [RegExp, Industry])[] = [
  [/^(第一产业|一产|农业|农林牧渔)/, Industry.primary],
  [/^(第二产业|二产|工业|制造业)/, Industry.secondary],
  [/^(第三产业|三产|服务业|现代服务业)/, Industry.tertiary],
  [/^(基础设施|基建|城建)/, Industry.infrastructure],
  [/^(社会事业|社会民生|民生|公共服务)/, Industry.social],
]

const NATURE_SYNONYMS: readonly (readonly [RegExp, Nature])[] = [
  [/续建/, Nature.continued],
  [/新建|新开工|新开/, Nature.new],
  [/前期|预备|储备|谋划/, Nature.preparatory],
]

/**
 * 当前阶段 as offices write it. "前期" here means the project is still being prepared (谋划),
 * not the 建设性质 前期. 竣工/投用 count as 投产: the board has one final stage.
 */
const STAGE_SYNONYMS: readonly (readonly [RegExp, Stage])[] = [
  [/投产|竣工|投用|建成|完工|运营/, Stage.producing],
  [/开工|在建|施工|建设中|开复工/, Stage.started],
  [/签约|签订/, Stage.signed],
  [/谋划|储备|前期|洽谈|论证|策划/, Stage.planning],
]

export function industryFromLedgerText(text: string): Industry | undefined {
  const label = normalizeText(text).replace(/\s+/g, '')
  return industryFromLabel(label) ?? INDUSTRY_SYNONYMS.find(([pattern]) => pattern.test(label))?.[1]
}

export function natureFromLedgerText(text: string): Nature | undefined {
  const label = normalizeText(text).replace(/\s+/g, '')
  return natureFromLabel(label) ?? NATURE_SYNONYMS.find(([pattern]) => pattern.test(label))?.[1]
}

export function stageFromLedgerText(text: string): Stage | undefined {
  const label = normalizeText(text).replace(/\s+/g, '')
  return stageFromLabel(label) ?? STAGE_SYNONYMS.find(([pattern]) => pattern.test(label))?.[1]
}

const YES = /^(是|√|✓|✔|y|yes|true|1|已入库|已纳统|已入统|入库)$/i
const NO = /^(否|×|✗|✘|x|n|no|false|0|未入库|未纳统|未入统|不是)$/i

/** 是/否/√/×; undefined when the cell says neither. */
export function booleanFromLedgerText(text: string): boolean | undefined {
  const label = normalizeText(text).replace(/\s+/g, '')
  if (YES.test(label)) return true
  if (NO.test(label)) return false
  return undefined
}

/** Several 包抓领导 in one cell: "李建国、王海平", "李建国，王海平", "李建国/王海平", "李建国 王海平". */
export function splitLeaders(text: string): string[] {
  return text
    .split(/[、，,;；／/\\\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
