import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { formatChineseDate, type IsoDate } from '@guatu/shared/domain/dates'
import type { BoardTotals } from '@guatu/shared/domain/meeting'
import { formatYi } from '@guatu/shared/domain/money'
import { STAGES, STAGE_LABEL } from '@guatu/shared/domain/stage'
import type { Minutes, MinutesItem } from '@guatu/shared/domain/minutes'

/** 宋体 for body text and 黑体 for headings: what a government office's Word expects. */
const BODY_FONT = '宋体'
const HEADING_FONT = '黑体'
/** A full-width space: how Chinese documents indent and separate. */
const INDENT = '\u3000'

function text(content: string, options: { bold?: boolean; size?: number; font?: string } = {}): TextRun {
  return new TextRun({ text: content, bold: options.bold, size: options.size ?? 24, font: options.font ?? BODY_FONT })
}

function heading(content: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [text(content, { bold: true, size: 28, font: HEADING_FONT })] })
}

function line(content: string): Paragraph {
  return new Paragraph({ spacing: { after: 80 }, children: [text(content)] })
}

function time(at: string): string {
  const local = new Date(Date.parse(at) + 8 * 3600 * 1000)
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`
}

function itemLines(title: string, items: readonly MinutesItem[]): Paragraph[] {
  if (items.length === 0) return []
  return [line(`${title}：`), ...items.map((item) => line(`${INDENT}${time(item.at)} ${item.projectName}：${item.summary}（${item.actor}）`))]
}

function cell(content: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [text(content, { bold, size: 21 })] })] })
}

function totalsTable(before: BoardTotals, after: BoardTotals): Table {
  const row = (label: string, pick: (totals: BoardTotals) => string) => new TableRow({ children: [cell(label), cell(pick(before)), cell(pick(after))] })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell('', true), cell('会前', true), cell('会后', true)] }),
      row('项目总数', (totals) => `${totals.projectCount} 个`),
      row('总投资', (totals) => `${formatYi(totals.totalInvestmentCents)} 亿元`),
      ...STAGES.map((stage) =>
        row(STAGE_LABEL[stage], (totals) => {
          const entry = totals.byStage[stage] ?? { count: 0, investmentCents: 0 }
          return `${entry.count} 个 / ${formatYi(entry.investmentCents)} 亿元`
        }),
      ),
    ],
  })
}

/** The minutes as a Word document, in the layout offices circulate after a meeting. */
export async function minutesDocx(minutes: Minutes): Promise<Uint8Array> {
  const { meeting } = minutes
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(`${meeting.title}会议纪要`, { bold: true, size: 36, font: HEADING_FONT })] }),
    line(`时间：${formatChineseDate(meeting.date as IsoDate)}${INDENT}主持：${meeting.chairLabel}`),
    line(`参会单位：${meeting.attendees.join('、') || '—'}`),
    heading('一、确定事项清单', HeadingLevel.HEADING_1),
    ...(minutes.decisions.length === 0
      ? [line('本次会议未形成确定事项。')]
      : minutes.decisions.map((decision, index) => line(`${index + 1}. ${decision.projectName}：${decision.content}（交办单位：${decision.assignee}，时限：${formatChineseDate(decision.deadline as IsoDate)}）`))),
    heading('二、各单位汇报及调度情况', HeadingLevel.HEADING_1),
  ]
  for (const unit of minutes.units) {
    const parts = [
      ...itemLines('项目变动', unit.changes),
      ...itemLines('新提出问题', unit.problemsRaised),
      ...itemLines('已解决问题', unit.problemsSolved),
      ...itemLines('下发督办', unit.noticesIssued),
      ...(unit.decisions.length > 0 ? [line('确定事项：'), ...unit.decisions.map((decision) => line(`${INDENT}${decision.projectName}：${decision.content}（${decision.assignee}，${formatChineseDate(decision.deadline as IsoDate)}前）`))] : []),
    ]
    if (parts.length === 0 && !unit.reported) continue
    body.push(heading(unit.unit, HeadingLevel.HEADING_2), ...(parts.length > 0 ? parts : [line('无变动。')]))
  }
  body.push(heading('三、会前会后看板总量', HeadingLevel.HEADING_1), totalsTable(minutes.totalsBefore, minutes.totalsAfter))
  const document = new Document({ sections: [{ children: body }] })
  return new Uint8Array(await Packer.toBuffer(document))
}
