import type { CellValue } from 'exceljs'

/**
 * A cell as the parsers see it: its text, trimmed but otherwise as written (a project's name keeps
 * its full-width parentheses), and, when Excel stored one, the number or date behind it. Formula
 * cells read as their cached result. Parsers of numbers, dates and headers normalize the text
 * themselves with `normalizeText`.
 */
export interface LedgerCell {
  text: string
  number?: number
  date?: Date
}

export const EMPTY_CELL: LedgerCell = { text: '' }

/** Full-width → half-width (（ → (, ： → :, １ → 1) and non-breaking spaces → spaces, then trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim()
}

export function readCell(value: CellValue): LedgerCell {
  if (value === null || value === undefined) return EMPTY_CELL
  if (typeof value === 'number') return { text: numberText(value), number: value }
  if (typeof value === 'string') return { text: value.trim() }
  if (typeof value === 'boolean') return { text: value ? '是' : '否' }
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), date: value }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return {
        text: value.richText
          .map((run) => run.text)
          .join('')
          .trim(),
      }
    }
    if ('result' in value) return readCell((value.result ?? null) as CellValue)
    if ('hyperlink' in value && 'text' in value) return readCell(value.text as CellValue)
    if ('error' in value) return EMPTY_CELL
  }
  return { text: String(value).trim() }
}

/**
 * The shortest decimal text of a number without float noise: a formula's 0.30000000000000004
 * reads "0.3". Fifteen significant digits is what Excel itself keeps.
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return ''
  const text = value.toPrecision(15)
  if (/e/i.test(text)) return exponentialToPlain(text)
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

function exponentialToPlain(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(text)
  if (!match) return text
  const [, sign, lead, rest = '', exp] = match
  const digits = (lead + rest).replace(/0+$/, '') || '0'
  const point = 1 + Number(exp)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

export function isBlankCell(cell: LedgerCell): boolean {
  return cell.text === '' && cell.number === undefined && cell.date === undefined
}
