import { lookbackLines } from '@guatu/shared/lookback/lookbackText'
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx'
import { chineseNumeral, MINUTES_SECTION, UNIT_PART, UNIT_PART_LABEL, type Minutes, type UnitMinutes } from '@guatu/shared/domain/minutes'
import { withoutXmlUnsafeCharacters } from '@guatu/shared/domain/safeText'
import { decisionText, meetingTimeText, totalsRows, unitPartLines } from '@guatu/shared/domain/minutesText'

/**
 * GB/T 9704-2012 (党政机关公文格式), where it applies to a 纪要: A4, margins 37/35/28/26 mm, title in
 * 2号小标宋, body in 3号仿宋 at a fixed 28-point line (22 lines of 28 characters), first-level
 * headings "一、" in 黑体, second-level "（一）" in 楷体, third-level "1." in 仿宋, page numbers
 * "— 1 —" in 4号宋体, right on odd pages and left on even ones. Word substitutes fonts a machine
 * lacks; LibreOffice does the same when it renders the PDF.
 */
export const FONT = { title: '方正小标宋简体', body: '仿宋', heading: '黑体', subheading: '楷体', number: '宋体', latin: 'Times New Roman' } as const
/** Sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt, 5号 10.5pt (tables). */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const
export const MM = 56.7
export const LINE_TWIPS = 560
/** Two characters of 3号: the first-line indent of every body paragraph. */
const INDENT_TWIPS = 640
export const BLACK = '000000'
/** Simplified Chinese, so a renderer picks SC glyphs (not Japanese forms) for shared characters. */
export const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' } as const

/**
 * Every text of the minutes passes here. Characters no .docx can hold are dropped: new text is
 * refused at the schema, but a meeting stored before that rule must still give a valid document.
 */
export function run(text: string, font: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({
    text: withoutXmlUnsafeCharacters(text),
    font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: font },
    size: SIZE.body,
    color: BLACK,
    language: LANGUAGE,
    ...options,
  })
}

export function body(text: string, options: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    indent: options.indent === false ? undefined : { firstLine: INDENT_TWIPS },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, FONT.body)],
  })
}

/** Heading paragraphs keep Word's outline levels (navigation pane) with black, 公文 styles. */
export function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const font = level === 1 ? FONT.heading : level === 2 ? FONT.subheading : FONT.body
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3
  return new Paragraph({ heading: headingLevel, indent: { firstLine: INDENT_TWIPS }, keepNext: true, children: [run(text, font, { bold: level === 3 })] })
}

export function cell(text: string, options: { header?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): TableCell {
  const paragraph = new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { line: 360, lineRule: LineRuleType.AUTO },
    children: [run(text, options.header ? FONT.heading : FONT.body, { size: SIZE.table })],
  })
  return new TableCell({ verticalAlign: VerticalAlign.CENTER, margins: { left: 80, right: 80, top: 40, bottom: 40 }, children: [paragraph] })
}

function totalsTable(minutes: Minutes): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: BLACK }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2800, 2500, 2500, 1045],
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: ['项目', '会前', '会后', '变化'].map((text) => cell(text, { header: true })) }),
      ...totalsRows(minutes.totalsBefore, minutes.totalsAfter).map(
        (row) =>
          new TableRow({ cantSplit: true, children: [cell(row.label, { align: AlignmentType.LEFT }), cell(row.before), cell(row.after), cell(row.change)] }),
      ),
    ],
  })
}

function unitParagraphs(unit: UnitMinutes, index: number): Paragraph[] {
  const title = `（${chineseNumeral(index + 1)}）${unit.unit}${unit.reported ? '' : '（未汇报）'}`
  const parts = UNIT_PART.map((part) => ({ part, lines: unitPartLines(unit, part) })).filter(({ lines }) => lines.length > 0)
  if (parts.length === 0) return [heading(title, 2), body('会议期间无变化。')]
  return [
    heading(title, 2),
    ...parts.flatMap(({ part, lines }, partIndex) => [
      heading(`${partIndex + 1}.${UNIT_PART_LABEL[part]}`, 3),
      ...lines.map((text, i) => body(`（${i + 1}）${text}`)),
    ]),
  ]
}

