import { isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { normalizeText } from './cellText.ts'
import { ReportDateSource, type ReportDate } from './ledgerTypes.ts'
import { rowTexts, type SheetGrid } from './sheetGrid.ts'

const DAY = String.raw`(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?`
const MONTH_END = String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)?`
/** "填报日期：2022年8月20日", "截至2022年8月20日", "截止到2022年7月底", "（2022.8.20）". */
const LABELLED_DAY = new RegExp(String.raw`(?:填报日期|填报时间|报送日期|统计日期|截至|截止(?:到|至)?|数据截至)\s*[:：]?\s*${DAY}`)
const LABELLED_MONTH = new RegExp(String.raw`(?:填报日期|填报时间|报送日期|统计日期|截至|截止(?:到|至)?|数据截至)\s*[:：]?\s*${MONTH_END}`)

/**
 * The date the ledger reports as of: 填报日期 / 截至 in the title rows above the header. A month
 * without a day ("截至2022年7月底") is that month's last day, since offices report at month end.
 */
export function reportDateFromTitle(grid: SheetGrid, headerRowNumber: number): ReportDate | undefined {
  for (let rowNumber = 1; rowNumber < headerRowNumber; rowNumber++) {
    for (const raw of rowTexts(grid, rowNumber)) {
      const found = fromText(normalizeText(raw), ReportDateSource.title)
      if (found) return found
    }
  }
  return undefined
}

/** "示例县重点项目台账（2022年8月20日）.xlsx", "台账20220820.xls", "2022-08-20 台账.csv". */
export function reportDateFromFileName(fileName: string): ReportDate | undefined {
  const name = normalizeText(fileName)
  const patterns = [new RegExp(DAY), /(\d{4})(\d{2})(\d{2})/]
  for (const pattern of patterns) {
    const match = pattern.exec(name)
    const date = match ? isoDay(match[1], match[2], match[3]) : undefined
    if (date && match) return { date, source: ReportDateSource.fileName, text: fileName }
  }
  return undefined
}

function fromText(text: string, source: ReportDateSource): ReportDate | undefined {
  const day = LABELLED_DAY.exec(text)
  if (day) {
    const date = isoDay(day[1], day[2], day[3])
    if (date) return { date, source, text: day[0] }
  }
  const month = LABELLED_MONTH.exec(text)
  if (month) {
    const year = Number(month[1])
    const monthNumber = Number(month[2])
    if (monthNumber >= 1 && monthNumber <= 12) {
      const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()
      const date = isoDay(month[1], month[2], String(last))
      if (date) return { date, source, text: month[0] }
    }
  }
  return undefined
}

function isoDay(year: string | undefined, month: string | undefined, day: string | undefined): IsoDate | undefined {
  if (!year || !month || !day) return undefined
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}
