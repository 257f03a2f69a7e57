import { Nature } from '@guatu/shared/domain/nature'
import type { LedgerColumn } from './findTable.ts'
import { rowTexts, type SheetGrid } from './sheetGrid.ts'

export type RowClass =
  | { kind: 'blank' }
  /** 一、续建项目 / （二）新建项目: a heading whose 建设性质 applies to the rows under it. */
  | { kind: 'section'; label: string; nature?: Nature }
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
    return nature ? { kind: 'section', label, nature } : { kind: 'section', label }
  }
  return { kind: 'project' }
}
