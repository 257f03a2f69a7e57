import { Nature } from '@guatu/shared/domain/nature'
import type { LedgerColumn } from './findTable.ts'
import { rowTexts, type SheetGrid } from './sheetGrid.ts'

export type RowClass =
  | { kind: 'blank' }
  /** 一、续建项目 / （二）新建项目: a heading whose 建设性质 applies to the rows under it. */
  | { kind: 'section'; label: string; nature?: Nature; level: number; declaredCount?: number }
  /** 小计 / 合计 / 总计. `grand` is the whole-ledger total, which is checked against the rows. */
  | { kind: 'subtotal'; grand: boolean }
  /** 注： / 备注 / 填表说明 / 填报人: the foot of the table; every row below is foot too. */
  | { kind: 'note' }
  | { kind: 'project' }

const NOTE_START = /^(注|备注|说明|填表说明|填报说明|填报人|审核人|制表人|统计人|单位负责人|负责人)\s*\d*\s*[:：.、]/
const SUBTOTAL = /^(小计|合计|总计|共计)|(小计|合计|总计)(\s*[(（].*[)）])?$/
const SECTION_NUMBERING = /^([一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）])/

/** 建设性质 named by a section heading: "一、续建项目（38个）" → 续建. */
export function natureFromSection(label: string): Nature | undefined {
  if (/续建/.test(label)) return Nature.continued
  if (/前期|预备|储备|谋划/.test(label)) return Nature.preparatory
  if (/新建|新开工|新开/.test(label)) return Nature.new
  return undefined
}

/** "一、" is a top section, "（一）" one inside it, "1." deeper; an unnumbered merged heading is top. */
function sectionLevel(label: string): number {
  if (/^[一二三四五六七八九十]+\s*[、.．]/.test(label)) return 1
  if (/^[(（]\s*[一二三四五六七八九十]+\s*[)）]/.test(label)) return 2
  if (/^[(（]?\s*\d+\s*[)）.、]/.test(label)) return 3
  return 1
}

/** The number of projects a heading declares: "一、续建项目（12个）", "(二)新建项目 共8项". */
export function countInSection(label: string): number | undefined {
  const match = /[(（]\s*(?:共)?\s*(\d+)\s*(?:个|项)(?:项目)?\s*[)）]|共\s*(\d+)\s*(?:个|项)/.exec(label)
  const digits = match?.[1] ?? match?.[2]
  return digits === undefined ? undefined : Number(digits)
}

export function classifyRow(grid: SheetGrid, rowNumber: number, columns: readonly LedgerColumn[]): RowClass {
  const texts = rowTexts(grid, rowNumber)
  const filled = texts.map((text, index) => ({ text, column: index + 1 })).filter(({ text }) => text !== '')
  const first = filled[0]
  if (!first) return { kind: 'blank' }
  if (NOTE_START.test(first.text)) return { kind: 'note' }

  const textOf = (kind: LedgerColumn['kind']) => {
    const column = columns.find((candidate) => candidate.kind === kind)
    return column ? (texts[column.column - 1] ?? '') : ''
  }
  const labels = [textOf('seq'), textOf('name'), first.text].filter((text) => text !== '')
  const subtotal = labels.find((text) => SUBTOTAL.test(text))
  if (subtotal !== undefined) return { kind: 'subtotal', grand: !subtotal.includes('小计') }

  const distinct = new Set(filled.map(({ text }) => text))
  const mergedHeading = distinct.size === 1 && grid.isMergedAcross(rowNumber, first.column)
  const seqIsNumber = /^\d+$/.test(textOf('seq'))
  const heading = labels.find((text) => SECTION_NUMBERING.test(text))
  if (mergedHeading || (!seqIsNumber && heading !== undefined && textOf('unit') === '')) {
    const label = heading ?? first.text
    const nature = natureFromSection(label)
    const declaredCount = countInSection(label)
    return {
      kind: 'section',
      label,
      level: sectionLevel(label),
      ...(nature ? { nature } : {}),
      ...(declaredCount !== undefined ? { declaredCount } : {}),
    }
  }
  return { kind: 'project' }
}