export function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const number = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: { ascii: FONT.number, hAnsi: FONT.number, eastAsia: FONT.number }, size: SIZE.pageNumber, color: BLACK })
  // "一字" from the edge: one character of 4号 inside the margin.
  const indent = alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 }
  return new Footer({ children: [new Paragraph({ alignment, indent, children: [number(['— ', PageNumber.CURRENT, ' —'])] })] })
}

export const headingStyle = (id: string, name: string, font: string, level: number) => ({
  id,
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: font }, size: SIZE.body, color: BLACK, bold: false },
  paragraph: { spacing: { before: 0, after: 0, line: LINE_TWIPS, lineRule: LineRuleType.EXACT }, outlineLevel: level },
})

/** The minutes as a Word document in the 公文 layout offices circulate after a meeting. */
/** Text width of the A4 公文 page (210 mm less 28 + 26 mm margins) in the 96-dpi pixels docx sizes images in. */
const TEXT_WIDTH_PX = Math.round(((210 - 28 - 26) / 25.4) * 96)

/** A PNG figure across the text width, keeping its 16:10 shape, with its caption centred below. */
export function figure(png: Uint8Array, caption: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // The document's lines are exact (公文 layout): this one may grow to the image's height.
      spacing: { line: LINE_TWIPS, lineRule: LineRuleType.AT_LEAST },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: TEXT_WIDTH_PX, height: Math.round(TEXT_WIDTH_PX * 0.625) } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(caption, FONT.body, { size: SIZE.body - 4 })] }),
  ]
}

/** The minutes in the 公文 layout; `map`, when the board has places, follows the totals. */
export async function minutesDocx(minutes: Minutes, map?: Uint8Array): Promise<Uint8Array> {
  const { meeting } = minutes
  const facts = [
    `时间：${meetingTimeText(meeting)}`,
    `地点：${meeting.location?.trim() || '（未填写）'}`,
    `主持：${meeting.chairLabel}`,
    `参会单位：${meeting.attendees.join('、') || '—'}`,
  ]
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run(meeting.title, FONT.title, { size: SIZE.title })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE_TWIPS },
      children: [run('会议纪要', FONT.title, { size: SIZE.title })],
    }),
    ...facts.map((text) => body(text)),
    heading(`${chineseNumeral(1)}、${MINUTES_SECTION.decisions}`, 1),
    ...(minutes.decisions.length === 0
      ? [body('本次会议未形成确定事项。')]
      : minutes.decisions.map((decision, index) => body(`${index + 1}.${decisionText(decision)}`))),
    heading(`${chineseNumeral(2)}、${MINUTES_SECTION.units}`, 1),
    ...minutes.units.flatMap(unitParagraphs),
    heading(`${chineseNumeral(3)}、${MINUTES_SECTION.totals}`, 1),
    totalsTable(minutes),
    ...(map ? figure(map, '项目分布图（会议结束时，按灯色着色、按阶段区分形状）') : []),
    ...(minutes.lookback
      ? [heading(`${chineseNumeral(4)}、${MINUTES_SECTION.lookback}`, 1), ...lookbackLines(minutes.lookback).map((text, index) => body(`${index + 1}.${text}`))]
      : []),
  ]
  return gongwenDocx(`${meeting.title}会议纪要`, children)
}

/**
 * A 公文-layout Word file (A4, GB/T 9704 margins, 仿宋 body, exact line pitch, page numbers outside
 * on odd and even pages) around `children`: the minutes and the 月报 share it.
 */
export async function gongwenDocx(title: string, children: readonly (Paragraph | Table)[]): Promise<Uint8Array> {
  const document = new Document({
    title: withoutXmlUnsafeCharacters(title),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body }, size: SIZE.body, color: BLACK, language: LANGUAGE },
          paragraph: { spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT } },
        },
      },
      // Every heading level is redefined, so none falls back to Word's blue, even one added by hand.
      paragraphStyles: [
        headingStyle('Heading1', 'heading 1', FONT.heading, 0),
        headingStyle('Heading2', 'heading 2', FONT.subheading, 1),
        headingStyle('Heading3', 'heading 3', FONT.body, 2),
        headingStyle('Heading4', 'heading 4', FONT.body, 3),
        headingStyle('Heading5', 'heading 5', FONT.body, 4),
        headingStyle('Heading6', 'heading 6', FONT.body, 5),
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
              footer: Math.round(25 * MM),
            },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children: [...children],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
